#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's channel step: a file goes through /dev/xworld to the secure echo
# service and comes back identical (cmp); then the channel counters.
set -e
[ -c /dev/xworld ] || { echo "no /dev/xworld (xworld.ko not loaded?)"; exit 1; }
echo "demo: xworld.ko: $(dmesg | grep -m1 -o 'Crossworld channels: .*' || echo '?')"
echo "demo: secure services: $(xwctl list | awk '{ printf "%s ", $2 }')"
head -c 3000000 /dev/urandom >/tmp/demo.in
xwctl pipe echo /tmp/demo.in /tmp/demo.out | sed 's/^/demo: /'
cmp /tmp/demo.in /tmp/demo.out
echo "demo: a 3000000-byte file went to the secure echo service and back through /dev/xworld: identical (cmp)"
xwctl stats | sed 's/^/demo: /'
rm -f /tmp/demo.in /tmp/demo.out
