// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the zero-copy send area's allocation state
 * (linux/xworld/xw_zarea.c): first-fit reservation, alignment, the slot
 * limit, offsets a user names that were never handed out (outside the area,
 * inside a piece, committed or cancelled already), shrinking on commit,
 * reclaim in any order against a consumer mark, and a random soak checked
 * against a byte map (no two live pieces ever overlap, none leaves the area).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/err.h>

#include "../../linux/xworld/xw_zarea.h"

#define AREA (1u << 20)

static struct xw_zarea a;

static int setup(void **state)
{
	(void)state;
	xw_zarea_init(&a, AREA);
	return 0;
}

/* The consumer has passed every mark up to `cons` (ring indices as the library counts). */
static uint32_t cons;
static bool passed_upto(void *ctx, uint32_t mark)
{
	(void)ctx;
	return (int32_t)(cons - mark) >= 0;
}

static void reserve_first_fit(void **state)
{
	uint32_t o1, o2, o3, o4;

	(void)state;
	assert_int_equal(xw_zarea_reserve(&a, 1, &o1), XW_OK);
	assert_int_equal(o1, 0);
	assert_int_equal(xw_zarea_reserve(&a, 129, &o2), XW_OK);
	assert_int_equal(o2, XW_ZAREA_ALIGN); /* 1 byte took a whole aligned piece */
	assert_int_equal(xw_zarea_reserve(&a, 100, &o3), XW_OK);
	assert_int_equal(o3, 3 * XW_ZAREA_ALIGN);
	/* Cancel the middle one: the next small piece fills its gap. */
	xw_zarea_free(&a, xw_zarea_find_reserved(&a, o2, 0));
	assert_int_equal(xw_zarea_reserve(&a, 256, &o4), XW_OK);
	assert_int_equal(o4, o2);
	assert_int_equal(a.n, 3);
}

static void whole_area_and_limits(void **state)
{
	uint32_t off, o2;

	(void)state;
	assert_int_equal(xw_zarea_reserve(&a, 0, &off), XW_EINVAL);
	assert_int_equal(xw_zarea_reserve(&a, AREA + 1, &off), XW_EINVAL);
	assert_int_equal(xw_zarea_reserve(&a, UINT32_MAX, &off), XW_EINVAL);
	assert_int_equal(xw_zarea_reserve(&a, AREA, &off), XW_OK);
	assert_int_equal(off, 0);
	assert_int_equal(xw_zarea_reserve(&a, 1, &o2), XW_ENOSPC);
	xw_zarea_free(&a, xw_zarea_find_reserved(&a, 0, AREA));
	/* Slots run out before space does. */
	for (unsigned i = 0; i < XW_ZAREA_SLOTS; i++)
		assert_int_equal(xw_zarea_reserve(&a, 1, &off), XW_OK);
	assert_int_equal(xw_zarea_reserve(&a, 1, &off), XW_ENOMEM);
}

static void names_checked(void **state)
{
	uint32_t off;
	int i;

	(void)state;
	assert_int_equal(xw_zarea_reserve(&a, 4096, &off), XW_OK);
	assert_int_equal(off, 0);
	assert_int_equal(xw_zarea_find_reserved(&a, 0, 4096), 0);
	assert_int_equal(xw_zarea_find_reserved(&a, 0, 4097), XW_EINVAL);   /* longer */
	assert_int_equal(xw_zarea_find_reserved(&a, 128, 1), XW_EINVAL);    /* inside */
	assert_int_equal(xw_zarea_find_reserved(&a, 4096, 1), XW_EINVAL);   /* just past */
	assert_int_equal(xw_zarea_find_reserved(&a, AREA, 0), XW_EINVAL);   /* the end */
	assert_int_equal(xw_zarea_find_reserved(&a, UINT32_MAX, 0), XW_EINVAL);
	i = xw_zarea_find_reserved(&a, 0, 100);
	xw_zarea_sent(&a, i, 100, 32);
	/* Committed: no longer reserved, so neither commit nor cancel finds it again. */
	assert_int_equal(xw_zarea_find_reserved(&a, 0, 1), XW_EINVAL);
	/* The commit was shorter: the rest is free for the next reservation. */
	assert_int_equal(a.p[0].len, XW_ZAREA_ALIGN);
	assert_int_equal(xw_zarea_reserve(&a, 128, &off), XW_OK);
	assert_int_equal(off, XW_ZAREA_ALIGN);
}

static void reclaim_any_order(void **state)
{
	uint32_t off[4], oldest = 0;

	(void)state;
	for (int k = 0; k < 4; k++)
		assert_int_equal(xw_zarea_reserve(&a, 1000, &off[k]), XW_OK);
	/* Committed out of offset order: records at ring marks 64, 32, 128, (3 stays reserved). */
	xw_zarea_sent(&a, xw_zarea_find_reserved(&a, off[0], 1000), 1000, 64);
	xw_zarea_sent(&a, xw_zarea_find_reserved(&a, off[1], 1000), 1000, 32);
	xw_zarea_sent(&a, xw_zarea_find_reserved(&a, off[2], 1000), 1000, 128);
	cons = 0;
	assert_int_equal(xw_zarea_reclaim(&a, passed_upto, NULL, 128, &oldest), 3);
	assert_int_equal(oldest, 32);
	cons = 64;
	assert_int_equal(xw_zarea_reclaim(&a, passed_upto, NULL, 128, &oldest), 1);
	assert_int_equal(oldest, 128);
	/* The reservation is never reclaimed, however far the consumer went. */
	cons = 1u << 31;
	assert_int_equal(xw_zarea_reclaim(&a, passed_upto, NULL, 1u << 31, &oldest), 0);
	assert_int_equal(a.n, 1);
	assert_int_equal(xw_zarea_find_reserved(&a, off[3], 1000), 0);
	/* Marks across the 2^32 wrap: the oldest is the farthest behind prod. */
	uint32_t o5, o6;
	assert_int_equal(xw_zarea_reserve(&a, 10, &o5), XW_OK);
	assert_int_equal(xw_zarea_reserve(&a, 10, &o6), XW_OK);
	xw_zarea_sent(&a, xw_zarea_find_reserved(&a, o5, 10), 10, UINT32_MAX - 31);
	xw_zarea_sent(&a, xw_zarea_find_reserved(&a, o6, 10), 10, 32);
	cons = UINT32_MAX - 100;
	assert_int_equal(xw_zarea_reclaim(&a, passed_upto, NULL, 64, &oldest), 2);
	assert_int_equal(oldest, UINT32_MAX - 31);
}

/* Random reserve / commit / cancel / reclaim, checked against a byte map of live pieces. */
static void soak(void **state)
{
	static uint8_t owner[AREA];
	uint32_t prod = 0, seed = 12345;
	unsigned live_ok = 0;

	(void)state;
	xw_zarea_init(&a, AREA);
	cons = 0;
	for (int step = 0; step < 30000; step++) {
		uint32_t r = (seed = seed * 1103515245u + 12345u) >> 8, off, oldest;
		int op = r % 4;

		if (op == 0) {
			uint32_t len = 1 + (r >> 4) % (AREA / 4);
			int rc = xw_zarea_reserve(&a, len, &off);

			assert_true(rc == XW_OK || rc == XW_ENOSPC || rc == XW_ENOMEM);
			if (rc == XW_OK) {
				int i = xw_zarea_find_reserved(&a, off, len);

				assert_true(i >= 0 && off % XW_ZAREA_ALIGN == 0 && off + len <= AREA);
				/* Nothing live overlaps it (memchr/memset: fast under the sanitizers too). */
				assert_null(memchr(owner + off, 1, a.p[i].len));
				memset(owner + off, 1, a.p[i].len);
			}
		} else if (op == 1 && a.n) {
			/* Commit a reserved piece with a random length (mark = the next record's end). */
			uint32_t i = (r >> 4) % a.n, len;

			if (a.p[i].state != XW_ZAREA_RESERVED)
				continue;
			uint32_t was = a.p[i].len;

			len = 1 + (r >> 12) % was;
			off = a.p[i].off;
			prod += 32;
			xw_zarea_sent(&a, (int)i, len, prod);
			/* What the commit did not name is free again. */
			assert_true(a.p[i].len >= len && a.p[i].len <= was);
			memset(owner + off + a.p[i].len, 0, was - a.p[i].len);
		} else if (op == 2 && a.n) {
			uint32_t i = (r >> 4) % a.n;

			if (a.p[i].state != XW_ZAREA_RESERVED)
				continue;
			memset(owner + a.p[i].off, 0, a.p[i].len);
			xw_zarea_free(&a, (int)i);
		} else if (op == 3) {
			/* The consumer catches up part of the way; freed pieces leave the map. */
			cons += (uint32_t)((int32_t)(prod - cons) > 0 ? (r >> 4) % (prod - cons + 1) : 0);
			for (uint32_t i = 0; i < a.n; i++)
				memset(owner + a.p[i].off, 0, a.p[i].len);
			xw_zarea_reclaim(&a, passed_upto, NULL, prod, &oldest);
			for (uint32_t i = 0; i < a.n; i++)
				memset(owner + a.p[i].off, 1, a.p[i].len);
		}
		/* Invariants: sorted, disjoint, inside, aligned. */
		for (uint32_t i = 0; i < a.n; i++) {
			assert_true(a.p[i].off % XW_ZAREA_ALIGN == 0 && a.p[i].len % XW_ZAREA_ALIGN == 0);
			assert_true(a.p[i].len && a.p[i].off + a.p[i].len <= AREA);
			if (i)
				assert_true(a.p[i - 1].off + a.p[i - 1].len <= a.p[i].off);
		}
		live_ok += a.n > 1;
	}
	assert_true(live_ok > 1000); /* the soak did hold several pieces at once */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reserve_first_fit, setup),
		cmocka_unit_test_setup(whole_area_and_limits, setup),
		cmocka_unit_test_setup(names_checked, setup),
		cmocka_unit_test_setup(reclaim_any_order, setup),
		cmocka_unit_test_setup(soak, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
