// SPDX-License-Identifier: BSD-2-Clause
/*
 * Application address spaces on AArch64 (sk/arch/app.h). An application's
 * L1 table is a copy of the kernel's except entry 1 (VA 1..2 GiB), which
 * points to the application's own L2 table; its L3 tables are taken from the
 * page pool as its mappings need them. The kernel's entries are shared, so
 * the vectors and the kernel keep running whichever TTBR0 is live, and none
 * of them is reachable at EL0 (AP[1] = 0 on every kernel page, UXN on all).
 * Application pages are non-global (nG) and tagged with the app's ASID:
 * switching TTBR0 needs no TLB flush.
 */
#include "arch/sysreg.h"
#include "../../core/pages.h"
#include "mmu.h"
#include "sk/arch/app.h"
#include "xw/app_abi.h"
#include "xw/err.h"

#define PTE_TABLE    0x3UL
#define PTE_PAGE     0x3UL
#define PTE_NORMAL   (1UL << 2) /* MAIR index 1 (mmu.c) */
#define PTE_NS       (1UL << 5)
#define PTE_AP_EL0   (1UL << 6) /* AP[1]: EL0 may access */
#define PTE_AP_RO    (1UL << 7) /* AP[2]: read-only */
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF       (1UL << 10)
#define PTE_NG       (1UL << 11)
#define PTE_PXN      (1UL << 53)
#define PTE_UXN      (1UL << 54)
#define PA_MASK      0x0000fffffffff000UL
#define SZ_2M        0x200000UL
#define APP_L1_IDX   (XW_APP_VA_BASE / 0x40000000UL)

_Static_assert(XW_APP_VA_BASE == 0x40000000UL, "apps own L1 entry 1");

static uint64_t *tbl(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;
}

void *arch_app_kva(uint64_t pa)
{
	return (void *)(uintptr_t)pa; /* secure RAM is identity mapped at S-EL1 */
}

int arch_app_space_init(struct xw_app_space *s, uint32_t asid)
{
	const uint64_t *kl1 = sk_mmu_kernel_l1();
	uint64_t l1 = s->root, l2;
	unsigned int i;

	if (asid == 0 || asid > 255) {
		return XW_EINVAL;
	}
	/*
	 * The L1 table is the app slot's for good (kept across kills): a CPU may
	 * still run the kernel on it (arch_app_leave() keeps TTBR0), and its
	 * kernel entries are the kernel's own, so that is always safe.
	 */
	if (l1 == 0) {
		l1 = xw_pages_alloc(1);
		if (l1 == 0) {
			return XW_ENOMEM;
		}
		for (i = 0; i < 512; i++) {
			tbl(l1)[i] = kl1[i];
		}
	}
	l2 = xw_pages_alloc(1);
	if (l2 == 0) {
		s->root = l1;
		s->ntables = 0;
		return XW_ENOMEM;
	}
	tbl(l1)[APP_L1_IDX] = l2 | PTE_TABLE;
	s->root = l1;
	s->asid = asid;
	s->tables[0] = l1;
	s->tables[1] = l2;
	s->ntables = 2;
	dsb_sy();
	return XW_OK;
}

/* The L3 table for the 2 MiB block holding @va, made if @make. */
static uint64_t *l3_of(struct xw_app_space *s, uint64_t va, int make)
{
	uint64_t *l2 = tbl(s->tables[1]);
	unsigned int i = (unsigned int)((va >> 21) & 511);
	uint64_t t;

	if (l2[i] & 1) {
		return tbl(l2[i] & PA_MASK);
	}
	if (!make || s->ntables >= XW_APP_MAX_TABLES) {
		return 0;
	}
	t = xw_pages_alloc(1);
	if (t == 0) {
		return 0;
	}
	s->l3_va[s->ntables] = va & ~(SZ_2M - 1);
	s->tables[s->ntables++] = t;
	l2[i] = t | PTE_TABLE;
	return tbl(t);
}

static uint64_t pte_attrs(unsigned int prot)
{
	uint64_t a = PTE_PAGE | PTE_NORMAL | PTE_SH_INNER | PTE_AF | PTE_NG | PTE_AP_EL0 | PTE_PXN;

	if (!(prot & XW_PROT_W)) {
		a |= PTE_AP_RO;
	}
	if (!(prot & XW_PROT_X) || (prot & (XW_PROT_W | XW_PROT_NS))) {
		a |= PTE_UXN; /* W^X, and never execute normal-world memory */
	}
	if (prot & XW_PROT_NS) {
		a |= PTE_NS;
	}
	return a;
}

int arch_app_map(struct xw_app_space *s, uint64_t va, uint64_t pa, uint64_t pages, unsigned prot)
{
	uint64_t i, *l3;

	if (va < XW_APP_VA_BASE || va % 4096 || pa % 4096 ||
	    pages > (XW_APP_VA_BASE + 0x40000000UL - va) / 4096) {
		return XW_EINVAL;
	}
	for (i = 0; i < pages; i++) {
		uint64_t v = va + i * 4096;

		l3 = l3_of(s, v, 1);
		if (l3 == 0) {
			arch_app_unmap(s, va, i);
			return XW_ENOMEM;
		}
		l3[(v >> 12) & 511] = ((pa + i * 4096) & PA_MASK) | pte_attrs(prot);
	}
	/* The entries were invalid before: no break-before-make, only visibility. */
	__asm__ volatile("dsb ishst\n isb" ::: "memory");
	return XW_OK;
}

void arch_app_unmap(struct xw_app_space *s, uint64_t va, uint64_t pages)
{
	uint64_t i, *l3;

	for (i = 0; i < pages; i++) {
		uint64_t v = va + i * 4096;

		l3 = l3_of(s, v, 0);
		if (l3 != 0) {
			l3[(v >> 12) & 511] = 0;
		}
	}
	__asm__ volatile("dsb ishst" ::: "memory");
	/*
	 * By VA for every ASID: in the normal world's regime the app's entries
	 * carry the normal world's ASID, not s->asid (mmu.c, sk_mmu_app_ttbr0).
	 */
	for (i = 0; i < pages; i++) {
		__asm__ volatile("tlbi vaae1is, %0" : : "r"((va >> 12) + i) : "memory");
	}
	__asm__ volatile("dsb ish\n isb" ::: "memory");
}

void arch_app_space_free(struct xw_app_space *s)
{
	uint32_t i;

	if (s->ntables == 0) {
		return;
	}
	/*
	 * No CPU runs the app (the caller holds its claim), but CPUs may run the
	 * kernel on its L1 table: take its half away, then drop every cached
	 * walk of it on every CPU (rare: a kill), then free what hung there.
	 */
	tbl(s->root)[APP_L1_IDX] = 0;
	__asm__ volatile("dsb ishst\n tlbi vmalle1is\n dsb ish\n isb" ::: "memory");
	for (i = 1; i < s->ntables; i++) {
		xw_pages_free(s->tables[i], 1);
	}
	s->ntables = 0; /* s->root (the L1 table) stays the slot's */
}

void arch_app_code_written(void *kva, uint64_t len)
{
	uintptr_t a = (uintptr_t)kva & ~63UL, end = (uintptr_t)kva + len;

	/* Written through the kernel's alias, fetched through the app's: clean to PoU, drop I. */
	for (; a < end; a += 64) {
		__asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
	}
	__asm__ volatile("dsb ish\n ic ialluis\n dsb ish\n isb" ::: "memory");
}
