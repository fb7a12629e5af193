#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# bench-guests in one boot (bench/guests/run.sh reads the BENCH and TARGET lines).
dmesg -c >/dev/null
insmod /lib/xwhyp/xwhyp.ko bench=1 || { dmesg | sed -n 's/.*xwhyp: //p'; echo "guests-bench: failed"; exit 1; }
dmesg | sed -n 's/.*xwhyp: //p'
rmmod xwhyp
