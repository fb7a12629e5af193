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

# Debian's OP-TEE OS on Crossworld's monitor (TOS=optee, docs/tos.md): boots, PSCI,
# and OP-TEE's own xtest from a trixie root appended to the test initramfs.
XW_INITRAMFS_XTEST := $(B)/qemu/initramfs-xtest.cpio
$(XW_INITRAMFS_XTEST): scripts/mkinitramfs-trixie.sh $(XW_INITRAMFS) $(B)/trixie/stamp
	scripts/mkinitramfs-trixie.sh $(XW_INITRAMFS) $(B)/trixie/root $@
XW_TESTS += test-optee-os
.PHONY: test-optee-os
test-optee-os: $(XW_QEMU_NEEDS) $(XW_FW_BIOS_OPTEE) $(XW_INITRAMFS_XTEST)
	tests/qemu/optee-os-run.sh
$(call xw_help,test-optee-os,Debian's OP-TEE OS 4.5 on the monitor (TOS=optee): smp 1/2/4 + hotplug + reboot + an xtest regression subset (XW_XTEST=all: the whole suite))

# Debian's TAs at S-EL0 under Crossworld's own OP-TEE front end, judged by xtest
# (docs/optee.md, "Trusted applications").
XW_TESTS += test-xtest
.PHONY: test-xtest
test-xtest: $(XW_QEMU_NEEDS) firmware $(XW_INITRAMFS_XTEST)
	tests/qemu/xtest-run.sh
$(call xw_help,test-xtest,xtest's 1000 series + 5006 one by one against Debian's TAs at S-EL0 (tests/qemu/xtest-expect must pass))
