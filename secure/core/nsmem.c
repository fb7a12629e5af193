// SPDX-License-Identifier: BSD-2-Clause
/*
 * The NS gate (one table of normal-world RAM and of what the secure world
 * reserves; one check) and the NS memory window: a first-fit page allocator
 * (bitmap).
 * Allocations are remembered by a "head" bit on their first page only; an
 * unmap must name exactly one allocation (its head, all its pages, and the
 * page after it free or another head), so a wrong va/size never frees
 * someone else's pages. Lock order: the window lock is a leaf.
 */
#include "nsmem.h"

#include "arch/spinlock.h"

#include "xw/err.h"

#define WORDS (XW_NS_WIN_MAX_PAGES / 64)

static struct {
	struct xw_nsmem_cfg cfg;
	uint64_t used[WORDS];
	uint64_t head[WORDS];
	size_t mapped;
	arch_spinlock_t lock;
	int ready;
} win;

static void lock(void)
{
	arch_spin_lock(&win.lock);
}

static void unlock(void)
{
	arch_spin_unlock(&win.lock);
}

static int bit(const uint64_t *map, size_t i)
{
	return (int)((map[i / 64] >> (i % 64)) & 1);
}

static void set_bit(uint64_t *map, size_t i, int v)
{
	if (v) {
		map[i / 64] |= 1ULL << (i % 64);
	} else {
		map[i / 64] &= ~(1ULL << (i % 64));
	}
}

/* Does [pa, end) touch [r->base, r->base + r->size)? (ranges never wrap) */
static int touches(const struct xw_mem_range *r, uint64_t pa, uint64_t end)
{
	return pa < r->base + r->size && r->base < end;
}

static int inside(const struct xw_mem_range *r, uint64_t pa, uint64_t end)
{
	return pa >= r->base && end <= r->base + r->size;
}

int xw_ns_gate_check(uint64_t pa, uint64_t size)
{
	uint64_t end;
	unsigned int i;
	int in_ram = 0;

	if (size == 0 || pa + size < pa) {
		return XW_EINVAL;
	}
	end = pa + size;
	/*
	 * Wholly inside one RAM range: two adjacent RAM ranges are not one, so a
	 * buffer never straddles a hole a board might leave between them.
	 */
	for (i = 0; i < win.cfg.nram; i++) {
		in_ram |= inside(&win.cfg.ram[i], pa, end);
	}
	if (!in_ram) {
		return XW_EFAULT;
	}
	/* Every reserved range, even inside RAM: a carve-out is RAM to the bus. */
	for (i = 0; i < win.cfg.nrsv; i++) {
		if (touches(&win.cfg.rsv[i], pa, end)) {
			return XW_EFAULT;
		}
	}
	return XW_OK;
}

static int range_ok(const struct xw_mem_range *r)
{
	return r->size != 0 && r->base + r->size > r->base;
}

int xw_nsmem_init(const struct xw_nsmem_cfg *cfg)
{
	size_t i;

	if (cfg->va_pages == 0 || cfg->va_pages > XW_NS_WIN_MAX_PAGES ||
	    (cfg->va_base & (XW_NS_PAGE_SIZE - 1)) != 0 ||
	    cfg->nram > XW_NS_MAX_RANGES || cfg->nrsv > XW_NS_MAX_RANGES ||
	    (cfg->nram != 0 && cfg->ram == 0) || (cfg->nrsv != 0 && cfg->rsv == 0)) {
		return XW_EINVAL;
	}
	/* An empty or wrapping entry would make the overlap tests lie. */
	for (i = 0; i < cfg->nram; i++) {
		if (!range_ok(&cfg->ram[i])) {
			return XW_EINVAL;
		}
	}
	for (i = 0; i < cfg->nrsv; i++) {
		if (!range_ok(&cfg->rsv[i])) {
			return XW_EINVAL;
		}
	}
	win.cfg = *cfg;
	for (i = 0; i < WORDS; i++) {
		win.used[i] = 0;
		win.head[i] = 0;
	}
	win.mapped = 0;
	win.lock = (arch_spinlock_t)ARCH_SPINLOCK_INIT;
	win.ready = 1;
	return XW_OK;
}

/* Page granularity is the window's rule; the gate itself is byte granular. */
static int page_check(uint64_t pa, uint64_t size)
{
	if (size == 0 || (pa & (XW_NS_PAGE_SIZE - 1)) != 0 ||
	    (size & (XW_NS_PAGE_SIZE - 1)) != 0) {
		return XW_EINVAL;
	}
	return xw_ns_gate_check(pa, size);
}

/* First fit; returns the first page index or win.cfg.va_pages if none. */
static size_t alloc(size_t n)
{
	size_t i = 0, run = 0;

	for (i = 0; i < win.cfg.va_pages; i++) {
		if (!(i % 64) && win.used[i / 64] == ~0ULL && i + 64 <= win.cfg.va_pages) {
			run = 0;
			i += 63; /* a full word: skip it */
			continue;
		}
		run = bit(win.used, i) ? 0 : run + 1;
		if (run == n) {
			return i + 1 - n;
		}
	}
	return win.cfg.va_pages;
}

static void claim(size_t first, size_t n)
{
	size_t i;

	for (i = first; i < first + n; i++) {
		set_bit(win.used, i, 1);
	}
	set_bit(win.head, first, 1);
	win.mapped += n;
}

/* Shared by both map calls: @pas NULL means "contiguous from @pa". */
static int map(uint64_t pa, const uint64_t *pas, size_t n, void **va)
{
	size_t first, i;
	int rc;

	if (!win.ready || va == 0) {
		return XW_EINVAL;
	}
	if (n > win.cfg.va_pages) {
		return XW_E2BIG;
	}
	if (pas != 0) {
		for (i = 0; i < n; i++) {
			rc = page_check(pas[i], XW_NS_PAGE_SIZE);
			if (rc != XW_OK) {
				return rc;
			}
		}
	}
	lock();
	first = alloc(n);
	if (first == win.cfg.va_pages) {
		unlock();
		return XW_ENOMEM;
	}
	claim(first, n);
	for (i = 0; i < n; i++) {
		arch_nsmap_set(first + i, pas != 0 ? pas[i] : pa + i * XW_NS_PAGE_SIZE);
	}
	arch_nsmap_sync_map();
	unlock();
	*va = (void *)(win.cfg.va_base + first * XW_NS_PAGE_SIZE);
	return XW_OK;
}

/* One contiguous range, already checked by its caller. */
static int map_range(uint64_t pa, uint64_t size, void **va)
{
	if (size / XW_NS_PAGE_SIZE > win.cfg.va_pages) {
		return XW_E2BIG;
	}
	return map(pa, 0, (size_t)(size / XW_NS_PAGE_SIZE), va);
}

int xw_ns_map(uint64_t pa, uint64_t size, void **va)
{
	int rc = page_check(pa, size);

	return rc != XW_OK ? rc : map_range(pa, size, va);
}

int xw_ns_map_own(uint64_t pa, uint64_t size, void **va)
{
	unsigned int i;

	if (size == 0 || (pa & (XW_NS_PAGE_SIZE - 1)) != 0 ||
	    (size & (XW_NS_PAGE_SIZE - 1)) != 0 || pa + size < pa) {
		return XW_EINVAL;
	}
	for (i = 0; i < win.cfg.nrsv; i++) {
		if (win.cfg.rsv[i].kind == XW_MEM_CARVE && inside(&win.cfg.rsv[i], pa, pa + size)) {
			return map_range(pa, size, va);
		}
	}
	return XW_EFAULT;
}

int xw_ns_map_pages(const uint64_t *pas, size_t n, void **va)
{
	if (n == 0 || pas == 0) {
		return XW_EINVAL;
	}
	return map(0, pas, n, va);
}

int xw_ns_unmap(void *va, uint64_t size)
{
	uintptr_t v = (uintptr_t)va;
	size_t first, n, i;
	int rc = XW_EINVAL;

	if (!win.ready || size == 0 || (size & (XW_NS_PAGE_SIZE - 1)) != 0 ||
	    (v & (XW_NS_PAGE_SIZE - 1)) != 0 || v < win.cfg.va_base) {
		return XW_EINVAL;
	}
	first = (v - win.cfg.va_base) / XW_NS_PAGE_SIZE;
	n = (size_t)(size / XW_NS_PAGE_SIZE);
	if (first >= win.cfg.va_pages || n > win.cfg.va_pages - first) {
		return XW_EINVAL;
	}
	lock();
	/* Exactly one allocation: head here, all used, no other head inside, ends here. */
	if (!bit(win.head, first)) {
		goto out;
	}
	for (i = first; i < first + n; i++) {
		if (!bit(win.used, i) || (i != first && bit(win.head, i))) {
			goto out;
		}
	}
	if (first + n < win.cfg.va_pages && bit(win.used, first + n) &&
	    !bit(win.head, first + n)) {
		goto out;
	}
	for (i = first; i < first + n; i++) {
		arch_nsmap_clear(i);
	}
	arch_nsmap_sync_unmap(v, n);
	/* Only now may the range be handed out again. */
	for (i = first; i < first + n; i++) {
		set_bit(win.used, i, 0);
	}
	set_bit(win.head, first, 0);
	win.mapped -= n;
	rc = XW_OK;
out:
	unlock();
	return rc;
}

/* Is [first, first + n) exactly one allocation? Window lock held. */
static int one_alloc(size_t first, size_t n)
{
	size_t i;

	if (first >= win.cfg.va_pages || n == 0 || n > win.cfg.va_pages - first ||
	    !bit(win.head, first)) {
		return 0;
	}
	for (i = first; i < first + n; i++) {
		if (!bit(win.used, i) || (i != first && bit(win.head, i))) {
			return 0;
		}
	}
	return first + n >= win.cfg.va_pages || !bit(win.used, first + n) ||
	       bit(win.head, first + n);
}

int xw_ns_unmap_batch(void *const *vas, const uint64_t *sizes, size_t n)
{
	size_t i, j, k, first[XW_NS_UNMAP_BATCH], np[XW_NS_UNMAP_BATCH], done = 0;
	int rc = XW_OK;

	if (!win.ready || n > XW_NS_UNMAP_BATCH) {
		return XW_EINVAL;
	}
	lock();
	/*
	 * Every entry checked before any is touched: a mapping's neighbour in the
	 * batch must still look mapped while the next is checked.
	 */
	for (i = 0; i < n; i++) {
		uintptr_t v = (uintptr_t)vas[i];
		uint64_t size = sizes ? sizes[i] : XW_NS_PAGE_SIZE;
		size_t f = (v - win.cfg.va_base) / XW_NS_PAGE_SIZE;
		int ok = (v & (XW_NS_PAGE_SIZE - 1)) == 0 && v >= win.cfg.va_base &&
			 (size & (XW_NS_PAGE_SIZE - 1)) == 0 &&
			 one_alloc(f, (size_t)(size / XW_NS_PAGE_SIZE));

		for (j = 0; ok && j < done; j++) {
			ok = first[j] != f; /* the same mapping twice: once */
		}
		if (!ok) {
			rc = XW_EINVAL;
			continue;
		}
		first[done] = f;
		np[done++] = (size_t)(size / XW_NS_PAGE_SIZE);
	}
	for (i = 0; i < done; i++) {
		for (k = 0; k < np[i]; k++) {
			arch_nsmap_clear(first[i] + k);
		}
	}
	if (done != 0) {
		/* One invalidation for all: a broadcast is the expensive part. */
		arch_nsmap_sync_unmap_all();
	}
	/* Only now may the ranges be handed out again. */
	for (i = 0; i < done; i++) {
		for (k = 0; k < np[i]; k++) {
			set_bit(win.used, first[i] + k, 0);
		}
		set_bit(win.head, first[i], 0);
		win.mapped -= np[i];
	}
	unlock();
	return rc;
}

size_t xw_ns_mapped_pages(void)
{
	size_t n;

	lock();
	n = win.mapped;
	unlock();
	return n;
}
