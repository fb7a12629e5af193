#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/optee/run.sh: libteec through the stock OP-TEE driver to Crossworld, in one
# boot (QEMU pinned to one host CPU, -smp 1): open+close, invoke without
# parameters, with a 4 KiB temporary memref, with a 1 MiB registered memref, each
# in µs and DESIGN.md loop iterations against half of real OP-TEE 3.20's count on
# the same QEMU; world switches per invoke from the monitor's counters.
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-optee: QEMU pinned to host cpu $cpu, -smp 1"
scripts/qemu-run.sh --taskset "$cpu" --smp 1 --no-reboot --timeout 300 --test optee-bench bench-optee ||
	{ echo "bench-optee: the benchmark boot failed (logs in $B/qemu/bench-optee/)" >&2; exit 1; }
log=$B/qemu/bench-optee/console.log
sed -n 's/^  optee-bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  optee-bench: \(BENCH .*\)/\1/p' "$log"
# Targets after the comparisons: chosen numbers, not anchors (docs/benchmarks.md).
sed -n 's/^  optee-bench: \(TARGET .*\)/\1/p' "$log"
