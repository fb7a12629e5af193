// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hosted arch layer of the block backend (host unit tests): no virtio-mmio
 * transport (reads as zero: no magic, so xw_vblk_init() finds no device), and
 * the block interrupt counted.
 */
#include <stdint.h>

#include "../../drivers/virtio_blk.h"
#include "../../services/blk_backend.h"

unsigned long host_blk_notifies;

uint32_t arch_vio_read32(uint32_t off)
{
	(void)off;
	return 0;
}

void arch_vio_write32(uint32_t off, uint32_t v)
{
	(void)off, (void)v;
}

void arch_blk_notify(void)
{
	__atomic_fetch_add(&host_blk_notifies, 1, __ATOMIC_RELAXED);
}
