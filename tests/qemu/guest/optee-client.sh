#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Debian's libteec and tee-supplicant against Crossworld through the stock driver:
# every parameter type and size, many sessions and threads (teeclient test), then
# a client killed in the middle of a call leaves no session or shm object behind.
tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
# What kernel clients hold all along (optee-rng: a session and its buffer).
base=$(teeclient stats | cut -d' ' -f1-4)
nbase=$(echo "$base" | cut -d' ' -f2)
echo "before: $base"
teeclient test || { echo "teeclient test failed"; exit 1; }
# The client must be inside its call when killed: it has said it is calling, the
# secure side holds its session (and no other) then, it has not printed that the
# call returned, and it dies of the SIGKILL (status 137), not of its own accord.
teeclient hang 5000 >/tmp/hang.log 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q '^hang: waiting' /tmp/hang.log && break; sleep 0.05; done
grep -q '^hang: waiting' /tmp/hang.log || { cat /tmp/hang.log; echo "the client never started its call"; exit 1; }
sleep 0.3
during=$(teeclient stats)
kill -9 $pid
wait $pid 2>/dev/null
rc=$?
cat /tmp/hang.log
echo "during the client's call: $during; it ended with status $rc"
case $during in
"sessions $((nbase + 1)) "*) ;;
*) echo "the secure side held no session of the client during its call: $during"; exit 1 ;;
esac
! grep -q '^hang: returned' /tmp/hang.log || { echo "the call returned before the kill"; exit 1; }
[ $rc -eq 137 ] || { echo "the client was not killed by the SIGKILL (status $rc)"; exit 1; }
sleep 2
s=$(teeclient stats)
echo "after the killed client: $s"
case $s in
"$base "*) ;;
*) echo "secure side kept state of the killed client: $s (before: $base)"; exit 1 ;;
esac
kill $supp
bad=$(dmesg -l err,warn 2>/dev/null | grep -i -E 'optee|tee' || true)
[ -z "$bad" ] || { echo "driver errors/warnings: $bad"; exit 1; }
echo "optee client ok"
