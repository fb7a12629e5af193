#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Debian's libteec and tee-supplicant against Crossworld through the stock driver:
# every parameter type and size, many sessions and threads (teeclient test), then
# a client killed in the middle of a call leaves no session or shm object behind.
tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
teeclient test || { echo "teeclient test failed"; exit 1; }
teeclient hang 1500 &
pid=$!
sleep 0.5
kill -9 $pid
wait $pid 2>/dev/null
sleep 2
s=$(teeclient stats)
echo "after the killed client: $s"
case $s in
"sessions 0 shm 0 "*) ;;
*) echo "secure side kept state of the killed client: $s"; exit 1 ;;
esac
kill $supp
bad=$(dmesg -l err,warn 2>/dev/null | grep -i -E 'optee|tee' || true)
[ -z "$bad" ] || { echo "driver errors/warnings: $bad"; exit 1; }
echo "optee client ok"
