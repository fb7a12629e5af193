/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_MMU_H
#define XW_SK_MMU_H

#include <stdint.h>

/** sk_mmu_build() - build the secure kernel's tables (boot CPU, once). */
void sk_mmu_build(void);
/** sk_mmu_enable() - turn this CPU's S-EL1 MMU and caches on. */
void sk_mmu_enable(void);

#endif
