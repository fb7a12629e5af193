// SPDX-License-Identifier: BSD-2-Clause
/*
 * S-EL1 translation tables: identity map, 4 KiB granule, 39-bit VA. Mapped:
 * the device window (GIC, UARTs) and the secure kernel's part of secure RAM.
 * Not mapped: flash, the monitor's 2 MiB, all normal-world RAM (shared
 * memory is mapped on registration, nsmap.c).
 *
 * The image is mapped with 4 KiB pages so that permissions follow the
 * sections (sk.ld aligns them): text read-only and executable, rodata
 * read-only and execute-never, data, bss and stacks read-write and
 * execute-never (W^X; SCTLR_EL1.WXN enforces it for any writable page too),
 * stack guard pages unmapped (memprot.c lists them). Free secure RAM above
 * the image is read-write, execute-never, in 2 MiB blocks.
 */
#include "mmu.h"

#include <stddef.h>

#include "arch/sysreg.h"
#include "memprot.h"
#include "plat_memmap.h"

#define PTE_BLOCK    0x1UL
#define PTE_TABLE    0x3UL
#define PTE_PAGE     0x3UL
#define PTE_ATTR(i)  ((uint64_t)(i) << 2)
#define PTE_NS       (1UL << 5)
#define PTE_AP_RO    (1UL << 7) /* AP[2]: read-only at EL1, EL0 no access */
#define PTE_SH_INNER (3UL << 8)
#define PTE_AF       (1UL << 10)
#define PTE_PXN      (1UL << 53)
#define PTE_XN       (1UL << 54) /* UXN in the EL1&0 regime */

#define ATTR_DEVICE  0 /* Device-nGnRnE */
#define ATTR_NORMAL  1 /* Normal, inner/outer write-back RA/WA */
#define MAIR_VAL     (0x00UL << (8 * ATTR_DEVICE) | 0xffUL << (8 * ATTR_NORMAL))

#define SZ_4K        0x1000UL
#define SZ_2M        0x200000UL
#define IMG_L3       4 /* 2 MiB blocks of the image mapped with pages (sk.ld asserts) */
/* T0SZ 25 (39-bit VA), inner/outer WB-WA walks, inner shareable, 4K, no TTBR1, 40-bit PA */
#define TCR_VAL      (25UL | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32)
#define SCTLR_MMU    (1UL << 0 | 1UL << 2 | 1UL << 12 | 1UL << 19) /* M, C, I, WXN */

#define NORMAL_RAM   (PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF)
#define ATTR_TEXT    (NORMAL_RAM | PTE_AP_RO | PTE_XN)
#define ATTR_RODATA  (NORMAL_RAM | PTE_AP_RO | PTE_XN | PTE_PXN)
#define ATTR_RW      (NORMAL_RAM | PTE_XN | PTE_PXN)

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096))); /* VA 0..1 GiB */
static uint64_t l3_img[IMG_L3][512] __attribute__((aligned(4096)));

static void map_2m(uint64_t pa, uint64_t size, uint64_t attrs)
{
	uint64_t a;

	for (a = pa; a < pa + size; a += SZ_2M) {
		l2_low[a / SZ_2M] = a | attrs | PTE_AF | PTE_BLOCK;
	}
}

static uint64_t page_attrs(uint64_t va)
{
	if (va < (uintptr_t)__sk_text_end) {
		return ATTR_TEXT;
	}
	if (va < (uintptr_t)__sk_rodata_end) {
		return ATTR_RODATA;
	}
	return ATTR_RW;
}

static uint64_t *pte_of(uint64_t va)
{
	uint64_t off = va - XW_SK_BASE;

	return &l3_img[off / SZ_2M][(off % SZ_2M) / SZ_4K];
}

static void map_image(void)
{
	const struct xw_fault_region *r;
	uint64_t end, va, g;
	unsigned int t;
	size_t n, i;

	end = ((uintptr_t)__sk_end + SZ_2M - 1) & ~(SZ_2M - 1);
	for (t = 0, va = XW_SK_BASE; va < end; t++, va += SZ_2M) {
		l2_low[va / SZ_2M] = (uint64_t)(uintptr_t)l3_img[t] | PTE_TABLE;
	}
	for (va = XW_SK_BASE; va < end; va += SZ_4K) {
		*pte_of(va) = va | page_attrs(va) | PTE_PAGE;
	}
	r = sk_layout(&n);
	for (i = 0; i < n; i++) {
		for (g = r[i].start; r[i].guard && g < r[i].end; g += SZ_4K) {
			*pte_of(g) = 0;
		}
	}
	map_2m(end, XW_SK_BASE + XW_SK_SIZE - end, ATTR_RW);
}

void sk_mmu_build(void)
{
	l1[0] = (uint64_t)(uintptr_t)l2_low | PTE_TABLE;
	map_2m(XW_GICD_BASE, 0x02000000, PTE_ATTR(ATTR_DEVICE) | PTE_XN | PTE_PXN);
	/* virtio-mmio transports: the secure block device (docs/block.md) */
	map_2m(XW_VIO_MMIO_WINDOW, SZ_2M, PTE_ATTR(ATTR_DEVICE) | PTE_XN | PTE_PXN);
	map_image();
	sk_nsmap_build(l1);
	dsb_sy();
}

const uint64_t *sk_mmu_kernel_l1(void)
{
	return l1;
}

/*
 * Per-CPU level-0 tables for applications run in the normal world's regime:
 * entry 0 is the running application's L1 table (written at each entry).
 */
static uint64_t app_l0[XW_PLAT_MAX_CPUS][512] __attribute__((aligned(4096)));
/* The L1 table of the application each CPU last ran in a borrowed regime. */
static uint64_t app_last_root[XW_PLAT_MAX_CPUS];

#define TTBR_ASID_MASK (0xffffUL << 48)

/*
 * Entries may run in the normal world's TCR_EL1/SCTLR_EL1 (the monitor's
 * borrowed regime, docs/boot.md "World switch"), where the ASID is the normal
 * world's (TCR.A1 = 1: TTBR1's, which the monitor keeps) and the walk may
 * start at level 0 (T0SZ < 25). Writing the own TCR/SCTLR back for every
 * application run would cost QEMU a TLB flush per write, so an application
 * runs in whichever regime is live:
 *  - own regime: TTBR0 = its L1 tagged with its own ASID, as always;
 *  - borrowed: TTBR0 = its L1 (through this CPU's level-0 table when the
 *    walk starts at level 0) with the normal world's TTBR0 ASID bits, so
 *    QEMU sees no ASID change; its pages (nG) are then tagged with the normal
 *    world's live ASID, not its own, so the secure EL1&0 TLB of this CPU is
 *    invalidated before another application runs on it (one local TLBI: no
 *    entry of another application can be used), and arch_app_unmap()
 *    invalidates by VA for every ASID (none of this one's older mappings).
 * The monitor's checks make the EL0-visible differences harmless (regime.h):
 * the allowed SCTLR bits that act at EL0 let an application use cache
 * maintenance on its own pages, DC ZVA, WFI/WFE (the slice still ends it);
 * TBI0 makes a tagged pointer alias its low address, and the kernel's checks
 * of an application's pointers refuse it (not in its mappings).
 */
uint64_t sk_mmu_app_ttbr0(uint64_t root, uint32_t asid)
{
	uint64_t tcr = read_sysreg(tcr_el1), table = root, ttbr0;
	unsigned int cpu = (unsigned int)(read_sysreg(mpidr_el1) & 0xff);
	int flush;

	if (tcr == TCR_VAL || cpu >= XW_PLAT_MAX_CPUS) {
		if (tcr != TCR_VAL) {
			sk_mmu_own_regime();
		}
		return root | (uint64_t)asid << 48;
	}
	/*
	 * The TLBI is skipped only when this CPU's last borrowed run was of the
	 * same table: its entries are then the same application's, and every
	 * change of its mappings since invalidated for all ASIDs (unmap:
	 * TLBI VAAE1IS; a freed space: TLBI VMALLE1IS; a new mapping replaced
	 * an invalid entry, which no TLB holds).
	 */
	flush = app_last_root[cpu] != root;
	if ((tcr & 0x3f) < 25) {
		if (app_l0[cpu][0] != (root | 0x3)) {
			app_l0[cpu][0] = root | 0x3; /* table descriptor */
			flush = 1;
		}
		table = (uint64_t)(uintptr_t)app_l0[cpu];
	}
	ttbr0 = table | (read_sysreg(ttbr0_el1) & TTBR_ASID_MASK);
	__asm__ volatile("dsb ishst\n msr ttbr0_el1, %0\n isb" : : "r"(ttbr0) : "memory");
	if (flush) {
		__asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
		app_last_root[cpu] = root;
	}
	return ttbr0;
}

/*
 * The kernel's own TCR_EL1/SCTLR_EL1 back (a CPU number the per-CPU tables do
 * not cover). The new TCR and TTBR0 cannot be written at once and a mix of the
 * two would walk the wrong levels, so the MMU is off in between: the kernel is
 * identity mapped, and nothing between the SCTLR writes touches memory.
 */
void sk_mmu_own_regime(void)
{
	uint64_t own = SCTLR_EL1_RES1 | SCTLR_MMU;

	if (read_sysreg(tcr_el1) == TCR_VAL && read_sysreg(sctlr_el1) == own) {
		return;
	}
	__asm__ volatile("msr sctlr_el1, %0\n isb\n"
			 "msr tcr_el1, %1\n msr ttbr0_el1, %2\n isb\n"
			 "tlbi vmalle1\n dsb nsh\n isb\n"
			 "msr sctlr_el1, %3\n isb"
			 :
			 : "r"(own & ~1UL), "r"(TCR_VAL), "r"((uint64_t)(uintptr_t)l1),
			   "r"(own)
			 : "memory");
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
