# SPDX-License-Identifier: BSD-2-Clause
# Normal-world Linux modules, built out of tree for Debian's arm64 kernel.
include linux/kmod.mk

XW_DEPS += gcc-aarch64-linux-gnu
$(call xw_kmod,xwtest,linux/xwtest)
include linux/xworld/xworld.mk
include linux/xwblk/xwblk.mk
# Provokes a kernel WARNING/Oops on load: the runner's log check must fail that boot.
$(call xw_kmod,xwprovoke,linux/xwprovoke)
# Plays a hypervisor with several guests (tests/qemu/guest/guests.sh, docs/guests.md).
$(call xw_kmod,xwhyp,linux/xwhyp)
$(XW_KMOD_xwhyp): lib/chan.c lib/chan_region.c lib/chan_priv.h lib/include/xw/channel.h \
	include/xw/optee_msg.h include/xw/optee_smc.h include/xw/smc.h include/xw/err.h
# Not in /lib/xw/ (loaded at boot): the test loads it with its parameters.
XW_INITRAMFS_FILES += $(XW_KMOD_xwhyp)=/lib/xwhyp/xwhyp.ko
XW_INITRAMFS_FILES += $(XW_KMOD_xwprovoke)=/lib/xwprovoke/xwprovoke.ko
