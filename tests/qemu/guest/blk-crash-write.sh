#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# One cycle of the power-cut test (tests/qemu/blk-powercut.sh drives it, xw.cut=K
# on the command line): first blk-crash-check (the previous cut left a clean file
# system and every file it reported), then write until the host kills QEMU. This
# test never returns: /init's poweroff would sync, and the point is a cut with
# writes in flight. Everything goes to /dev/console at once (run-tests would only
# show this test's output after it returned):
#   XWHAVE <name> <sha256>   files found (from blk-crash-check)
#   blk-crash-write: writing the host starts its random delay here
#   XWCUT <name> <sha256>    <name> was written, fsync'ed, its directory fsync'ed
# A background writer keeps rewriting an unsynced file meanwhile, so that the cut
# also finds buffered data and journal commits in flight.
k=0
for a in $(cat /proc/cmdline); do
	case $a in xw.cut=*) k=${a#xw.cut=} ;; esac
done
exec >/dev/console 2>&1
if ! /xw/tests/blk-crash-check.sh; then
	echo "FAIL blk-crash-write: the check before cut $k failed"
	exit 1
fi
. /xw/tests/blk-lib.sh
mount -t ext4 /dev/xwblk0 /mnt/xw || { echo "FAIL blk-crash-write: mount"; exit 1; }
# busybox's sync with FILE arguments fsyncs each (FEATURE_SYNC_FANCY; -d exists
# only then): files and directories alike.
sync -d /mnt/xw || { echo "FAIL blk-crash-write: busybox sync cannot fsync a file"; exit 1; }
mkdir -p /mnt/xw/cut
sync /mnt/xw
(
	while :; do
		dd if=/dev/urandom of=/mnt/xw/noise bs=16k count=$(($(od -An -N1 -tu1 /dev/urandom) % 64 + 1)) 2>/dev/null
	done
) </dev/null >/dev/null 2>&1 &
echo "blk-crash-write: writing (cut $k)"
i=0
while :; do
	i=$((i + 1))
	n=$(($(od -An -N2 -tu2 /dev/urandom) + 1))
	head -c $n /dev/urandom >/tmp/src
	sum=$(sha256sum </tmp/src | cut -d' ' -f1)
	# Every other file fsync'ed by dd itself before it closes (busybox dd has no
	# oflag=sync), the others written and then fsync'ed by another process.
	if [ $((i % 2)) -eq 0 ]; then
		dd if=/tmp/src of=/mnt/xw/cut/$k-$i bs=4k conv=fsync 2>/dev/null ||
			{ echo "FAIL blk-crash-write: dd conv=fsync"; exit 1; }
	else
		dd if=/tmp/src of=/mnt/xw/cut/$k-$i bs=4k 2>/dev/null && sync /mnt/xw/cut/$k-$i ||
			{ echo "FAIL blk-crash-write: write/fsync"; exit 1; }
	fi
	sync /mnt/xw/cut
	echo "XWCUT $k-$i $sum"
done
