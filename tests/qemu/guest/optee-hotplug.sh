#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# CPU hotplug under OP-TEE (docs/tos.md): cpu1 goes off and on through sysfs
# xw.hotplug=N times (default 50); PSCI CPU_OFF/CPU_ON pass through OP-TEE's
# cpu_off and cpu_on entries. After each CPU_ON, OP-TEE must answer on that CPU:
# OPTEE_SMC_CALLS_UID (a fast call) returns OP-TEE's message-protocol UID there.
n=
for a in $(cat /proc/cmdline); do
	case $a in xw.hotplug=*) n=${a#xw.hotplug=} ;; esac
done
n=${n:-50}
f=/sys/devices/system/cpu/cpu1/online
[ -w $f ] || { echo "no writable $f (need -smp >= 2)"; exit 1; }
uid="x0=0x00000000384fb3e0 x1=0x00000000e7f811e3 x2=0x00000000af630002 x3=0x00000000a5d5c51b"
i=0
while [ $i -lt "$n" ]; do
	echo 0 >$f || { echo "round $i: offlining cpu1 failed"; exit 1; }
	[ "$(cat $f)" = 0 ] || { echo "round $i: cpu1 still online"; exit 1; }
	echo 1 >$f || { echo "round $i: onlining cpu1 failed"; exit 1; }
	[ "$(cat $f)" = 1 ] || { echo "round $i: cpu1 did not come back"; exit 1; }
	out=$(taskset -c 1 xwsmc call 0xbf00ff01) || { echo "round $i: call on cpu1 failed"; exit 1; }
	[ "$out" = "$uid" ] || { echo "round $i: OP-TEE's UID on cpu1 answered: $out"; exit 1; }
	i=$((i + 1))
done
echo "cpu1 went off and on $n times; OP-TEE answered on it after each"
