#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/optee/ta-run.sh: a user TA at S-EL0 (Debian's sims, the same file on both
# OSes; user/teeclient/side.c "ta") through libteec and the stock driver, in two
# boots with the same kernel, trixie initramfs and QEMU settings (pinned to one
# host CPU, -smp 1): Crossworld's secure kernel, and Debian's OP-TEE OS 4.5 on
# the same monitor (the anchor). The Crossworld boot also runs its built-in test
# service (bench-optee's "crossworld" side): the TA against the built-in, side by
# side in that run. Operations: open+close (a TA load each time: sims is not
# keep-alive), invokes without parameters / with a value / with a 4 KiB temporary
# memref / with a 1 MiB registered memref (the TA answers BAD_PARAMETERS after its
# type check: the full round trip), 1 MiB register+release.
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-optee-ta: QEMU pinned to host cpu $cpu, -smp 1; two boots: crossworld, optee-os"
run() {
	scripts/qemu-run.sh --tos "$1" --taskset "$cpu" --smp 1 --no-reboot --timeout 400 \
		--initrd "$B/qemu/initramfs-xtest.cpio" --test optee-ta-bench --append "$3" \
		"bench-optee-ta-$2" ||
		{ echo "bench-optee-ta: the $2 boot failed (logs in $B/qemu/bench-optee-ta-$2/)" >&2; exit 1; }
}
run xw crossworld "xw.bench_side=crossworld xw.bench_builtin=1"
run optee optee-os "xw.bench_side=optee-os"
# us of @3 (ta or builtin) @2 in boot @1
val() { sed -n "s/^  optee-ta-bench: bench: $3 $2 \\([0-9.]*\\) us.*/\\1/p" "$B/qemu/bench-optee-ta-$1/console.log" | head -n 1; }
for op in open-close invoke-noparam invoke-value invoke-temp-4k invoke-registered-1m register-release-1m; do
	xt=$(val crossworld "$op" ta) ot=$(val optee-os "$op" ta) xb=$(val crossworld "$op" builtin)
	[ -n "$xt" ] && [ -n "$ot" ] && [ -n "$xb" ] ||
		{ echo "bench-optee-ta: no figures for $op (logs in $B/qemu/bench-optee-ta-*/)" >&2; exit 1; }
	awk -v op="$op" -v xt="$xt" -v ot="$ot" -v xb="$xb" 'BEGIN {
		printf "BENCH optee-ta-%s-us (lower is better): %.1f us | optee-os %.1f us | ratio %.3f\n", op, xt, ot, xt / ot
		printf "BENCH optee-ta-vs-builtin-%s-us (lower is better): %.1f us | crossworld built-in %.1f us | ratio %.3f\n", op, xt, xb, xt / xb
	}'
done
