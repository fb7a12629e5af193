# SPDX-License-Identifier: BSD-2-Clause
# Normal-world user programs: static arm64 binaries that go into the initramfs.

XW_DEPS += gcc-aarch64-linux-gnu libc6-dev-arm64-cross
XW_UCC := $(CROSS)gcc
XW_UCFLAGS := -std=gnu11 -O2 -static $(XW_WARN) -Iinclude -Iuser/common -Ilinux/xwtest

XW_XWSMC_SRCS := $(wildcard user/xwsmc/*.c)
XW_XWSMC := $(B)/user/xwsmc
$(XW_XWSMC): $(XW_XWSMC_SRCS) $(wildcard user/xwsmc/*.h) linux/xwtest/xwtest_ioctl.h \
		include/xw/smc.h include/xw/err.h user/common/xw_loopiter.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) $(XW_XWSMC_SRCS) -o $@
XW_ALL += $(XW_XWSMC)

# Programs with their own fragment in their directory.
include user/teeclient/teeclient.mk
