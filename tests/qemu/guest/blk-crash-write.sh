#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Power-off in the middle of writes: a background writer keeps creating files,
# each followed by sync and a manifest line (itself synced); this test returns
# while it runs, and /init powers the machine off under it. blk-crash-check,
# on the next boot, finds every file of a complete manifest line intact.
set -e
. /xw/tests/blk-lib.sh
mount -t ext4 /dev/xwblk0 /mnt/xw
mkdir -p /mnt/xw/crash
(
	i=0
	while :; do
		i=$((i + 1))
		head -c $((50000 + i * 997)) /dev/urandom >/mnt/xw/crash/c$i
		sync
		(cd /mnt/xw && sha256sum crash/c$i >>crash.manifest)
		sync
	done
) </dev/null >/dev/null 2>&1 &
sleep 4
echo "blk-crash-write: $(wc -l </mnt/xw/crash.manifest) files flushed so far; powering off under the writer"
