// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hosted arch layer of the block backend (host unit tests and fuzzing): the
 * virtio-mmio transport is whatever device model the test installs with
 * host_vio_attach() (tests/unit/vblk_model.c plays QEMU's virtio-blk); with
 * none, registers read as zero (no magic: xw_vblk_init() finds no device).
 * The normal world's block interrupt is counted.
 */
#include "blk_host.h"

#include "../../drivers/virtio_blk.h"
#include "../../services/blk_backend.h"

unsigned long host_blk_notifies;

static const struct host_vio_dev *dev;

void host_vio_attach(const struct host_vio_dev *d)
{
	dev = d;
}

uint32_t arch_vio_read32(uint32_t off)
{
	return dev != 0 ? dev->read32(off) : 0;
}

void arch_vio_write32(uint32_t off, uint32_t v)
{
	if (dev != 0) {
		dev->write32(off, v);
	}
}

void arch_blk_notify(void)
{
	__atomic_fetch_add(&host_blk_notifies, 1, __ATOMIC_RELAXED);
}
