#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# xwblk.ko: every secure-served disk reads back what was written (buffered and
# O_DIRECT, 512 B .. 1 MiB, flush), malicious raw requests fail with their
# error codes and leave the disk working, and the secure side's counters move:
# completed requests, exactly the 15 rejected ones, kicks, and device requests on
# the virtio disk (none on the secure RAM disk).
set -e
# field NAME "STATS LINE": the number after NAME in an `xwbio stats` line.
field() { echo "$2" | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }
ls /dev/xwblk* >/dev/null 2>&1 || { echo "no /dev/xwblk* (xwblk.ko not loaded?)"; exit 1; }
# A page of normal-world RAM for the raw requests' valid buffer address: the test
# scratch page (mkdtb.sh), which Linux leaves alone.
scratch=0x47ff0000
for d in /dev/xwblk0 /dev/xwblk1; do
	[ -b $d ] || continue
	n=$(blockdev --getsize64 $d)
	echo "$d: $n bytes"
	s0=$(xwbio stats $d)
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
	s1=$(xwbio stats $d)
	echo "$s1"; grep -i xw /proc/interrupts
	d_done=$(($(field done "$s1") - $(field done "$s0")))
	d_rejected=$(($(field rejected "$s1") - $(field rejected "$s0")))
	d_kicks=$(($(field kicks "$s1") - $(field kicks "$s0")))
	d_dev_reqs=$(($(field dev_reqs "$s1") - $(field dev_reqs "$s0")))
	echo "$d: counters moved: done +$d_done rejected +$d_rejected kicks +$d_kicks dev_reqs +$d_dev_reqs"
	[ "$d_done" -ge 5 ] || { echo "$d: completed requests moved by $d_done, want >= 5"; exit 1; }
	[ "$d_rejected" -eq 15 ] || { echo "$d: rejected requests moved by $d_rejected, want 15"; exit 1; }
	[ "$d_kicks" -ge 1 ] || { echo "$d: no doorbell (kick) counted"; exit 1; }
	if dmesg | grep -q "${d#/dev/}: .*secure RAM"; then
		[ "$d_dev_reqs" -eq 0 ] || { echo "$d: the RAM disk made $d_dev_reqs device requests"; exit 1; }
	else
		[ "$d_dev_reqs" -ge 1 ] || { echo "$d: the virtio disk made no device request"; exit 1; }
	fi
done
rm -f /tmp/w.bin /tmp/r.bin
echo "blk-rw: all ok"
