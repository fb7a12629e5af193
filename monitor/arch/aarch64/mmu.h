/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's own translation regime (EL3) and stack layout; plain
 * constants, included from assembly (docs/boot.md, "EL3 memory map and
 * cache maintenance").
 */
#ifndef XW_MON_MMU_H
#define XW_MON_MMU_H

/* Per-CPU stacks: a 4 KiB unmapped guard below each 8 KiB stack. */
#define MON_GUARD_SIZE  0x1000
#define MON_STACK_SIZE  0x2000
#define MON_STACK_SLOT  (MON_GUARD_SIZE + MON_STACK_SIZE)
/* Emergency stacks for a fault taken at EL3, per CPU (entry.S) */
#define MON_PANIC_STACK_SHIFT 11

/* MAIR_EL3: index 0 Device-nGnRnE, index 1 Normal inner/outer WB RA/WA */
#define MON_MAIR        0xff00
/* TCR_EL3: RES1 31, 23; PS 40-bit; 4K; inner shareable; WB-WA walks; T0SZ 25 */
#define MON_TCR         ((1 << 31) | (1 << 23) | (2 << 16) | (3 << 12) | (1 << 10) | \
			 (1 << 8) | 25)
/* SCTLR_EL3: RES1 bits, M, C, SA (SP alignment), I, WXN */
#define MON_SCTLR       (0x30c50830 | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 12) | \
			 (1 << 19))

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

extern uint64_t xw_mon_l1[512];

/** xw_mon_mmu_build() - fill the EL3 tables (boot CPU, once, MMU off). */
void xw_mon_mmu_build(void);
/** xw_mon_mmu_on() - this CPU's EL3 MMU and caches on (entry.S; uses no stack). */
void xw_mon_mmu_on(void);
/** xw_mon_clean_poc() - clean and invalidate [p, p + n) to the point of coherency. */
void xw_mon_clean_poc(const volatile void *p, size_t n);
#endif

#endif
