/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: the registers of the secure world's
 * virtio-rng transport (secure/drivers/virtio_rng.c), as sk/arch/vio.h is for
 * the disk's. The write is ordered after every earlier memory write.
 */
#ifndef XW_SK_ARCH_VRNG_H
#define XW_SK_ARCH_VRNG_H

#include <stdint.h>

uint32_t arch_vrng_read32(uint32_t off);
void arch_vrng_write32(uint32_t off, uint32_t v);

#endif
