#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# First boot of the persistence test: mke2fs on the secure-served disk, files
# of known checksums, a manifest, sync; the host then powers the machine off and
# boots again (blk-fs-check).
set -e
. /xw/tests/blk-lib.sh
# ext4 with a journal (Debian's mke2fs): a power-off must leave it fsck-clean.
/sbin/mke2fs -q -F -t ext4 /dev/xwblk0
mount -t ext4 /dev/xwblk0 /mnt/xw
for i in 1 2 3 4 5 6 7 8; do
	head -c $((i * 100000 + 7)) /dev/urandom >/mnt/xw/f$i
done
mkdir /mnt/xw/dir
head -c 3000000 /dev/urandom >/mnt/xw/dir/big
(cd /mnt/xw && sha256sum f* dir/big >manifest)
sync
cat /mnt/xw/manifest
umount /mnt/xw
echo "blk-fs-make: ok"
