#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# After a power-off and a new boot: the file system mounts and every file the
# manifest names has its checksum.
set -e
. /xw/tests/blk-lib.sh
mount -t ext4 /dev/xwblk0 /mnt/xw
cd /mnt/xw
[ -s manifest ] || { echo "no manifest"; exit 1; }
sha256sum -c manifest
n=$(wc -l <manifest)
cd /
umount /mnt/xw
echo "blk-fs-check: $n files verified"
