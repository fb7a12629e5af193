/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's SMC dispatcher for calls from the normal world (portable,
 * host-tested). Decide, then perform: xw_mon_dispatch() only computes an
 * action; the arch glue performs it (world switch, wake-up, power-off).
 */
#ifndef XW_MON_DISPATCH_H
#define XW_MON_DISPATCH_H

#include <stdint.h>

#include "psci.h"

/** Per-CPU counters the monitor keeps and the SiP call reports. */
struct xw_mon_counters {
	uint64_t to_secure;   /* entries into the secure world */
	uint64_t from_secure; /* returns to the normal world from the secure world */
	uint64_t ns_smcs;     /* SMCs from the normal world, all owners */
	uint64_t borrowed;    /* entries in the normal world's regime (core/regime.h) */
	uint64_t own_regime;  /* entries in the secure kernel's own regime */
	uint64_t sk_tlbi;     /* entries that invalidated the secure EL1&0 TLB */
	uint64_t fast_calls;  /* entries for a normal-world fast call */
	uint64_t yield_calls; /* entries for a yielding call */
	uint64_t fiqs;        /* entries for a secure interrupt */
};

struct xw_mon {
	struct xw_psci psci;
	unsigned int ncpus;
	struct xw_mon_counters *counters; /* ncpus entries */
};

enum xw_mon_action_kind {
	XW_MON_RETURN,        /* resume the caller with ret[0..3] */
	XW_MON_NS_FLIP,       /* SCR_EL3.NS to secure and back at EL3, then as RETURN */
	XW_MON_TO_SK_FAST,    /* forward to the secure kernel's fast-call entry */
	XW_MON_TO_SK_YIELD,   /* forward to its yielding-call entry */
	XW_MON_CPU_OFF,       /* the caller is now OFF: park it */
	XW_MON_SYSTEM_OFF,
	XW_MON_SYSTEM_RESET,
};

#define XW_MON_NO_WAKE 0xffffffffU

struct xw_mon_action {
	enum xw_mon_action_kind kind;
	uint64_t ret[4];   /* XW_MON_RETURN only; ret[1..3] valid iff nret > 1.. */
	unsigned int nret; /* registers ret[] sets; the rest stay as the caller had them */
	unsigned int wake; /* CPU to wake (after a CPU_ON), or XW_MON_NO_WAKE */
};

/** xw_mon_init() - Return: 0 or XW_EINVAL. */
int xw_mon_init(struct xw_mon *m, unsigned int ncpus, unsigned int boot_cpu,
		struct xw_mon_counters *counters);

/**
 * xw_mon_dispatch() - decide what a normal-world SMC does.
 * @self: index of the calling CPU; @x: the caller's x0..x7.
 * Cannot fail: every input yields a defined action (SMC_UNK at worst).
 */
void xw_mon_dispatch(struct xw_mon *m, unsigned int self, const uint64_t x[8],
		     struct xw_mon_action *out);

#endif
