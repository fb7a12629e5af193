#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's OP-TEE step: Debian's libteec and tee-supplicant, through the stock
# tee.ko/optee.ko driver, talking to the Crossworld secure kernel; then the
# project's example TA (ta/hello/, signed with Debian's dev kit) loaded from
# /lib/optee_armtz by tee-supplicant, verified and run at S-EL0, and its client
# tahello (docs/optee.md "Writing a TA").
[ -c /dev/tee0 ] || { echo "no /dev/tee0: the stock OP-TEE driver did not probe"; exit 1; }
echo "demo: stock driver probed: $(dmesg | grep -m1 -o 'optee: revision [0-9.]*.*' || echo '?')"
tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
teeclient demo
rc=$?
if [ $rc -eq 0 ]; then
	echo "demo: the example TA 6ecf611e-... (ta/hello) through tee-supplicant, at S-EL0:"
	tahello
	rc=$?
fi
kill $supp 2>/dev/null
exit $rc
