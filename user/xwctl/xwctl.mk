# SPDX-License-Identifier: BSD-2-Clause
# xwctl: the channel CLI on /dev/xworld (linux/xworld), static, in the initramfs.
XW_XWCTL := $(B)/user/xwctl
$(XW_XWCTL): $(wildcard user/xwctl/*.c) $(wildcard user/xwctl/*.h) $(XW_LIBXW) linux/xworld/xworld_ioctl.h \
		user/common/xw_args.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/libxw $(wildcard user/xwctl/*.c) $(XW_LIBXW_SRCS) -o $@
XW_ALL += $(XW_XWCTL)
XW_INITRAMFS_FILES += $(XW_XWCTL)=/bin/xwctl
