// SPDX-License-Identifier: BSD-2-Clause
/*
 * AArch64 side of the NS memory window (secure/core/nsmem.h): 4 KiB page
 * entries in L3 tables under one L2 table, at VA XW_SK_NS_WIN_VA. The window
 * is not identity mapped: a normal-world PA is only reachable at S-EL1
 * through an entry written here, with the NS bit set.
 */
#include "mmu.h"

#include "arch/sysreg.h"
#include "../../core/nsmem.h"

#define PTE_TABLE    0x3UL
#define PTE_PAGE     0x3UL
#define PTE_NORMAL   (1UL << 2) /* MAIR index 1: Normal inner/outer WB RA/WA (mmu.c) */
#define PTE_NS       (1UL << 5)
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF       (1UL << 10)
#define PTE_PXN      (1UL << 53)
#define PTE_XN       (1UL << 54)
#define NS_PTE_ATTRS (PTE_PAGE | PTE_NORMAL | PTE_NS | PTE_SH_INNER | PTE_AF | PTE_PXN | PTE_XN)
#define PA_MASK      0x0000fffffffff000UL

#define L3_TABLES    (XW_SK_NS_WIN_PAGES / 512)

_Static_assert(XW_SK_NS_WIN_PAGES <= XW_NS_WIN_MAX_PAGES, "window larger than the allocator");
_Static_assert(XW_SK_NS_WIN_PAGES % 512 == 0, "whole L3 tables");
_Static_assert(XW_SK_NS_WIN_VA % 0x40000000UL == 0, "window starts at an L1 entry");

static uint64_t l2_ns[512] __attribute__((aligned(4096)));
static uint64_t l3_ns[L3_TABLES][512] __attribute__((aligned(4096)));

void sk_nsmap_build(uint64_t *l1)
{
	unsigned int i;

	for (i = 0; i < L3_TABLES; i++) {
		l2_ns[i] = (uint64_t)(uintptr_t)l3_ns[i] | PTE_TABLE;
	}
	l1[XW_SK_NS_WIN_VA / 0x40000000UL] = (uint64_t)(uintptr_t)l2_ns | PTE_TABLE;
}

void arch_nsmap_set(size_t idx, uint64_t pa)
{
	l3_ns[idx / 512][idx % 512] = (pa & PA_MASK) | NS_PTE_ATTRS;
}

void arch_nsmap_clear(size_t idx)
{
	l3_ns[idx / 512][idx % 512] = 0;
}

void arch_nsmap_sync_map(void)
{
	/* The entries were invalid before: no break-before-make, only visibility. */
	__asm__ volatile("dsb ishst\n isb" ::: "memory");
}

/*
 * Past this many pages one whole-TLB invalidation is cheaper than one per
 * page: each broadcast TLBI is a cross-CPU operation (under QEMU's TCG a
 * synchronous flush of every vCPU, ~0.5 ms with four vCPUs on one host core:
 * bench-guests), so a 2,049-page unmap cost 2,049 of them.
 */
#define NSMAP_TLBI_ALL_FROM 8

void arch_nsmap_sync_unmap(uintptr_t va, size_t n)
{
	size_t i;

	__asm__ volatile("dsb ishst" ::: "memory");
	if (n >= NSMAP_TLBI_ALL_FROM) {
		/* Every entry of every ASID, inner shareable: one broadcast. */
		__asm__ volatile("tlbi vmalle1is" ::: "memory");
	} else {
		for (i = 0; i < n; i++) {
			/* All ASIDs, inner shareable: every CPU drops the entry. */
			__asm__ volatile("tlbi vaae1is, %0" : : "r"((va >> 12) + i) : "memory");
		}
	}
	__asm__ volatile("dsb ish\n isb" ::: "memory");
}

void arch_nsmap_sync_unmap_all(void)
{
	/* Every entry of every ASID, inner shareable: one broadcast. */
	__asm__ volatile("dsb ishst\n tlbi vmalle1is\n dsb ish\n isb" ::: "memory");
}
