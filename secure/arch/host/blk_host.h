/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted block arch layer (secure/arch/host/blk.c): a test installs a model
 * of the virtio-mmio device the secure driver talks to; the normal world's
 * block interrupt is a counter.
 */
#ifndef XW_SK_BLK_HOST_H
#define XW_SK_BLK_HOST_H

#include <stdint.h>

/** A virtio-mmio register file: 32-bit reads and writes at @off. */
struct host_vio_dev {
	uint32_t (*read32)(uint32_t off);
	void (*write32)(uint32_t off, uint32_t v);
};

/** host_vio_attach() - route arch_vio_read32/write32 to @d (NULL: no device). */
void host_vio_attach(const struct host_vio_dev *d);

/** Block completion interrupts raised so far (arch_blk_notify() calls). */
extern unsigned long host_blk_notifies;

#endif
