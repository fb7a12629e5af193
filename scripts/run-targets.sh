#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# run-targets.sh <label> <target>...: runs each make target in turn, keeps going after
# a failure, prints a summary and exits non-zero if any target failed.
set -uo pipefail
label=$1; shift
passed=(); failed=()
for t in "$@"; do
	echo "=== $label: make $t"
	start=$(date +%s)
	if ${MAKE:-make} --no-print-directory "$t"; then
		passed+=("$t"); echo "=== $label: $t ok ($(( $(date +%s) - start ))s)"
	else
		failed+=("$t"); echo "=== $label: $t FAILED ($(( $(date +%s) - start ))s)"
	fi
done
echo "=== $label summary: ${#passed[@]} passed, ${#failed[@]} failed${failed:+: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
