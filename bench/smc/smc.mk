# SPDX-License-Identifier: BSD-2-Clause
# bench-smc: SMC round trip vs getppid in one boot, world switches per call, the
# secure images' sizes, time from QEMU start to the Linux prompt (QEMU pinned).
XW_BENCHES += bench-smc
.PHONY: bench-smc
bench-smc: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/smc/run.sh
$(call xw_help,bench-smc,QEMU: fast SMC round trip vs getppid; world switches per call; image sizes; boot time)
