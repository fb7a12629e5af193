#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# xworld.ko on every CPU at once: the kernel's per-CPU channels (xw_kernel_call,
# through XW_IOC_KBENCH) from each CPU; one process and channel per CPU, all
# concurrent with kernel calls; a channel whose shared index the normal world
# corrupts (debugfs knob) breaks alone while the others keep working; the
# statistics file counts messages, bytes, notifications and world switches.
set -e
D=/sys/kernel/debug/xworld
[ -r $D/stats ] || { echo "no $D/stats (debugfs?)"; exit 1; }
n=$(nproc)
last=$((n - 1))
for c in $(seq 0 $last); do
	xwctl -c "$c" kbench echo 64 200
	xwctl -c "$c" kbench echo 32000 4
	xwctl -c "$c" kbench checksum 4096 10
done
pids=
# Pipelined echo on every CPU at once (a writer and a reader process per CPU,
# woken by their own channel's notifications): every byte must come back.
head -c 3000000 /dev/urandom >/tmp/r.bin
for c in $(seq 0 $last); do
	xwctl -c "$c" pipe echo /tmp/r.bin "/tmp/r$c.out" >"/tmp/p$c.log" 2>&1 & pids="$pids $!"
done
for c in $(seq 0 $last); do
	xwctl -c "$c" echo 4096 100 >"/tmp/m$c.log" 2>&1 & pids="$pids $!"
	xwctl -c "$c" echo 200000 2 >"/tmp/b$c.log" 2>&1 & pids="$pids $!"
	xwctl -c "$c" kbench echo 1000 100 >"/tmp/k$c.log" 2>&1 & pids="$pids $!"
done
for p in $pids; do
	wait "$p" || { cat /tmp/[mbkp]*.log; echo "a concurrent channel failed"; exit 1; }
done
for c in $(seq 0 $last); do
	cmp /tmp/r.bin "/tmp/r$c.out" || { echo "pipelined echo on cpu $c came back different"; exit 1; }
done
rm -f /tmp/r.bin /tmp/r*.out
cat /tmp/[mbkp]*.log
echo "concurrent: $n cpus x (2 processes + kernel calls): ok"

# Corruption: one channel breaks, the others do not notice.
rm -f /tmp/xw-go
xwctl victim >/tmp/v.log 2>&1 & v=$!
i=0
until grep -q ready /tmp/v.log; do
	i=$((i + 1)); [ $i -lt 100 ] || { cat /tmp/v.log; echo "victim not ready"; exit 1; }
	sleep 0.1
done
xwctl echo 4096 50 >/tmp/o.log 2>&1 & other=$!
id=$(awk -v p="$v" '$2 == "pid" && $3 == p { print $1 }' $D/channels)
[ -n "$id" ] || { cat $D/channels; echo "the victim's channel is not listed"; exit 1; }
echo "$id" >$D/corrupt
touch /tmp/xw-go
wait "$v" || { cat /tmp/v.log; echo "the corrupted channel did not break"; exit 1; }
cat /tmp/v.log
wait "$other" || { cat /tmp/o.log; echo "another channel failed after the corruption"; exit 1; }
xwctl echo 100000 3
xwctl -c "$last" kbench echo 64 50
rm -f /tmp/xw-go /tmp/[mbkvo]*.log
# echo and checksum are applications, which notify by the SPI; the S-EL1 path
# (kecho notifies in the doorbell's return) is counted too.
head -c 300000 /dev/urandom >/tmp/q.bin
xwctl -c "$last" pipe kecho /tmp/q.bin /tmp/q.out >/dev/null
cmp /tmp/q.bin /tmp/q.out || { echo "kecho came back different"; exit 1; }
rm -f /tmp/q.bin /tmp/q.out

cat $D/stats
get() { awk -v k="$1" '$1 == k { print $2 }' $D/stats; }
for k in to_secure_msgs to_secure_bytes from_secure_msgs from_secure_bytes \
	notify_to_secure_doorbells notify_from_secure_returns secure_irqs_raised world_switches; do
	[ "$(get $k)" -gt 0 ] || { echo "stats: $k is not counting"; exit 1; }
done
# Nothing of ours is open now: what is left are the kernel's, one per CPU and
# service, for the first 8 services (XW_KSVC_MAX in xw_kernel.c: one region each,
# and the secure side takes at most 8 channels per region).
svcs=$(xwctl list | wc -l)
[ "$svcs" -le 8 ] || svcs=8
k=$((n * svcs))
[ "$(get channels_open)" -eq $k ] || { echo "stats: expected $k kernel channels open"; exit 1; }
echo "xworld-multi: all ok"
