#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Secure applications at S-EL0 (docs/apps.md). echo, sink, source and checksum
# are applications (echo, sink and source checked against their S-EL1 twins,
# k<name>; checksum against the FNV-1a xwctl computes);
# the test app "faulty" is made to fail in every way the kernel must contain:
# each failure must kill it (the normal world's read gets EPIPE), leave echo
# serving, and the app must come back (restart policy) for the next one. Then
# 100 kill/restart cycles, after which the secure page pool and the channel
# counts are back where they started.
set -e
[ -c /dev/xworld ] || { echo "no /dev/xworld (xworld.ko not loaded?)"; exit 1; }
xwctl list
xwctl apps
for s in "0 echo" "1 sink" "2 source" "3 checksum"; do
	xwctl list | grep -q "^$s  (S-EL0 app: " || { echo "no $s service as an app"; exit 1; }
done
for s in kecho ksink ksource; do
	xwctl list | grep -q "^[0-9]* $s\$" || { echo "no S-EL1 $s"; exit 1; }
done
xwctl apps | grep -q "^app echo .*waiting\|^app echo .*ready" ||
	{ echo "echo app not waiting"; exit 1; }
stat() { xwctl appstats | awk -v k="$1" '$1 == k { print $2 }'; }
regions() { xwctl stats | sed -n 's/.*regions \([0-9]*\) pages.*/\1/p' | tail -n 1; }

r=$(xwctl call echo hello) && [ "$r" = hello ] || { echo "echo app: 'hello' came back as '$r'"; exit 1; }
# echo at S-EL0: sizes from 0 B to 1 MiB, and beside the S-EL1 echo (kecho)
for s in 0 1 64 4096 65536 1048576; do xwctl echo $s 3 >/dev/null; done
echo "echo app: 0 B .. 1 MiB verified"
head -c 3000000 /dev/urandom >/tmp/a.bin
xwctl pipe echo /tmp/a.bin /tmp/a.out && cmp /tmp/a.bin /tmp/a.out
xwctl pipe kecho /tmp/a.bin /tmp/a.out && cmp /tmp/a.bin /tmp/a.out
rm -f /tmp/a.bin /tmp/a.out
# checksum at S-EL0: {length, FNV-1a 64} checked against xwctl's own (the
# 64 MiB case is test-xworld's). No S-EL1 twin: the checksum is its own check.
for n in 0 1 4097 3000000; do
	head -c $n /dev/urandom >/tmp/a.bin
	xwctl checksum /tmp/a.bin >/dev/null || { echo "checksum app: $n bytes wrong"; exit 1; }
done
xwctl list | grep -q "^[0-9]* kchecksum\$" && { echo "a kchecksum twin is listed"; exit 1; }
# The stream that stalled the first port (a lost wake-up; docs/apps.md): 64 MiB
# through checksum four times, each bounded, so that a stall fails here.
head -c 67108864 /dev/urandom >/tmp/big.bin
for i in 1 2 3 4; do
	timeout 60 xwctl checksum /tmp/big.bin >/dev/null ||
		{ xwctl apps; echo "checksum app: 64 MiB, round $i: wrong or stalled"; exit 1; }
done
rm -f /tmp/big.bin
echo "checksum app: 0 B .. 3 MB verified, 64 MiB x 4 without a stall"
# source at S-EL0: request {count 1, size} (little endian); the same bytes as ksource,
# starting 7 138 13 144 ((i * 131 + 7) mod 256); above 512 KiB the channel breaks.
for sz in '\000\000\000' '\001\000\000' '\340\223\004' '\000\000\010'; do
	printf "\001\000\000\000\000\000\000\000$sz\000\000\000\000\000" >/tmp/req.bin
	xwctl pipe source /tmp/req.bin /tmp/a.out >/dev/null
	xwctl pipe ksource /tmp/req.bin /tmp/k.out >/dev/null
	cmp /tmp/a.out /tmp/k.out || { echo "source app and ksource differ ($sz)"; exit 1; }
done
[ "$(wc -c </tmp/a.out)" -eq 524288 ] || { echo "source app: 512 KiB came as $(wc -c </tmp/a.out)"; exit 1; }
[ "$(od -An -tu1 -N4 /tmp/a.out | tr -s ' ')" = " 7 138 13 144" ] ||
	{ echo "source app: pattern starts $(od -An -tu1 -N4 /tmp/a.out)"; exit 1; }
printf '\001\000\000\000\000\000\000\000\001\000\010\000\000\000\000\000' >/tmp/req.bin
if xwctl pipe source /tmp/req.bin /tmp/a.out 2>/dev/null; then echo "source app: 512 KiB + 1 served"; exit 1; fi
head -c 15 /tmp/req.bin >/tmp/r15.bin
if xwctl pipe source /tmp/r15.bin /tmp/a.out 2>/dev/null; then echo "source app: 15-byte request served"; exit 1; fi
printf '\001\000\000\000\000\000\000\000\100\000\000\000\000\000\000\000' >/tmp/req.bin
xwctl pipe source /tmp/req.bin /tmp/a.out >/dev/null || { echo "source app broken after bad requests"; exit 1; }
[ "$(wc -c </tmp/a.out)" -eq 64 ] || { echo "source app: 64 B came as $(wc -c </tmp/a.out)"; exit 1; }
rm -f /tmp/a.bin /tmp/a.out /tmp/k.out /tmp/req.bin /tmp/r15.bin
echo "source app: 0 B .. 512 KiB same as ksource; oversize and short requests break only their channel"
[ "$(xwctl call faulty e)" = ok ] || { echo "faulty does not answer"; exit 1; }
[ "$(xwctl call faulty m)" = "mem ok" ] || { echo "faulty: heap within quota failed"; exit 1; }
[ "$(xwctl call faulty x)" = enosys ] || { echo "faulty: unknown call not ENOSYS"; exit 1; }
[ "$(xwctl call faulty h)" = "hostile ok" ] || { echo "faulty: hostile arguments: $(xwctl call faulty h)"; exit 1; }
# A timed wait, served by the secure timer tick while Linux sleeps in read()
r=$(xwctl call faulty z)
ms=${r#timeout }; ms=${ms% ms}
[ "$ms" -ge 30 ] && [ "$ms" -lt 1000 ] || { echo "faulty: 30 ms wait: '$r'"; exit 1; }
echo "faulty: every call with hostile arguments answered its error; a 30 ms wait took $ms ms"

# The example: a MAC key that never leaves the secure world (apps/mac, user/xwmac)
t1=$(xwmac sign "pay 10 to alice") t2=$(xwmac sign "pay 10 to alice") t3=$(xwmac sign "pay 99 to alice")
[ ${#t1} -eq 16 ] && [ "$t1" = "$t2" ] && [ "$t1" != "$t3" ] ||
	{ echo "mac: tags '$t1' '$t2' '$t3'"; exit 1; }
xwmac verify "$t1" "pay 10 to alice" >/dev/null || { echo "mac: own tag refused"; exit 1; }
if xwmac verify "$t1" "pay 99 to alice" >/dev/null; then echo "mac: forged message accepted"; exit 1; fi
bad=$(echo "$t1" | tr 0-9a-f 1-9a-f0)
if xwmac verify "$bad" "pay 10 to alice" >/dev/null; then echo "mac: forged tag accepted"; exit 1; fi
c1=$(xwmac count) c2=$(xwmac count)
n1=${c1%% *} n2=${c2%% *}
[ "${n2#*.}" -eq $((${n1#*.} + 1)) ] || { echo "mac: counter $n1 -> $n2"; exit 1; }
xwmac verify "${c2#* }" "count $n2" >/dev/null || { echo "mac: counter tag does not verify"; exit 1; }
echo "mac: tags stable, forgeries refused, counter $n1 -> $n2 signed"
# A message over mac's 512-byte buffer: the app's receive fails (XW_EMSGSIZE)
# and the runtime drops the channel - broken, so the client reads EPIPE at once
# instead of waiting for a reply for ever. mac keeps serving.
head -c 600 /dev/zero >/tmp/m.bin
set +e
timeout 20 xwctl pipe mac /tmp/m.bin /tmp/m.out >/tmp/m.log 2>&1
rc=$?
set -e
[ $rc -ne 0 ] && [ $rc -ne 124 ] && [ $rc -ne 143 ] ||
	{ cat /tmp/m.log; echo "mac: a 600-byte message: exit $rc (want a prompt failure)"; exit 1; }
[ "$(xwmac sign "pay 10 to alice")" = "$t1" ] || { echo "mac: not serving after the long message"; exit 1; }
rm -f /tmp/m.bin /tmp/m.out /tmp/m.log
echo "mac: a 600-byte message broke only its channel"

kills0=$(stat kills)
n=0
for c in n w u s a l q k c t p; do
	xwctl provoke faulty $c || { echo "faulty $c: not killed"; exit 1; }
	n=$((n + 1))
	xwctl echo 100 2 >/dev/null || { echo "echo broken after faulty $c"; exit 1; }
	[ "$(xwctl call faulty e)" = ok ] || { echo "faulty not restarted after $c"; exit 1; }
done
[ "$(stat kills)" -eq $((kills0 + n)) ] || { echo "kills $(stat kills), want $((kills0 + n))"; exit 1; }
echo "faulty: $n failures, each killed with EPIPE, restarted; echo kept serving"

# 100 kill/restart cycles; nothing may leak. The baseline is taken after the
# kills above: the first one also broke xworld.ko's per-CPU kernel channels to faulty.
free0=$(stat free_pages) chans0=$(stat chans_bound) reg0=$(regions)
echo "start: free_pages $free0 chans_bound $chans0 regions $reg0"
for i in $(seq 1 100); do
	xwctl provoke faulty n >/dev/null || { echo "cycle $i: not killed"; exit 1; }
done
[ "$(xwctl call faulty e)" = ok ] || { echo "faulty not back after 100 kills"; exit 1; }
sleep 0.2
xwctl apps
free1=$(stat free_pages) chans1=$(stat chans_bound) reg1=$(regions)
echo "after 100 kills: free_pages $free1 chans_bound $chans1 regions $reg1"
[ "$free1" -eq "$free0" ] || { echo "secure pages leaked: $free0 -> $free1"; exit 1; }
[ "$chans1" -eq "$chans0" ] || { echo "app channels leaked: $chans0 -> $chans1"; exit 1; }
[ "$reg1" -eq "$reg0" ] || { echo "regions leaked: $reg0 -> $reg1"; exit 1; }
# Applications run in whichever regime the monitor entered the kernel in
# (docs/boot.md "World switch"): when entries are borrowed, no application run
# may have switched the kernel back to its own regime, which would show as a
# secure TLB invalidation by the monitor at a later entry (SIP_SWITCH_PATHS):
# a CPU that borrowed counts one, its first borrowed entry after its boot in
# the own regime, and no more.
paths() { xwsmc call 0x82000002 "$1" | sed -n 's/^x0=0x0*0 x1=\(0x[0-9a-f]*\) x2=\(0x[0-9a-f]*\) x3=\(0x[0-9a-f]*\).*/\1 \2 \3/p'; }
b=0 t=0 cpu=0
while p=$(paths $cpu) && [ -n "$p" ]; do
	set -- $p
	echo "entry paths cpu $cpu: borrowed $(($1)) own $(($2)) secure-TLB-invalidations $(($3))"
	[ $(($1)) -eq 0 ] || [ $(($3)) -le 1 ] ||
		{ echo "cpu $cpu: $(($3)) regime changes: an app run left the borrowed regime"; exit 1; }
	b=$((b + $1)) cpu=$((cpu + 1))
done
[ "$cpu" -gt 0 ] || { echo "no SIP_SWITCH_PATHS counters"; exit 1; }
[ "$b" -gt 0 ] || echo "no borrowed entries (the monitor refused the normal world's regime)"
# The other applications still pass their own checks after the 100 kills.
head -c 300000 /dev/urandom >/tmp/a.bin
xwctl checksum /tmp/a.bin >/dev/null || { echo "checksum app wrong after the kills"; exit 1; }
xwctl pipe echo /tmp/a.bin /tmp/a.out >/dev/null && cmp /tmp/a.bin /tmp/a.out ||
	{ echo "echo app wrong after the kills"; exit 1; }
rm -f /tmp/a.bin /tmp/a.out
[ "$(xwmac sign "pay 10 to alice")" = "$t1" ] || { echo "mac: another tag after the kills"; exit 1; }
for a in echo checksum mac sink source; do
	xwctl apps | grep "^app $a " | grep -q " kills 0 " || { echo "app $a was killed too"; exit 1; }
done
echo "apps: all ok"
