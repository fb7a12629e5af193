# SPDX-License-Identifier: BSD-2-Clause
# Normal-world Linux modules, built out of tree for Debian's arm64 kernel.
include linux/kmod.mk

XW_DEPS += gcc-aarch64-linux-gnu
$(call xw_kmod,xwtest,linux/xwtest)
include linux/xworld/xworld.mk
include linux/xwblk/xwblk.mk
# Provokes a kernel WARNING/Oops on load: the runner's log check must fail that boot.
$(call xw_kmod,xwprovoke,linux/xwprovoke)
XW_INITRAMFS_FILES += $(XW_KMOD_xwprovoke)=/lib/xwprovoke/xwprovoke.ko
