#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Runs cmocka test binaries, each with a hard timeout; prints a per-binary line and a total.
set -uo pipefail
fail=0; n=0
for t in "$@"; do
	n=$((n + 1))
	if timeout 300 "$t"; then
		echo "PASS $t"
	else
		echo "FAIL $t: exit status $?"
		fail=$((fail + 1))
	fi
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
