/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A split virtqueue (virtio 1.x, section 2.7), driver side, in memory the
 * device reaches by DMA. Portable: plain memory and fences; the transport
 * (virtio_mmio.c) tells the device where the rings are and rings it.
 * Descriptor i is owned by the caller's slot i: each request uses exactly one
 * ring descriptor, pointing at an indirect table, so there is no free list.
 * The caller serialises all calls (the block backend's lock).
 */
#ifndef XW_SK_VIRTQ_H
#define XW_SK_VIRTQ_H

#include <stdint.h>

#define XW_VQ_DESC_F_NEXT     1U
#define XW_VQ_DESC_F_WRITE    2U
#define XW_VQ_DESC_F_INDIRECT 4U

struct xw_vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
_Static_assert(sizeof(struct xw_vq_desc) == 16, "virtio split descriptor");

struct xw_vq {
	uint16_t num;        /* power of two */
	uint16_t avail_idx;  /* private copy of what we published */
	uint16_t last_used;  /* next used entry to read */
	uint16_t harvest_left; /* entries the current harvest may still take */
	uint8_t harvesting;  /* a harvest is open (its used index was read) */
	struct xw_vq_desc *desc;
	volatile uint16_t *avail; /* flags, idx, ring[num], used_event */
	volatile uint8_t *used;   /* flags, idx, ring[num] of {u32 id, u32 len}, avail_event */
	uint64_t desc_pa, avail_pa, used_pa;
};

/** Bytes of the rings for @num entries in the legacy layout (used ring page aligned). */
uint64_t xw_vq_bytes(uint16_t num);
/** xw_vq_init() - lay the rings out at @va (device address @pa), zeroed. */
void xw_vq_init(struct xw_vq *vq, uint16_t num, void *va, uint64_t pa);
/** xw_vq_post() - make descriptor @head (set up by the caller) available. */
void xw_vq_post(struct xw_vq *vq, uint16_t head, uint64_t table_pa, uint32_t table_len);
/**
 * xw_vq_reap() - take one used entry: 1 and *head, or 0 if none. A head the
 * device returns that is out of range gives -1 (a broken device).
 *
 * A harvest is a run of calls up to the 0 that ends it: its first call reads
 * the device's used index once, and the run takes at most that many entries,
 * and never more than num. Entries the device publishes meanwhile wait for
 * the next harvest, so `while (xw_vq_reap() == 1)` is bounded whatever the
 * device (or memory it can write) does.
 */
int xw_vq_reap(struct xw_vq *vq, uint16_t *head);
/** xw_vq_reap_len() - xw_vq_reap(), with the bytes the device says it wrote (unchecked). */
int xw_vq_reap_len(struct xw_vq *vq, uint16_t *head, uint32_t *len);

#endif
