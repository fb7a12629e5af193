/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The trusted OS the monitor hosts at S-EL1, described as data (portable,
 * host-tested). Both protocols the monitor speaks have one shape, TF-A's SPD
 * shape: a cold entry with arguments, an "entry done" SMC that hands over a
 * table of entries, one entry per event (fast call, yielding call, secure
 * interrupt, CPU on/off, system off/reset), and one "done" SMC per entry.
 * They differ only in numbers: where the OS lives, its table offsets, its
 * function IDs, its entry arguments. Each protocol is one `struct xw_tos`;
 * the build links exactly one (TOS=xw: tos_xw.c, TOS=optee: tos_optee.c) and
 * the arch glue (monitor/arch/aarch64/main.c) performs what it says.
 */
#ifndef XW_MON_TOS_H
#define XW_MON_TOS_H

#include <stdint.h>

/** Events on which the monitor enters the trusted OS. */
enum xw_tos_entry {
	XW_TOS_E_FAST,         /* a fast call from the normal world */
	XW_TOS_E_YIELD,        /* a yielding call */
	XW_TOS_E_FIQ,          /* a secure interrupt arrived while the normal world ran */
	XW_TOS_E_CPU_ON,       /* this CPU came up (after PSCI CPU_ON) */
	XW_TOS_E_CPU_OFF,      /* this CPU goes down (PSCI CPU_OFF) */
	XW_TOS_E_SYSTEM_OFF,   /* PSCI SYSTEM_OFF, before the power goes */
	XW_TOS_E_SYSTEM_RESET, /* PSCI SYSTEM_RESET, before the reset */
	XW_TOS_NENTRIES,
};

/** What an SMC from the trusted OS says (its x0, decoded). */
enum xw_tos_ret {
	XW_TOS_R_UNKNOWN,      /* not a return: answered SMC_UNK, the OS continues */
	XW_TOS_R_ENTRY_DONE,   /* cold boot finished; x1 = entry table */
	XW_TOS_R_CALL_DONE,    /* x1..x4 = the normal world's x0..x3 */
	XW_TOS_R_FIQ_DONE,
	XW_TOS_R_ON_DONE,      /* x1 = 0 or an error (protocols with a status) */
	XW_TOS_R_OFF_DONE,
	XW_TOS_R_SYSTEM_OFF_DONE,
	XW_TOS_R_SYSTEM_RESET_DONE,
};

/* An entry the trusted OS does not have: the monitor skips it. */
#define XW_TOS_NO_ENTRY 0xffffffffU

/** One trusted-OS protocol. */
struct xw_tos {
	const char *name;
	uint64_t base, size;   /* the OS's RAM: its entry table must lie inside */
	uint64_t cold_entry;   /* where the boot CPU first enters it */
	uint32_t entry[XW_TOS_NENTRIES]; /* offsets in the table, or XW_TOS_NO_ENTRY */
	uint32_t on_done_status; /* ON_DONE's x1 is a status (0 = success) */
	/*
	 * Entries after boot run in the PSTATE (mode, SP select, DAIF) of the
	 * OS's last SMC, as TF-A's context manager does; otherwise in EL1h with
	 * DAIF masked.
	 */
	uint32_t keep_spsr;
	/*
	 * ENTRY_DONE's x2 is the OS's kernel level-1 table, and the OS may run
	 * in the normal world's translation regime when it is safe for it
	 * (regime.h); it then switches to its own before running EL0 code.
	 */
	uint32_t borrow_regime;
	/** decode() - the meaning of the trusted OS's x0 (32-bit function ID). */
	enum xw_tos_ret (*decode)(uint64_t x0);
	/**
	 * args() - x0..x7 for an entry that carries no normal-world call:
	 * @e: XW_TOS_E_FIQ, _CPU_ON, _CPU_OFF, _SYSTEM_OFF or _SYSTEM_RESET, or
	 * XW_TOS_NENTRIES for the cold entry; @cpu, @ncpus: this CPU and the
	 * count; @dtb: the normal world's device tree; @ns_pc: where the normal
	 * world was interrupted (FIQ).
	 */
	void (*args)(unsigned int e, uint64_t a[8], unsigned int cpu, unsigned int ncpus,
		     uint64_t dtb, uint64_t ns_pc);
};

/** The trusted OS this monitor was built for (TOS=...). */
extern const struct xw_tos xw_tos;

/** xw_tos_done_for() - the return that ends entry @e (XW_TOS_R_ENTRY_DONE for the cold entry). */
enum xw_tos_ret xw_tos_done_for(unsigned int e);

/**
 * xw_tos_table_ok() - may @table (from ENTRY_DONE) be used: inside the OS's
 * RAM, word-aligned, with room for every entry it has. Return: 1 or 0.
 */
int xw_tos_table_ok(const struct xw_tos *t, uint64_t table);

#endif
