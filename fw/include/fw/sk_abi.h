/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private contract between the EL3 monitor and the S-EL1 secure kernel (SK).
 * The normal world never sees these numbers take effect: from the normal
 * world they are ordinary owner-51 calls that the SK answers with SMC_UNK.
 *
 * Entry table: at cold boot the monitor ERETs to XW_SK_BASE (the SK's cold
 * entry) on the boot CPU. The SK returns XW_SKRET_ENTRY_DONE with x1 = the
 * address of its entry table; every later entry is table + XW_SK_ENTRY_*.
 * x2 = its kernel level-1 table: the monitor may then enter it in the normal
 * world's translation regime (docs/boot.md "World switch"), and the SK
 * switches to its own regime (sk_mmu_own_regime()) before running EL0 code.
 * Every entry runs with DAIF masked and starts on a fresh per-CPU stack.
 */
#ifndef XW_FW_SK_ABI_H
#define XW_FW_SK_ABI_H

/* Offsets in the SK's entry table (one branch instruction each) */
#define XW_SK_ENTRY_FAST     0x00 /* x0..x7 = the caller's; returns CALL_DONE */
#define XW_SK_ENTRY_YIELD    0x04 /* same, yielding call */
#define XW_SK_ENTRY_FIQ      0x08 /* a secure interrupt is pending; FIQ_DONE */
#define XW_SK_ENTRY_CPU_ON   0x0c /* a CPU came online: per-CPU init; ON_DONE */
#define XW_SK_ENTRY_CPU_OFF  0x10 /* this CPU goes off; OFF_DONE */

/* SK -> monitor (SMC #0 from S-EL1), x0 = one of: */
#define XW_SKRET_ENTRY_DONE  0xb300f000 /* x1 = entry table, x2 = kernel L1 table */
#define XW_SKRET_CALL_DONE   0xb300f001 /* x1..x4 -> the caller's x0..x3 */
#define XW_SKRET_FIQ_DONE    0xb300f002
#define XW_SKRET_ON_DONE     0xb300f003
#define XW_SKRET_OFF_DONE    0xb300f004

#endif
