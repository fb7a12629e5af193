#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# After the power-off under blk-crash-write: the file system mounts, the files
# of the first boot are intact, and every file with a complete manifest line
# (it was synced before its line was written) has its checksum. busybox has no
# fsck for ext2: the manifests are the check (docs/block.md).
set -e
. /xw/tests/blk-lib.sh
mount -t ext2 /dev/xwblk0 /mnt/xw
cd /mnt/xw
sha256sum -c manifest >/dev/null
grep -E '^[0-9a-f]{64}  crash/c[0-9]+$' crash.manifest >/tmp/complete || true
n=$(wc -l </tmp/complete)
[ "$n" -ge 1 ] || { echo "no file was flushed before the power-off"; exit 1; }
sha256sum -c /tmp/complete >/dev/null
cd /
umount /mnt/xw
echo "blk-crash-check: $n flushed files intact after the power-off"
