# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE front end: the stock Linux driver (tee.ko, optee.ko from Debian's kernel
# package) in the initramfs, and its QEMU test (docs/optee.md).

# Debian's modules, copied out of the unpacked kernel (its version is known only
# after the fetch, hence the shell lookup).
XW_OPTEE_KMODS := $(B)/optee/tee.ko $(B)/optee/optee.ko
$(B)/optee/tee.ko: $(B)/debian/stamp
	@mkdir -p $(@D)
	cp $(B)/debian/root/lib/modules/$$(cat $(B)/debian/kver)/kernel/drivers/tee/tee.ko $@
$(B)/optee/optee.ko: $(B)/debian/stamp
	@mkdir -p $(@D)
	cp $(B)/debian/root/lib/modules/$$(cat $(B)/debian/kver)/kernel/drivers/tee/optee/optee.ko $@
# Loaded by /init in this order (tee first: optee depends on it).
XW_INITRAMFS_FILES += $(B)/optee/tee.ko=/lib/xw/tee.ko $(B)/optee/optee.ko=/lib/xw/optee.ko

XW_TESTS += test-optee
.PHONY: test-optee
test-optee: $(XW_QEMU_NEEDS) firmware
	tests/qemu/optee-run.sh
$(call xw_help,test-optee,boot Linux with the stock OP-TEE driver on the secure firmware (smp 1 and 4) and run the OP-TEE guest tests)
