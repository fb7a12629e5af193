#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The entropy benchmark in one boot (bench/rng/run.sh reads the lines): /dev/hwrng
# through each secure-world interface (smccc_trng, optee-rng) beside Linux's own
# virtio-rng (a second QEMU virtio-rng device, transport 21: the anchor), each
# selected in turn with rng_current and read the same way by xwrng.
N=${XW_RNG_BENCH_BYTES:-1048576}
sel=/sys/class/misc/hw_random/rng_current
insmod /lib/xwblk/virtio_mmio.ko 2>/dev/null
insmod /lib/xwrng/virtio-rng.ko || { echo "cannot load virtio-rng"; exit 1; }
sleep 1
avail=$(cat /sys/class/misc/hw_random/rng_available)
echo "rng_available: $avail"
anchor=$(echo "$avail" | tr ' ' '\n' | grep '^virtio_rng' | head -n 1)
[ -n "$anchor" ] || { echo "no virtio_rng in rng_available"; exit 1; }
rate() { # <driver>: "<bytes/s> <loop iterations per 64 bytes>"
	echo "$1" >$sel || return 1
	xwrng read /dev/hwrng 65536 >/dev/null || return 1 # warm-up
	xwrng read /dev/hwrng "$N" | awk -v d="$1" '/^XWRNG/ {
		printf "%.0f %.0f\n", $2 * 1e9 / $3, $3 * 64 / $2 * 10000000 / $4 }
		/^xwrng:/ { print d ": " $0 > "/dev/stderr" }'
}
a=$(rate "$anchor") || { echo "anchor read failed"; exit 1; }
for d in smccc_trng optee-rng; do
	o=$(rate "$d") || { echo "$d read failed"; exit 1; }
	echo "$o $a" | awk -v d="$d" '{
		printf "BENCH rng-%s-bytes-per-s (higher is better): %d | linux-virtio-rng %d | ratio %.2f\n", d, $1, $3, $1 / $3
		printf "BENCH rng-%s-loop-iterations-per-64-bytes (lower is better): %d | linux-virtio-rng %d | ratio %.2f\n", d, $2, $4, $2 / $4
		printf "TARGET rng-%s-vs-virtio-rng: %.2f | target >= 0.5 | %s\n", d, $1 / $3, ($1 / $3 >= 0.5 ? "met" : "missed") }'
done
