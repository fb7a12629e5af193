# SPDX-License-Identifier: BSD-2-Clause
# Normal-world images for QEMU: Debian's arm64 kernel and userland (fetched, never
# installed), the initramfs, the device trees. See docs/normal-world.md.

XW_DEPS += qemu-system-arm gcc-aarch64-linux-gnu device-tree-compiler cpio
XW_DEB := $(B)/debian
XW_IMAGE := $(XW_DEB)/Image

# The stamp names the kernel version and package list; `make fetch-debian` re-resolves
# the version (a newer Debian kernel is fetched then), the file rule only fetches once.
$(XW_DEB)/stamp: scripts/fetch-debian.sh
	scripts/fetch-debian.sh $(XW_DEB)
$(XW_IMAGE) $(XW_DEB)/kver: $(XW_DEB)/stamp
	@test -f $@ && touch $@

.PHONY: fetch-debian
fetch-debian:
	scripts/fetch-debian.sh $(XW_DEB)
$(call xw_help,fetch-debian,download and unpack the Debian arm64 kernel/headers/busybox into $(XW_DEB))

XW_ALL += $(XW_DEB)/stamp

# The initramfs: busybox, /init, and every file other fragments list in
# XW_INITRAMFS_FILES as <built-file>=<path-in-initramfs> (*.ko under /lib/xw/ are
# loaded by /init in list order). Second expansion: fragments read later count too.
XW_INITRAMFS := $(B)/qemu/initramfs.cpio
XW_INITRAMFS_FILES += $(B)/linux/xwtest/xwtest.ko=/lib/xw/xwtest.ko
xw_ifiles_src = $(foreach p,$(XW_INITRAMFS_FILES),$(firstword $(subst =, ,$(p))))
.SECONDEXPANSION:
$(XW_INITRAMFS): scripts/mkinitramfs.sh scripts/initramfs/init $(XW_DEB)/stamp $$(xw_ifiles_src)
	scripts/mkinitramfs.sh $@ $(XW_DEB)/root/bin/busybox scripts/initramfs/init $(XW_INITRAMFS_FILES)
XW_ALL += $(XW_INITRAMFS)

# Boot to an interactive shell (with the secure firmware; XW_NOFW=1: without).
XW_RUN_SMP ?= 2
.PHONY: run
run: $(XW_INITRAMFS) $(XW_IMAGE) $(if $(XW_NOFW),,firmware)
	scripts/qemu-run.sh --interactive --smp $(XW_RUN_SMP) $(if $(XW_NOFW),--nofw) \
		$(if $(filter optee,$(TOS)),--tos optee) run
$(call xw_help,run,boot Linux on QEMU with the secure firmware to a shell (XW_RUN_SMP=2; XW_NOFW=1 without firmware; TOS=optee: on OP-TEE))

# The QEMU demo: the whole stack booted, the calls shown working, powered off.
XW_DEMOS += demo-qemu
.PHONY: demo-qemu
demo-qemu: all firmware
	scripts/qemu-demo.sh
$(call xw_help,demo-qemu,boot Linux on the secure firmware and show the SMC calls working (exit 0 if all did))

# Debian trixie's OP-TEE OS, xtest and their userland (docs/tos.md), through a
# private apt configuration under $(B)/trixie/apt.
$(B)/trixie/stamp: scripts/fetch-trixie.sh
	scripts/fetch-trixie.sh $(B)/trixie
.PHONY: fetch-trixie
fetch-trixie:
	XW_TRIXIE_REFRESH=1 scripts/fetch-trixie.sh $(B)/trixie
$(call xw_help,fetch-trixie,download and unpack trixie's optee-os / optee-test-qemu / client userland into $(B)/trixie)
