/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE's secure-payload dispatcher protocol, as TF-A's opteed speaks it
 * (facts from TF-A services/spd/opteed/ and OP-TEE's teesmc_opteed.h; used by
 * monitor/core/tos_optee.c, docs/tos.md).
 *
 * Cold boot: OP-TEE is entered at its first byte at S-EL1, DAIF masked, with
 * x0 = address of the pageable part (0: none), x1 = memory limit (0), x2 =
 * the normal world's device tree (OP-TEE adds its own nodes to it), x3 = 0.
 * It returns ENTRY_DONE with x1 = its vector table: one instruction per entry,
 * at the offsets below. Every later entry is table + offset.
 */
#ifndef XW_FW_OPTEED_ABI_H
#define XW_FW_OPTEED_ABI_H

/* Vector table offsets (TF-A's struct optee_vectors: one 32-bit instruction each) */
#define XW_OPTEED_VEC_YIELD_SMC    0x00 /* x0..x7 = the caller's; returns CALL_DONE */
#define XW_OPTEED_VEC_FAST_SMC     0x04 /* same, fast call */
#define XW_OPTEED_VEC_CPU_ON       0x08 /* ON_DONE, x1 = 0 on success */
#define XW_OPTEED_VEC_CPU_OFF      0x0c /* OFF_DONE */
#define XW_OPTEED_VEC_CPU_RESUME   0x10 /* RESUME_DONE (CPU_SUSPEND: not used here) */
#define XW_OPTEED_VEC_CPU_SUSPEND  0x14 /* SUSPEND_DONE (not used here) */
#define XW_OPTEED_VEC_FIQ          0x18 /* x0 = interrupted NS pc; FIQ_DONE */
#define XW_OPTEED_VEC_SYSTEM_OFF   0x1c /* SYSTEM_OFF_DONE */
#define XW_OPTEED_VEC_SYSTEM_RESET 0x20 /* SYSTEM_RESET_DONE */

/*
 * OP-TEE -> monitor (SMC from S-EL1): SMC32 fast calls of owner 62 (trusted
 * OS, "OPTEED"), function number = the return kind.
 */
#define XW_OPTEED_RV(n)                 (0x80000000U | (62U << 24) | (n))
#define XW_OPTEED_RETURN_ENTRY_DONE     XW_OPTEED_RV(0) /* x1 = vector table */
#define XW_OPTEED_RETURN_ON_DONE        XW_OPTEED_RV(1)
#define XW_OPTEED_RETURN_OFF_DONE       XW_OPTEED_RV(2)
#define XW_OPTEED_RETURN_SUSPEND_DONE   XW_OPTEED_RV(3)
#define XW_OPTEED_RETURN_RESUME_DONE    XW_OPTEED_RV(4)
#define XW_OPTEED_RETURN_CALL_DONE      XW_OPTEED_RV(5) /* x1..x4 -> the caller's x0..x3 */
#define XW_OPTEED_RETURN_FIQ_DONE       XW_OPTEED_RV(6)
#define XW_OPTEED_RETURN_SYSTEM_OFF_DONE   XW_OPTEED_RV(7)
#define XW_OPTEED_RETURN_SYSTEM_RESET_DONE XW_OPTEED_RV(8)

#endif
