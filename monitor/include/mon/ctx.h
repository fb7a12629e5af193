/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Saved state of one world on one CPU. The assembly in entry.S uses the
 * CTX_* offsets; the asserts in ctx.c keep them equal to the C layout.
 */
#ifndef XW_MON_CTX_H
#define XW_MON_CTX_H

#define CTX_X0        0x000
#define CTX_X30       0x0f0
#define CTX_SP_EL0    0x0f8
#define CTX_ELR       0x100
#define CTX_SPSR      0x108
#define CTX_SCR       0x110
#define CTX_STACK     0x118 /* the monitor's C stack of this CPU */
#define CTX_GP_SIZE   0x120

#ifndef __ASSEMBLER__
#include <stdint.h>

/** General registers and EL3 return state; SP_EL3 points here in a lower EL. */
struct xw_gp_ctx {
	uint64_t x[31];
	uint64_t sp_el0;
	uint64_t elr_el3;
	uint64_t spsr_el3;
	uint64_t scr_el3;
	uint64_t stack_top;
};

/** EL1 system registers: one set is live, the other world's is saved here. */
struct xw_el1_ctx {
	uint64_t sctlr, cpacr, csselr, sp_el1, esr, ttbr0, ttbr1, mair, amair;
	uint64_t tcr, tpidr_el1, tpidr_el0, tpidrro_el0, par, far, afsr0, afsr1;
	uint64_t contextidr, vbar, spsr_el1, elr_el1, cntkctl, mdscr, actlr;
};

/** A world's full saved state on one CPU. */
struct xw_world {
	struct xw_gp_ctx gp; /* first: entry.S addresses it through SP_EL3 */
	struct xw_el1_ctx el1;
};
#endif

#endif
