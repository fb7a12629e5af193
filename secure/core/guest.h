/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest table (portable, host-tested): which normal-world clients the
 * secure world serves, what each may hold, and when a dead one is dropped.
 *
 * A client is named by the SMCCC client ID a hypervisor puts in w7[15:0];
 * 0 is the hypervisor itself - or, with no hypervisor, the one normal-world
 * OS - and always exists. Guests 1..65535 exist from the hypervisor's
 * VM_CREATED to its VM_DESTROYED (OP-TEE's function IDs; docs/guests.md).
 * Until the first VM_CREATED there is no hypervisor and w7 means nothing:
 * every call is the host's (Linux's SMCCC 1.1 helpers leave w7 as it was).
 *
 * Every call from a client runs between xw_guest_enter() and xw_guest_exit().
 * VM_DESTROYED makes the guest unknown at once (new calls are refused) and
 * the last of its calls still on a CPU - or VM_DESTROYED itself, when none
 * is - runs the front ends' drop functions: each frees everything the guest
 * owned in one walk, with no cleanup protocol with the dead guest. Only then
 * is the slot (and the ID) free for a new guest.
 *
 * Resources are charged against per-guest limits set at VM_CREATED, so one
 * guest at its limit gets a busy/out-of-memory answer and the others are
 * unaffected. A charge is taken and returned by the guest's own calls only
 * (they hold the guest entered); a drop forgets the guest's charges whole.
 */
#ifndef XW_SK_GUEST_H
#define XW_SK_GUEST_H

#include <stdbool.h>
#include <stdint.h>

struct xw_guest;

#define XW_GUEST_HOST   0U  /* client ID of the hypervisor / the only OS */
#define XW_GUEST_SLOTS  9U  /* the host and up to 8 guests at once */

/* What a guest is charged for. */
enum xw_guest_res {
	XW_GRES_THREADS,   /* secure threads (yielding calls in progress or suspended) */
	XW_GRES_SESSIONS,  /* OP-TEE sessions */
	XW_GRES_SHM_PAGES, /* pages of registered and temporary shared memory */
	XW_GRES_SHM_OBJS,  /* shared-memory objects (slots of the shared pool) */
	XW_GRES_REGIONS,   /* channel regions */
	XW_GRES_COUNT
};

struct xw_guest_limits {
	uint32_t max[XW_GRES_COUNT]; /* 0 at VM_CREATED: the default share */
};

/* Front ends that keep per-guest objects (one drop function each). */
enum xw_guest_fe { XW_GFE_OPTEE, XW_GFE_CHAN, XW_GFE_COUNT };

typedef void xw_guest_drop_fn(void *ctx, struct xw_guest *g);

/** Forget every guest and charge; the host's limits become @host (NULL: no limit). */
void xw_guests_reset(const struct xw_guest_limits *host);
/** Front end @fe's drop function (called with no lock of the table held). */
void xw_guest_on_drop(enum xw_guest_fe fe, xw_guest_drop_fn *fn, void *ctx);

/**
 * xw_guest_create() - VM_CREATED for client @id with @lim (zeros: defaults).
 * Return: XW_OK; XW_EINVAL for the host's ID; XW_EEXIST if @id is live or
 * still being dropped; XW_ENOSPC if the table is full.
 */
int xw_guest_create(uint16_t id, const struct xw_guest_limits *lim);
/**
 * xw_guest_destroy() - VM_DESTROYED for @id: unknown from now on; its objects
 * are dropped now, or by the last of its calls still running.
 * Return: XW_OK, XW_EINVAL (the host), XW_ENOENT (no such live guest).
 */
int xw_guest_destroy(uint16_t id);

/** The client a call's w7 names: its bits 15:0 once a hypervisor announced a guest, else the host. */
uint16_t xw_guest_client(uint64_t w7);

/** The live guest @id, entered (a call of it runs); NULL: unknown or dying. */
struct xw_guest *xw_guest_enter(uint16_t id);
/** The call of @g ends; the last one of a destroyed guest drops it. */
void xw_guest_exit(struct xw_guest *g);

uint16_t xw_guest_id(const struct xw_guest *g);
/** Index of @g's slot, < XW_GUEST_SLOTS (the host's is 0): per-guest arrays. */
unsigned int xw_guest_slot(const struct xw_guest *g);

/** Take @n of @r for @g: XW_OK, or XW_ENOSPC when that passes its limit. */
int xw_guest_charge(struct xw_guest *g, enum xw_guest_res r, uint32_t n);
void xw_guest_uncharge(struct xw_guest *g, enum xw_guest_res r, uint32_t n);

struct xw_guest_stats {
	uint32_t live;          /* guests besides the host, not destroyed */
	uint32_t dying;         /* destroyed, drop pending on a running call */
	uint64_t created, dropped;
	uint32_t used[XW_GRES_COUNT]; /* of the guest asked for (xw_guest_get_use) */
};
void xw_guest_get_stats(struct xw_guest_stats *st);
/** What client @id holds now; XW_ENOENT if it is not live. */
int xw_guest_get_use(uint16_t id, uint32_t used[XW_GRES_COUNT]);

#endif
