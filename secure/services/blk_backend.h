/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure block backend (docs/block.md): disks only the secure world
 * touches - a virtio-blk device (secure/drivers/virtio_blk.c) and a small
 * secure RAM disk - served to the normal world through one region per disk
 * (include/xw/blk_abi.h). A doorbell SMC (XW_SMC_BLK_KICK) makes the backend
 * take the queue's new submissions: each is copied into secure memory once,
 * checked (blk_check.c) and performed; a RAM disk completes at once, a virtio
 * request when the device's interrupt comes (xw_blkb_device_irq(), from the
 * secure FIQ). Completions go to the queue's completion ring, then the
 * normal world's block interrupt is raised (arch_blk_notify()).
 *
 * Portable (host-tested with a RAM disk). One lock serialises everything here;
 * lock order: this lock, then the NS window lock (nsmem.c).
 */
#ifndef XW_SK_BLK_BACKEND_H
#define XW_SK_BLK_BACKEND_H

#include <stdint.h>

#include "blk_check.h"
#include "sk/arch/notify.h"
#include "sk/arch/time.h"
#include "../drivers/virtio_blk.h"

#define XW_BLKB_MAX_DISKS 2
#define XW_BLKB_MAX_BYTES (1U << 20) /* per read/write request: one 1 MiB I/O is one request */

/**
 * xw_blkb_init() - forget every disk. Regions and data segments are checked by
 * the NS gate (secure/core/nsmem.h), which must be set up first.
 */
void xw_blkb_init(void);
/** xw_blkb_add_virtio() - serve the virtio disk xw_vblk_init() found. Return: index or XW_E*. */
int xw_blkb_add_virtio(const struct xw_vblk_info *info);
/** xw_blkb_add_ram() - serve @bytes (a multiple of 512) of secure RAM at @ram as a disk. */
int xw_blkb_add_ram(uint8_t *ram, uint64_t bytes);

/* The calls (docs/abi-smc.md): hostile arguments, out[0] = 0 or XW_E*. */
void xw_blkb_info(uint64_t disk, uint64_t out[4]);
void xw_blkb_register(uint64_t disk, uint64_t pa, uint64_t size, uint64_t out[4]);
void xw_blkb_unregister(uint64_t handle, uint64_t out[4]);
void xw_blkb_kick(uint64_t handle, uint64_t queue, uint64_t out[4]);
void xw_blkb_stats(uint64_t disk, uint64_t page, uint64_t out[4]);

/** xw_blkb_device_irq() - the virtio device interrupted: complete what it finished. */
void xw_blkb_device_irq(void);


#endif
