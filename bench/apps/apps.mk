# SPDX-License-Identifier: BSD-2-Clause
# bench-apps: services as S-EL0 applications vs the same services in S-EL1
# (echo/kecho, sink/ksink), 64 B round trip and streams, in one boot (QEMU pinned).
XW_XWAPPBENCH := $(B)/bench/xwappbench
$(XW_XWAPPBENCH): bench/apps/xwappbench.c user/xwsmc/dev.c user/xwsmc/xwsmc.h \
		linux/xworld/xworld_ioctl.h user/common/xw_loopiter.h
	@mkdir -p $(@D)
	$(XW_UCC) $(XW_UCFLAGS) -Iuser/xwsmc bench/apps/xwappbench.c user/xwsmc/dev.c -o $@ -lpthread
XW_ALL += $(XW_XWAPPBENCH)
XW_INITRAMFS_FILES += $(XW_XWAPPBENCH)=/bin/xwappbench

XW_BENCHES += bench-apps
.PHONY: bench-apps
bench-apps: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/apps/run.sh
$(call xw_help,bench-apps,QEMU: echo round trip and 64 B streams with the services as S-EL0 apps vs in S-EL1; cost of entering an app)
