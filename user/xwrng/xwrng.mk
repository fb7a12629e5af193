# SPDX-License-Identifier: BSD-2-Clause
# xwrng: entropy read-rate meter for the entropy benchmark and demo (docs/entropy.md).
XW_XWRNG := $(B)/user/xwrng
$(XW_XWRNG): $(wildcard user/xwrng/*.c) user/common/xw_loopiter.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) $(wildcard user/xwrng/*.c) -o $@
XW_ALL += $(XW_XWRNG)
XW_INITRAMFS_FILES += $(XW_XWRNG)=/bin/xwrng
