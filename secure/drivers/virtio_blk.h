/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A virtio-blk driver for the secure kernel, over the virtio-mmio transport
 * (legacy version 1, QEMU's default, and version 2). The device is one only
 * the secure world drives: its transport is not in the normal world's device
 * tree, and its rings, request headers and status bytes live in a carve-out of
 * NS RAM that Linux never maps (QEMU devices reach only NS RAM by DMA).
 * Data moves between the device and the normal world's pages directly (zero
 * copy), after the block backend checked every segment (blk_check.c).
 *
 * Portable: registers are reached through the arch_vio_* hooks; the caller
 * (blk_backend.c) serialises every call.
 */
#ifndef XW_SK_VIRTIO_BLK_H
#define XW_SK_VIRTIO_BLK_H

#include <stdint.h>

#include "sk/arch/vio.h"

#include "xw/blk_abi.h"

#define XW_VBLK_SLOTS 128U /* requests in flight at once (one ring descriptor each) */

struct xw_vblk_info {
	uint64_t capacity; /* sectors */
	uint32_t flags;    /* XW_BLK_DISK_* */
	uint32_t max_discard;
	uint32_t version;  /* transport version, 1 or 2 */
	uint8_t wce, wce_before; /* the device's writeback config byte after/before set-up */
};

/** Carve-out bytes the driver needs. */
#define XW_VBLK_CARVE_BYTES (0x2000U + XW_VBLK_SLOTS * 1024U + 0x1000U)

/**
 * xw_vblk_init() - find and set up the device. @va/@pa: the carve-out, at
 * least XW_VBLK_CARVE_BYTES. Return: 0, XW_ENOENT (no block device at the
 * transport), XW_EIO (the device refused the set-up).
 */
int xw_vblk_init(void *va, uint64_t pa, uint64_t size, struct xw_vblk_info *info);
/** xw_vblk_submit() - queue a checked request in @slot (< XW_VBLK_SLOTS, free). */
void xw_vblk_submit(uint16_t slot, const struct xw_blk_req *r);
/** xw_vblk_notify() - tell the device about what was queued. */
void xw_vblk_notify(void);
/** xw_vblk_reap() - 1 and a finished @slot with its status (0 or XW_E*), 0 if none, -1 broken. */
int xw_vblk_reap(uint16_t *slot, int *status);
/** xw_vblk_ack_irq() - acknowledge the device's interrupt; return its status bits. */
uint32_t xw_vblk_ack_irq(void);
/** xw_vblk_selftest() - boot check, polling: read sector 0, write it back unchanged. */
int xw_vblk_selftest(uint32_t *first_word, int write);

/* The transport's registers: the arch contract sk/arch/vio.h. */

#endif
