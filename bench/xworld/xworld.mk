# SPDX-License-Identifier: BSD-2-Clause
# bench-xworld: /dev/xworld streaming (sink, echo; 64 B, 4 KiB, 1 MiB; one CPU and
# all CPUs) against the fast-call invoke path, in one boot (QEMU pinned).
XW_XWBENCH := $(B)/bench/xwbench
$(XW_XWBENCH): bench/xworld/xwbench.c user/xwsmc/dev.c user/xwsmc/xwsmc.h $(XW_LIBXW) \
		linux/xworld/xworld_ioctl.h linux/xwtest/xwtest_ioctl.h include/xw/smc.h \
		user/common/xw_loopiter.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/xwsmc -Iuser/libxw bench/xworld/xwbench.c user/xwsmc/dev.c \
		$(XW_LIBXW_SRCS) -o $@ -lpthread
XW_ALL += $(XW_XWBENCH)
XW_INITRAMFS_FILES += $(XW_XWBENCH)=/bin/xwbench

XW_BENCHES += bench-xworld
.PHONY: bench-xworld
bench-xworld: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/xworld/run.sh
$(call xw_help,bench-xworld,QEMU: /dev/xworld msgs/s and MB/s (64 B/4 KiB/1 MiB; 1 and all CPUs) vs the fast-call invoke path; world switches per message)
