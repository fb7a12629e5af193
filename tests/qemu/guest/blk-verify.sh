#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Random 4 KiB O_DIRECT writes and reads from two threads per CPU over the
# whole secure virtio disk, every read checked (xwbio verify); XW_BLK_SECONDS
# on the kernel command line (xw.blksecs=N) sets the length, default 40 s.
set -e
secs=40
for a in $(cat /proc/cmdline); do case $a in xw.blksecs=*) secs=${a#xw.blksecs=} ;; esac; done
xwbio verify /dev/xwblk0 "$secs" $(($(nproc) * 2))
xwbio verify /dev/xwblk1 5 $(nproc)
xwbio stats /dev/xwblk0
echo "blk-verify: ok"
