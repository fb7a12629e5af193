#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The OP-TEE benchmark in one boot (bench/optee/run.sh reads the BENCH lines).
teeclient bench || exit 1
# Secure-world entries per invoke, from the monitor's counters (SiP
# WORLD_SWITCHES x1 on cpu 0; the boot runs -smp 1). Open/close are counted apart.
sw() { xwsmc call 0x82000001 0 | sed -n 's/.* x1=0x\([0-9a-f]*\).*/\1/p'; }
# The anchor, counted the same way in this boot: entries per fast call
# (ADD64 0xf3000002, xwtest's in-kernel loop), one round trip each. A loop of
# 1 against a loop of 1001 cancels everything but the 1000 calls; secure timer
# ticks land in both, as in the invokes.
a=$(sw); xwsmc loop 1 0xf3000002 >/dev/null || exit 1; b=$(sw)
c=$(sw); xwsmc loop 1001 0xf3000002 >/dev/null || exit 1; d=$(sw)
anchor=$(awk -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) 'BEGIN {
	printf "%.4f", ((d - c) - (b - a)) / 1000 }')
a=$(sw); teeclient invokes 0 || exit 1; b=$(sw)
c=$(sw); teeclient invokes 1000 || exit 1; d=$(sw)
awk -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) -v f="$anchor" 'BEGIN {
	per = ((d - c) - (b - a) - 1) / 1000
	printf "BENCH optee-world-switches-per-invoke (lower is better): %.2f entries | fast-call %.2f entries | ratio %.2f\n", per, f, (f > 0 ? per / f : 0) }'
# The same for invokes with one 4 KiB temporary memref (libteec registers and
# unregisters the buffer around each: three yielding calls).
a=$(sw); teeclient invokes 0 temp4k || exit 1; b=$(sw)
c=$(sw); teeclient invokes 1000 temp4k || exit 1; d=$(sw)
awk -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) -v f="$anchor" 'BEGIN {
	per = ((d - c) - (b - a) - 1) / 1000
	printf "BENCH optee-world-switches-per-temp-4k-invoke (lower is better): %.2f entries | fast-call %.2f entries | ratio %.2f\n", per, f, (f > 0 ? per / f : 0) }'
