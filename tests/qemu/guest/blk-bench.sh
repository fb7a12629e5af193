#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# bench-blk's guest side (bench/blk/run.sh): each pattern on /dev/xwblk0 and on
# Linux's own virtio-blk (/dev/vda), O_DIRECT, xwbio bench; BENCH lines with
# ratios (higher is better: throughput), and world switches per request.
set -e
secs=5
for a in $(cat /proc/cmdline); do case $a in xw.blksecs=*) secs=${a#xw.blksecs=} ;; esac; done
insmod /lib/xwblk/virtio_mmio.ko
insmod /lib/xwblk/virtio_blk.ko
i=0; while [ ! -b /dev/vda ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -b /dev/vda ] || { echo "no /dev/vda (Linux's virtio-blk)"; exit 1; }
# world switches, requests done, device requests, device latency (us), reaped by a doorbell
ws() { xwbio stats /dev/xwblk0 | awk '{ print $8, $2, $18, $20, $24 }'; }
run() { # name mode bytes depth unit
	a=$(ws)
	o=$(xwbio bench /dev/xwblk0 $2 $3 $4 $secs)
	b=$(ws)
	v=$(xwbio bench /dev/vda $2 $3 $4 $secs)
	echo "$a $b $o" | awk '{ if ($7 > $2) printf "world switches per request (%s): %.2f; %.0f KiB per request; secure device latency %.0f us; reaped by a doorbell %.0f%%\n", "'"$1"'", ($6 - $1) / ($7 - $2), $14 * '"$secs"' * 1024 / ($7 - $2), ($8 > $3 ? ($9 - $4) / ($8 - $3) : 0), ($8 > $3 ? 100 * ($10 - $5) / ($8 - $3) : 0) }'
	if [ "$5" = MiB/s ]; then f=4; else f=2; fi
	echo "$o $v" | awk -v n="$1" -v f=$f -v u="$5" '{ o = $f; v = $(f + 4);
		printf "BENCH %s (higher is better): %.2f %s | virtio-blk %.2f %s | ratio %.3f\n", n, o, u, v, u, (v > 0 ? o / v : 0) }'
}
run blk-seq-read-1MiB seqread 1048576 1 MiB/s
run blk-seq-write-1MiB seqwrite 1048576 1 MiB/s
run blk-rand-read-4KiB-qd1 randread 4096 1 IOPS
run blk-rand-write-4KiB-qd1 randwrite 4096 1 IOPS
run blk-rand-read-4KiB-qd32 randread 4096 32 IOPS
run blk-rand-write-4KiB-qd32 randwrite 4096 32 IOPS
echo "blk-bench: done"
