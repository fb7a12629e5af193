#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The OP-TEE benchmark in one boot, against the test service of the trusted OS
# this boot runs (xw.bench_side=crossworld, the default, or optee-os; user/
# teeclient/side.c). bench/optee/run.sh runs it in both boots and reads the
# "bench: ..." lines.
side=crossworld
for a in $(cat /proc/cmdline); do
	case $a in xw.bench_side=*) side=${a#xw.bench_side=} ;; esac
done
teeclient bench $side || exit 1
# Secure-world entries per operation, from the monitor's counters (SiP
# WORLD_SWITCHES x1 on cpu 0; the boot runs -smp 1): N operations against 0 in
# the same program cancels the session set-up around them. The secure timer
# ticks that land in the N-operation run count too, as in any real workload.
sw() { xwsmc call 0x82000001 0 | sed -n 's/.* x1=0x\([0-9a-f]*\).*/\1/p'; }
n=200
for op in open-close invoke-noparam invoke-value invoke-temp-4k invoke-registered-1m \
	register-release-1m; do
	a=$(sw); teeclient invokes 0 $op $side || exit 1; b=$(sw)
	c=$(sw); teeclient invokes $n $op $side || exit 1; d=$(sw)
	awk -v op=$op -v n=$n -v a=$((0x$a)) -v b=$((0x$b)) -v c=$((0x$c)) -v d=$((0x$d)) \
		'BEGIN { printf "bench: %s %.2f secure-entries\n", op, ((d - c) - (b - a)) / n }'
	# OP-TEE's log bytes per operation: three marker lines on its secure log around
	# 0 and n operations; the host measures the two windows (bench/optee/run.sh).
	if [ $side = optee-os ]; then
		teeclient mark $side && teeclient invokes 0 $op $side && teeclient mark $side &&
			teeclient invokes $n $op $side && teeclient mark $side || exit 1
		echo "bench: log-window $op $n"
	fi
done
