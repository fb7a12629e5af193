#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Firmware smoke test: boots build/fw/xw-bios.bin with the bare normal-world
# payload build/fw/xw-smoke.bin under QEMU, once per CPU count given.
# Usage: fw-smoke.sh <build-dir> <ncpus>|max:<ncpus>|el2:<ncpus>...
# max:N boots -cpu max (SVE, SME, PAuth) instead of cortex-a57 and also
# requires those features usable by the normal world and a secure-world
# PAuth instruction answered by the monitor with Undefined Instruction.
# el2:N boots with virtualization=on (the payload runs at EL2) and also
# requires the SMCs it makes from an AArch32 EL1 to be answered.
# Passes iff every boot printed "0 failed" (and the secure kernel's memory
# protection and trap self-test its 8 passes on the secure log), brought every CPU online and
# ended QEMU itself with status 0 (PSCI SYSTEM_OFF) within the timeout.
# Logs of failed boots stay in <build-dir>/fw/test/.
set -uo pipefail
B=${1:?build dir}; shift
out="$B/fw/test"
mkdir -p "$out"
fail=0
for arg in "$@"; do
	cpu=cortex-a57 virt=off n=$arg name=smp$arg
	if [ "${arg#max:}" != "$arg" ]; then
		cpu=max n=${arg#max:} name=max-smp${arg#max:}
	elif [ "${arg#el2:}" != "$arg" ]; then
		virt=on n=${arg#el2:} name=el2-smp${arg#el2:}
	fi
	ns="$out/$name-normal.log" sec="$out/$name-secure.log"
	rm -f "$ns" "$sec"
	timeout 60 qemu-system-aarch64 \
		-machine virt,secure=on,gic-version=3,virtualization=$virt \
		-cpu "$cpu" -m 1024 -smp "$n" -nic none -nographic -monitor none \
		-bios "$B/fw/xw-bios.bin" \
		-device loader,file="$B/fw/xw-smoke.bin",addr=0x40200000 \
		-serial file:"$ns" -serial file:"$sec" </dev/null
	rc=$?
	why=""
	[ "$rc" -eq 0 ] || why="qemu exit status $rc (124 = timeout)"
	grep -q '^[0-9]* passed, 0 failed' "$ns" || why="${why:+$why; }checks failed"
	grep -q "^cpus online: $n" "$ns" || why="${why:+$why; }not all $n CPUs came online"
	grep -q '^M: EL3 MMU on, caches on, WXN on' "$sec" ||
		why="${why:+$why; }EL3 MMU not on"
	# The secure kernel's boot self-test of its own map (secure/arch/aarch64/memprot.c).
	grep -q '^S: self-test: 8 passed, 0 failed' "$sec" ||
		why="${why:+$why; }secure self-test failed"
	# Debian's crypto library at S-EL1 on known answers (secure/ta/ta_selftest.c).
	grep -q '^S: TA signature check ok' "$sec" ||
		why="${why:+$why; }TA signature self-test failed"
	if [ "$cpu" = max ]; then
		for t in ns_sve_untrapped ns_sme_untrapped ns_pauth_untrapped; do
			grep -q "^PASS $t" "$ns" || why="${why:+$why; }no PASS $t"
		done
		grep -q '^M: cpu 0: EC 0x9 from secure EL1 .*undefined instruction injected' "$sec" ||
			why="${why:+$why; }monitor did not inject UNDEF for the secure PACGA"
	fi
	if [ "$virt" = on ]; then
		for t in aarch32_smc32_psci_version aarch32_smc64_id_unknown \
			aarch32_smc64_did_nothing aarch32_smc32_secure_add32; do
			grep -q "^PASS $t" "$ns" || why="${why:+$why; }no PASS $t"
		done
	fi
	if [ "$n" -gt 1 ]; then
		grep -q '^hotplug cycles: 100' "$ns" || why="${why:+$why; }hotplug cycles incomplete"
	fi
	if [ -z "$why" ]; then
		echo "PASS fw-smoke-$name ($(grep -c '^PASS' "$ns") checks)"
		rm -f "$ns" "$sec"
	else
		echo "FAIL fw-smoke-$name: $why (logs: $ns $sec)"
		grep -h '^FAIL\|^S: FAIL\|PANIC' "$ns" "$sec" | head -20
		fail=$((fail + 1))
	fi
done
echo "$(($# - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
