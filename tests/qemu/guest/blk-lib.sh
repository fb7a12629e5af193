#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Sourced by the blk-* guest tests: loads Debian's ext4 (it serves ext2) and its
# dependencies from /lib/xwblk/ once. Run alone, it only does that.
for m in crc16 mbcache jbd2 crc32c_generic ext4; do
	grep -q "^$m " /proc/modules || insmod /lib/xwblk/$m.ko || { echo "insmod $m failed"; exit 1; }
done
mkdir -p /mnt/xw
