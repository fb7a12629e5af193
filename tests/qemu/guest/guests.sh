#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Guests (docs/guests.md): xwhyp.ko plays the hypervisor - four guests at once,
# each with OP-TEE sessions, a registered object and CRC32 invokes, and echo
# traffic through its own channel region, checked; the first guest destroyed
# mid-traffic 100 times; cross-guest names refused; after every guest is
# destroyed holding objects, the secure side's counts are back at their start.
set -u
n=$(grep -c ^processor /proc/cpuinfo)
guests=4
dmesg -c >/dev/null
if ! insmod /lib/xwhyp/xwhyp.ko guests=$guests kills=100 rounds=300; then
	dmesg | grep xwhyp
	echo "guests: xwhyp.ko failed (the lines above say why)"
	exit 1
fi
dmesg | grep xwhyp
rmmod xwhyp
dmesg | grep -q "xwhyp: PASS: $guests guests, 100 kills" || { echo "guests: no PASS line"; exit 1; }
echo "guests: $guests guests on $n CPUs, 100 kills of one: the others lost nothing, counts back to start"
