# SPDX-License-Identifier: BSD-2-Clause
# libxw: the user library of /dev/xworld (user/libxw/xw.h). Programs compile
# $(XW_LIBXW_SRCS) with -Iuser/libxw and depend on $(XW_LIBXW).
XW_LIBXW_SRCS := user/libxw/libxw.c
XW_LIBXW := $(XW_LIBXW_SRCS) user/libxw/xw.h linux/xworld/xworld_ioctl.h

# The example program (in the initramfs; the xworld guest test runs it).
XW_XWEXAMPLE := $(B)/user/xw-example
$(XW_XWEXAMPLE): user/libxw/example.c $(XW_LIBXW)
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/libxw user/libxw/example.c $(XW_LIBXW_SRCS) -o $@
XW_ALL += $(XW_XWEXAMPLE)
XW_INITRAMFS_FILES += $(XW_XWEXAMPLE)=/bin/xw-example
