#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE's own test suite against the trusted OS the firmware hosts (docs/tos.md):
# Debian trixie's xtest and tee-supplicant 4.5 in the trixie root at /trixie
# (scripts/mkinitramfs-trixie.sh), through Debian's stock optee.ko. Which xtest
# tests run comes from the kernel command line: xw.xtest=<id>[+<id>...] (xtest's
# own test ids or prefixes, e.g. 1001+4001), default the whole regression suite.
# Prints xtest's summary as "xtest: <cases> cases, <failed> failed, <skipped>
# skipped; <subtests> subtests, <subfailed> failed"; fails if any case failed,
# none ran, or fewer than xw.xtest_min (default 1) passed.
R=/trixie
[ -x $R/usr/bin/xtest ] || { echo "no trixie root with xtest in this initramfs"; exit 1; }
[ -c /dev/tee0 ] || { echo "no /dev/tee0: optee.ko did not probe"; exit 1; }
sel= min=1
for a in $(cat /proc/cmdline); do
	case $a in
	xw.xtest=*) sel=$(echo "${a#xw.xtest=}" | tr + ' ') ;;
	xw.xtest_min=*) min=${a#xw.xtest_min=} ;;
	esac
done
# The socket tests (2001-2004) talk to a server xtest runs on 127.0.0.1.
ip link set lo up || exit 1
mount -t devtmpfs devtmpfs $R/dev || exit 1
mount -t proc proc $R/proc || exit 1
mount -t tmpfs tmpfs $R/tmp || exit 1
chroot $R /usr/sbin/tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
start=$(date +%s)
# Each case's start goes to the console as it happens (a hang shows where it is).
# shellcheck disable=SC2086 # one word per test id
{ chroot $R /usr/bin/xtest -t regression $sel 2>&1; echo "xtest-exit $?"; } | tee /tmp/xtest.log |
	while read -r l; do
		case $l in "* regression_"*)
			# (uptime not in brackets: the log check reads "[ 1.23] ...lockdep" as the kernel's)
			echo "optee-xtest: at $(cut -d' ' -f1 /proc/uptime) s: ${l#\* }" >/dev/console ;;
		esac
	done
rc=$(sed -n 's/^xtest-exit //p' /tmp/xtest.log)
end=$(date +%s)
kill $supp
# The per-test lines are long: the summary and every failure are what matter here.
grep -E 'FAILED|failed|skipped|subtests|test cases|^[[:space:]]*regression_[0-9.]+ (OK|FAILED|SKIPPED)' /tmp/xtest.log | tail -n 200
cases=$(sed -n 's/^\([0-9]*\) test cases* of which \([0-9]*\) failed.*/\1 \2/p' /tmp/xtest.log | tail -n 1)
subs=$(sed -n 's/^\([0-9]*\) subtests* of which \([0-9]*\) failed.*/\1 \2/p' /tmp/xtest.log | tail -n 1)
skipped=$(sed -n 's/^\([0-9]*\) test cases* w[a-z]* skipped.*/\1/p' /tmp/xtest.log | tail -n 1)
[ -n "$cases" ] && [ -n "$subs" ] || { tail -n 20 /tmp/xtest.log; echo "xtest printed no summary (exit $rc)"; exit 1; }
set -- $cases $subs
echo "xtest: $1 cases, $2 failed, ${skipped:-0} skipped; $3 subtests, $4 failed; $((end - start)) s; selection: ${sel:-all}"
[ "$2" -eq 0 ] && [ "$4" -eq 0 ] || { echo "xtest: $2 case(s) failed"; exit 1; }
# xtest counts the cases it ran; "skipped" are the ones the selection left out.
[ $(($1 - $2)) -ge "$min" ] || { echo "xtest: only $(($1 - $2)) case(s) passed, need $min"; exit 1; }
[ $rc -eq 0 ] || { echo "xtest exited $rc"; exit 1; }
echo "optee xtest ok"
