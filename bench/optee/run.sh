#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench/optee/run.sh: libteec through the stock OP-TEE driver, in two boots with
# the same kernel, initramfs and QEMU settings (pinned to one host CPU, -smp 1):
# Crossworld's secure kernel, and Debian's OP-TEE OS 4.5 on the same monitor
# (TOS=optee, docs/tos.md). Each operation against each side's built-in test
# service (user/teeclient/side.c): open+close, invoke without parameters, with a
# value, with a 4 KiB temporary memref, with a 1 MiB registered memref, register
# and release of 1 MiB; in µs, loop iterations and secure-world entries. BENCH
# lines have optee-os as the anchor; TARGET lines: every Crossworld figure <=
# 0.5x OP-TEE's, <= 0.25x for open+close and invokes. OP-TEE's log bytes per
# operation (Debian's build logs at debug level on its secure UART) are printed
# beside them.
set -euo pipefail
B=${B:-build}
cpu=${XW_BENCH_CPU:-$(($(nproc) - 1))}
echo "bench-optee: QEMU pinned to host cpu $cpu, -smp 1; two boots: crossworld, optee-os"
run() {
	scripts/qemu-run.sh --tos "$1" --taskset "$cpu" --smp 1 --no-reboot --timeout 400 \
		--test optee-bench --append "xw.bench_side=$2" "bench-optee-$2" ||
		{ echo "bench-optee: the $2 boot failed (logs in $B/qemu/bench-optee-$2/)" >&2; exit 1; }
}
run xw crossworld
run optee optee-os
val() { sed -n "s/^  optee-bench: bench: $2 \\([0-9.]*\\) $3.*/\\1/p" "$B/qemu/bench-optee-$1/console.log" | head -n 1; }
for s in crossworld optee-os; do
	sed -n 's/^  optee-bench: \(bench: side .*\)/\1/p' "$B/qemu/bench-optee-$s/console.log"
done

# OP-TEE's log bytes per operation: marker lines ('says "Hello world !"') come in
# threes per operation; the window between the 2nd and 3rd holds n operations
# more than the one between the 1st and 2nd, the rest being equal.
logbytes() {
	awk -v want="$1" -v n="$2" '
		/says "Hello world !"/ { m++; if (m % 3 == 1) k++; s[m] = pos; e[m] = pos + length($0) + 1 }
		{ pos += length($0) + 1 }
		END {
			for (i = 1; i <= m; i += 3)
				if ((i + 2) / 3 == want)
					printf "%.0f", ((s[i + 2] - e[i + 1]) - (s[i + 1] - e[i])) / n
		}' "$B/qemu/bench-optee-optee-os/secure.log"
}
ops=(open-close invoke-noparam invoke-value invoke-temp-4k invoke-registered-1m register-release-1m)
i=0
for op in "${ops[@]}"; do
	i=$((i + 1))
	xu=$(val crossworld "$op" us) ou=$(val optee-os "$op" us)
	xi=$(sed -n "s/^  optee-bench: bench: $op [0-9.]* us \\([0-9]*\\) loop.*/\\1/p" "$B/qemu/bench-optee-crossworld/console.log")
	oi=$(sed -n "s/^  optee-bench: bench: $op [0-9.]* us \\([0-9]*\\) loop.*/\\1/p" "$B/qemu/bench-optee-optee-os/console.log")
	xe=$(val crossworld "$op" secure-entries) oe=$(val optee-os "$op" secure-entries)
	[ -n "$xu" ] && [ -n "$ou" ] && [ -n "$xi" ] && [ -n "$oi" ] && [ -n "$xe" ] && [ -n "$oe" ] ||
		{ echo "bench-optee: no figures for $op (logs in $B/qemu/bench-optee-*/)" >&2; exit 1; }
	lb=$(logbytes "$i" 200)
	awk -v op="$op" -v xu="$xu" -v ou="$ou" -v xi="$xi" -v oi="$oi" -v xe="$xe" -v oe="$oe" \
		-v lb="${lb:-?}" 'BEGIN {
		printf "BENCH optee-%s-us (lower is better): %.1f us | optee-os %.1f us | ratio %.3f\n", op, xu, ou, xu / ou
		printf "BENCH optee-%s-iters (lower is better): %d loop-iterations | optee-os %d loop-iterations | ratio %.3f\n", op, xi, oi, xi / oi
		printf "BENCH optee-%s-secure-entries (lower is better): %.2f entries | optee-os %.2f entries | ratio %.3f\n", op, xe, oe, (oe > 0 ? xe / oe : 0)
		printf "bench-optee: %s: OP-TEE logs %s bytes on its secure UART per operation (debug level)\n", op, lb
	}'
done
# Targets after the comparisons: chosen ratios, not anchors (docs/benchmarks.md).
for op in "${ops[@]}"; do
	xi=$(sed -n "s/^  optee-bench: bench: $op [0-9.]* us \\([0-9]*\\) loop.*/\\1/p" "$B/qemu/bench-optee-crossworld/console.log")
	oi=$(sed -n "s/^  optee-bench: bench: $op [0-9.]* us \\([0-9]*\\) loop.*/\\1/p" "$B/qemu/bench-optee-optee-os/console.log")
	case $op in open-close | invoke-*) goal=0.25 ;; *) goal=0.5 ;; esac
	awk -v op="$op" -v xi="$xi" -v oi="$oi" -v g=$goal 'BEGIN {
		r = xi / oi
		printf "TARGET optee-%s-vs-optee-os: %.3f x | target <= %.2f x | %s\n", op, r, g, (r <= g ? "met" : "missed") }'
done
