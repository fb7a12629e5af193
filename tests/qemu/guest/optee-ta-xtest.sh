#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE's own test suite against Crossworld's OP-TEE front end with Debian's
# trusted applications at S-EL0 (docs/optee.md, "Trusted applications"):
# Debian trixie's xtest and tee-supplicant 4.5 in the trixie root at /trixie
# (scripts/mkinitramfs-trixie.sh), through Debian's stock optee.ko. Runs each
# case alone (xtest -t regression <id>, at most xw.xtest_case_s seconds,
# default 60) and prints one line per case, "xtest <id>: PASS|FAIL (why)",
# then "xtest: N passed, N failed". Fails if a case listed in
# xw.xtest_expect=<id>[+<id>...] (the ones that pass today) failed.
R=/trixie
[ -x $R/usr/bin/xtest ] || { echo "no trixie root with xtest in this initramfs"; exit 1; }
[ -c /dev/tee0 ] || { echo "no /dev/tee0: optee.ko did not probe"; exit 1; }
cases="1001 1002 1003 1004 1005 1006 1007 1008 1009 1010 1011 1012 1013 1015 1016 1017 1018
1019 1020 1021 1022 1023 1025 1026 1027 1028 1029 1030 1031 1032 1033 1034 1036 1037 1038
1039 1040 1041 5006"
expect= per=60 verbose=0
for a in $(cat /proc/cmdline); do
	case $a in
	xw.xtest_cases=*) cases=$(echo "${a#xw.xtest_cases=}" | tr + ' ') ;;
	xw.xtest_expect=*) expect=$(echo "${a#xw.xtest_expect=}" | tr + ' ') ;;
	xw.xtest_case_s=*) per=${a#xw.xtest_case_s=} ;;
	xw.xtest_verbose=1) verbose=1 ;; # each case's whole output, for debugging
	esac
done
ip link set lo up || exit 1
mount -t devtmpfs devtmpfs $R/dev || exit 1
mount -t proc proc $R/proc || exit 1
mount -t tmpfs tmpfs $R/tmp || exit 1
chroot $R /usr/sbin/tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
pass=0 fail=0 bad=
for c in $cases; do
	timeout "$per" chroot $R /usr/bin/xtest -t regression "$c" >/tmp/x.log 2>&1
	rc=$?
	[ $verbose = 1 ] && sed 's/^/    | /' /tmp/x.log
	res=$(sed -n 's/^\([0-9]*\) test cases* of which \([0-9]*\) failed.*/\1 \2/p' /tmp/x.log | tail -n 1)
	if [ $rc -eq 0 ] && [ -n "$res" ] && [ "${res#* }" = 0 ] && [ "${res% *}" -gt 0 ]; then
		# A case that skips itself (a missing pseudo-TA, ...) says so: reported with its pass.
		skip=$(grep -iE 'skip' /tmp/x.log | grep -v 'test cases w' | head -n 1 | tr -s ' ' | cut -c1-100)
		echo "xtest $c: PASS${skip:+ (xtest: $skip)}"
		pass=$((pass + 1))
	else
		why=$(grep -m1 -E 'FAILED|failed|Error|error' /tmp/x.log | tr -s ' ' | cut -c1-120)
		[ $rc -eq 124 ] && why="timeout after ${per}s"
		echo "xtest $c: FAIL (exit $rc: ${why:-no summary})"
		# what xtest says went wrong (its assertion lines), for the log
		grep -E 'has 0x|expected|Assertion|ERROR|TEEC_|TEE_' /tmp/x.log | head -n 6 | sed 's/^/    /'
		fail=$((fail + 1))
		for e in $expect; do
			[ "$e" = "$c" ] && bad="$bad $c"
		done
	fi
done
kill $supp
echo "xtest: $pass passed, $fail failed"
[ -z "$bad" ] || { echo "expected to pass but failed:$bad"; exit 1; }
echo "optee ta xtest ok"
