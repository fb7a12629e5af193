#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's entropy step: /dev/hwrng served by the secure world, through both
# stock drivers in turn (docs/entropy.md).
sel=/sys/class/misc/hw_random/rng_current
echo "hwrng drivers: $(cat /sys/class/misc/hw_random/rng_available)"
echo "SMCCC TRNG_VERSION: $(xwsmc call 0x84000050 | cut -d' ' -f1)"
for d in smccc_trng optee-rng; do
	echo "$d" >$sel || exit 1
	x=$(head -c 16 /dev/hwrng | od -An -tx1 | tr -d ' \n')
	[ ${#x} -eq 32 ] || { echo "$d: short read"; exit 1; }
	echo "/dev/hwrng via $d: $x"
	xwrng read /dev/hwrng 65536 | sed -n 's/^xwrng: /  /p'
done
