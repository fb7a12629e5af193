#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Not a test: profiles streams one configuration at a time (xwbench one ...),
# with xworld.ko taking notifications in the doorbell's return (default) and
# then by the SPI (notify_irq=1), printing the driver's notification counters
# and the SPI's latency. Configurations: xw.diag=svc:size:ncpu[:write],...
# on the kernel command line, or rtt (default: the echo 4 KiB case, one CPU and all);
# xw.diagirq=0 (or 1) runs only that notification path; xw.diagmod=a=1+b=2 passes
# module parameters (e.g. ring_kib=256+ref_kib=1024) to every load.
show() { grep -E 'xworld' /proc/interrupts | tr -s ' '; grep -E 'notify|sleeps|flushes|refs' /sys/kernel/debug/xworld/stats; }
cfg=$(sed -n 's/.*xw.diag=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
[ -n "$cfg" ] || cfg="echo:4096:1 echo:4096:2"
irqs=$(sed -n 's/.*xw.diagirq=\([^ ]*\).*/\1/p' /proc/cmdline | tr , ' ')
[ -n "$irqs" ] || irqs="0 1"
mod=$(sed -n 's/.*xw.diagmod=\([^ ]*\).*/\1/p' /proc/cmdline | tr + ' ')
for irq in $irqs; do
	echo "=== notify_irq=$irq"
	for c in $cfg; do
		# Reloaded for each: the driver's counters start from 0 (the interrupt count does not).
		rmmod xworld && insmod /lib/xw/xworld.ko notify_irq=$irq $mod || exit 1
		echo "== $c"
		case $c in
		rtt) xwbench rtt ;;
		coalesce-check) # the coalescing test must fail without coalescing or its timer
			P=/sys/module/xworld/parameters/coalesce_us
			for us in 0 100000000 1000; do
				echo $us >$P
				xwctl coalesce && echo "coalesce_us=$us: test passed" ||
					echo "coalesce_us=$us: test FAILED (exit $?)"
			done ;;
		*) xwbench one $(echo "$c" | tr : ' ') ;;
		esac
		show
	done
done
exit 0
