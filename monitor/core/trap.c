// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trap decisions (trap.h). The monitor configures SCR_EL3/CPTR_EL3 so that
 * what the normal world may use (FP/SIMD, SVE, SME, pointer authentication,
 * fine-grained traps, HCRX) is not trapped (monitor/arch/aarch64/main.c);
 * what still traps is a feature the monitor does not grant that world (the
 * secure kernel has no PAuth) or does not know: the architecture's answer to
 * an instruction a CPU does not provide is Undefined Instruction, taken where
 * the instruction ran.
 */
#include "trap.h"

#define SPSR_M_AARCH32 (1UL << 4)
#define SPSR_M_EL(s)   (((s) >> 2) & 3U)
#define SPSR_M_SP      1UL
#define SPSR_DAIF      (0xfUL << 6)
#define SPSR_PAN       (1UL << 22)
#define ESR_IL         (1UL << 25)
#define SMC64_BIT      (1U << 30)

enum xw_trap_action xw_trap_decide(uint32_t ec)
{
	switch (ec) {
	case XW_EC_SMC64:
		return XW_TRAP_SMC64;
	case XW_EC_SMC32:
		return XW_TRAP_SMC32;
	case XW_EC_FP_SIMD:
	case XW_EC_PAUTH:
	case XW_EC_SYSREG:
	case XW_EC_SVE:
	case XW_EC_SME:
		return XW_TRAP_UNDEF;
	default:
		/*
		 * Aborts (SCR_EL3.EA = 0), WFI/WFE (TWI/TWE = 0), debug and PMU
		 * (MDCR_EL3 = 0), HVC and SVC never come here; an IMPLEMENTATION
		 * DEFINED class would: stop rather than guess.
		 */
		return XW_TRAP_PANIC;
	}
}

bool xw_trap_smc32_args(uint64_t x[8])
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		x[i] = (uint32_t)x[i];
	}
	return (x[0] & SMC64_BIT) == 0;
}

int xw_trap_undef(const struct xw_trap_from *f, struct xw_trap_inject *out)
{
	bool aarch32 = (f->spsr & SPSR_M_AARCH32) != 0;
	uint64_t pan = f->spsr & SPSR_PAN;
	unsigned int from;

	if (aarch32) {
		/*
		 * AArch32 EL0 (usr, M[3:0] = 0) traps into an AArch64 EL1 or EL2.
		 * An AArch32 EL1 would need the AArch32 exception model (und mode,
		 * its own vector layout): not done, the caller stops instead.
		 */
		if ((f->spsr & 0xfU) != 0) {
			return -1;
		}
		from = 0;
	} else {
		from = SPSR_M_EL(f->spsr);
		if (from == 3) {
			return -1;
		}
	}
	out->el = from == 0 ? ((f->el2_present && f->tge) ? 2 : 1) : from;
	if (out->el == from) {
		/* Current EL: SP_ELx (offset 0x200) unless it ran on SP_EL0. */
		out->vector = (f->spsr & SPSR_M_SP) ? 0x200 : 0x000;
	} else {
		out->vector = aarch32 ? 0x600 : 0x400;
	}
	if (out->el == 1 && f->pan_to_1) {
		pan = SPSR_PAN;
	}
	out->pstate = SPSR_DAIF | pan | ((uint64_t)out->el << 2) | SPSR_M_SP;
	out->esr = f->esr & ESR_IL; /* EC 0, ISS 0: Unknown reason */
	return 0;
}
