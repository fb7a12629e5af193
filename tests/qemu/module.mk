# SPDX-License-Identifier: BSD-2-Clause
# QEMU integration tests: each boot runs guest tests (tests/qemu/guest/*.sh, run by
# /xw/run-tests) and powers off by itself under a timeout; logs in build/qemu/<boot>/.

XW_QEMU_GUEST := $(wildcard tests/qemu/guest/*.sh)
XW_INITRAMFS_FILES += tests/qemu/guest/run-tests=/xw/run-tests \
	$(foreach f,$(XW_QEMU_GUEST),$(f)=/xw/tests/$(notdir $(f)))

# Debian's mke2fs and e2fsck (dynamic; libc and loader come with the OP-TEE client
# files) for the block device's power-off test: busybox has neither ext4 nor fsck.
XW_E2FSCK_FILES := sbin/e2fsck sbin/mke2fs etc/mke2fs.conf lib/aarch64-linux-gnu/libext2fs.so.2 \
	lib/aarch64-linux-gnu/libe2p.so.2 lib/aarch64-linux-gnu/libcom_err.so.2 \
	usr/lib/aarch64-linux-gnu/libblkid.so.1 usr/lib/aarch64-linux-gnu/libuuid.so.1
$(addprefix $(B)/debian/root/,$(XW_E2FSCK_FILES)): $(B)/debian/stamp
	@test -e $@ || { echo "missing $@: run make fetch-debian"; exit 1; }
XW_INITRAMFS_FILES += $(foreach f,$(XW_E2FSCK_FILES),$(B)/debian/root/$(f)=/$(f))

XW_TESTS += test-qemu
.PHONY: test-qemu test-qemu-nofw
test-qemu: $(XW_QEMU_NEEDS) firmware
	tests/qemu/run-all.sh
$(call xw_help,test-qemu,boot Linux with the secure firmware on QEMU (smp 1/2/4): boot/SMC/stress/hotplug/reboot tests)

# The same images with QEMU's own PSCI and no secure firmware: checks our side alone.
test-qemu-nofw: $(XW_QEMU_NEEDS)
	tests/qemu/run-all.sh --nofw
$(call xw_help,test-qemu-nofw,boot the normal-world images without secure firmware (PSCI from QEMU))

# tests/qemu/fw-* belongs to the firmware side; its make fragment, if any, is
# tests/qemu/fw-*.mk.
-include $(wildcard tests/qemu/fw-*.mk)
include tests/qemu/guests.mk
