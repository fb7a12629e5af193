#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# bench/smc/run.sh: the SMC benchmark. QEMU is pinned to one host CPU (XW_BENCH_CPU,
# default the last one) and runs one vCPU, so that guest timings are not shared out
# across host cores. Prints DESIGN.md's BENCH lines:
#   - in one boot (xwsmc bench): fast-call round trip vs getppid, in ns and in loop
#     iterations; monitor-only call; per-ioctl call; world switches per call;
#   - time from QEMU's start to Linux user space, with the secure firmware vs
#     without it (QEMU's own PSCI), both measured here;
#   - the secure images' text+data+bss vs the normal-world kernel's.
set -euo pipefail

B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
die() { echo "bench-smc: $*" >&2; exit 1; }

echo "bench-smc: QEMU pinned to host cpu $cpu, -smp 1"
scripts/qemu-run.sh --taskset "$cpu" --smp 1 --no-reboot --timeout 300 --test bench bench-smc ||
	die "the benchmark boot failed (logs in $B/qemu/bench-smc/)"
log=$B/qemu/bench-smc/console.log
sed -n 's/^  bench: //p' "$log" | grep -v '^BENCH\|^TARGET' || true
sed -n 's/^  bench: \(BENCH .*\)/\1/p' "$log"
# Targets after the comparisons: chosen numbers, not anchors (docs/benchmarks.md).
sed -n 's/^  bench: \(TARGET .*\)/\1/p' "$log"

# Boot time: both boots stop at the same point (the first line of /init).
scripts/qemu-run.sh --taskset "$cpu" --smp 1 --no-reboot --timeout 120 --test boot bench-boot-fw >/dev/null ||
	die "boot with firmware failed"
scripts/qemu-run.sh --taskset "$cpu" --smp 1 --no-reboot --timeout 120 --nofw --test boot bench-boot-nofw >/dev/null ||
	die "boot without firmware failed"
fw=$(cat "$B/qemu/bench-boot-fw/ready-seconds")
nofw=$(cat "$B/qemu/bench-boot-nofw/ready-seconds")
awk -v a="$fw" -v b="$nofw" 'BEGIN { printf "BENCH boot-to-linux-userspace-s (lower is better): %.3f s | no-secure-firmware %.3f s | ratio %.3f\n", a, b, a / b }'

# Sizes as loaded: text + data + bss of each secure ELF, against the kernel's own
# (the arm64 Image header's image_size field at offset 16 covers text to bss end).
total=0
for elf in "$B"/fw/xw-mon.elf "$B"/fw/xw-sk.elf; do
	[ -f "$elf" ] || die "missing $elf"
	read -r t d b _ < <(aarch64-linux-gnu-size "$elf" | tail -n 1)
	echo "bench-smc: $(basename "$elf"): text $t data $d bss $b"
	total=$((total + t + d + b))
done
ksize=$(od -An -t u8 -j 16 -N 8 "$B/debian/Image" | tr -d ' ')
awk -v a="$total" -v b="$ksize" 'BEGIN { printf "BENCH secure-images-size-bytes (lower is better): %d bytes | linux-image %d bytes | ratio %.5f\n", a, b, a / b }'
