#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The TA benchmark in one boot (bench/optee/ta-run.sh): tee-supplicant 4.5 from
# the trixie root (scripts/mkinitramfs-trixie.sh) serves Debian's TAs, then
# teeclient bench runs against a user TA (side "ta": Debian's sims) and, with
# xw.bench_builtin=1, against this OS's built-in test service too.
R=/trixie
[ -x $R/usr/sbin/tee-supplicant ] || { echo "no trixie root in this initramfs"; exit 1; }
side=crossworld builtin=0
for a in $(cat /proc/cmdline); do
	case $a in
	xw.bench_side=*) side=${a#xw.bench_side=} ;;
	xw.bench_builtin=1) builtin=1 ;;
	esac
done
mount -t devtmpfs devtmpfs $R/dev || exit 1
mount -t proc proc $R/proc || exit 1
mount -t tmpfs tmpfs $R/tmp || exit 1
chroot $R /usr/sbin/tee-supplicant >/tmp/supp.log 2>&1 &
supp=$!
sleep 1
kill -0 $supp 2>/dev/null || { cat /tmp/supp.log; echo "tee-supplicant did not stay up"; exit 1; }
rc=0
teeclient bench ta >/tmp/bench-ta.txt || rc=1
sed 's/^bench: /bench: ta /' /tmp/bench-ta.txt
if [ $builtin = 1 ]; then
	teeclient bench "$side" >/tmp/bench-builtin.txt || rc=1
	sed 's/^bench: /bench: builtin /' /tmp/bench-builtin.txt
fi
kill $supp
exit $rc
