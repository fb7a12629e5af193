#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# xtest-run.sh: OP-TEE's xtest (Debian trixie, unmodified) against Crossworld's
# own OP-TEE front end, with Debian's trusted applications loaded through
# tee-supplicant and run at S-EL0 (docs/optee.md, "Trusted applications"). One
# boot (-smp 2) runs the 1000-series cases and 5006 one by one
# (tests/qemu/guest/optee-ta-xtest.sh): one line per case, then `N passed, N
# failed`. Fails if a case in tests/qemu/xtest-expect (the cases that pass
# today) fails, or the boot's checks fail.
#   XW_XTEST_CASES=<id>[+<id>...]   run only these cases
#   XW_XTEST_VERBOSE=1              print each case's whole xtest output
#   XW_XTEST_SMP=N                  CPUs (default 2; 1 and 4 pass the same cases)
set -uo pipefail
B=${B:-build}
expect=$(sed -e 's/#.*//' tests/qemu/xtest-expect | tr -s ' \n' '+' | sed -e 's/^+//' -e 's/+$//')
app="xw.xtest_expect=${expect:-none}${XW_XTEST_CASES:+ xw.xtest_cases=$XW_XTEST_CASES}"
[ "${XW_XTEST_VERBOSE:-0}" = 1 ] && app="$app xw.xtest_verbose=1"
start=$(date +%s)
echo "=== qemu: xtest against Crossworld's TA support (expected to pass: ${expect:-none})"
out=$(scripts/qemu-run.sh --smp "${XW_XTEST_SMP:-2}" --no-reboot --timeout 400 --initrd "$B/qemu/initramfs-xtest.cpio" \
	--test boot,optee-probe,optee-ta-xtest --append "$app" qemu-xtest-ta 2>&1)
rc=$?
echo "$out" | grep -v "^  optee-ta-xtest: "
sed -n 's/^  optee-ta-xtest: \(xtest .*\|    .*\)/\1/p' "$B/qemu/qemu-xtest-ta/console.log" 2>/dev/null
echo "xtest suite took $(($(date +%s) - start))s"
p=$(sed -n 's/^  optee-ta-xtest: xtest [0-9]*: PASS.*/x/p' "$B/qemu/qemu-xtest-ta/console.log" 2>/dev/null | wc -l)
f=$(sed -n 's/^  optee-ta-xtest: xtest [0-9]*: FAIL.*/x/p' "$B/qemu/qemu-xtest-ta/console.log" 2>/dev/null | wc -l)
echo "$p passed, $f failed"
[ $rc -eq 0 ]
