// SPDX-License-Identifier: BSD-2-Clause
/*
 * TOS=xw: Crossworld's own secure kernel (fw/include/fw/sk_abi.h). It has no
 * system off/reset entries, and its entries take the CPU and the CPU count.
 */
#include "tos.h"

#include "fw/sk_abi.h"
#include "plat_memmap.h"

static enum xw_tos_ret xw_decode(uint64_t x0)
{
	switch ((uint32_t)x0) {
	case XW_SKRET_ENTRY_DONE:
		return XW_TOS_R_ENTRY_DONE;
	case XW_SKRET_CALL_DONE:
		return XW_TOS_R_CALL_DONE;
	case XW_SKRET_FIQ_DONE:
		return XW_TOS_R_FIQ_DONE;
	case XW_SKRET_ON_DONE:
		return XW_TOS_R_ON_DONE;
	case XW_SKRET_OFF_DONE:
		return XW_TOS_R_OFF_DONE;
	default:
		return XW_TOS_R_UNKNOWN;
	}
}

/* Cold entry and CPU_ON: x0 = CPU, x1 = CPUs; every other entry: nothing. */
static void xw_args(unsigned int e, uint64_t a[8], unsigned int cpu, unsigned int ncpus,
		    uint64_t dtb, uint64_t ns_pc)
{
	unsigned int i;

	(void)dtb;
	(void)ns_pc;
	for (i = 0; i < 8; i++) {
		a[i] = 0;
	}
	if (e == XW_TOS_NENTRIES || e == XW_TOS_E_CPU_ON) {
		a[0] = cpu;
		a[1] = ncpus;
	}
}

const struct xw_tos xw_tos = {
	.name = "Crossworld secure kernel",
	.base = XW_SK_BASE,
	.size = XW_SK_SIZE,
	.cold_entry = XW_SK_BASE,
	.entry = {
		[XW_TOS_E_FAST] = XW_SK_ENTRY_FAST,
		[XW_TOS_E_YIELD] = XW_SK_ENTRY_YIELD,
		[XW_TOS_E_FIQ] = XW_SK_ENTRY_FIQ,
		[XW_TOS_E_CPU_ON] = XW_SK_ENTRY_CPU_ON,
		[XW_TOS_E_CPU_OFF] = XW_SK_ENTRY_CPU_OFF,
		[XW_TOS_E_SYSTEM_OFF] = XW_TOS_NO_ENTRY,
		[XW_TOS_E_SYSTEM_RESET] = XW_TOS_NO_ENTRY,
	},
	.borrow_regime = 1,
	.decode = xw_decode,
	.args = xw_args,
};
