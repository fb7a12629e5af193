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

# QEMU (docs/block.md): one image file, on 4 CPUs then 2:
#   1: read/write and malicious requests, random verified I/O from all CPUs,
#      mke2fs + files + manifest, a clean power-off;
#   then XW_BLK_CUTS power cuts (tests/qemu/blk-powercut.sh): each boot checks what
#      the last cut left (e2fsck -fn, every file fsync'ed before it), writes, and
#      QEMU is SIGKILLed at a random moment; the first also checks boot 1's files;
#   last: the same check, read/write again, and I/O with CPU 0 (the device
#      interrupt's first target) offline.
XW_TESTS += test-blk
.PHONY: test-blk
XW_BLK_IMG := $(B)/qemu/blk-test.img
XW_BLK_CUTS ?= 20
test-blk: $(XW_QEMU_NEEDS) firmware
	@rm -f $(XW_BLK_IMG); truncate -s 256M $(XW_BLK_IMG); f=0; \
	scripts/qemu-run.sh --smp 4 --no-reboot --timeout 400 --disk $(XW_BLK_IMG) \
		--test boot,gate,blk-rw,blk-verify,blk-fs-make blk-1 || f=1; \
	[ $$f -eq 1 ] || tests/qemu/blk-powercut.sh --cuts $(XW_BLK_CUTS) --first blk-fs-check \
		--then blk-rw,blk-cpu0 $(XW_BLK_IMG) || f=1; \
	rm -f $(XW_BLK_IMG); exit $$f
$(call xw_help,test-blk,QEMU: xwblk.ko on the secure virtio disk: I/O + bad requests + all-CPU verify + mke2fs/power-off/persist + $(XW_BLK_CUTS) power cuts (QEMU killed) mid-write)
