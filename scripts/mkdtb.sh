#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Device trees for the normal world on QEMU virt (every edit is listed, with its
# reason, in docs/normal-world.md).
#
#   mkdtb.sh base <smp> <out.dtb> [hvc]
#       Dumps QEMU's own tree for the machine we boot (secure=on with -bios; for
#       hvc, plain virt without firmware), then
#       makes it the normal world's: /psci with method "smc" ("hvc" for the boot
#       without secure firmware, where QEMU's own PSCI answers HVC), enable-method
#       "psci" on every cpu, /firmware/crossworld, a test scratch page, and without the
#       secure-only nodes and the KASLR seed.
#   mkdtb.sh chosen <in.dtb> <out.dtb> <initrd-file> <initrd-addr> <bootargs>
#       Adds what QEMU does not fill in when it boots with -bios: /chosen bootargs,
#       stdout-path and linux,initrd-start/end for an initramfs placed at initrd-addr.
set -euo pipefail

die() { echo "mkdtb: error: $*" >&2; exit 1; }

# Must match the options qemu-run.sh boots with: the tree depends on them.
XW_QEMU_MACHINE=${XW_QEMU_MACHINE:-virt,secure=on,gic-version=3,virtualization=off}
XW_QEMU_CPU=${XW_QEMU_CPU:-cortex-a57}
XW_QEMU_MEM=${XW_QEMU_MEM:-1024}
# A page Linux leaves alone (no-map) and tests may keep state in across a reboot.
XW_SCRATCH_ADDR=${XW_SCRATCH_ADDR:-0x47ff0000}

base() {
	local smp=$1 out=$2 method=${3:-smc} tmp
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	# The tree depends on whether firmware is loaded (with -bios, QEMU swaps the
	# normal-world GPIO for an ACPI event device), not on what the firmware is.
	local bios=() machine=$XW_QEMU_MACHINE
	if [ "$method" = smc ]; then
		head -c 4096 /dev/zero >"$tmp/bios.bin"
		bios=(-bios "$tmp/bios.bin")
	else
		machine=virt,gic-version=3
	fi
	qemu-system-aarch64 -machine "$machine,dumpdtb=$tmp/q.dtb" -cpu "$XW_QEMU_CPU" \
		-m "$XW_QEMU_MEM" -smp "$smp" "${bios[@]}" -nic none -nographic >"$tmp/log" 2>&1 ||
		{ cat "$tmp/log" >&2; die "qemu dumpdtb failed"; }
	local f=$tmp/q.dtb

	# Nodes QEMU marks secure-only (status "disabled", secure-status "okay"): the
	# secure flash, secure RAM, secure UART, secure GPIO and its power-off/restart
	# lines. Linux must never probe them; removing them says so plainly.
	local n
	for n in $(fdtget -l "$f" /); do
		if [ "$(fdtget -t s "$f" "/$n" secure-status 2>/dev/null)" = okay ] &&
			[ "$(fdtget -t s "$f" "/$n" status 2>/dev/null)" = disabled ]; then
			fdtput -r "$f" "/$n"
		fi
	done
	fdtput -r "$f" /secure-chosen 2>/dev/null || true
	# QEMU's KASLR seed turns on KASLR and with it KPTI, which makes every syscall
	# (our benchmark anchor) ~10x dearer under emulation; boots stay reproducible.
	fdtput -d "$f" /chosen kaslr-seed 2>/dev/null || true

	fdtget "$f" /psci compatible >/dev/null 2>&1 || fdtput -c "$f" /psci
	fdtput -t s "$f" /psci compatible "arm,psci-1.0" "arm,psci-0.2"
	fdtput -t s "$f" /psci method "$method"
	local cpu ncpu=0
	for cpu in $(fdtget -l "$f" /cpus); do
		case $cpu in cpu@*) ;; *) continue ;; esac
		fdtput -t s "$f" "/cpus/$cpu" enable-method psci
		ncpu=$((ncpu + 1))
	done
	[ "$ncpu" -eq "$smp" ] || die "dumped tree has $ncpu cpus, expected $smp"

	# Only with our firmware: without it nothing answers the node's SMCs.
	if [ "$method" = smc ]; then
		fdtput -c -p "$f" /firmware/crossworld
		fdtput -t s "$f" /firmware/crossworld compatible "crossworld,xw"
		# The channel notification SPI the secure kernel raises (plat_memmap.h
		# XW_NS_NOTIFY_SPI = 14, edge), and dma-coherent: channel memory from
		# dma_alloc_coherent() is normal cacheable RAM, as the secure side maps it.
		fdtput -t x "$f" /firmware/crossworld interrupts 0 0xe 1 # -t x: hex (SPI 14)
		fdtput -t s "$f" /firmware/crossworld dma-coherent ""
	fi
	# The stock OP-TEE driver finds the secure kernel's OP-TEE front end here
	# (docs/optee.md); only with our firmware, which answers its SMCs.
	if [ "$method" = smc ]; then
		fdtput -c -p "$f" /firmware/optee
		fdtput -t s "$f" /firmware/optee compatible "linaro,optee-tz"
		fdtput -t s "$f" /firmware/optee method smc
	fi

	# Paravirtual block device (docs/block.md): virtio-mmio transport 31 is the
	# secure world's disk (plat_memmap.h XW_VBLK_MMIO_BASE): Linux must not
	# probe it. /firmware/crossworld-blk names the completion SPI 15 (edge).
	fdtput -r "$f" /virtio_mmio@a003e00 2>/dev/null || true
	if [ "$method" = smc ]; then
		fdtput -c -p "$f" /firmware/crossworld-blk
		fdtput -t s "$f" /firmware/crossworld-blk compatible "crossworld,xw-blk"
		fdtput -t x "$f" /firmware/crossworld-blk interrupts 0 0xf 1 # -t x: hex
		fdtput -t s "$f" /firmware/crossworld-blk dma-coherent ""
	fi

	# The secure entropy source (docs/entropy.md): virtio-mmio transport 22
	# (plat_memmap.h XW_VRNG_MMIO_BASE) is the secure kernel's alone.
	fdtput -r "$f" /virtio_mmio@a002c00 2>/dev/null || true

	fdtput -c "$f" /reserved-memory
	fdtput -t x "$f" /reserved-memory "#address-cells" 2
	fdtput -t x "$f" /reserved-memory "#size-cells" 2
	fdtput -t x "$f" /reserved-memory ranges
	local node
	node=/reserved-memory/xw-test-scratch@${XW_SCRATCH_ADDR#0x}
	fdtput -c "$f" "$node"
	fdtput -t x "$f" "$node" reg 0 "$XW_SCRATCH_ADDR" 0 0x1000
	fdtput -t x "$f" "$node" no-map

	# The block device's virtqueue carve-out (plat_memmap.h XW_BLK_CARVE_BASE):
	# QEMU's devices DMA only into NS RAM, and Linux must never map it.
	node=/reserved-memory/xw-blk-carveout@7f000000
	fdtput -c "$f" "$node"
	fdtput -t x "$f" "$node" reg 0 0x7f000000 0 0x40000
	fdtput -t x "$f" "$node" no-map

	# The entropy source's virtqueue and buffer (plat_memmap.h XW_RNG_CARVE_BASE).
	node=/reserved-memory/xw-rng-carveout@7f100000
	fdtput -c "$f" "$node"
	fdtput -t x "$f" "$node" reg 0 0x7f100000 0 0x10000
	fdtput -t x "$f" "$node" no-map

	mkdir -p "$(dirname "$out")"
	# Round-trip through dtc: compacts the blob and checks it is well-formed.
	dtc -q -I dtb -O dtb -o "$out.tmp.$$" "$f"
	[ "$(stat -c %s "$out.tmp.$$")" -le $((2 * 1024 * 1024)) ] || die "$out is over 2 MiB"
	mv "$out.tmp.$$" "$out"
}

chosen() {
	local in=$1 out=$2 initrd=$3 addr=$4 bootargs=$5 size end
	[ -f "$initrd" ] || die "no initrd $initrd"
	size=$(stat -c %s "$initrd")
	end=$(printf '0x%x' $((addr + size)))
	cp "$in" "$out.tmp.$$"
	fdtput -c "$out.tmp.$$" /chosen 2>/dev/null || true
	fdtput -t s "$out.tmp.$$" /chosen bootargs "$bootargs"
	fdtput -t s "$out.tmp.$$" /chosen stdout-path /pl011@9000000
	fdtput -t x "$out.tmp.$$" /chosen linux,initrd-start "$addr"
	fdtput -t x "$out.tmp.$$" /chosen linux,initrd-end "$end"
	mv "$out.tmp.$$" "$out"
}

case ${1:-} in
base) [ $# -ge 3 ] || die "usage: mkdtb.sh base <smp> <out.dtb> [smc|hvc]"; shift; base "$@" ;;
chosen) [ $# -eq 6 ] || die "usage: mkdtb.sh chosen <in> <out> <initrd> <addr> <bootargs>"; shift; chosen "$@" ;;
*) die "usage: mkdtb.sh base|chosen ..." ;;
esac
