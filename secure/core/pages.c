// SPDX-License-Identifier: BSD-2-Clause
/* The secure page pool (pages.h): a bitmap, first fit (full words skipped), one lock. */
#include "pages.h"

#include "arch/spinlock.h"
#include "sk/arch/app.h"

static struct {
	arch_spinlock_t lock;
	uint64_t base, n, nfree;
	uint64_t used[XW_PAGES_MAX / 64];
} pool;

static int is_used(uint64_t i)
{
	return (int)((pool.used[i / 64] >> (i % 64)) & 1);
}

static void set_used(uint64_t i, int v)
{
	if (v) {
		pool.used[i / 64] |= 1ULL << (i % 64);
	} else {
		pool.used[i / 64] &= ~(1ULL << (i % 64));
	}
}

void xw_pages_init(uint64_t pa, uint64_t n)
{
	uint64_t i;

	arch_spin_lock(&pool.lock);
	pool.base = pa;
	pool.n = n > XW_PAGES_MAX ? XW_PAGES_MAX : n;
	pool.nfree = pool.n;
	for (i = 0; i < XW_PAGES_MAX / 64; i++) {
		pool.used[i] = 0;
	}
	arch_spin_unlock(&pool.lock);
}

uint64_t xw_pages_alloc(uint64_t n)
{
	uint64_t i, run = 0, pa = 0;
	uint8_t *p;

	if (n == 0 || n > XW_PAGES_MAX) {
		return 0;
	}
	arch_spin_lock(&pool.lock);
	for (i = 0; i < pool.n; i++) {
		/* A full word ends any run: skip it (the apps' pages fill the start). */
		if (i % 64 == 0 && pool.used[i / 64] == ~0ULL && i + 64 <= pool.n) {
			run = 0;
			i += 63;
			continue;
		}
		run = is_used(i) ? 0 : run + 1;
		if (run == n) {
			uint64_t first = i + 1 - n, j;

			for (j = first; j <= i; j++) {
				set_used(j, 1);
			}
			pool.nfree -= n;
			pa = pool.base + first * XW_PAGE_SIZE;
			break;
		}
	}
	arch_spin_unlock(&pool.lock);
	if (pa != 0) {
		p = arch_app_kva(pa);
		for (i = 0; i < n * XW_PAGE_SIZE; i++) {
			p[i] = 0;
		}
	}
	return pa;
}

void xw_pages_free(uint64_t pa, uint64_t n)
{
	uint64_t first = (pa - pool.base) / XW_PAGE_SIZE, j;

	if (pa < pool.base || pa % XW_PAGE_SIZE != 0 || first + n > pool.n) {
		return; /* not ours: a kernel bug, but never corrupt the bitmap */
	}
	arch_spin_lock(&pool.lock);
	for (j = first; j < first + n; j++) {
		if (is_used(j)) {
			set_used(j, 0);
			pool.nfree++;
		}
	}
	arch_spin_unlock(&pool.lock);
}

uint64_t xw_pages_free_count(void)
{
	uint64_t n;

	arch_spin_lock(&pool.lock);
	n = pool.nfree;
	arch_spin_unlock(&pool.lock);
	return n;
}
