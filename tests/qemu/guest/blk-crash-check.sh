#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# After the power-off under blk-crash-write: mounting replays the ext4 journal,
# then Debian's e2fsck (forced, read-only) must find the file system clean; the
# files of the first boot are intact, and every file with a complete manifest
# line (it was synced before its line was written) has its checksum
# (docs/block.md).
set -e
. /xw/tests/blk-lib.sh
mount -t ext4 /dev/xwblk0 /mnt/xw
umount /mnt/xw
if ! /sbin/e2fsck -fn /dev/xwblk0 >/tmp/e2fsck.log 2>&1; then
	cat /tmp/e2fsck.log
	echo "e2fsck found errors after the power-off"
	exit 1
fi
echo "blk-crash-check: e2fsck -fn: $(tail -n 1 /tmp/e2fsck.log)"
mount -t ext4 /dev/xwblk0 /mnt/xw
cd /mnt/xw
sha256sum -c manifest >/dev/null
grep -E '^[0-9a-f]{64}  crash/c[0-9]+$' crash.manifest >/tmp/complete || true
n=$(wc -l </tmp/complete)
[ "$n" -ge 1 ] || { echo "no file was flushed before the power-off"; exit 1; }
sha256sum -c /tmp/complete >/dev/null
cd /
umount /mnt/xw
echo "blk-crash-check: $n flushed files intact after the power-off"
