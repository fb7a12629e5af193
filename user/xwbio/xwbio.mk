# SPDX-License-Identifier: BSD-2-Clause
# xwbio: block I/O checker and benchmark for /dev/xwblk* (linux/xwblk), static,
# in the initramfs.
XW_XWBIO := $(B)/user/xwbio
$(XW_XWBIO): $(wildcard user/xwbio/*.c) linux/xwblk/xwblk_ioctl.h include/xw/blk_abi.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Ilinux/xwblk -pthread $(wildcard user/xwbio/*.c) -o $@
XW_ALL += $(XW_XWBIO)
XW_INITRAMFS_FILES += $(XW_XWBIO)=/bin/xwbio
