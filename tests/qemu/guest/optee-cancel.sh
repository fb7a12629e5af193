#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE cancellation and concurrency through Debian's libteec and the stock driver:
# TEEC_RequestCancellation from a second thread ends a 20 s WAIT with
# TEEC_ERROR_CANCEL; then one client thread pinned to every online CPU, all at once.
tee-supplicant >/tmp/supp-cancel.log 2>&1 &
supp=$!
sleep 1
rc=0
# What kernel clients hold all along (optee-rng: a session and its buffer).
base=$(teeclient stats | cut -d' ' -f1-4)
teeclient cancel || { echo "teeclient cancel failed"; rc=1; }
teeclient pinned 30 || { echo "teeclient pinned failed"; rc=1; }
s=$(teeclient stats)
case $s in
"$base "*) ;;
*) echo "secure side kept state: $s (at the start: $base)"; rc=1 ;;
esac
kill $supp
[ $rc -eq 0 ] && echo "optee cancel/pinned ok"
exit $rc
