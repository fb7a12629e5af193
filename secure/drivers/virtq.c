// SPDX-License-Identifier: BSD-2-Clause
#include "virtq.h"

#include <stdatomic.h>

#include <stddef.h>

static uint64_t align_page(uint64_t x)
{
	return (x + 4095U) & ~(uint64_t)4095U;
}

uint64_t xw_vq_bytes(uint16_t num)
{
	/* Legacy MMIO wants the used ring at QueueAlign (4096) after the avail ring. */
	return align_page(16U * num + 6U + 2U * num) + align_page(6U + 8U * num);
}

void xw_vq_init(struct xw_vq *vq, uint16_t num, void *va, uint64_t pa)
{
	uint8_t *p = va;
	uint64_t used_off = align_page(16U * num + 6U + 2U * num);
	uint64_t i;

	for (i = 0; i < xw_vq_bytes(num); i++) {
		p[i] = 0;
	}
	vq->num = num;
	vq->avail_idx = 0;
	vq->last_used = 0;
	vq->harvest_left = 0;
	vq->harvesting = 0;
	vq->desc = (struct xw_vq_desc *)(void *)p;
	vq->avail = (volatile uint16_t *)(void *)(p + 16U * num);
	vq->used = p + used_off;
	vq->desc_pa = pa;
	vq->avail_pa = pa + 16U * num;
	vq->used_pa = pa + used_off;
}

void xw_vq_post(struct xw_vq *vq, uint16_t head, uint64_t table_pa, uint32_t table_len)
{
	vq->desc[head].addr = table_pa;
	vq->desc[head].len = table_len;
	vq->desc[head].flags = XW_VQ_DESC_F_INDIRECT;
	vq->desc[head].next = 0;
	vq->avail[2 + (vq->avail_idx & (vq->num - 1))] = head;
	/* Descriptor and ring entry before the index (the device reads idx first). */
	atomic_thread_fence(memory_order_seq_cst);
	vq->avail_idx++;
	vq->avail[1] = vq->avail_idx;
	atomic_thread_fence(memory_order_seq_cst);
}

int xw_vq_reap(struct xw_vq *vq, uint16_t *head)
{
	uint32_t len;

	return xw_vq_reap_len(vq, head, &len);
}

int xw_vq_reap_len(struct xw_vq *vq, uint16_t *head, uint32_t *len)
{
	uint16_t idx, n;
	uint32_t id;
	const volatile uint8_t *e;

	if (!vq->harvesting) {
		/*
		 * Start a harvest: the device's index is read once here, never
		 * inside the run, so a device that keeps publishing cannot keep
		 * one harvest going; and never more than the ring holds.
		 */
		idx = *(volatile uint16_t *)(vq->used + 2);
		n = (uint16_t)(idx - vq->last_used);
		if (n == 0) {
			return 0;
		}
		vq->harvest_left = n > vq->num ? vq->num : n;
		vq->harvesting = 1;
		/* The index before the entries it covers (the device wrote them first). */
		atomic_thread_fence(memory_order_seq_cst);
	}
	if (vq->harvest_left == 0) {
		/* This harvest is done; the next call starts another. */
		vq->harvesting = 0;
		return 0;
	}
	vq->harvest_left--;
	e = vq->used + 4 + 8U * (vq->last_used & (vq->num - 1));
	id = *(const volatile uint32_t *)e;
	*len = *(const volatile uint32_t *)(e + 4);
	vq->last_used++;
	if (id >= vq->num) {
		return -1;
	}
	*head = (uint16_t)id;
	return 1;
}
