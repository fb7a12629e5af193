/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure kernel's table of Crossworld calls (owner 51) and the state
 * they report (portable, host-tested). The kernel's own calls (discovery,
 * counters, channel regions) are in calls.c; a service adds its calls as a
 * table of its own (struct xw_sk_call_table), listed in
 * secure/services/registry.c - the core includes no service header.
 * Adding a call: one handler, one line in a table, one number in
 * include/xw/smc.h.
 */
#ifndef XW_SK_CALLS_H
#define XW_SK_CALLS_H

#include <stdbool.h>
#include <stdint.h>

#define XW_SK_MAX_CPUS 8

struct xw_sk_cpu_stats {
	uint64_t fast_calls;
	uint64_t yield_calls;
	uint64_t ticks;
	/* Of those, taken while the secure world ran (an application): no world switch of their own. */
	uint64_t ticks_inside;
};

/** Guest-independent secure kernel state the calls read. */
struct xw_sk_core {
	unsigned int ncpus;
	uint32_t tick_hz;
	struct xw_sk_cpu_stats cpu[XW_SK_MAX_CPUS];
};

struct xw_guest;

/** A call as decoded from the caller's registers (a private copy). */
struct xw_sk_req {
	uint32_t fid;
	bool smc64;
	bool yielding;
	uint64_t a[7]; /* x1..x7; SMC32: upper halves already cleared */
	struct xw_guest *guest; /* the caller (w7[15:0]), entered for the call */
};

struct xw_sk_core;

/*
 * A call's handler: @req is a private copy of the caller's registers (values
 * still hostile); it fills out[0] (xw_smc_status() of its result) and the
 * out[1..3] it returns; the others keep the caller's x1..x3.
 */
typedef void (*xw_sk_call_fn)(struct xw_sk_core *core, unsigned int cpu,
			      const struct xw_sk_req *req, uint64_t out[4]);

#define XW_SK_CALL_YIELD_OK 1U /* the yielding forms are accepted too */
#define XW_SK_CALL_HOST_ONLY 2U /* state of the host's alone (the disk): guests get EACCES */

/** One call: function number (bits 15:0 of the ID), flags, handler. */
struct xw_sk_call {
	uint16_t fn;
	uint8_t flags;
	xw_sk_call_fn handler;
};

/** A table of calls (the kernel's own, or one service's). */
struct xw_sk_call_table {
	const struct xw_sk_call *calls;
	unsigned int n;
};

/* The services' call tables (secure/services/registry.c). */
extern const struct xw_sk_call_table *const xw_sk_service_calls[];
extern const unsigned int xw_sk_service_call_tables;

/** xw_sk_core_init() - Return: 0 or XW_EINVAL. */
int xw_sk_core_init(struct xw_sk_core *core, unsigned int ncpus, uint32_t tick_hz);

/**
 * xw_sk_handle_call() - serve one call on CPU @cpu.
 * @x: the caller's x0..x7 (read once here); @out: the caller's new x0..x3.
 * out[1..3] not set by a call keep the caller's x1..x3. Unknown, malformed
 * or wrongly-typed calls give out[0] = SMC_UNK and change no state; a call of
 * a client the guest table does not know (w7[15:0], guest.h) gets EACCES.
 */
void xw_sk_handle_call(struct xw_sk_core *core, unsigned int cpu, bool yielding,
		       const uint64_t x[8], uint64_t out[4]);

/**
 * xw_sk_unknown_call() - the answer to a call nobody serves: out[0] = SMC_UNK,
 * out[1..3] = the caller's x1..x3 (nothing happened, nothing leaks).
 */
void xw_sk_unknown_call(const uint64_t x[8], uint64_t out[4]);

/** xw_sk_core_tick() - account one secure timer tick on @cpu. */
void xw_sk_core_tick(struct xw_sk_core *core, unsigned int cpu);
/** xw_sk_core_tick_inside() - the same, for a tick taken while the secure world ran. */
void xw_sk_core_tick_inside(struct xw_sk_core *core, unsigned int cpu);

#endif
