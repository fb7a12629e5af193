// SPDX-License-Identifier: BSD-2-Clause
/*
 * The crypto arena (ta_arena.h). Each block starts with a 16-byte header:
 * its size (header included, a multiple of 16) and whether it is free. The
 * blocks tile the arena, so the next block is found by adding the size and
 * merging walks forward from the start; the arena is small (tens of KiB) and
 * an RSA verification makes a few dozen allocations, so a walk is cheap.
 */
#include <string.h>

#include "ta_arena.h"

#define HDR 16U

struct blk {
	size_t size;
	size_t used;
};

static struct blk *at(struct xw_arena *a, size_t off)
{
	return (struct blk *)(void *)(a->base + off);
}

void xw_arena_init(struct xw_arena *a, void *mem, size_t size)
{
	a->lock = (arch_spinlock_t)ARCH_SPINLOCK_INIT;
	a->base = mem;
	a->size = size & ~(size_t)(HDR - 1);
	a->in_use = a->peak = 0;
	at(a, 0)->size = a->size;
	at(a, 0)->used = 0;
}

void *xw_arena_calloc(struct xw_arena *a, size_t n, size_t sz)
{
	size_t want, off;
	void *p = NULL;

	if (n != 0 && sz > (SIZE_MAX - 2 * HDR) / n) {
		return NULL;
	}
	want = (n * sz + HDR + HDR - 1) & ~(size_t)(HDR - 1);
	arch_spin_lock(&a->lock);
	for (off = 0; off < a->size; off += at(a, off)->size) {
		struct blk *b = at(a, off);

		if (b->used || b->size < want) {
			continue;
		}
		if (b->size - want >= 2 * HDR) { /* split: the rest stays free */
			at(a, off + want)->size = b->size - want;
			at(a, off + want)->used = 0;
			b->size = want;
		}
		b->used = 1;
		a->in_use += b->size;
		if (a->in_use > a->peak) {
			a->peak = a->in_use;
		}
		p = a->base + off + HDR;
		break;
	}
	arch_spin_unlock(&a->lock);
	if (p != NULL) {
		memset(p, 0, want - HDR);
	}
	return p;
}

void xw_arena_free(struct xw_arena *a, void *p)
{
	size_t off, prev = SIZE_MAX, target;

	if (p == NULL || (uint8_t *)p < a->base + HDR || (uint8_t *)p >= a->base + a->size) {
		return;
	}
	target = (size_t)((uint8_t *)p - a->base) - HDR;
	arch_spin_lock(&a->lock);
	for (off = 0; off < a->size; prev = off, off += at(a, off)->size) {
		struct blk *b = at(a, off);
		size_t next;

		if (off != target) {
			continue;
		}
		if (!b->used) {
			break; /* double free: ignored */
		}
		b->used = 0;
		a->in_use -= b->size;
		next = off + b->size;
		if (next < a->size && !at(a, next)->used) {
			b->size += at(a, next)->size;
		}
		if (prev != SIZE_MAX && !at(a, prev)->used) {
			at(a, prev)->size += b->size;
		}
		break;
	}
	arch_spin_unlock(&a->lock);
}
