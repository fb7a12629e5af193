#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/xworld/run.sh: xwbench in one boot, QEMU pinned to one host CPU
# (XW_BENCH_CPU, default the last one) with -smp 2, so that "all CPUs" has two
# channels served at once. Prints xwbench's notes, then its BENCH lines.
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
smp=${XW_BENCH_SMP:-2}
echo "bench-xworld: QEMU pinned to host cpu $cpu, -smp $smp"
scripts/qemu-run.sh --taskset "$cpu" --smp "$smp" --no-reboot --timeout 400 --test xworld-bench bench-xworld ||
	{ echo "bench-xworld: the benchmark boot failed (logs in $B/qemu/bench-xworld/)" >&2; exit 1; }
log=$B/qemu/bench-xworld/console.log
sed -n 's/^  xworld-bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  xworld-bench: \(BENCH .*\)/\1/p' "$log"
# Targets after the comparisons: chosen numbers, not anchors (docs/benchmarks.md).
sed -n 's/^  xworld-bench: \(TARGET .*\)/\1/p' "$log"
