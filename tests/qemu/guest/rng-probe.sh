#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Both stock entropy drivers found the secure world's services at boot: the SMCCC
# TRNG (the built-in SMCCC code's probe registered the smccc_trng device, the
# module bound it) and the OP-TEE RNG service (device enumeration listed it,
# optee-rng bound it); /sys/class/misc/hw_random lists both; /dev/hwrng reads
# through each; the drivers logged no error or warning. docs/entropy.md.
fail=0
avail=$(cat /sys/class/misc/hw_random/rng_available 2>/dev/null)
echo "rng_available: $avail; rng_current: $(cat /sys/class/misc/hw_random/rng_current 2>/dev/null)"
for d in smccc_trng optee-rng; do
	case " $avail " in *" $d "*) ;; *) echo "no $d in rng_available"; fail=1 ;; esac
done
[ -e /sys/bus/platform/devices/smccc_trng ] || { echo "no smccc_trng platform device"; fail=1; }
ls /sys/bus/tee/devices/ 2>/dev/null | grep -q 'optee-ta-ab7a617c-b8e7-4d8f-8301-d09b61036b64' ||
	{ echo "device enumeration did not list the RNG service: $(ls /sys/bus/tee/devices/ 2>&1)"; fail=1; }
dmesg | grep -i -E 'smccc|trng|optee-rng|hwrng|hw_random' || true
bad=$(dmesg -l err,warn 2>/dev/null | grep -i -E 'smccc|trng|rng|hwrng|optee|tee' || true)
[ -z "$bad" ] || { echo "driver errors/warnings: $bad"; fail=1; }
for d in smccc_trng optee-rng; do
	echo "$d" >/sys/class/misc/hw_random/rng_current || { echo "cannot select $d"; fail=1; continue; }
	a=$(dd if=/dev/hwrng bs=64 count=4 2>/dev/null | od -An -tx1 | tr -d ' \n')
	b=$(dd if=/dev/hwrng bs=64 count=4 2>/dev/null | od -An -tx1 | tr -d ' \n')
	echo "$d: ${a%"${a#????????????????????????????????}"}... (${#a} hex digits)"
	[ ${#a} -eq 512 ] && [ ${#b} -eq 512 ] || { echo "$d: short read from /dev/hwrng"; fail=1; }
	[ "$a" != "$b" ] || { echo "$d: two reads gave the same bytes"; fail=1; }
	case $a in *0000000000000000000000000000000000000000*) echo "$d: 20 zero bytes in a row"; fail=1 ;; esac
done
[ $fail -eq 0 ] || { echo "rng probe failed"; exit 1; }
echo "rng probe ok"
