#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/rng/run.sh: entropy through the secure world's two interfaces (SMCCC TRNG,
# OP-TEE RNG service), read from /dev/hwrng with each stock driver selected, beside
# Linux reading a QEMU virtio-rng device of its own in the same boot (QEMU pinned to
# one host CPU, -smp 2). Bytes/s and loop iterations per 64 bytes (docs/entropy.md).
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-rng: QEMU pinned to host cpu $cpu, -smp 2, 3 rounds of 512 KiB per interface, best of each"
scripts/qemu-run.sh --taskset "$cpu" --smp 2 --no-reboot --timeout 400 --linux-rng \
	--test rng-bench bench-rng ||
	{ echo "bench-rng: the benchmark boot failed (logs in $B/qemu/bench-rng/)" >&2; exit 1; }
log=$B/qemu/bench-rng/console.log
sed -n 's/^  rng-bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  rng-bench: \(BENCH .*\)/\1/p' "$log"
sed -n 's/^  rng-bench: \(TARGET .*\)/\1/p' "$log"
