#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# run-all.sh [--nofw]: the QEMU integration suite. Each boot below runs its guest
# tests and powers off; a boot that powers off cleanly (QEMU exit status 0, all its
# tests passed, no panic, no timeout) also counts as `PASS <boot>-poweroff`.
# Prints every PASS/FAIL line and a final `N passed, N failed`; exits 1 on any FAIL.
# --nofw: the same images on QEMU's own PSCI without secure firmware (no SMC tests).
set -uo pipefail

B=${B:-build}
nofw=()
[ "${1:-}" = --nofw ] && nofw=(--nofw)
# Calls per CPU, all CPUs at once (4 x 10^5 on -smp 4). XW_STRESS overrides.
stress=${XW_STRESS:-100000}

if [ ${#nofw[@]} -eq 0 ]; then
	boots=(
		"smp1|--smp 1 --no-reboot --test boot,smc,gate"
		"smp2|--smp 2 --no-reboot --test boot,smc,hotplug"
		"smp4|--smp 4 --no-reboot --test boot,smc,stress --append xw.stress=$stress"
		"reboot|--smp 2 --boots 2 --test boot,reboot"
	)
else
	boots=(
		"nofw-smp1|--smp 1 --no-reboot --test boot"
		"nofw-smp2|--smp 2 --no-reboot --test boot"
		"nofw-smp4|--smp 4 --no-reboot --test boot"
		"nofw-reboot|--smp 2 --boots 2 --test boot,reboot"
	)
fi

pass=0 fail=0 start=$(date +%s)
for b in "${boots[@]}"; do
	name=${b%%|*}
	read -r -a opts <<<"${b#*|}"
	echo "=== qemu: $name (${opts[*]})"
	out=$(scripts/qemu-run.sh "${nofw[@]}" "${opts[@]}" "qemu-$name" 2>&1)
	rc=$?
	# Name each guest test after its boot: PASS smp2/hotplug.
	out=$(echo "$out" | sed -E "s#^(PASS|FAIL) #\\1 $name/#")
	echo "$out"
	# In a reboot test the first boot runs `boot` too: count each name once.
	p=$(echo "$out" | grep '^PASS ' | sort -u | wc -l)
	f=$(echo "$out" | grep -c '^FAIL ')
	if [ $rc -eq 0 ]; then
		echo "PASS $name-poweroff"
		p=$((p + 1))
	else
		echo "FAIL $name-poweroff: see $B/qemu/qemu-$name/"
		f=$((f + 1))
	fi
	pass=$((pass + p)) fail=$((fail + f))
done
# The runner's log check must fail a boot whose kernel complained and went on: a
# guest test makes the kernel WARN (xwprovoke.ko) and passes; the boot must FAIL,
# and for that reason (tests/qemu/guest/provoke.sh, scripts/qemu-logcheck.sh).
if [ ${#nofw[@]} -eq 0 ]; then
	echo "=== qemu: log-check (a provoked kernel WARNING must fail the boot)"
	out=$(scripts/qemu-run.sh --smp 1 --no-reboot --timeout 180 --test provoke qemu-provoke 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && echo "$out" | grep -q '^qemu-run: qemu-provoke: normal-world kernel report: .*WARNING: CPU' &&
		echo "$out" | grep -qx 'PASS provoke'; then
		echo "PASS log-check-provoked-warning"
		pass=$((pass + 1))
	else
		echo "$out" | tail -n 20
		echo "FAIL log-check-provoked-warning: the boot with a kernel WARNING did not fail for it (rc $rc)"
		fail=$((fail + 1))
	fi
fi
echo "qemu suite took $(($(date +%s) - start))s"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
