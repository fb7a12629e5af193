// SPDX-License-Identifier: BSD-2-Clause
/*
 * S-EL1 translation tables: identity map, 4 KiB granule, 39-bit VA, 2 MiB
 * blocks. Mapped: the device window (GIC, UARTs) and the secure kernel's part
 * of secure RAM. Not mapped: flash, the monitor's 2 MiB, all normal-world RAM
 * (shared memory will be mapped on registration with XW_PTE_NS, Normal WB
 * inner/outer, inner shareable: the same attributes Linux uses).
 */
#include "mmu.h"

#include "arch/sysreg.h"
#include "plat_memmap.h"

#define PTE_BLOCK    0x1UL
#define PTE_TABLE    0x3UL
#define PTE_ATTR(i)  ((uint64_t)(i) << 2)
#define PTE_NS       (1UL << 5)
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF       (1UL << 10)
#define PTE_PXN      (1UL << 53)
#define PTE_XN       (1UL << 54)

#define ATTR_DEVICE  0 /* Device-nGnRnE */
#define ATTR_NORMAL  1 /* Normal, inner/outer write-back RA/WA */
#define MAIR_VAL     (0x00UL << (8 * ATTR_DEVICE) | 0xffUL << (8 * ATTR_NORMAL))

#define SZ_2M        0x200000UL
/* T0SZ 25 (39-bit VA), inner/outer WB-WA walks, inner shareable, 4K, no TTBR1, 40-bit PA */
#define TCR_VAL      (25UL | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32)
#define SCTLR_MMU    (1UL << 0 | 1UL << 2 | 1UL << 12) /* M, C, I */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096))); /* VA 0..1 GiB */

static void map_2m(uint64_t pa, uint64_t size, uint64_t attrs)
{
	uint64_t a;

	for (a = pa; a < pa + size; a += SZ_2M) {
		l2_low[a / SZ_2M] = a | attrs | PTE_AF | PTE_BLOCK;
	}
}

void sk_mmu_build(void)
{
	l1[0] = (uint64_t)(uintptr_t)l2_low | PTE_TABLE;
	map_2m(XW_GICD_BASE, 0x02000000, PTE_ATTR(ATTR_DEVICE) | PTE_XN | PTE_PXN);
	/* virtio-mmio transports: the secure block device (docs/block.md) */
	map_2m(XW_VIO_MMIO_WINDOW, SZ_2M, PTE_ATTR(ATTR_DEVICE) | PTE_XN | PTE_PXN);
	map_2m(XW_SK_BASE, XW_SK_SIZE, PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER);
	sk_nsmap_build(l1);
	dsb_sy();
}

void sk_mmu_enable(void)
{
	write_sysreg(mair_el1, MAIR_VAL);
	write_sysreg(tcr_el1, TCR_VAL);
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)l1);
	isb();
	__asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1 | SCTLR_MMU);
	isb();
}
