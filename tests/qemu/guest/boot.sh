#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Linux reached user space with every CPU of the machine online (xw.ncpu=N on the
# command line says how many the host started) and every module loaded.
want=
for a in $(cat /proc/cmdline); do
	case $a in xw.ncpu=*) want=${a#xw.ncpu=} ;; esac
done
[ -n "$want" ] || { echo "no xw.ncpu= on the command line"; exit 1; }
online=$(cat /sys/devices/system/cpu/online)
n=$(nproc)
echo "cpus online: $online (nproc $n), expected $want"
if [ "$want" -eq 1 ]; then expect=0; else expect="0-$((want - 1))"; fi
[ "$online" = "$expect" ] || { echo "online cpus '$online', expected '$expect'"; exit 1; }
[ "$n" -eq "$want" ] || { echo "nproc $n, expected $want"; exit 1; }
[ "${XW_MODFAIL:-0}" -eq 0 ] || { echo "a module failed to load (see xw-init lines)"; exit 1; }
echo "kernel $(uname -r)"
