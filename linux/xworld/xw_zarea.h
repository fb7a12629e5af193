/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The send reference area's allocation state for zero-copy sends
 * (xw_zerocopy.c): which byte ranges of the area a user process reserved
 * (XW_IOC_ZC_GET, writing them through its mapping), and which it committed
 * as REF records the secure side has not consumed yet. Pure bookkeeping, no
 * locking and no memory of its own (the caller holds tx_lock), so it is
 * tested hosted (tests/unit/test_zarea.c).
 *
 * Every offset and length a user passes is checked here against pieces the
 * kernel itself handed out: a user names a piece only by the offset it got.
 */
#ifndef XW_ZAREA_H
#define XW_ZAREA_H

#include <stdbool.h>
#include <stdint.h>

/* Pieces at once (reserved + in flight); a REF record costs 32 ring bytes, so this is plenty. */
#define XW_ZAREA_SLOTS 32u
/* Pieces start at, and are rounded up to, this (cache lines never shared by two pieces). */
#define XW_ZAREA_ALIGN 128u

enum xw_zarea_state {
	XW_ZAREA_RESERVED = 1, /* handed to the user; it writes the bytes */
	XW_ZAREA_SENT = 2,     /* committed: a REF record names it until `mark` is consumed */
};

struct xw_zarea_piece {
	uint32_t off, len;     /* area bytes [off, off + len), len a multiple of XW_ZAREA_ALIGN */
	uint32_t mark;         /* SENT: ring index just past its REF record */
	uint32_t state;
};

struct xw_zarea {
	uint32_t size;         /* area bytes (a multiple of XW_ZAREA_ALIGN) */
	uint32_t n;            /* pieces in use, sorted by offset in p[0..n) */
	struct xw_zarea_piece p[XW_ZAREA_SLOTS];
};

void xw_zarea_init(struct xw_zarea *a, uint32_t size);

/*
 * Reserves `len` (1..size) contiguous bytes, first fit; *off gets the offset.
 * 0, XW_EINVAL (len 0 or larger than the area), XW_ENOSPC (no gap that large
 * now), XW_ENOMEM (every slot in use).
 */
int xw_zarea_reserve(struct xw_zarea *a, uint32_t len, uint32_t *off);

/*
 * The reserved piece at exactly `off`, checked for `len` bytes (len <= its
 * length): its index, or XW_EINVAL (no reserved piece starts there: never
 * reserved, already committed or cancelled, or an offset inside or outside it).
 */
int xw_zarea_find_reserved(const struct xw_zarea *a, uint32_t off, uint64_t len);

/* Piece i (reserved) now names its first `len` bytes in a REF record ending at `mark`. */
void xw_zarea_sent(struct xw_zarea *a, int i, uint32_t len, uint32_t mark);

/* Frees piece i. */
void xw_zarea_free(struct xw_zarea *a, int i);

/*
 * Frees every SENT piece whose record the consumer has passed, `passed(ctx,
 * mark)` deciding; returns how many are still SENT, and *oldest the mark of
 * the first of them in ring order (relative to `prod`, the producer index).
 */
unsigned xw_zarea_reclaim(struct xw_zarea *a, bool (*passed)(void *ctx, uint32_t mark), void *ctx,
			  uint32_t prod, uint32_t *oldest);

#endif
