/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the monitor does with each synchronous exception a lower EL takes to
 * EL3 (portable, host-tested; docs/boot.md "Traps to EL3"). The arch glue
 * reads ESR_EL3 and SPSR_EL3, asks here, and performs the answer.
 */
#ifndef XW_MON_TRAP_H
#define XW_MON_TRAP_H

#include <stdbool.h>
#include <stdint.h>

/* Exception classes that can reach EL3 (Arm ARM, ESR_ELx.EC) */
#define XW_EC_FP_SIMD   0x07 /* CPTR_EL3.TFP */
#define XW_EC_PAUTH     0x09 /* SCR_EL3.API clear */
#define XW_EC_SMC32     0x13 /* SMC from AArch32 */
#define XW_EC_SMC64     0x17 /* SMC from AArch64 */
#define XW_EC_SYSREG    0x18 /* MSR/MRS trapped (SCR_EL3.APK, FGTEn, HXEn, EnTP2, ...) */
#define XW_EC_SVE       0x19 /* CPTR_EL3.EZ clear */
#define XW_EC_SME       0x1d /* CPTR_EL3.ESM clear */

enum xw_trap_action {
	XW_TRAP_SMC64, /* dispatch with the SMC64/SMC32 rules of the function ID */
	XW_TRAP_SMC32, /* from AArch32: W registers only, SMC64 IDs are SMC_UNK */
	XW_TRAP_UNDEF, /* inject an Undefined Instruction exception where it came from */
	XW_TRAP_PANIC, /* cannot happen with the monitor's SCR/CPTR/MDCR: stop loudly */
};

/** xw_trap_decide() - the action for exception class @ec (ESR_EL3[31:26]). */
enum xw_trap_action xw_trap_decide(uint32_t ec);

/**
 * xw_trap_smc32_args() - prepare an AArch32 caller's registers for dispatch.
 * Keeps only the low 32 bits of x0..x7 (R0..R7; the upper halves are not
 * the caller's). Return: false if the function ID is an SMC64 one, which an
 * AArch32 caller cannot use (SMCCC): the caller gets SMC_UNK in R0.
 */
bool xw_trap_smc32_args(uint64_t x[8]);

/** What the lower EL looked like when it trapped. */
struct xw_trap_from {
	uint64_t spsr;    /* SPSR_EL3 */
	uint64_t esr;     /* ESR_EL3 */
	bool el2_present; /* EL2 implemented and enabled (SCR_EL3.NS = 1 and EL2) */
	bool tge;         /* HCR_EL2.TGE of that world */
	bool pan_to_1;    /* FEAT_PAN and SCTLR_EL1.SPAN = 0: entry to EL1 sets PAN */
};

/** An exception to inject: the arch glue writes ELR/SPSR/ESR of @el and
 * returns to VBAR_EL<el> + @vector with SPSR_EL3 = @pstate. */
struct xw_trap_inject {
	unsigned int el;   /* 1 or 2 */
	uint64_t vector;   /* offset from VBAR_ELx */
	uint64_t pstate;   /* the new SPSR_EL3: ELxh, DAIF masked */
	uint64_t esr;      /* ESR_ELx: EC 0 (Unknown), IL as the trapped instruction */
};

/**
 * xw_trap_undef() - where and how an Undefined Instruction exception for a
 * trapped instruction is taken (Arm ARM: to the EL it came from; from EL0
 * to EL1, or to EL2 when HCR_EL2.TGE is set).
 * Return: 0, or -1 if SPSR_EL3 names EL3 or a reserved mode.
 */
int xw_trap_undef(const struct xw_trap_from *f, struct xw_trap_inject *out);

#endif
