#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# qemu-run.sh [options] <name> [-- <extra qemu args>]
#   Boots the normal world on QEMU virt and checks the result. Logs go to
#   build/qemu/<name>/: console.log (serial 0, normal world), secure.log (serial 1,
#   secure UART), qemu.log (QEMU's own messages), boot.dtb, cmd (the command line).
#
# Options:
#   --smp N            CPUs (default 2)
#   --test LIST        run these guest tests (xw.test=LIST) and power off; the run
#                      fails unless each of them prints PASS and none FAIL
#   --append ARGS      extra kernel command-line arguments
#   --timeout S        seconds before QEMU is killed and the run fails (default 240)
#   --boots N          the console must show N boots (a reboot test: 2)
#   --no-reboot        a reset (or a panic) ends QEMU instead of rebooting
#   --nofw             no secure firmware: QEMU's own PSCI (HVC), -kernel/-initrd
#   --interactive      console on this terminal, no timeout (make run)
#   --taskset CPU      pin QEMU to this host CPU (benchmarks)
#   --disk FILE        a raw image as the secure world's virtio-blk disk (virtio-mmio
#                      transport 31, taken out of Linux's tree: docs/block.md)
#   --linux-disk FILE  a raw image as a virtio-blk disk handed to Linux (transport 30)
#   --rng-file FILE    feed the secure world's entropy device (virtio-mmio transport 22,
#                      taken out of Linux's tree: docs/entropy.md) from FILE instead of
#                      QEMU's built-in generator (a test: --rng-file /dev/zero)
#   --linux-rng        a second virtio-rng device, Linux's own (transport 21: the
#                      entropy benchmark's anchor)
#   --power-cut        the run is ended from outside: another script SIGKILLs QEMU (its
#                      pid is in build/qemu/<name>/qemu.pid) after writing the file
#                      power-cut there; that end is then expected, any other is a failure
#   --bios/--kernel/--initrd FILE   override the defaults below
# Exit status: 0 if QEMU powered off by itself with status 0 (or, with --power-cut,
# was cut as planned) and every check held. Checks: no timeout, the boots reached user
# space, every listed test printed PASS and none FAIL, and both serial logs are clean
# (scripts/qemu-logcheck.sh: no kernel Oops/BUG/WARNING/lockup/stall..., no secure
# PANIC/exception/CHECK/error line, except what tests/qemu/log-allow.txt allows).
set -euo pipefail

B=${B:-build}
smp=2 tests= append= timeout=240 boots=1 noreboot=0 nofw=0 interactive=0 pin= disk= ldisk= cut=0
rngfile= lrng=0
bios=$B/fw/xw-bios.bin kernel=$B/debian/Image initrd=$B/qemu/initramfs.cpio
die() { echo "qemu-run: error: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--smp) smp=$2; shift 2 ;;
	--test) tests=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--boots) boots=$2; shift 2 ;;
	--no-reboot) noreboot=1; shift ;;
	--nofw) nofw=1; shift ;;
	--interactive) interactive=1; shift ;;
	--taskset) pin=$2; shift 2 ;;
	--disk) disk=$2; shift 2 ;;
	--linux-disk) ldisk=$2; shift 2 ;;
	--rng-file) rngfile=$2; shift 2 ;;
	--linux-rng) lrng=1; shift ;;
	--power-cut) cut=1; shift ;;
	--bios) bios=$2; shift 2 ;;
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--) break ;;
	-*) die "unknown option $1" ;;
	*) [ -z "${name:-}" ] || die "two names: $name, $1"; name=$1; shift ;;
	esac
done
[ -n "${name:-}" ] || die "usage: qemu-run.sh [options] <name> [-- qemu args]"
[ "${1:-}" = -- ] && shift
extra=("$@")

# The fixed memory layout agreed with the firmware (docs/normal-world.md). The
# device tree goes to 0x40000000 too, but through -dtb: with -bios, QEMU itself
# places a tree at the start of RAM, and a loader image there would overlap it.
KERNEL_ADDR=0x40200000
INITRD_ADDR=0x48000000

dir=$B/qemu/$name
mkdir -p "$dir"
# Two runs of the same name (two people's `make test-qemu`) would write into one
# another's logs: the second waits for the first.
exec 9>"$dir.lock"
flock 9
rm -f "$dir"/{console,secure,qemu}.log "$dir"/qemu.pid "$dir"/power-cut
for f in "$kernel" "$initrd"; do [ -f "$f" ] || die "missing $f"; done
[ $nofw -eq 1 ] || [ -f "$bios" ] || die "missing firmware $bios (make firmware)"

# A task stuck 60 s in D state is reported (with its stack) inside the runner's
# timeout: Debian's 120 s, checked every 120 s, comes after most of them.
bootargs="console=ttyAMA0 earlycon nokaslr panic=-1 xw.ncpu=$smp sysctl.kernel.hung_task_timeout_secs=60"
[ -n "$tests" ] && bootargs+=" xw.test=$tests"
[ -n "$append" ] && bootargs+=" $append"

base=$B/dtb/virt-smp$smp-$([ $nofw -eq 1 ] && echo hvc || echo smc).dtb
if [ ! -f "$base" ] || [ scripts/mkdtb.sh -nt "$base" ]; then
	scripts/mkdtb.sh base "$smp" "$base" "$([ $nofw -eq 1 ] && echo hvc || echo smc)"
fi
scripts/mkdtb.sh chosen "$base" "$dir/boot.dtb" "$initrd" $INITRD_ADDR "$bootargs"

# -nic none: no NIC is needed, and the default one wants ipxe's efi-virtio.rom,
# which QEMU installed without recommended packages does not have.
q=(qemu-system-aarch64 -cpu cortex-a57 -m 1024 -smp "$smp" -nic none)
if [ $nofw -eq 1 ]; then
	q+=(-machine virt,gic-version=3 -kernel "$kernel" -initrd "$initrd" -dtb "$dir/boot.dtb"
		-append "$bootargs")
else
	q+=(-machine virt,secure=on,gic-version=3,virtualization=off -bios "$bios"
		-dtb "$dir/boot.dtb"
		-device "loader,file=$kernel,addr=$KERNEL_ADDR,force-raw=on"
		-device "loader,file=$initrd,addr=$INITRD_ADDR,force-raw=on")
fi
# virtio-mmio devices land on the highest free transport: the secure disk first
# (31), then Linux's (30). Same host disk, same cache mode: a fair comparison.
[ -n "$disk" ] && q+=(-drive "if=none,file=$disk,format=raw,id=xwsdisk"
	-device virtio-blk-device,drive=xwsdisk)
[ -n "$ldisk" ] && q+=(-drive "if=none,file=$ldisk,format=raw,id=xwldisk"
	-device virtio-blk-device,drive=xwldisk)
# The secure world's entropy source, pinned to its transport (22) whatever
# else is on the command line; Linux's own (the benchmark's anchor) on 21.
if [ -n "$rngfile" ]; then
	q+=(-object "rng-random,id=xwsrng,filename=$rngfile")
else
	q+=(-object rng-builtin,id=xwsrng)
fi
q+=(-device virtio-rng-device,rng=xwsrng,bus=virtio-mmio-bus.22)
[ $lrng -eq 1 ] && q+=(-object rng-builtin,id=xwlrng -device virtio-rng-device,rng=xwlrng,bus=virtio-mmio-bus.21)
[ $noreboot -eq 1 ] && q+=(-no-reboot)
if [ $interactive -eq 1 ]; then
	q+=(-nographic -serial mon:stdio -serial "file:$dir/secure.log")
else
	q+=(-display none -monitor none -serial "file:$dir/console.log" -serial "file:$dir/secure.log")
fi
q+=(-pidfile "$dir/qemu.pid" "${extra[@]}")
[ -n "$pin" ] && q=(taskset -c "$pin" "${q[@]}")
printf '%q ' "${q[@]}" >"$dir/cmd"
echo >>"$dir/cmd"

if [ $interactive -eq 1 ]; then
	echo "qemu-run: interactive; Ctrl-A X quits QEMU, 'poweroff -f' powers off; secure log: $dir/secure.log"
	exec "${q[@]}"
fi

elapsed() { awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.3f\n", a - b }'; }
start=$(date +%s.%N)
rc=0
timeout -k 5 "$timeout" "${q[@]}" </dev/null >"$dir/qemu.log" 2>&1 &
qpid=$!
# Time from QEMU's start to the first user-space line (benchmarks read ready-seconds).
rm -f "$dir/ready-seconds"
while kill -0 $qpid 2>/dev/null; do
	if grep -q '^xw-init: user space up' "$dir/console.log" 2>/dev/null; then
		elapsed >"$dir/ready-seconds"
		break
	fi
	sleep 0.05
done
# (stderr: no "Killed" job notice from bash when --power-cut's QEMU is SIGKILLed)
wait $qpid 2>/dev/null || rc=$?
secs=$(elapsed)

why=()
if [ $cut -eq 1 ]; then
	# timeout(1) passes on the status of its child killed by SIGKILL: 137.
	if [ -f "$dir/power-cut" ] && [ $rc -eq 137 ]; then rc=0
	elif [ -f "$dir/power-cut" ]; then why+=("power cut planned, but qemu ended with status $rc")
	else why+=("no power cut was made (qemu status $rc)"); fi
fi
[ $rc -eq 124 ] || [ $rc -eq 137 ] && why+=("timed out after ${timeout}s")
[ $rc -ne 0 ] && [ $rc -ne 124 ] && [ $rc -ne 137 ] && why+=("qemu exited with status $rc")
log=$dir/console.log
touch "$log"
# The serial console ends lines with CR LF.
sed -i 's/\r$//' "$log"
nboot=$(grep -c '^xw-init: user space up' "$log" || true)
[ "$nboot" -ge "$boots" ] || why+=("$nboot boot(s) reached user space, expected $boots")
grep -q 'Kernel panic' "$log" && why+=("kernel panic")
# Both worlds' logs: any kernel report or secure-side error fails the run.
while IFS= read -r w; do why+=("$w"); done < <(scripts/qemu-logcheck.sh --tests "$tests" \
	$([ -n "$disk" ] && [ $nofw -eq 0 ] && echo --disk) "$log" \
	$([ $nofw -eq 0 ] && echo "$dir/secure.log"))
if [ -n "$tests" ]; then
	# With --power-cut the last test is the one the cut ends: it never passes.
	req=$tests
	[ $cut -eq 1 ] && req=$(echo "$tests" | sed 's/,*[^,]*$//')
	for t in $(echo "$req" | tr , ' '); do
		grep -qx "PASS $t" "$log" || why+=("test $t did not pass")
	done
fi
grep -a '^PASS \|^FAIL ' "$log" || true
if grep -qa '^FAIL ' "$log" || [ ${#why[@]} -gt 0 ]; then
	for w in "${why[@]}"; do echo "qemu-run: $name: $w"; done
	echo "qemu-run: $name FAILED after ${secs}s; logs kept in $dir/ (last console lines:)"
	tail -n 15 "$log" | sed 's/^/  | /'
	exit 1
fi
echo "qemu-run: $name ok (${secs}s; user space after $(cat "$dir/ready-seconds" 2>/dev/null || echo ?)s)"
