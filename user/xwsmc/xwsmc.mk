# SPDX-License-Identifier: BSD-2-Clause
# xwsmc: raw SMC checks, stress and benchmark through linux/xwtest, static.
XW_XWSMC_SRCS := $(wildcard user/xwsmc/*.c)
XW_XWSMC := $(B)/user/xwsmc
$(XW_XWSMC): $(XW_XWSMC_SRCS) $(wildcard user/xwsmc/*.h) linux/xwtest/xwtest_ioctl.h \
		include/xw/smc.h include/xw/err.h user/common/xw_loopiter.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) $(XW_XWSMC_SRCS) -o $@
XW_ALL += $(XW_XWSMC)
XW_INITRAMFS_FILES += $(XW_XWSMC)=/bin/xwsmc
