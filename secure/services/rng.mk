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
# After the kernel's fetch (order only): that is what makes dpkg know arm64 on a fresh machine.
$(XW_RNGTEST): scripts/fetch-rngtest.sh | $(B)/debian/stamp
	scripts/fetch-rngtest.sh $(B)/rng
	@touch $@
XW_INITRAMFS_FILES += $(XW_RNGTEST)=/usr/bin/rngtest

# Host unit tests: health tests, pool, TRNG decoding, the TRNG IDs' routing.
$(call xw_unit_test,test_rng,tests/unit/test_rng.c $(XW_SK_RNG_SRCS) $(XW_MON_CORE_SRCS) \
	$(XW_PLAT_HOST_SRCS) secure/core/route.c)

# libFuzzer over the TRNG decoding and the RNG service against the real pool
# (tests/fuzz/fuzz_rng.c); bounded in make test.
FUZZ_RNG_SECONDS ?= 15
XW_FUZZ_RNG_SRCS := tests/fuzz/fuzz_rng.c $(XW_OPTEE_HOST_SRCS) secure/services/trng.c
$(B)/fuzz/fuzz_rng: $(XW_FUZZ_RNG_SRCS) secure/services/rng_pool.h secure/services/trng.h \
		include/xw/trng.h include/xw/optee_pta.h secure/abi/optee/optee.h
	@mkdir -p $(@D)
	$(HOST_CLANG) -std=c11 -O1 -g $(XW_WARN) -D_GNU_SOURCE $(XW_HOST_INC) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(XW_FUZZ_RNG_SRCS) \
		-o $@ -lpthread
XW_ALL += $(B)/fuzz/fuzz_rng
XW_TESTS += test-fuzz-rng
.PHONY: test-fuzz-rng
# Seeds: every op kind on a good source; a source going bad mid-request.
test-fuzz-rng: $(B)/fuzz/fuzz_rng
	@mkdir -p $(B)/fuzz/corpus-rng
	printf '\x00\x01\x04\xc0\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x01\x05\x01\x00\x10\x00\x00\x00\x00\x00\x02\x01\x41\x00\x00\x00\x00\x00\x00\x00\x00\x00' \
		>$(B)/fuzz/corpus-rng/seed-good
	printf '\x00\x03\x00\x01\x05\x01\x00\x04\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x01\x05\x01\x00\x10\x00\x00\x00\x00\x00' \
		>$(B)/fuzz/corpus-rng/seed-goes-bad
	cd $(B)/fuzz && ./fuzz_rng -max_total_time=$(FUZZ_RNG_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 -max_len=1024 corpus-rng 2>&1 | tail -5; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-rng,fuzz the SMCCC TRNG decoding and the OP-TEE RNG service over the real pool for $(FUZZ_RNG_SECONDS)s)

# QEMU (docs/entropy.md): boot 1 (2 CPUs): both stock drivers probed with no
# warning, /dev/hwrng reads through each, rngtest (FIPS 140-2) on 2 MB through
# each; boot 2: the secure entropy device fed from /dev/zero: the start-up health
# test fails, both interfaces say "no entropy", Linux stays up.
XW_TESTS += test-rng
.PHONY: test-rng
test-rng: $(XW_QEMU_NEEDS) firmware
	@f=0; \
	scripts/qemu-run.sh --smp 2 --no-reboot --timeout 400 --test boot,rng-probe,rng-fips \
		rng-1 || f=1; \
	scripts/qemu-run.sh --smp 2 --no-reboot --timeout 200 --rng-file /dev/zero \
		--test boot,rng-fail rng-zero || f=1; \
	exit $$f
$(call xw_help,test-rng,QEMU: SMCCC TRNG and OP-TEE RNG from the secure world: stock drivers probe + rngtest FIPS 140-2 on 2 MB each + a source fed zeros says no entropy)
# The secure virtio-rng driver against a model of QEMU's device (in the test).
$(call xw_unit_test,test_virtio_rng,tests/unit/test_virtio_rng.c secure/drivers/virtio_rng.c \
	secure/drivers/virtq.c secure/arch/host/time.c)
