// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL3 translation tables: identity map, 4 KiB granule, 39-bit VA, secure
 * (NS = 0) accesses only. What the monitor touches after its MMU is on, and
 * nothing else: the GIC, the secure UART and GPIO, its own image with the
 * permissions of each section (mon.ld aligns them to 4 KiB): text read-only
 * and executable, rodata read-only, data/bss/stacks read-write and
 * execute-never (SCTLR_EL3.WXN as well), and the guard page below each
 * stack unmapped. Not mapped: flash (the reset code runs from it only with
 * the MMU off), the secure kernel's RAM (copied before the MMU is on and
 * never touched again here), all normal-world RAM (the monitor never
 * dereferences a normal-world address).
 */
#include "mmu.h"

#include "plat_memmap.h"
#include "arch/sysreg.h"

#define PTE_TABLE   0x3UL
#define PTE_BLOCK   0x1UL
#define PTE_PAGE    0x3UL
#define PTE_DEVICE  (0UL << 2)     /* MAIR index 0 */
#define PTE_NORMAL  (1UL << 2)     /* MAIR index 1 */
#define PTE_AP_RES1 (1UL << 6)     /* AP[1] is RES1 in the EL3 regime */
#define PTE_RO      (1UL << 7)
#define PTE_SH_IN   (3UL << 8)
#define PTE_AF      (1UL << 10)
#define PTE_XN      (1UL << 54)

#define SZ_4K 0x1000UL
#define SZ_2M 0x200000UL

#define DEV   (PTE_DEVICE | PTE_AP_RES1 | PTE_AF | PTE_XN)
#define MEM   (PTE_NORMAL | PTE_AP_RES1 | PTE_SH_IN | PTE_AF)

extern char __mon_start[], __mon_text_end[], __mon_rodata_end[], __mon_end[];
extern uint8_t xw_mon_stacks[];

uint64_t xw_mon_l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));     /* VA 0..1 GiB */
static uint64_t l3_dev[512] __attribute__((aligned(4096))); /* 0x09000000 + 2 MiB */
static uint64_t l3_mon[512] __attribute__((aligned(4096))); /* the monitor's 2 MiB */

_Static_assert(XW_MON_BASE % SZ_2M == 0 && XW_MON_SIZE == SZ_2M, "one L3 table");
_Static_assert((XW_SEC_UART_BASE & ~(SZ_2M - 1)) == (XW_SEC_GPIO_BASE & ~(SZ_2M - 1)),
	       "secure UART and GPIO under one L3 table");

static void dev_page(uint64_t pa)
{
	l3_dev[(pa % SZ_2M) / SZ_4K] = pa | DEV | PTE_PAGE;
}

void xw_mon_mmu_build(void)
{
	uint64_t a, attrs;
	unsigned int i;

	xw_mon_l1[0] = (uint64_t)(uintptr_t)l2 | PTE_TABLE;
	/* GICD, ITS, and redistributors for up to 64 CPUs (gicv3.c walks them). */
	for (a = XW_GICD_BASE; a < XW_GICD_BASE + 0x01000000; a += SZ_2M) {
		l2[a / SZ_2M] = a | DEV | PTE_BLOCK;
	}
	l2[XW_SEC_UART_BASE / SZ_2M] = (uint64_t)(uintptr_t)l3_dev | PTE_TABLE;
	dev_page(XW_SEC_UART_BASE);
	dev_page(XW_SEC_GPIO_BASE);
	l2[XW_MON_BASE / SZ_2M] = (uint64_t)(uintptr_t)l3_mon | PTE_TABLE;
	for (a = (uintptr_t)__mon_start; a < (uintptr_t)__mon_end; a += SZ_4K) {
		if (a < (uintptr_t)__mon_text_end) {
			attrs = MEM | PTE_RO;
		} else if (a < (uintptr_t)__mon_rodata_end) {
			attrs = MEM | PTE_RO | PTE_XN;
		} else {
			attrs = MEM | PTE_XN;
		}
		l3_mon[(a - XW_MON_BASE) / SZ_4K] = a | attrs | PTE_PAGE;
	}
	for (i = 0; i < XW_PLAT_MAX_CPUS; i++) {
		a = (uintptr_t)xw_mon_stacks + (uint64_t)i * MON_STACK_SLOT;
		l3_mon[(a - XW_MON_BASE) / SZ_4K] = 0;
	}
	/*
	 * Written with the MMU off, so already in memory; cleaned anyway, as
	 * the secondaries' first walks must see them whatever the order here.
	 */
	xw_mon_clean_poc(xw_mon_l1, sizeof(xw_mon_l1));
	xw_mon_clean_poc(l2, sizeof(l2));
	xw_mon_clean_poc(l3_dev, sizeof(l3_dev));
	xw_mon_clean_poc(l3_mon, sizeof(l3_mon));
}

void xw_mon_clean_poc(const volatile void *p, size_t n)
{
	uint64_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf); /* DminLine */
	uintptr_t a = (uintptr_t)p & ~(line - 1);

	for (; a < (uintptr_t)p + n; a += line) {
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	}
	dsb_sy();
}
