#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# CPU_OFF / CPU_ON of cpu1 through sysfs, 100 times (xw.hotplug=N); after each
# CPU_ON the secure kernel must answer on that CPU again.
n=
for a in $(cat /proc/cmdline); do
	case $a in xw.hotplug=*) n=${a#xw.hotplug=} ;; esac
done
n=${n:-100}
f=/sys/devices/system/cpu/cpu1/online
[ -w $f ] || { echo "no writable $f (need -smp >= 2)"; exit 1; }
i=0
while [ $i -lt "$n" ]; do
	echo 0 >$f || { echo "round $i: offlining cpu1 failed"; exit 1; }
	[ "$(cat $f)" = 0 ] || { echo "round $i: cpu1 still online"; exit 1; }
	echo 1 >$f || { echo "round $i: onlining cpu1 failed"; exit 1; }
	[ "$(cat $f)" = 1 ] || { echo "round $i: cpu1 did not come back"; exit 1; }
	# The secure side must serve the CPU that just came back: XW_SMC_ADD64 1+2+3 there.
	out=$(taskset -c 1 xwsmc call 0xf3000002 1 2 3) || { echo "round $i: call on cpu1 failed"; exit 1; }
	case $out in
	"x0=0x0000000000000000 x1=0x0000000000000006 "*) ;;
	*) echo "round $i: add on cpu1 answered: $out"; exit 1 ;;
	esac
	i=$((i + 1))
done
echo "cpu1 went off and on $n times; the secure kernel answered on it after each"
