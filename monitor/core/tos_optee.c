// SPDX-License-Identifier: BSD-2-Clause
/*
 * TOS=optee: an unmodified OP-TEE OS, spoken to as TF-A's opteed does
 * (fw/include/fw/opteed_abi.h). OP-TEE owns TZDRAM from XW_OPTEE_BASE; the
 * monitor gives it the normal world's device tree at cold boot and the
 * interrupted normal-world pc with each FIQ; every other entry gets zeros.
 * CPU_SUSPEND/RESUME entries exist in OP-TEE but the monitor offers no
 * CPU_SUSPEND (docs/boot.md), so they are never used.
 */
#include "tos.h"

#include "fw/opteed_abi.h"
#include "plat_memmap.h"

static enum xw_tos_ret optee_decode(uint64_t x0)
{
	switch ((uint32_t)x0) {
	case XW_OPTEED_RETURN_ENTRY_DONE:
		return XW_TOS_R_ENTRY_DONE;
	case XW_OPTEED_RETURN_CALL_DONE:
		return XW_TOS_R_CALL_DONE;
	case XW_OPTEED_RETURN_FIQ_DONE:
		return XW_TOS_R_FIQ_DONE;
	case XW_OPTEED_RETURN_ON_DONE:
		return XW_TOS_R_ON_DONE;
	case XW_OPTEED_RETURN_OFF_DONE:
		return XW_TOS_R_OFF_DONE;
	case XW_OPTEED_RETURN_SYSTEM_OFF_DONE:
		return XW_TOS_R_SYSTEM_OFF_DONE;
	case XW_OPTEED_RETURN_SYSTEM_RESET_DONE:
		return XW_TOS_R_SYSTEM_RESET_DONE;
	default:
		/* SUSPEND/RESUME_DONE included: their entries are never used. */
		return XW_TOS_R_UNKNOWN;
	}
}

static void optee_args(unsigned int e, uint64_t a[8], unsigned int cpu, unsigned int ncpus,
		       uint64_t dtb, uint64_t ns_pc)
{
	unsigned int i;

	(void)cpu;
	(void)ncpus;
	for (i = 0; i < 8; i++) {
		a[i] = 0;
	}
	if (e == XW_TOS_NENTRIES) {
		a[2] = dtb; /* x0 = no pageable part, x1 = no memory limit */
	} else if (e == XW_TOS_E_FIQ) {
		a[0] = ns_pc;
	}
}

const struct xw_tos xw_tos = {
	.name = "OP-TEE (opteed protocol)",
	.base = XW_OPTEE_BASE,
	.size = XW_OPTEE_SIZE,
	.cold_entry = XW_OPTEE_BASE,
	.entry = {
		[XW_TOS_E_FAST] = XW_OPTEED_VEC_FAST_SMC,
		[XW_TOS_E_YIELD] = XW_OPTEED_VEC_YIELD_SMC,
		[XW_TOS_E_FIQ] = XW_OPTEED_VEC_FIQ,
		[XW_TOS_E_CPU_ON] = XW_OPTEED_VEC_CPU_ON,
		[XW_TOS_E_CPU_OFF] = XW_OPTEED_VEC_CPU_OFF,
		[XW_TOS_E_SYSTEM_OFF] = XW_OPTEED_VEC_SYSTEM_OFF,
		[XW_TOS_E_SYSTEM_RESET] = XW_OPTEED_VEC_SYSTEM_RESET,
	},
	.on_done_status = 1,
	.keep_spsr = 1,
	.decode = optee_decode,
	.args = optee_args,
};
