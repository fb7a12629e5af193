#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's block step: /dev/xwblk0 is a virtio disk only the secure world
# drives (qemu-demo.sh gives the boot one with --disk); Linux formats it,
# mounts it, writes a file, syncs, drops its caches and reads the file back
# from the disk through the secure world (cmp); then the secure side's counters.
set -e
. /xw/tests/blk-lib.sh
[ -b /dev/xwblk0 ] || { echo "no /dev/xwblk0 (xwblk.ko not loaded, or no --disk?)"; exit 1; }
echo "demo: xwblk.ko: $(dmesg | grep -m1 -o 'xwblk0: .*' || echo '?')"
echo "demo: /dev/xwblk0: $(($(blockdev --getsize64 /dev/xwblk0) >> 20)) MiB, served by the secure kernel's virtio-blk driver"
mke2fs -q /dev/xwblk0 >/dev/null
mount -t ext2 /dev/xwblk0 /mnt/xw
echo "demo: mke2fs + mount: $(df -k /mnt/xw | awk 'NR == 2 { print $2 " KiB, " $4 " KiB free" }')"
head -c 2000000 /dev/urandom >/tmp/blk-demo.in
cp /tmp/blk-demo.in /mnt/xw/demo.bin
sync
# Unmount and mount again, caches dropped: the read comes from the disk.
umount /mnt/xw
echo 3 >/proc/sys/vm/drop_caches
mount -t ext2 /dev/xwblk0 /mnt/xw
cmp /tmp/blk-demo.in /mnt/xw/demo.bin
echo "demo: a 2000000-byte file written to ext2 on /dev/xwblk0, synced, remounted, read back: identical (cmp)"
echo "demo: sha256 $(sha256sum /mnt/xw/demo.bin | cut -c1-16)..."
umount /mnt/xw
rm -f /tmp/blk-demo.in
xwbio stats /dev/xwblk0 | sed "s/^/demo: secure-side counters: /"
