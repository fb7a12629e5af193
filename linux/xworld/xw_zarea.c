// SPDX-License-Identifier: BSD-2-Clause
/*
 * Allocation state of a send reference area for zero-copy sends (xw_zarea.h).
 * Pieces are kept sorted by offset; reserving is first fit over the gaps, so
 * pieces may be committed, cancelled and consumed in any order (two threads
 * of a process reserve and commit independently), unlike the library's own
 * FIFO use of the area for write().
 */
#include <xw/err.h>

#include "xw_zarea.h"

void xw_zarea_init(struct xw_zarea *a, uint32_t size)
{
	a->size = size & ~(XW_ZAREA_ALIGN - 1);
	a->n = 0;
}

int xw_zarea_reserve(struct xw_zarea *a, uint32_t len, uint32_t *off)
{
	uint32_t want, at = 0, i;

	if (len == 0 || len > a->size)
		return XW_EINVAL;
	/* size is a multiple of the alignment, so rounding up stays <= size: no wrap. */
	want = (len + XW_ZAREA_ALIGN - 1) & ~(XW_ZAREA_ALIGN - 1);
	if (a->n == XW_ZAREA_SLOTS)
		return XW_ENOMEM;
	/* Gap i lies before piece i (the last one before the area's end). */
	for (i = 0; i <= a->n; i++) {
		uint32_t end = i < a->n ? a->p[i].off : a->size;

		if (end - at >= want)
			break;
		if (i < a->n)
			at = a->p[i].off + a->p[i].len;
	}
	if (i > a->n)
		return XW_ENOSPC;
	for (uint32_t j = a->n; j > i; j--)
		a->p[j] = a->p[j - 1];
	a->p[i] = (struct xw_zarea_piece){ .off = at, .len = want, .state = XW_ZAREA_RESERVED };
	a->n++;
	*off = at;
	return XW_OK;
}

int xw_zarea_find_reserved(const struct xw_zarea *a, uint32_t off, uint64_t len)
{
	for (uint32_t i = 0; i < a->n; i++) {
		if (a->p[i].off != off)
			continue;
		if (a->p[i].state != XW_ZAREA_RESERVED || len > a->p[i].len)
			return XW_EINVAL;
		return (int)i;
	}
	return XW_EINVAL;
}

void xw_zarea_sent(struct xw_zarea *a, int i, uint32_t len, uint32_t mark)
{
	/* What the record does not name goes back at once (a commit shorter than its reservation). */
	uint32_t keep = (len + XW_ZAREA_ALIGN - 1) & ~(XW_ZAREA_ALIGN - 1);

	if (keep < a->p[i].len)
		a->p[i].len = keep ? keep : XW_ZAREA_ALIGN;
	a->p[i].mark = mark;
	a->p[i].state = XW_ZAREA_SENT;
}

void xw_zarea_free(struct xw_zarea *a, int i)
{
	for (uint32_t j = (uint32_t)i; j + 1 < a->n; j++)
		a->p[j] = a->p[j + 1];
	a->n--;
}

unsigned xw_zarea_reclaim(struct xw_zarea *a, bool (*passed)(void *ctx, uint32_t mark), void *ctx,
			  uint32_t prod, uint32_t *oldest)
{
	unsigned left = 0;
	uint32_t i = 0, age = 0;

	while (i < a->n) {
		if (a->p[i].state != XW_ZAREA_SENT) {
			i++;
			continue;
		}
		if (passed(ctx, a->p[i].mark)) {
			xw_zarea_free(a, (int)i);
			continue;
		}
		/* The oldest record is the farthest behind the producer index (mod 2^32). */
		if (left == 0 || prod - a->p[i].mark > age) {
			age = prod - a->p[i].mark;
			*oldest = a->p[i].mark;
		}
		left++;
		i++;
	}
	return left;
}
