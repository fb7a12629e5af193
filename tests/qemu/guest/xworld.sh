#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# xworld.ko: echo of 0 B .. 512 KiB, checksum of 0 B .. 64 MiB, files of 0 B ..
# 64 MiB piped through echo, bad calls and bad command-line arguments ('-' as
# stdin/stdout), write() doorbell coalescing, 50 open/close cycles without a secure-side leak,
# a reader killed mid-message, and the module unloaded and reloaded 20 times.
set -e
[ -c /dev/xworld ] || { echo "no /dev/xworld (xworld.ko not loaded?)"; exit 1; }
xwctl list
for s in 0 1 64 4095 4096 65536 100000 524288; do xwctl echo $s 3; done
xwctl selftest
# Bad arguments: the message names the argument and why, exit status 2, nothing allocated.
bad() {
	want=$1; shift
	set +e
	"$@" >/tmp/bad.out 2>/tmp/bad.err
	rc=$?
	set -e
	[ $rc -eq 2 ] || { cat /tmp/bad.err; echo "'$*' exited $rc, not 2"; exit 1; }
	grep -qF -- "$want" /tmp/bad.err || { cat /tmp/bad.err; echo "'$*' did not say: $want"; exit 1; }
	echo "bad arguments: '$*': $(head -n 1 /tmp/bad.err)"
}
bad "SIZE '-5': not a number" xwctl echo -5
bad "SIZE 'hello': not a number" xwctl echo hello
bad "SIZE '99999999999': out of range (0..67108864)" xwctl echo 99999999999
bad "COUNT '0': out of range (1..1000000)" xwctl echo 64 0
bad "unknown command 'bogus'" xwctl bogus
bad "no command given" xwctl
bad "CPU '9': no such CPU (online: 0" xwctl -c 9 list
bad "CPU 'x': not a number" xwctl -c x list
bad "SERVICE 'nope': no such service (services: echo" xwctl pipe nope /dev/null -
bad "echo: wrong number of arguments (SIZE [COUNT])" xwctl echo
xwctl --help | grep -q "usage: xwctl" || { echo "xwctl --help printed no usage"; exit 1; }
# xwbio shares the argument path (user/common/xw_args.h); checked before any device is opened.
bad "unknown command 'frob'" xwbio frob /dev/null
bad "MODE 'sideways': not seqread" xwbio bench /dev/null sideways 4096 1 1
bad "BYTES '1000': not a multiple of 512" xwbio bench /dev/null randread 1000 1 1
bad "DEPTH '65': out of range (1..64)" xwbio bench /dev/null randread 4096 65 1
bad "THREADS 'many': not a number" xwbio verify /dev/null 1 many
bad "verify: wrong number of arguments (DEV SECONDS THREADS)" xwbio verify /dev/null
xwbio --help | grep -q "usage: xwbio" || { echo "xwbio --help printed no usage"; exit 1; }
bad "unknown command 'frob'" xwsmc frob
bad "N '0': out of range (1..1000000000)" xwsmc loop 0 0xf3000002
bad "not a number: 'zz'" xwsmc call zz
bad "call: wrong number of arguments" xwsmc call
xwsmc --help | grep -q "usage: xwsmc" || { echo "xwsmc --help printed no usage"; exit 1; }
bad "unknown command 'frob'" teeclient frob
bad "MS 'soon': not a number" teeclient hang soon
bad "invokes: 'temp8k' is not an operation" teeclient invokes 3 temp8k
bad "N '-1': not a number" teeclient pinned -1
teeclient --help | grep -q "usage: teeclient" || { echo "teeclient --help printed no usage"; exit 1; }
# libxw's example: each argument through echo and back (one of 100000 bytes: the
# reply buffer is sized by the library).
[ "$(xw-example hello world)" = "hello
world" ] || { echo "xw-example: wrong replies"; exit 1; }
xw-example "$(head -c 100000 /dev/zero | tr '\0' x)" >/dev/null || { echo "xw-example: 100000 bytes failed"; exit 1; }
# '-' is standard input and output.
head -c 100000 /dev/urandom >/tmp/s.bin
xwctl pipe echo - - </tmp/s.bin >/tmp/s.out
cmp /tmp/s.bin /tmp/s.out
xwctl checksum - </tmp/s.bin
rm -f /tmp/s.bin /tmp/s.out /tmp/bad.out /tmp/bad.err
# write() doorbells are coalesced and none is stranded; XW_IOC_NODELAY rings each.
xwctl coalesce
D=/sys/kernel/debug/xworld
dstat() { awk -v k="$1" '$1 == k { print $2 }' $D/stats; }
[ -r $D/stats ] || { echo "no $D/stats (debugfs?)"; exit 1; }
refs0=$(dstat to_secure_refs)
for n in 0 7 1048583 16777223 67108864; do
	head -c $n /dev/urandom >/tmp/in.bin
	xwctl checksum /tmp/in.bin
done
rm -f /tmp/in.bin
# Large messages go by reference (REF records, docs/abi.md): 1 MiB + 7 B at least
# one, 16 and 64 MiB one per MiB of the area at least.
refs1=$(dstat to_secure_refs)
[ $((refs1 - refs0)) -ge 81 ] ||
	{ echo "checksum 1..64 MiB: $((refs1 - refs0)) REF records to the secure side, want >= 81"; exit 1; }
echo "checksum: $((refs1 - refs0)) pieces went by reference"
# Echo of any size: relayed piece by piece by the secure side (0 B .. 64 MiB);
# what came by reference goes back by reference.
back0=$(dstat from_secure_refs)
for n in 0 300000 524289 4194305 67108864; do
	head -c $n /dev/urandom >/tmp/f.bin
	xwctl pipe echo /tmp/f.bin /tmp/f.out
	cmp /tmp/f.bin /tmp/f.out
done
rm -f /tmp/f.bin /tmp/f.out
back1=$(dstat from_secure_refs)
[ $((back1 - back0)) -ge 68 ] ||
	{ echo "echo up to 64 MiB: $((back1 - back0)) REF records back, want >= 68"; exit 1; }
echo "echo: $((back1 - back0)) pieces came back by reference"
# Killed in the middle of a 64 MiB message: xwctl killhalf SIGKILLs the writer once
# the driver's debugfs shows half of the message queued (and not all). The driver
# must then count exactly one message abandoned half sent, have no channel of ours
# open and the secure side hold no region more than before; the others stay.
head -c 67108864 /dev/urandom >/tmp/big.bin
open0=$(dstat channels_open) reg0=$(dstat secure_regions) ab0=$(dstat to_secure_msgs_abandoned)
xwctl killhalf /tmp/big.bin
rm -f /tmp/big.bin
for i in $(seq 1 50); do
	[ "$(dstat channels_open)" -eq "$open0" ] && [ "$(dstat secure_regions)" -eq "$reg0" ] && break
	sleep 0.1
done
[ "$(dstat to_secure_msgs_abandoned)" -eq $((ab0 + 1)) ] ||
	{ echo "killed mid-message: abandoned messages $ab0 -> $(dstat to_secure_msgs_abandoned), want +1"; exit 1; }
[ "$(dstat channels_open)" -eq "$open0" ] ||
	{ echo "killed mid-message: channels open $open0 -> $(dstat channels_open)"; exit 1; }
[ "$(dstat secure_regions)" -eq "$reg0" ] ||
	{ echo "killed mid-message: secure regions $reg0 -> $(dstat secure_regions): not released"; exit 1; }
echo "killed mid-message: 1 message abandoned, channel closed, secure regions back to $reg0"
xwctl echo 1000 5
# Unload and reload: the secure side keeps no region of ours.
for i in $(seq 1 20); do
	rmmod xworld
	insmod /lib/xw/xworld.ko
	xwctl echo 64 1 >/dev/null
done
xwctl stats
# Ours: the stats file's region, and the kernel's own per-CPU regions (one per CPU).
want=$(($(nproc) + 1))
xwctl stats | grep -q "regions $want pages" || { echo "secure side holds other than $want regions"; exit 1; }
echo "xworld: all ok"
