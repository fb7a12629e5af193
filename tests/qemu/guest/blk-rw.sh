#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# xwblk.ko: every secure-served disk reads back what was written (buffered and
# O_DIRECT, 512 B .. 1 MiB, flush), malicious raw requests fail with their
# error codes and leave the disk working, and the secure side's counters move.
set -e
ls /dev/xwblk* >/dev/null 2>&1 || { echo "no /dev/xwblk* (xwblk.ko not loaded?)"; exit 1; }
# A page of normal-world RAM for the raw requests' valid buffer address: the test
# scratch page (mkdtb.sh), which Linux leaves alone.
scratch=0x47ff0000
for d in /dev/xwblk0 /dev/xwblk1; do
	[ -b $d ] || continue
	n=$(blockdev --getsize64 $d)
	echo "$d: $n bytes"
	head -c 1048576 /dev/urandom >/tmp/w.bin
	dd if=/tmp/w.bin of=$d bs=1M count=1 seek=0 conv=fsync 2>/dev/null
	dd if=/tmp/w.bin of=$d bs=512 count=7 seek=$((n / 512 - 7)) conv=fsync 2>/dev/null
	echo 3 >/proc/sys/vm/drop_caches
	dd if=$d of=/tmp/r.bin bs=1M count=1 iflag=direct 2>/dev/null
	cmp /tmp/w.bin /tmp/r.bin || { echo "$d: first MiB differs"; exit 1; }
	dd if=$d of=/tmp/r.bin bs=512 count=7 skip=$((n / 512 - 7)) 2>/dev/null
	head -c 3584 /tmp/w.bin | cmp - /tmp/r.bin || { echo "$d: last sectors differ"; exit 1; }
	if dd if=/dev/zero of=$d bs=512 count=1 seek=$((n / 512)) conv=fsync 2>/dev/null; then
		[ "$(dd if=$d bs=512 skip=$((n / 512)) 2>/dev/null | wc -c)" = 0 ] ||
			{ echo "$d: read past the end"; exit 1; }
	fi
	xwbio bad $d $scratch
	dd if=$d of=/tmp/r.bin bs=1M count=1 iflag=direct 2>/dev/null
	cmp /tmp/w.bin /tmp/r.bin || { echo "$d: differs after the bad requests"; exit 1; }
	xwbio stats $d; grep -i xw /proc/interrupts
done
rm -f /tmp/w.bin /tmp/r.bin
echo "blk-rw: all ok"
