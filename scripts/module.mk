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
$(call xw_help,fetch-debian,download and unpack Debian's arm64 kernel/headers/busybox into $(XW_DEB))

XW_ALL += $(XW_DEB)/stamp
