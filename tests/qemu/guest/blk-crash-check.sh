#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# After a power cut (tests/qemu/blk-powercut.sh kills QEMU under blk-crash-write):
# mounting replays the ext4 journal, then Debian's e2fsck (forced, read-only) must
# find the file system clean; the files of the first boot (blk-fs-make's manifest)
# are intact; and every file under /mnt/xw/cut/ is listed with its checksum as
# "XWHAVE <name> <sha256>": the host compares that list with the files the writers
# reported fsync'ed before each cut (docs/block.md, docs/normal-world.md).
set -e
. /xw/tests/blk-lib.sh
mount -t ext4 /dev/xwblk0 /mnt/xw
umount /mnt/xw
if ! /sbin/e2fsck -fn /dev/xwblk0 >/tmp/e2fsck.log 2>&1; then
	cat /tmp/e2fsck.log
	echo "e2fsck found errors after the power cut"
	exit 1
fi
echo "blk-crash-check: e2fsck -fn: $(tail -n 1 /tmp/e2fsck.log)"
mount -t ext4 /dev/xwblk0 /mnt/xw
cd /mnt/xw
sha256sum -c manifest >/dev/null
n=0
if [ -d cut ]; then
	for f in cut/*; do
		[ -f "$f" ] || continue
		echo "XWHAVE ${f#cut/} $(sha256sum <"$f" | cut -d' ' -f1)"
		n=$((n + 1))
	done
fi
cd /
umount /mnt/xw
echo "blk-crash-check: file system clean, first boot's files intact, $n files listed for the host"
