# SPDX-License-Identifier: BSD-2-Clause
# xworld.ko (cross-world channels) and the guest test (its tool: user/xwctl/).
# The module compiles lib/chan*.c in place (xw_lib_*.c include them): one copy.
$(call xw_kmod,xworld,linux/xworld)
$(XW_KMOD_xworld): linux/common/xw_errno.h lib/chan.c lib/chan_region.c lib/chan_priv.h lib/include/xw/channel.h \
	include/xw/channel_abi.h include/xw/smc.h include/xw/err.h
XW_INITRAMFS_FILES += $(XW_KMOD_xworld)=/lib/xw/xworld.ko

# QEMU: the guest tests tests/qemu/guest/xworld.sh and xworld-multi.sh on 1, 2 and 4 CPUs.
XW_TESTS += test-xworld
.PHONY: test-xworld
test-xworld: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	@f=0; for n in 1 2 4; do \
		scripts/qemu-run.sh --smp $$n --no-reboot --timeout 600 --test boot,xworld,xworld-multi,xworld-zc xworld-smp$$n || f=1; \
	done; exit $$f
$(call xw_help,test-xworld,QEMU smp 1/2/4: /dev/xworld echo/checksum up to 64 MiB; zero-copy send/receive (xw-zctest); bad arguments; kill mid-message; reload x20; per-CPU kernel channels; all CPUs at once; a corrupted channel breaks alone; debugfs stats)

# The zero-copy send area's allocation state, hosted (it is pure bookkeeping).
$(call xw_unit_test,test_zarea,tests/unit/test_zarea.c linux/xworld/xw_zarea.c)
# The channel library's zero-copy forms the driver builds on (aligned areas, REF by the caller).
$(call xw_unit_test,test_chan_zc,tests/unit/test_chan_zc.c lib/chan.c lib/chan_region.c)
