#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/apps/run.sh: xwappbench in one boot, QEMU pinned to one host CPU
# (XW_BENCH_CPU, default the last one), -smp 2. Prints its notes, BENCH, TARGET lines.
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-apps: QEMU pinned to host cpu $cpu, -smp 2"
scripts/qemu-run.sh --taskset "$cpu" --smp 2 --no-reboot --timeout 400 --test apps-bench bench-apps ||
	{ echo "bench-apps: the benchmark boot failed (logs in $B/qemu/bench-apps/)" >&2; exit 1; }
log=$B/qemu/bench-apps/console.log
sed -n 's/^  apps-bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  apps-bench: \(BENCH .*\)/\1/p' "$log"
sed -n 's/^  apps-bench: \(TARGET .*\)/\1/p' "$log"
