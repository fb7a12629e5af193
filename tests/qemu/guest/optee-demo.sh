#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's OP-TEE step: Debian's libteec and tee-supplicant, through the stock
# tee.ko/optee.ko driver, talking to the Crossworld secure kernel.
[ -c /dev/tee0 ] || { echo "no /dev/tee0: the stock OP-TEE driver did not probe"; exit 1; }
echo "demo: stock driver probed: $(dmesg | grep -m1 -o 'optee: revision [0-9.]*.*' || echo '?')"
tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
teeclient demo
rc=$?
kill $supp 2>/dev/null
exit $rc
