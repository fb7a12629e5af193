#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The /dev/xworld benchmark (bench-xworld; not a test: it fails only if a reply
# came back wrong or a call failed): with the default 256 KiB rings, then the
# 4 KiB and 1 MiB streams again with 1 MiB rings and no reference area
# (xworld.ko ring_kib=1024 ref_kib=0 ref_back_kib=0: the path before REF records),
# then from one CPU and all with notifications by the SPI (notify_irq=1, the
# path before 2026-12-02: how N clients collapsed).
set -e
xwbench
rmmod xworld
insmod /lib/xw/xworld.ko ring_kib=1024 ref_kib=0 ref_back_kib=0
echo "rings: 1 MiB per direction, no reference area (ring_kib=1024 ref_kib=0 ref_back_kib=0)"
xwbench ring1m
rmmod xworld
insmod /lib/xw/xworld.ko notify_irq=1
echo "notifications by the SPI (notify_irq=1)"
xwbench spi
