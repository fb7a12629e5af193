#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Debian's rngtest (FIPS 140-2: monobit, poker, runs, long run, continuous run) on
# entropy read from /dev/hwrng through each stock driver: 2 MB (800 blocks of
# 20000 bits, plus the 32 bits rngtest takes first) through each. A good source
# fails a FIPS block about once in 1250 (the tests' own false alarm rate): up to 5
# failures in 800 pass (more has a probability near 1e-5); a broken source fails
# nearly every block.
fail=0
sel=/sys/class/misc/hw_random/rng_current
fips() { # <driver> <blocks> <max failures>
	echo "$1" >$sel || { echo "cannot select $1"; fail=1; return; }
	t0=$(date +%s)
	out=$(dd if=/dev/hwrng bs=2500 count=$(($2 + 1)) 2>/dev/null | rngtest -c "$2" 2>&1)
	t1=$(date +%s)
	echo "$out" | sed "s/^/$1: /"
	ok=$(echo "$out" | sed -n 's/.*FIPS 140-2 successes: *\([0-9]*\).*/\1/p')
	bad=$(echo "$out" | sed -n 's/.*FIPS 140-2 failures: *\([0-9]*\).*/\1/p')
	echo "$1: $2 blocks in $((t1 - t0)) s: ${ok:-?} passed, ${bad:-?} failed"
	[ -n "$ok" ] && [ -n "$bad" ] && [ $((ok + bad)) -eq "$2" ] && [ "$bad" -le "$3" ] ||
		{ echo "$1: FIPS 140-2 not passed"; fail=1; }
}
fips smccc_trng 800 5
fips optee-rng 800 5
[ $fail -eq 0 ] || { echo "rng fips failed"; exit 1; }
echo "rng fips ok"
