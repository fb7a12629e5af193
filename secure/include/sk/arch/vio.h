/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: the registers of the secure world's
 * virtio-mmio transport (secure/drivers/virtio_blk.c). @off is a register
 * offset in the transport; the write is ordered after every earlier memory
 * write (ring and header contents before the doorbell).
 */
#ifndef XW_SK_ARCH_VIO_H
#define XW_SK_ARCH_VIO_H

#include <stdint.h>

uint32_t arch_vio_read32(uint32_t off);
void arch_vio_write32(uint32_t off, uint32_t v);

#endif
