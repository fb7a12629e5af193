#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# optee-run.sh: the OP-TEE QEMU tests. Each boot loads Debian's tee.ko and
# optee.ko against the secure firmware and runs the OP-TEE guest tests; prints
# PASS/FAIL lines and `N passed, N failed`; exits 1 on any FAIL.
set -uo pipefail
B=${B:-build}
XW_OPTEE_TESTS=${XW_OPTEE_TESTS:-optee-probe,gate,optee-client,optee-cancel,ta-hello}
boots=(
	"optee-smp1|--smp 1 --no-reboot --test boot,$XW_OPTEE_TESTS"
	"optee-smp4|--smp 4 --no-reboot --test boot,$XW_OPTEE_TESTS"
)
pass=0 fail=0
for b in "${boots[@]}"; do
	name=${b%%|*}
	read -r -a opts <<<"${b#*|}"
	echo "=== qemu: $name (${opts[*]})"
	out=$(scripts/qemu-run.sh "${opts[@]}" "qemu-$name" 2>&1)
	rc=$?
	out=$(echo "$out" | sed -E "s#^(PASS|FAIL) #\\1 $name/#")
	echo "$out"
	p=$(echo "$out" | grep -c '^PASS ')
	f=$(echo "$out" | grep -c '^FAIL ')
	if [ $rc -eq 0 ]; then p=$((p + 1)); echo "PASS $name-poweroff"; else f=$((f + 1)); echo "FAIL $name-poweroff: see $B/qemu/qemu-$name/"; fi
	pass=$((pass + p)) fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
