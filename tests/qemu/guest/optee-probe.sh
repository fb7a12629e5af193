#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The stock OP-TEE driver (tee.ko + optee.ko) probed Crossworld's OP-TEE front end:
# /dev/tee0 and /dev/teepriv0 exist, dynamic shared memory is on, and the driver
# logged no error or warning.
fail=0
log=$(dmesg | grep -i -E 'optee|tee:')
echo "$log"
for d in /dev/tee0 /dev/teepriv0; do
	[ -c "$d" ] || { echo "no $d"; fail=1; }
done
echo "$log" | grep -q 'optee: dynamic shared memory is enabled' || { echo "no dynamic shm"; fail=1; }
echo "$log" | grep -q 'optee: initialized driver' || { echo "driver not initialized"; fail=1; }
bad=$(dmesg -l err,warn 2>/dev/null | grep -i -E 'optee|tee' || true)
[ -z "$bad" ] || { echo "driver errors/warnings: $bad"; fail=1; }
[ $fail -eq 0 ] || { echo "optee probe failed"; exit 1; }
echo "optee probe ok"
