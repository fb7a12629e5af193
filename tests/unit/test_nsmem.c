// SPDX-License-Identifier: BSD-2-Clause
/*
 * The NS memory window (secure/core/nsmem.c): range checks, the VA allocator,
 * exact unmap, and what reaches the page tables (a recording arch layer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/core/nsmem.h"
#include "xw/err.h"

#define PG XW_NS_PAGE_SIZE
#define NPAGES 64
#define VA0 0x80000000UL

/* The fake page table: what arch_nsmap_* were told. */
static uint64_t pte[NPAGES];
static int valid[NPAGES];
static unsigned syncs_map, tlb_pages;

void arch_nsmap_set(size_t idx, uint64_t pa)
{
	assert_true(idx < NPAGES);
	assert_false(valid[idx]); /* never overwrite a live entry */
	pte[idx] = pa;
	valid[idx] = 1;
}

void arch_nsmap_clear(size_t idx)
{
	assert_true(idx < NPAGES);
	valid[idx] = 0;
}

void arch_nsmap_sync_map(void)
{
	syncs_map++;
}

void arch_nsmap_sync_unmap(uintptr_t va, size_t n)
{
	size_t i, first = (va - VA0) / PG;

	for (i = first; i < first + n; i++) {
		assert_false(valid[i]); /* cleared before the TLB flush */
	}
	tlb_pages += (unsigned)n;
}

static const struct xw_nsmem_cfg cfg = {
	.ram_base = 0x40000000, .ram_size = 0x40000000,
	.sec_base = 0x0e000000, .sec_size = 0x01000000,
	.va_base = VA0, .va_pages = NPAGES,
};

static int setup(void **state)
{
	(void)state;
	memset(valid, 0, sizeof(valid));
	syncs_map = tlb_pages = 0;
	return xw_nsmem_init(&cfg);
}

static size_t live(void)
{
	size_t i, n = 0;

	for (i = 0; i < NPAGES; i++) {
		n += (size_t)valid[i];
	}
	return n;
}

static void checks(void **state)
{
	struct xw_nsmem_cfg c = cfg;

	(void)state;
	assert_int_equal(xw_nsmem_check(&c, 0x40000000, PG), XW_OK);
	assert_int_equal(xw_nsmem_check(&c, 0x7ffff000, PG), XW_OK);
	assert_int_equal(xw_nsmem_check(&c, 0x40000000, 0x40000000), XW_OK);
	assert_int_equal(xw_nsmem_check(&c, 0x40000000, 0), XW_EINVAL);
	assert_int_equal(xw_nsmem_check(&c, 0x40000800, PG), XW_EINVAL);
	assert_int_equal(xw_nsmem_check(&c, 0x40000000, PG + 1), XW_EINVAL);
	assert_int_equal(xw_nsmem_check(&c, 0xfffffffffffff000ULL, 2 * PG), XW_EINVAL);
	assert_int_equal(xw_nsmem_check(&c, 0x7ffff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_nsmem_check(&c, 0x3ffff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_nsmem_check(&c, 0x80000000, PG), XW_EFAULT);
	assert_int_equal(xw_nsmem_check(&c, 0x0e000000, PG), XW_EFAULT);
	/* Secure memory inside the RAM range is still refused, at either edge. */
	c.sec_base = 0x50000000;
	c.sec_size = 0x100000;
	assert_int_equal(xw_nsmem_check(&c, 0x4ffff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_nsmem_check(&c, 0x500ff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_nsmem_check(&c, 0x4ffff000, PG), XW_OK);
	assert_int_equal(xw_nsmem_check(&c, 0x50100000, PG), XW_OK);
	assert_int_equal(xw_nsmem_check(&c, 0x40000000, 0x20000000), XW_EFAULT);
}

static void init_validates(void **state)
{
	struct xw_nsmem_cfg c = cfg;

	(void)state;
	c.va_pages = 0;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c.va_pages = XW_NS_WIN_MAX_PAGES + 1;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = cfg;
	c.va_base = VA0 + 8;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
}

static void map_unmap_range(void **state)
{
	void *va;
	size_t i;

	(void)state;
	assert_int_equal(xw_ns_map(0x40100000, 4 * PG, &va), XW_OK);
	assert_ptr_equal(va, (void *)VA0);
	for (i = 0; i < 4; i++) {
		assert_true(valid[i]);
		assert_int_equal(pte[i], 0x40100000 + i * PG);
	}
	assert_int_equal(syncs_map, 1);
	assert_int_equal(xw_ns_mapped_pages(), 4);
	assert_int_equal(xw_ns_unmap(va, 4 * PG), XW_OK);
	assert_int_equal(live(), 0);
	assert_int_equal(tlb_pages, 4);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	/* Twice is an error, and nothing changes. */
	assert_int_equal(xw_ns_unmap(va, 4 * PG), XW_EINVAL);
	assert_int_equal(tlb_pages, 4);
}

static void map_rejects(void **state)
{
	void *va = 0;

	(void)state;
	assert_int_equal(xw_ns_map(0x0e200000, PG, &va), XW_EFAULT);
	assert_int_equal(xw_ns_map(0x40000001, PG, &va), XW_EINVAL);
	assert_int_equal(xw_ns_map(0x40000000, (NPAGES + 1) * PG, &va), XW_E2BIG);
	assert_int_equal(xw_ns_map(0x40000000, PG, 0), XW_EINVAL);
	assert_int_equal(live(), 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

static void page_list(void **state)
{
	uint64_t pas[3] = { 0x50000000, 0x41234000, 0x7ffff000 };
	uint64_t bad[3] = { 0x50000000, 0x0e300000, 0x41234000 };
	uint64_t odd[2] = { 0x50000000, 0x41234010 };
	void *va;

	(void)state;
	assert_int_equal(xw_ns_map_pages(pas, 3, &va), XW_OK);
	assert_int_equal(pte[0], pas[0]);
	assert_int_equal(pte[1], pas[1]);
	assert_int_equal(pte[2], pas[2]);
	/* One bad page refuses the whole list, before anything is mapped. */
	assert_int_equal(xw_ns_map_pages(bad, 3, &va), XW_EFAULT);
	assert_int_equal(xw_ns_map_pages(odd, 2, &va), XW_EINVAL);
	assert_int_equal(xw_ns_map_pages(pas, 0, &va), XW_EINVAL);
	assert_int_equal(live(), 3);
	assert_int_equal(xw_ns_unmap((void *)VA0, 3 * PG), XW_OK);
	assert_int_equal(live(), 0);
}

static void exact_unmap_only(void **state)
{
	void *a, *b, *c;

	(void)state;
	assert_int_equal(xw_ns_map(0x40000000, 2 * PG, &a), XW_OK);
	assert_int_equal(xw_ns_map(0x40010000, 3 * PG, &b), XW_OK);
	assert_int_equal(xw_ns_map(0x40020000, PG, &c), XW_OK);
	assert_ptr_equal(b, (char *)a + 2 * PG);
	/* Too short, too long (into c), not at a head, outside the window. */
	assert_int_equal(xw_ns_unmap(b, 2 * PG), XW_EINVAL);
	assert_int_equal(xw_ns_unmap(b, 4 * PG), XW_EINVAL);
	assert_int_equal(xw_ns_unmap((char *)b + PG, 2 * PG), XW_EINVAL);
	assert_int_equal(xw_ns_unmap((void *)(VA0 - PG), PG), XW_EINVAL);
	assert_int_equal(xw_ns_unmap((void *)(VA0 + NPAGES * PG), PG), XW_EINVAL);
	assert_int_equal(xw_ns_unmap((char *)b + 1, 3 * PG), XW_EINVAL);
	assert_int_equal(live(), 6);
	assert_int_equal(xw_ns_unmap(b, 3 * PG), XW_OK);
	assert_int_equal(live(), 3);
	/* The hole is reused first fit; a bigger request goes after c. */
	assert_int_equal(xw_ns_map(0x40030000, 4 * PG, &b), XW_OK);
	assert_ptr_equal(b, (char *)c + PG);
	assert_int_equal(xw_ns_map(0x40040000, 3 * PG, &b), XW_OK);
	assert_ptr_equal(b, (char *)a + 2 * PG);
}

static void window_full(void **state)
{
	void *va[NPAGES], *x;
	size_t i;

	(void)state;
	for (i = 0; i < NPAGES; i++) {
		assert_int_equal(xw_ns_map(0x40000000 + i * PG, PG, &va[i]), XW_OK);
	}
	assert_int_equal(xw_ns_map(0x40000000, PG, &x), XW_ENOMEM);
	assert_int_equal(xw_ns_unmap(va[10], PG), XW_OK);
	assert_int_equal(xw_ns_unmap(va[11], PG), XW_OK);
	assert_int_equal(xw_ns_map(0x40000000, 3 * PG, &x), XW_ENOMEM);
	assert_int_equal(xw_ns_map(0x40000000, 2 * PG, &x), XW_OK);
	assert_ptr_equal(x, va[10]);
	assert_int_equal(xw_ns_mapped_pages(), NPAGES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checks),
		cmocka_unit_test(init_validates),
		cmocka_unit_test_setup(map_unmap_range, setup),
		cmocka_unit_test_setup(map_rejects, setup),
		cmocka_unit_test_setup(page_list, setup),
		cmocka_unit_test_setup(exact_unmap_only, setup),
		cmocka_unit_test_setup(window_full, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
