/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fixed arena in secure memory for the crypto library's allocations
 * (portable, host-tested). First fit over an address-ordered block list,
 * neighbours merged on free; one lock around each call.
 */
#ifndef XW_TA_ARENA_H
#define XW_TA_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "arch/spinlock.h"

struct xw_arena {
	arch_spinlock_t lock;
	uint8_t *base;
	size_t size;
	size_t in_use, peak; /* bytes handed out, headers included */
};

/* Use @mem (@size bytes, 16-byte aligned) as the arena @a. */
void xw_arena_init(struct xw_arena *a, void *mem, size_t size);
/* Zeroed memory for @n objects of @sz bytes, 16-byte aligned; NULL when out. */
void *xw_arena_calloc(struct xw_arena *a, size_t n, size_t sz);
/* Give back @p (NULL ignored); a pointer not from @a is a bug: it is ignored. */
void xw_arena_free(struct xw_arena *a, void *p);

#endif
