#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Not a test of Crossworld: a test of the runner. Loads xwprovoke.ko, which makes
# the kernel report a WARNING (xw.provoke=oops: an Oops) and refuses to load; the
# guest goes on and this test PASSes, so only the runner's log check can fail the
# boot, and tests/qemu/run-all.sh requires that it does.
what=warn
for a in $(cat /proc/cmdline); do
	case $a in xw.provoke=*) what=${a#xw.provoke=} ;; esac
done
insmod /lib/xwprovoke/xwprovoke.ko what=$what
echo "provoke: insmod what=$what returned $? (the kernel report is on the console)"
exit 0
