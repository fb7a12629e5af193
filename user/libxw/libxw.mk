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

# The zero-copy example and the zero-copy guest test (tests/qemu/guest/xworld.sh).
XW_XWEXAMPLE_ZC := $(B)/user/xw-example-zc
$(XW_XWEXAMPLE_ZC): user/libxw/example-zc.c $(XW_LIBXW)
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/libxw user/libxw/example-zc.c $(XW_LIBXW_SRCS) -o $@
XW_XWZCTEST := $(B)/user/xw-zctest
$(XW_XWZCTEST): user/libxw/zctest.c $(XW_LIBXW)
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/libxw user/libxw/zctest.c $(XW_LIBXW_SRCS) -o $@ -lpthread
XW_ALL += $(XW_XWEXAMPLE_ZC) $(XW_XWZCTEST)
XW_INITRAMFS_FILES += $(XW_XWEXAMPLE_ZC)=/bin/xw-example-zc $(XW_XWZCTEST)=/bin/xw-zctest
