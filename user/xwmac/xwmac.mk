# SPDX-License-Identifier: BSD-2-Clause
# xwmac: the client of the secure application apps/mac (docs/apps.md), static, in the initramfs.
XW_XWMAC := $(B)/user/xwmac
$(XW_XWMAC): user/xwmac/xwmac.c linux/xworld/xworld_ioctl.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) user/xwmac/xwmac.c -o $@
XW_ALL += $(XW_XWMAC)
XW_INITRAMFS_FILES += $(XW_XWMAC)=/bin/xwmac
