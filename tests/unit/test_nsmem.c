// SPDX-License-Identifier: BSD-2-Clause
/*
 * The NS gate and memory window (secure/core/nsmem.c): the gate against every
 * entry of the board's reserved table (plat/qemu-virt/memmap.c; a new entry
 * is a new set of cases), the VA allocator, exact unmap, and what reaches the
 * page tables (a recording arch layer).
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
static unsigned syncs_map, tlb_pages, tlb_alls;

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

void arch_nsmap_sync_unmap_all(void)
{
	tlb_alls++;
}

/* The board's table, as the secure kernel installs it (main.c). */
static struct xw_nsmem_cfg board(void)
{
	struct xw_nsmem_cfg c = { .va_base = VA0, .va_pages = NPAGES };

	c.ram = plat_ns_ram_ranges(&c.nram);
	c.rsv = plat_reserved_ranges(&c.nrsv);
	return c;
}

/*
 * The board's reserved table, but "RAM" everywhere: every reserved range is
 * then refused by the reserved rule alone, not because it is outside RAM (as
 * it would be if a board's RAM grew over a device or a carve-out lay in RAM).
 */
static const struct xw_mem_range everywhere = { 0, 1ULL << 48, XW_MEM_NS_RAM, "all" };

static struct xw_nsmem_cfg wide(void)
{
	struct xw_nsmem_cfg c = board();

	c.ram = &everywhere;
	c.nram = 1;
	return c;
}

static int setup(void **state)
{
	struct xw_nsmem_cfg c = board();

	(void)state;
	memset(valid, 0, sizeof(valid));
	syncs_map = tlb_pages = tlb_alls = 0;
	return xw_nsmem_init(&c);
}

static int setup_wide(void **state)
{
	struct xw_nsmem_cfg c = wide();

	(void)state;
	memset(valid, 0, sizeof(valid));
	syncs_map = tlb_pages = tlb_alls = 0;
	return xw_nsmem_init(&c);
}

/* Is byte @pa in some reserved range? Written apart from the gate's loop. */
static int reserved_byte(uint64_t pa)
{
	unsigned int i, n;
	const struct xw_mem_range *r = plat_reserved_ranges(&n);

	for (i = 0; i < n; i++) {
		if (pa - r[i].base < r[i].size) {
			return 1;
		}
	}
	return 0;
}

static size_t live(void)
{
	size_t i, n = 0;

	for (i = 0; i < NPAGES; i++) {
		n += (size_t)valid[i];
	}
	return n;
}

/* Board table sanity: what the gate relies on, and what the tests below assume. */
static void table_is_sane(void **state)
{
	unsigned int i, j, n, nram;
	const struct xw_mem_range *r = plat_reserved_ranges(&n);
	const struct xw_mem_range *ram = plat_ns_ram_ranges(&nram);
	int carve = 0;

	(void)state;
	assert_true(n >= 7 && n <= XW_NS_MAX_RANGES);
	assert_true(nram >= 1 && nram <= XW_NS_MAX_RANGES);
	for (i = 0; i < n; i++) {
		assert_true(r[i].size != 0 && r[i].base + r[i].size > r[i].base);
		assert_non_null(r[i].name);
		for (j = 0; j < i; j++) { /* no two entries overlap: each is its own case */
			assert_true(r[i].base >= r[j].base + r[j].size || r[j].base >= r[i].base + r[i].size);
		}
		if (r[i].kind == XW_MEM_CARVE) {
			carve++; /* a carve-out is NS RAM the normal world must not have */
			assert_true(r[i].base >= ram[0].base &&
				    r[i].base + r[i].size <= ram[0].base + ram[0].size);
		}
	}
	assert_int_equal(carve, 2); /* the block device's and the entropy source's */
}

/* The gate against every reserved range, with RAM everywhere and the board's RAM. */
static void gate_every_reserved_range(void **state)
{
	unsigned int i, n, pass;
	const struct xw_mem_range *r = plat_reserved_ranges(&n);

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		struct xw_nsmem_cfg c = pass == 0 ? wide() : board();

		assert_int_equal(xw_nsmem_init(&c), XW_OK);
		for (i = 0; i < n; i++) {
			uint64_t b = r[i].base, e = r[i].base + r[i].size;

			print_message("%s [0x%llx, 0x%llx)\n", r[i].name, (unsigned long long)b,
				      (unsigned long long)e);
			/* Fully inside: first byte, last byte, all of it, one page. */
			assert_int_equal(xw_ns_gate_check(b, 1), XW_EFAULT);
			assert_int_equal(xw_ns_gate_check(e - 1, 1), XW_EFAULT);
			assert_int_equal(xw_ns_gate_check(b, r[i].size), XW_EFAULT);
			assert_int_equal(xw_ns_gate_check(b & ~(PG - 1), PG), XW_EFAULT);
			/* Straddling the top edge, and covering it whole. */
			assert_int_equal(xw_ns_gate_check(e - 1, 2), XW_EFAULT);
			assert_int_equal(xw_ns_gate_check(e - 1, PG), XW_EFAULT);
			/* Zero size and overflow: refused as such, never wrapped around. */
			assert_int_equal(xw_ns_gate_check(b, 0), XW_EINVAL);
			assert_int_equal(xw_ns_gate_check(b | 1, UINT64_MAX), XW_EINVAL);
			assert_int_equal(xw_ns_gate_check(e - 1, UINT64_MAX - e + 3), XW_EINVAL);
			if (b != 0) {
				/* Straddling the bottom edge; covering from below. */
				assert_int_equal(xw_ns_gate_check(b - 1, 2), XW_EFAULT);
				assert_int_equal(xw_ns_gate_check(b - 1, r[i].size + 2), XW_EFAULT);
				/* Adjacent below: allowed where RAM (wide) and nothing else reserved. */
				if (pass == 0 && !reserved_byte(b - 1)) {
					assert_int_equal(xw_ns_gate_check(b - 1, 1), XW_OK);
					assert_int_equal(xw_ns_gate_check(b - PG, PG),
							 reserved_byte(b - PG) ? XW_EFAULT : XW_OK);
				}
			}
			/* Adjacent above. */
			if (pass == 0 && !reserved_byte(e)) {
				assert_int_equal(xw_ns_gate_check(e, 1), XW_OK);
				assert_int_equal(xw_ns_gate_check(e, 512), reserved_byte(e + 511) ?
						 XW_EFAULT : XW_OK);
			}
		}
	}
}

/* The board's RAM rule, and ranges that touch nothing reserved. */
static void gate_ram(void **state)
{
	struct xw_nsmem_cfg c = board();
	static const struct xw_mem_range two[] = {
		{ 0x40000000, 0x10000000, XW_MEM_NS_RAM, "low" },
		{ 0x50000000, 0x10000000, XW_MEM_NS_RAM, "high" },
	};

	(void)state;
	assert_int_equal(xw_nsmem_init(&c), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x40000000, PG), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x7ffff000, PG), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x40000100, 8), XW_OK); /* byte granular */
	assert_int_equal(xw_ns_gate_check(0x40000000, 0x3f000000), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x40000000, 0x40000000), XW_EFAULT); /* carve-out inside */
	assert_int_equal(xw_ns_gate_check(0x7ffff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_ns_gate_check(0x3ffff000, 2 * PG), XW_EFAULT);
	assert_int_equal(xw_ns_gate_check(0x80000000, PG), XW_EFAULT);
	assert_int_equal(xw_ns_gate_check(0xfffffffffffff000ULL, 2 * PG), XW_EINVAL);
	/* Wholly inside one RAM entry: two adjacent entries are not one. */
	c.ram = two;
	c.nram = 2;
	assert_int_equal(xw_nsmem_init(&c), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x4ffff000, PG), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x50000000, PG), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x4ffff000, 2 * PG), XW_EFAULT);
	/* No table installed: everything refused. */
	c.nram = 0;
	assert_int_equal(xw_nsmem_init(&c), XW_OK);
	assert_int_equal(xw_ns_gate_check(0x40000000, PG), XW_EFAULT);
}

/* The window's own rules on top of the gate, for every reserved range. */
static void map_every_reserved_range(void **state)
{
	unsigned int i, n;
	const struct xw_mem_range *r = plat_reserved_ranges(&n);
	void *va = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		uint64_t first = r[i].base & ~(PG - 1);
		uint64_t pas[3] = { 0x40000000, first, 0x40001000 };

		assert_int_equal(xw_ns_map(first, PG, &va), XW_EFAULT);
		if (first >= PG && !reserved_byte(first - 1)) { /* straddling from below */
			assert_int_equal(xw_ns_map(first - PG, 2 * PG, &va), XW_EFAULT);
		}
		assert_int_equal(xw_ns_map_pages(pas, 3, &va), XW_EFAULT);
		assert_int_equal(xw_ns_map_own(first, PG, &va),
				 r[i].kind == XW_MEM_CARVE ? XW_OK : XW_EFAULT);
		if (r[i].kind == XW_MEM_CARVE) {
			assert_int_equal(xw_ns_unmap(va, PG), XW_OK);
		}
	}
	assert_int_equal(live(), 0);
}

/* xw_ns_map_own(): the secure kernel's own carve-out, nothing else. */
static void map_own(void **state)
{
	unsigned int i, n;
	const struct xw_mem_range *r = plat_reserved_ranges(&n);
	void *va = 0;

	(void)state;
	for (i = 0; i < n && r[i].kind != XW_MEM_CARVE; i++) {
	}
	assert_true(i < n);
	assert_int_equal(xw_ns_map_own(r[i].base, NPAGES * PG, &va), XW_OK);
	assert_int_equal(live(), NPAGES);
	assert_int_equal(xw_ns_unmap(va, NPAGES * PG), XW_OK);
	assert_int_equal(xw_ns_map_own(r[i].base - PG, 2 * PG, &va), XW_EFAULT);
	assert_int_equal(xw_ns_map_own(r[i].base + r[i].size - PG, 2 * PG, &va), XW_EFAULT);
	assert_int_equal(xw_ns_map_own(0x40000000, PG, &va), XW_EFAULT); /* plain NS RAM */
	assert_int_equal(xw_ns_map_own(r[i].base + 8, PG, &va), XW_EINVAL);
	assert_int_equal(xw_ns_map_own(r[i].base, 0, &va), XW_EINVAL);
	assert_int_equal(xw_ns_map_own(0xfffffffffffff000ULL, 2 * PG, &va), XW_EINVAL);
	assert_int_equal(live(), 0);
}

static void init_validates(void **state)
{
	static const struct xw_mem_range empty = { 0x50000000, 0, XW_MEM_DEVICE, "empty" };
	static const struct xw_mem_range wraps = { 0xfffffffffffff000ULL, 0x2000, XW_MEM_DEVICE, "wraps" };
	struct xw_nsmem_cfg c = board();

	(void)state;
	c.va_pages = 0;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c.va_pages = XW_NS_WIN_MAX_PAGES + 1;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = board();
	c.va_base = VA0 + 8;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = board();
	c.nrsv = XW_NS_MAX_RANGES + 1;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = board();
	c.rsv = &empty;
	c.nrsv = 1;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c.rsv = &wraps;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = board();
	c.ram = &wraps;
	c.nram = 1;
	assert_int_equal(xw_nsmem_init(&c), XW_EINVAL);
	c = board();
	c.ram = 0;
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

/*
 * A batch of one-page unmaps: one invalidation for all; an entry that is not a
 * live one-page mapping (a two-page one, a repeat, a wild pointer) is refused
 * while the others still go; the freed VAs are handed out again.
 */
static void unmap_batch(void **state)
{
	void *va[5], *two, *again, *bad[6];
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++) {
		assert_int_equal(xw_ns_map(0x40100000 + i * PG, PG, &va[i]), XW_OK);
	}
	assert_int_equal(xw_ns_map(0x40200000, 2 * PG, &two), XW_OK);
	/* neighbours, the later one first: each still a whole mapping when checked */
	bad[0] = va[2];
	bad[1] = va[1];
	bad[2] = va[0];
	assert_int_equal(xw_ns_unmap_batch(bad, NULL, 3), XW_OK);
	assert_int_equal(tlb_alls, 1);
	assert_int_equal(tlb_pages, 0);
	assert_int_equal(live(), 4);
	assert_int_equal(xw_ns_mapped_pages(), 4);
	bad[0] = va[3];
	bad[1] = two;
	bad[2] = va[3];
	bad[3] = (uint8_t *)va[4] + 8;
	bad[4] = (void *)(VA0 + NPAGES * PG);
	bad[5] = va[0]; /* gone already */
	assert_int_equal(xw_ns_unmap_batch(bad, NULL, 6), XW_EINVAL);
	assert_int_equal(tlb_alls, 2);
	assert_int_equal(xw_ns_mapped_pages(), 3); /* va[3] went; two and va[4] stay */
	assert_int_equal(xw_ns_unmap_batch(va, NULL, XW_NS_UNMAP_BATCH + 1), XW_EINVAL);
	assert_int_equal(xw_ns_map(0x40300000, PG, &again), XW_OK);
	assert_ptr_equal(again, va[0]); /* first fit: the batch's pages are free */
	assert_int_equal(xw_ns_unmap(again, PG), XW_OK);
	/* with sizes: the two-page mapping and a page; a wrong size is refused */
	{
		void *pair[3] = { two, va[4], va[4] };
		uint64_t sizes[3] = { 2 * PG, PG, PG };

		sizes[1] = 2 * PG;
		assert_int_equal(xw_ns_unmap_batch(pair, sizes, 2), XW_EINVAL);
		assert_int_equal(xw_ns_mapped_pages(), 1); /* the pair went, va[4] stays */
		assert_int_equal(xw_ns_unmap_batch(pair + 2, sizes + 2, 1), XW_OK);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
	assert_int_equal(live(), 0);
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
		cmocka_unit_test(table_is_sane),
		cmocka_unit_test(gate_every_reserved_range),
		cmocka_unit_test(gate_ram),
		cmocka_unit_test(init_validates),
		cmocka_unit_test_setup(map_every_reserved_range, setup_wide),
		cmocka_unit_test_setup(map_own, setup),
		cmocka_unit_test_setup(map_unmap_range, setup),
		cmocka_unit_test_setup(map_rejects, setup),
		cmocka_unit_test_setup(unmap_batch, setup),
		cmocka_unit_test_setup(page_list, setup),
		cmocka_unit_test_setup(exact_unmap_only, setup),
		cmocka_unit_test_setup(window_full, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
