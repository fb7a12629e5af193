# SPDX-License-Identifier: BSD-2-Clause
# Entropy from the secure world (docs/entropy.md): Debian's stock drivers in the
# initramfs, Debian's rngtest, the host tests of the health tests, the pool and the
# TRNG decoding, their libFuzzer target, and the QEMU test.

# Loaded by /init after tee.ko and optee.ko (this fragment is read after optee.mk):
# the SMCCC TRNG driver (its platform device is registered by the built-in SMCCC
# code when TRNG_VERSION answers) and the OP-TEE RNG driver (bound through device
# enumeration). Linux's own virtio-rng, the benchmark's anchor, is loaded by hand
# (/lib/xwrng/, after /lib/xwblk/virtio_mmio.ko).
XW_RNG_DEBMODS := drivers/char/hw_random/arm_smccc_trng drivers/char/hw_random/optee-rng \
	drivers/char/hw_random/virtio-rng
$(foreach m,$(XW_RNG_DEBMODS),$(eval $(call xw_blk_debmod_tmpl,$(m))))
XW_INITRAMFS_FILES += $(B)/debmods/arm_smccc_trng.ko=/lib/xw/arm_smccc_trng.ko \
	$(B)/debmods/optee-rng.ko=/lib/xw/optee-rng.ko \
	$(B)/debmods/virtio-rng.ko=/lib/xwrng/virtio-rng.ko

# Debian's rngtest (rng-tools-debian), unpacked by scripts/fetch-rngtest.sh.
XW_RNGTEST := $(B)/rng/root/usr/bin/rngtest
$(XW_RNGTEST): scripts/fetch-rngtest.sh
	scripts/fetch-rngtest.sh $(B)/rng
	@touch $@
XW_INITRAMFS_FILES += $(XW_RNGTEST)=/usr/bin/rngtest

# Host unit tests: health tests, pool, TRNG decoding, the TRNG IDs' routing.
$(call xw_unit_test,test_rng,tests/unit/test_rng.c $(XW_SK_RNG_SRCS) $(XW_MON_CORE_SRCS) \
	$(XW_PLAT_HOST_SRCS) secure/core/route.c)
