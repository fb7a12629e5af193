# SPDX-License-Identifier: BSD-2-Clause
# bench-rng: entropy bytes/s through SMCCC TRNG and the OP-TEE RNG service against
# Linux's own virtio-rng in the same boot (QEMU).
XW_BENCHES += bench-rng
.PHONY: bench-rng
bench-rng: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/rng/run.sh
$(call xw_help,bench-rng,QEMU: /dev/hwrng bytes/s and loop iterations per 64 bytes through smccc_trng and optee-rng against Linux's own virtio-rng (target >= 0.5x))
