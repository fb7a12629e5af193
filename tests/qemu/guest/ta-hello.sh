#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The example TA (ta/hello/, built with Debian's dev kit) through tee-supplicant
# and the stock driver: its client gets every answer right; then the same TA
# with one byte of its ELF changed is refused with TEE_ERROR_SECURITY and
# nothing of it runs. Needs TA loading at S-EL0 (issue 11):
#   make test-optee (in its default list)
ta=/lib/optee_armtz/6ecf611e-4beb-4763-9269-40e2d0b38d4c.ta
tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
tahello >/tmp/tahello.log 2>&1
rc=$?
cat /tmp/tahello.log
[ $rc -eq 0 ] && grep -q '^tahello: ok' /tmp/tahello.log || { echo "the example TA failed (status $rc)"; exit 1; }
# A tampered copy: one byte of the ELF (the bootstrap header ends at 328).
cp $ta /tmp/ta.orig
printf 'X' | dd of=$ta bs=1 seek=4096 conv=notrunc 2>/dev/null
cmp -s $ta /tmp/ta.orig && { echo "could not change the TA file"; exit 1; }
tahello >/tmp/tahello.log 2>&1
rc=$?
cp /tmp/ta.orig $ta
cat /tmp/tahello.log
[ $rc -ne 0 ] && grep -q 'OpenSession: 0xffff000f' /tmp/tahello.log ||
	{ echo "a tampered TA was not refused with TEE_ERROR_SECURITY"; exit 1; }
kill $supp
echo "ta-hello: ok"
