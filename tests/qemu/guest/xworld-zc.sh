#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Zero-copy /dev/xworld (libxw xw_send_buf_get/commit, xw_recv_zc/release):
# messages built and read in place through echo with byte-for-byte checks,
# two threads on one descriptor, fork, munmap/close with pieces outstanding,
# and every bad call answered by its documented error (user/libxw/zctest.c);
# then the example program, and a secure side that still holds no region.
set -e
[ -c /dev/xworld ] || { echo "no /dev/xworld (xworld.ko not loaded?)"; exit 1; }
before=$(xwctl stats | sed -n 's/.*secure: regions \([0-9]*\).*/\1/p')
xw-zctest
xw-example-zc
xw-example-zc 300000
xw-example-zc 1
after=$(xwctl stats | sed -n 's/.*secure: regions \([0-9]*\).*/\1/p')
[ "$before" = "$after" ] || { echo "secure regions: $before before, $after after"; exit 1; }
