#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The secure disk's device interrupt starts on CPU 0. With CPU 0 offline,
# synchronous O_DIRECT I/O (one request at a time: no later doorbell would
# harvest a stuck completion) must still complete, because the secure side
# moves the interrupt when its CPU goes off; then CPU 0 comes back.
set -e
c0=/sys/devices/system/cpu/cpu0/online
[ -w $c0 ] || { echo "cpu0 cannot go offline here"; exit 1; }
echo 0 >$c0
echo "cpu0 offline; online: $(cat /sys/devices/system/cpu/online)"
head -c 2097152 /dev/urandom >/tmp/c0.bin
ok=1
timeout 60 dd if=/tmp/c0.bin of=/dev/xwblk0 bs=4096 seek=256 oflag=direct 2>/dev/null || ok=0
timeout 60 dd if=/dev/xwblk0 of=/tmp/c0.out bs=4096 skip=256 count=512 iflag=direct 2>/dev/null || ok=0
echo 1 >$c0
echo "cpu0 back; online: $(cat /sys/devices/system/cpu/online)"
[ $ok = 1 ] || { echo "I/O with cpu0 offline did not complete in 60 s"; exit 1; }
cmp /tmp/c0.bin /tmp/c0.out || { echo "data differs"; exit 1; }
rm -f /tmp/c0.bin /tmp/c0.out
echo "512 synchronous 4 KiB writes and reads with cpu0 offline: ok"
