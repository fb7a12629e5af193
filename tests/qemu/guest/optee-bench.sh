#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The OP-TEE benchmark in one boot (bench/optee/run.sh reads the BENCH lines).
teeclient bench || exit 1
# World switches per parameterless invoke, from the monitor's counters (SiP
# WORLD_SWITCHES on cpu 0; the boot runs -smp 1). Open/close are counted apart.
sw() { xwsmc call 0x82000001 0 | sed -n 's/.* x1=0x\([0-9a-f]*\).*/\1/p'; }
a=$(sw); teeclient invokes 0 || exit 1; b=$(sw)
c=$(sw); teeclient invokes 1000 || exit 1; d=$(sw)
awk -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) 'BEGIN {
	per = ((d - c) - (b - a) - 1) / 1000
	printf "BENCH optee-world-switches-per-invoke (lower is better): %.2f | one-smc-round-trip 1 | ratio %.2f\n", per, per }'
# The same for invokes with one 4 KiB temporary memref (libteec registers and
# unregisters the buffer around each: three yielding calls).
a=$(sw); teeclient invokes 0 temp4k || exit 1; b=$(sw)
c=$(sw); teeclient invokes 1000 temp4k || exit 1; d=$(sw)
awk -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) 'BEGIN {
	per = ((d - c) - (b - a) - 1) / 1000
	printf "BENCH optee-world-switches-per-temp-4k-invoke (lower is better): %.2f | one-smc-round-trip 1 | ratio %.2f\n", per, per }'
