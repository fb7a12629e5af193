#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# `reboot` brings the machine back up: the first boot leaves a mark in the scratch
# page the device tree reserves (no-map, so Linux keeps out of it and QEMU's reset
# does not clear RAM) and reboots; the second boot finds the mark, clears it and
# passes. A hung or failed reset never reaches the second boot: the host times out.
addr=0x47ff0000
mark=0x58575242 # "XWRB"
v=$(devmem $addr 32) || { echo "devmem $addr failed"; exit 1; }
if [ "$(printf '%d' "$v")" -eq "$(printf '%d' $mark)" ]; then
	devmem $addr 32 0
	echo "second boot: the machine came back after reboot"
	exit 0
fi
devmem $addr 32 $mark
[ "$(printf '%d' "$(devmem $addr 32)")" -eq "$(printf '%d' $mark)" ] ||
	{ echo "scratch page at $addr does not keep a value"; exit 1; }
echo "xw-test: first boot, rebooting"
reboot -f
sleep 30
echo "reboot -f returned without resetting the machine"
exit 1
