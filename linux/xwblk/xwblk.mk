# SPDX-License-Identifier: BSD-2-Clause
# xwblk.ko (block devices served by the secure world; its tool: user/xwbio/), the modules the guest tests load by hand (ext2 via ext4, and for the
# benchmark's anchor Linux's own virtio-blk), and make test-blk. docs/block.md.
$(call xw_kmod,xwblk,linux/xwblk)
$(XW_KMOD_xwblk): include/xw/blk_abi.h include/xw/smc.h include/xw/err.h linux/xworld/stdint.h \
	linux/common/xw_errno.h

# Debian's modules, not loaded at boot (/lib/xwblk/, not /lib/xw/): the guest
# tests insmod them in this order.
# They are copied out of the unpacked kernel by rules, because the kernel release
# (a directory name) is known only after the fetch, not when make reads this file.
XW_BLK_DEBMODS := lib/crc16 fs/mbcache fs/jbd2/jbd2 crypto/crc32c_generic fs/ext4/ext4 \
	drivers/virtio/virtio_mmio drivers/block/virtio_blk
define xw_blk_debmod_tmpl
$(B)/debmods/$(notdir $(1)).ko: $(B)/debian/stamp
	@mkdir -p $$(@D)
	cp $(B)/debian/root/lib/modules/$$$$(cat $(B)/debian/kver)/kernel/$(1).ko $$@
endef
$(foreach m,$(XW_BLK_DEBMODS),$(eval $(call xw_blk_debmod_tmpl,$(m))))
XW_INITRAMFS_FILES += $(XW_KMOD_xwblk)=/lib/xw/xwblk.ko \
	$(foreach m,$(XW_BLK_DEBMODS),$(B)/debmods/$(notdir $(m)).ko=/lib/xwblk/$(notdir $(m)).ko)

# QEMU (docs/block.md): one image file, three boots on 4 CPUs, each powered off:
#   1: read/write and malicious requests, random verified I/O from all CPUs,
#      mke2fs + files + manifest;  2: after the power-off, every file checked,
#      then a writer powered off mid-write;  3: everything flushed is there,
#      and I/O completes with CPU 0 (the device interrupt's first target) offline.
XW_TESTS += test-blk
.PHONY: test-blk
XW_BLK_IMG := $(B)/qemu/blk-test.img
test-blk: $(XW_QEMU_NEEDS) firmware
	@rm -f $(XW_BLK_IMG); truncate -s 256M $(XW_BLK_IMG); f=0; \
	scripts/qemu-run.sh --smp 4 --no-reboot --timeout 400 --disk $(XW_BLK_IMG) \
		--test boot,gate,blk-rw,blk-verify,blk-fs-make blk-1 || f=1; \
	scripts/qemu-run.sh --smp 4 --no-reboot --timeout 200 --disk $(XW_BLK_IMG) \
		--test blk-fs-check,blk-crash-write blk-2 || f=1; \
	scripts/qemu-run.sh --smp 2 --no-reboot --timeout 200 --disk $(XW_BLK_IMG) \
		--test blk-crash-check,blk-rw,blk-cpu0 blk-3 || f=1; \
	rm -f $(XW_BLK_IMG); exit $$f
$(call xw_help,test-blk,QEMU: xwblk.ko on the secure virtio disk: I/O + bad requests + all-CPU verify + mke2fs/power-off/persist + power-off mid-write)
