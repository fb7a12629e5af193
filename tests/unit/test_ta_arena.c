// SPDX-License-Identifier: BSD-2-Clause
/* The crypto library's arena (secure/ta/ta_arena.c): fit, zeroing, merging, exhaustion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/ta/ta_arena.h"

static _Alignas(16) uint8_t mem[4096];

static void allocs_are_aligned_zeroed_and_disjoint(void **state)
{
	struct xw_arena a;
	uint8_t *p, *q;

	(void)state;
	memset(mem, 0xa5, sizeof(mem));
	xw_arena_init(&a, mem, sizeof(mem));
	p = xw_arena_calloc(&a, 3, 7);
	q = xw_arena_calloc(&a, 1, 100);
	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal((uintptr_t)q % 16, 0);
	assert_true(q >= p + 21);
	for (int i = 0; i < 100; i++) {
		assert_int_equal(q[i], 0);
	}
	xw_arena_free(&a, p);
	xw_arena_free(&a, q);
	assert_int_equal(a.in_use, 0);
}

static void exhaustion_and_merging(void **state)
{
	struct xw_arena a;
	void *p[64];
	int n = 0;

	(void)state;
	xw_arena_init(&a, mem, sizeof(mem));
	assert_null(xw_arena_calloc(&a, 1, sizeof(mem))); /* larger than all of it */
	assert_null(xw_arena_calloc(&a, SIZE_MAX / 2, 4)); /* n * size overflows */
	while (n < 64 && (p[n] = xw_arena_calloc(&a, 1, 48)) != NULL) {
		n++;
	}
	assert_int_equal(n, 4096 / 64); /* 48 bytes + 16 of header */
	assert_null(xw_arena_calloc(&a, 1, 1));
	/* Free all in an order that needs forward and backward merging. */
	for (int i = 0; i < n; i += 2) {
		xw_arena_free(&a, p[i]);
	}
	for (int i = 1; i < n; i += 2) {
		xw_arena_free(&a, p[i]);
	}
	assert_int_equal(a.in_use, 0);
	assert_non_null(xw_arena_calloc(&a, 1, 4096 - 16)); /* one block again */
}

static void bad_frees_are_ignored(void **state)
{
	struct xw_arena a;
	uint8_t *p;
	int x;

	(void)state;
	xw_arena_init(&a, mem, sizeof(mem));
	p = xw_arena_calloc(&a, 1, 32);
	xw_arena_free(&a, NULL);
	xw_arena_free(&a, &x);
	xw_arena_free(&a, p + 16); /* not the start of a block */
	assert_int_equal(a.in_use, 48);
	xw_arena_free(&a, p);
	xw_arena_free(&a, p); /* twice */
	assert_int_equal(a.in_use, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(allocs_are_aligned_zeroed_and_disjoint),
		cmocka_unit_test(exhaustion_and_merging),
		cmocka_unit_test(bad_frees_are_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
