#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/guests/run.sh: one boot (-smp 4, QEMU pinned to one host CPU, as every
# QEMU benchmark here): one guest's invoke round trip and 64 B streaming while
# three other guests flood the secure world at their thread limits, against the
# same guest alone; VM_DESTROYED of a guest holding 1,000 shared-memory objects;
# REGISTER_SHM per page at 4 KiB, 1 MiB, 64 MiB and 1 GiB (docs/guests.md).
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-guests: QEMU pinned to host cpu $cpu, -smp 4"
scripts/qemu-run.sh --taskset "$cpu" --smp 4 --no-reboot --timeout 400 --test guests-bench bench-guests ||
	{ echo "bench-guests: the benchmark boot failed (logs in $B/qemu/bench-guests/)" >&2; exit 1; }
log=$B/qemu/bench-guests/console.log
sed -n 's/^  guests-bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  guests-bench: \(BENCH .*\)/\1/p' "$log"
sed -n 's/^  guests-bench: \(TARGET .*\)/\1/p' "$log"
