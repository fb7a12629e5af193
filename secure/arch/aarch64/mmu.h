/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_MMU_H
#define XW_SK_MMU_H

#include <stdint.h>

/** sk_mmu_build() - build the secure kernel's tables (boot CPU, once). */
void sk_mmu_build(void);
/** sk_mmu_enable() - turn this CPU's S-EL1 MMU and caches on. */
void sk_mmu_enable(void);

/**
 * sk_mmu_own_regime() - make the kernel's own TCR_EL1/SCTLR_EL1 live again if
 * the monitor entered it in the normal world's.
 */
void sk_mmu_own_regime(void);
/**
 * sk_mmu_app_ttbr0() - the TTBR0_EL1 value that runs the application whose
 * L1 table is @root (ASID @asid) in the live regime, own or borrowed (mmu.c);
 * in a borrowed one it is already live and this CPU's secure TLB invalidated.
 */
uint64_t sk_mmu_app_ttbr0(uint64_t root, uint32_t asid);
/** sk_mmu_kernel_l1() - the kernel's L1 table (application tables copy it). */
const uint64_t *sk_mmu_kernel_l1(void);

/* The NS memory window (nsmap.c, secure/core/nsmem.h): VA 2 GiB, 64 MiB. */
#define XW_SK_NS_WIN_VA    0x80000000UL
#define XW_SK_NS_WIN_PAGES 16384UL
/** sk_nsmap_build() - hang the window's tables into L1 (from sk_mmu_build). */
void sk_nsmap_build(uint64_t *l1);

#endif
