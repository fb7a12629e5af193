#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The NS gate on the real machine (docs/boot.md, "What the secure world
# reserves"): raw SMCs (xwsmc, /dev/xwtest) name memory the secure world
# reserves - the block carve-out (inside NS RAM), its edges, the secure
# virtio-mmio transport, the GIC, the secure UART and secure RAM - as a
# channel region, an OP-TEE argument and a block queue region. Each gets its
# front end's defined error (XW_EFAULT, OP-TEE's EBADADDR), and the secure
# world keeps serving afterwards (the basic calls answer as specified).
fail=0
EFAULT=0xfffffffffffffff2 # XW_EFAULT (-14)
EEXIST=0xffffffffffffffef # XW_EEXIST (-17)
EBADADDR=0x0000000000000004 # OPTEE_SMC_RETURN_EBADADDR

CHAN_REGISTER=0xf3000011
BLK_INFO=0xf3000020
BLK_REGISTER=0xf3000021
CALL_WITH_ARG=0x32000004
OPTEE_CALLS_UID=0xbf00ff01

x0() {
	xwsmc call "$@" | sed -n 's/^x0=\(0x[0-9a-f]*\) .*/\1/p'
}

expect() {
	what=$1 want=$2
	shift 2
	got=$(x0 "$@")
	if [ "$got" = "$want" ]; then
		echo "ok: $what -> $got"
	else
		echo "BAD: $what -> ${got:-no answer}, expected $want"
		fail=1
	fi
}

# name base size: reserved places a normal-world address could name.
places="carve-out 0x7f000000 0x3000
carve-out-bottom-edge 0x7effe000 0x3000
carve-out-top-edge 0x7f03f000 0x3000
carve-out-last-page 0x7f03f000 0x1000
secure-virtio-mmio 0x0a003000 0x1000
GIC 0x08000000 0x2000
secure-UART 0x09040000 0x1000
secure-RAM 0x0e200000 0x2000"

echo "$places" | {
	while read -r name base size; do
		expect "CHAN_REGISTER in $name" $EFAULT $CHAN_REGISTER "$base" "$size"
		# The argument struct: a1:a2 = its PA (upper, lower 32 bits). Not
		# where its first page is Linux's: a wrong answer would write there.
		case $name in *bottom-edge) continue ;; esac
		expect "OP-TEE CALL_WITH_ARG in $name" $EBADADDR $CALL_WITH_ARG 0 "$base"
	done
	exit $fail
} || fail=1
# Across the carve-out's bottom edge, at a byte offset: the page it lies in.
expect "OP-TEE CALL_WITH_ARG across the carve-out" $EBADADDR $CALL_WITH_ARG 0 0x7efffff8

# Block queue regions: every disk the secure world serves, with xwblk.ko's
# registrations dropped for the time of the test (reloaded below).
reload=
if grep -q '^xwblk ' /proc/modules; then
	rmmod xwblk || { echo "BAD: rmmod xwblk"; fail=1; }
	reload=1
fi
checked=0
for d in 0 1 2 3; do
	[ "$(x0 $BLK_INFO $d)" = 0x0000000000000000 ] || continue
	for p in "0x7f000000 0x2000" "0x7effe000 0x4000" "0x0a003000 0x2000" "0x0e200000 0x2000"; do
		# shellcheck disable=SC2086 # two words on purpose
		got=$(x0 $BLK_REGISTER $d $p)
		if [ "$got" = $EEXIST ]; then
			echo "BAD: disk $d is registered: no disk to try"
			fail=1
			break
		fi
		checked=$((checked + 1))
		if [ "$got" = $EFAULT ]; then
			echo "ok: BLK_REGISTER disk $d at $p -> $got"
		else
			echo "BAD: BLK_REGISTER disk $d at $p -> ${got:-no answer}, expected $EFAULT"
			fail=1
		fi
	done
done
[ $checked -gt 0 ] || { echo "BAD: no unregistered disk to try"; fail=1; }

# Still serving: xwblk.ko registers its regions again and reads a disk, the
# crossworld calls answer, and so does OP-TEE's front end.
if [ -n "$reload" ]; then
	insmod /lib/xw/xwblk.ko || { echo "BAD: insmod xwblk"; fail=1; }
	sleep 1
	dd if=/dev/xwblk0 of=/dev/null bs=4096 count=1 iflag=direct 2>/dev/null ||
		{ echo "BAD: /dev/xwblk0 does not read after the refusals"; fail=1; }
	echo "ok: xwblk.ko registered again, /dev/xwblk0 reads"
fi
xwsmc check >/tmp/gate-check.log 2>&1 || { cat /tmp/gate-check.log; echo "BAD: xwsmc check"; fail=1; }
expect "OP-TEE CALLS_UID" 0x00000000384fb3e0 $OPTEE_CALLS_UID

[ $fail -eq 0 ] || { echo "gate: a reserved range was not refused"; exit 1; }
echo "gate: every reserved range refused, secure world still serving"
