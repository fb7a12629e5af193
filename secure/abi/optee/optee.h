/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE front end of the secure kernel (portable, host-tested): serves the
 * stock Linux OP-TEE driver's SMC calls (owners 50 and 63) and its message
 * protocol with Crossworld's own threads, shared-memory objects and built-in
 * services (pseudo-TAs). docs/optee.md describes the subset and its limits.
 *
 * Lock order: o->lock (registry of threads, sessions, shm objects) is taken
 * before the NS window's lock (nsmem.c) and never held across a thread switch,
 * an RPC or a service's work.
 */
#ifndef XW_OPTEE_H
#define XW_OPTEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/spinlock.h"
#include "../../core/guest.h"
#include "sk/arch/irq.h"
#include "sk/arch/thread.h"
#include "sk/arch/time.h"
#include "xw/optee_msg.h"

#define XW_OPTEE_THREADS        8    /* concurrent yielding calls; then ETHREAD_LIMIT */
#define XW_OPTEE_MAX_CPUS       8
#define XW_OPTEE_SESSIONS       64
#define XW_OPTEE_SHM_OBJS       1024 /* registered + per-call temporary objects */
#define XW_OPTEE_MAX_PARAMS     8    /* params in one call (the driver uses <= 6) */
#define XW_OPTEE_SHM_MAX_BYTES  (1ULL << 30) /* largest object */
/* pages of the largest object when it does not start on a page boundary */
#define XW_OPTEE_SHM_MAX_PAGES  (XW_OPTEE_SHM_MAX_BYTES / XW_OMSG_PAGE_SIZE + 1)
#define XW_OPTEE_SHM_INLINE     8    /* pages an object keeps in itself; more: pool pages */
#define XW_OPTEE_SHM_SPAN       64   /* pages of an object one cached mapping covers */
#define XW_OPTEE_SHM_MAP_BUDGET 512  /* pages of cached mappings one guest may hold */
#define XW_OPTEE_SHM_HASH       256  /* cookie hash buckets (a power of two) */

/*
 * A registered (or per-call temporary) shared-memory object. Sized by use:
 * the page list (4-byte page frame numbers) lives in the object up to
 * XW_OPTEE_SHM_INLINE pages, else in secure pool pages (pages.h) - a
 * directory page of chunk pages of 1,024 entries each. Nothing is mapped at
 * registration; an access maps the XW_OPTEE_SHM_SPAN-page block it touches
 * (shm.c).
 */
struct xw_optee;

struct xw_optee_shm {
	bool used;
	bool dying;        /* unregistered: never found again; freed by the last user */
	bool contig;       /* pages are base + i * 4 KiB (no list) */
	bool hashed;       /* on its cookie's hash chain (registered, not dying) */
	struct xw_guest *guest; /* the owner: only its calls find the object */
	struct xw_optee *fe;    /* the front end it belongs to */
	uint32_t refs;     /* registration (1 unless dying; 0 while built) + calls using it */
	uint32_t next;     /* hash chain or free list: slot index + 1 (0: end) */
	uint64_t cookie;   /* the normal world's shm_ref */
	uint64_t size;     /* bytes from the first page's offset */
	uint32_t offset;   /* of the buffer in its first page */
	uint32_t npages;
	uint64_t base;     /* contig: the first page's PA; else the directory's (0: inline) */
	uint32_t pfn[XW_OPTEE_SHM_INLINE]; /* the page list when it fits */
	/* The one cached mapping: block map_first / SPAN, while map_va != 0. */
	arch_spinlock_t mlock;
	uint32_t map_first, map_n, map_users;
	uint8_t *map_va;
};

/** A memory reference as a service sees it: bounds checked, never a raw NS address. */
struct xw_optee_mref {
	struct xw_optee_shm *shm; /* 0: a NULL memref (only size is meaningful) */
	uint64_t offs;            /* from the start of the buffer in shm */
	uint64_t size;            /* in: what the client gave; out: what the service set */
};

/** One decoded parameter (private copy; types normalised). */
struct xw_optee_param {
	uint32_t type;  /* XW_OMSG_ATTR_VALUE_* / RMEM_* / TMEM_* / NONE */
	struct xw_omsg_value value;
	struct xw_optee_mref mref;
	uint64_t tmem_pa;   /* decode only: TMEM buf_ptr */
	uint64_t shm_ref;   /* decode only: RMEM/TMEM shm_ref */
	uint64_t rmem_offs; /* decode only */
	bool noncontig;
};

/** A decoded call (the result of xw_optee_decode_arg). */
struct xw_optee_call {
	uint32_t cmd, func, session, cancel_id;
	uint32_t num_params;
	struct xw_optee_param p[XW_OPTEE_MAX_PARAMS];
};

enum xw_optee_tstate { XW_OT_FREE, XW_OT_RUNNING, XW_OT_SUSPENDED };

struct xw_optee_thread {
	enum xw_optee_tstate state;
	struct xw_guest *guest; /* whose call it serves (not FREE) */
	bool fresh;            /* not started yet */
	bool done;             /* finished: out[] is the final answer */
	bool cancel;           /* a CANCEL for this call arrived */
	uint32_t cancel_id, session;
	uint64_t arg_pa;       /* the call's struct optee_msg_arg */
	uint64_t out[4];       /* what the next return to the normal world carries */
	uint64_t in[8];        /* RETURN_FROM_RPC's registers */
	uint64_t rpc_pa, rpc_cookie; /* this call's RPC argument buffer (0: none) */
	uint64_t foreign_rpcs; /* foreign-interrupt returns during this call */
};

struct xw_optee_session {
	bool used;
	struct xw_guest *guest; /* the owner */
	bool closing;
	uint32_t id;
	uint32_t refs;  /* calls in progress */
	unsigned int pta;
	uint64_t counter; /* the test service's per-session state */
	void *ta;         /* a trusted application's session (pta == XW_OPTEE_PTA_TA) */
};

/* pta of a session whose service is a trusted application (secure/ta/) */
#define XW_OPTEE_PTA_TA 100U

struct xw_optee;

/*
 * Trusted applications behind the front end (secure/ta/ta_load.c): asked for
 * a session to a UUID that is no built-in service. Called on the call's
 * secure thread with no lock held (they issue RPCs). Each returns a TEEC
 * result and sets *origin.
 */
struct xw_optee_ta_ops {
	/* @uuid: 16 octets; @session: the id the client will use; *ta = the session's state */
	uint32_t (*open)(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			 uint32_t session, struct xw_optee_call *c, uint32_t *origin, void **ta);
	uint32_t (*invoke)(struct xw_optee *o, struct xw_optee_thread *t, void *ta,
			   struct xw_optee_call *c, uint32_t *origin);
	void (*close)(struct xw_optee *o, struct xw_optee_thread *t, void *ta);
	/* the session's guest is gone (o->lock held, no thread of it runs): forget it */
	void (*drop)(struct xw_optee *o, void *ta);
};

struct xw_optee_stats {
	uint32_t sessions, shm_objs, threads;
	uint64_t calls, rpcs, foreign_rpcs, busy;
};

/* A guest's RPC argument buffers, kept for reuse while its cache is on. */
struct xw_optee_rpc_cache {
	bool on;
	unsigned int n;
	uint64_t pa[XW_OPTEE_THREADS], cookie[XW_OPTEE_THREADS];
};

/*
 * The front end's state. The pools are shared by all guests; every object in
 * them names its owner (docs/guests.md), and lookups match the caller's guest.
 */
struct xw_optee {
	arch_spinlock_t lock;
	unsigned int ncpus;
	uint32_t next_session;
	uint64_t calls, rpcs, foreign_rpcs, busy;
	struct xw_optee_thread t[XW_OPTEE_THREADS];
	struct xw_optee_session s[XW_OPTEE_SESSIONS];
	struct xw_optee_shm shm[XW_OPTEE_SHM_OBJS];
	uint32_t shm_hash[XW_OPTEE_SHM_HASH]; /* slot index + 1 of the chain's first */
	uint32_t shm_free, shm_top;           /* free list (index + 1); slots never used */
	uint32_t shm_mapped[XW_GUEST_SLOTS];  /* cached mapping pages, by guest slot */
	struct xw_optee_rpc_cache cache[XW_GUEST_SLOTS]; /* by guest slot */
	const struct xw_optee_ta_ops *ta_ops; /* NULL: built-in services only */
};

/** xw_optee_set_ta_ops() - serve sessions to other UUIDs with @ops (boot, before any call). */
void xw_optee_set_ta_ops(struct xw_optee *o, const struct xw_optee_ta_ops *ops);

/**
 * xw_optee_init() - Return: 0 or XW_EINVAL. @o must live as long as the kernel;
 * it registers the front end's drop function with the guest table (guest.h).
 */
int xw_optee_init(struct xw_optee *o, unsigned int ncpus);

/** xw_optee_owns() - is @fid an OP-TEE call (owner 50 or 63)? */
bool xw_optee_owns(uint32_t fid);

/**
 * xw_optee_handle_call() - serve one OP-TEE SMC on CPU @cpu.
 * @x: the caller's x0..x7 (read once; w7[15:0] names the client, guest.h);
 * @out: the caller's new x0..x3. Never fails on input grounds: unknown calls
 * give UNKNOWN_FUNC, calls of an unknown client ENOTAVAIL.
 */
void xw_optee_handle_call(struct xw_optee *o, unsigned int cpu, bool yielding,
			  const uint64_t x[8], uint64_t out[4]);

/** xw_optee_stats() - a consistent snapshot of the counters. */
void xw_optee_get_stats(struct xw_optee *o, struct xw_optee_stats *st);

/* ---- decoding (msg.c): pure, fuzzed ------------------------------------ */

/**
 * xw_optee_decode_arg() - decode a private copy of a struct optee_msg_arg.
 * @buf/@len: the bytes copied from normal-world memory (len >= header).
 * Checks: num_params bound, known attribute bits, parameter types, cache
 * attribute (predefined or write-back cached), meta only on open-session's
 * first two. Return: 0, XW_E2BIG, XW_EINVAL.
 */
int xw_optee_decode_arg(const void *buf, size_t len, struct xw_optee_call *c);

/**
 * xw_optee_pagelist_check() - validate one 4 KiB page-list page (private copy).
 * @entries: 512 u64; @want: entries of buffer pages still needed (<= 511 used).
 * Every used entry must be page aligned; the next-page link (entry 511) too when
 * more pages follow. Return: 0 or XW_EINVAL.
 */
int xw_optee_pagelist_check(const uint64_t *entries, size_t want, bool more);

/* ---- shared memory (shm.c) --------------------------------------------- */

/*
 * Every object belongs to guest @g (charged XW_GRES_SHM_PAGES); lookups by
 * cookie find only @g's objects.
 */
/** Register pages from a page list at NS @list_pa (+ offset in the low 12 bits). */
int xw_optee_shm_register(struct xw_optee *o, struct xw_guest *g, uint64_t list_pa_off,
			  uint64_t size, uint64_t cookie, bool temporary,
			  struct xw_optee_shm **out);
/** Look up @g's live object by cookie and take a reference. */
struct xw_optee_shm *xw_optee_shm_get(struct xw_optee *o, struct xw_guest *g, uint64_t cookie);
void xw_optee_shm_put(struct xw_optee *o, struct xw_optee_shm *shm);
/**
 * Drop the registration of @cookie: the object is unfindable at once and freed
 * now, or by its last user (deferred). A second unregister gets XW_ENOENT.
 */
int xw_optee_shm_unregister(struct xw_optee *o, struct xw_guest *g, uint64_t cookie);
/** A per-call object for a contiguous temporary memref at NS @pa. */
int xw_optee_shm_contig(struct xw_optee *o, struct xw_guest *g, uint64_t pa, uint64_t size,
			struct xw_optee_shm **out);
/** Guest @g is gone (guest.h): free its threads, sessions, objects and cache. */
void xw_optee_guest_drop(void *o, struct xw_guest *g);
/** Free every object of @g, held or not (no call of @g runs any more). */
void xw_optee_shm_drop(struct xw_optee *o, struct xw_guest *g);
/** Copy between a memref and secure memory; bounds-checked. */
int xw_optee_mref_read(const struct xw_optee_mref *m, uint64_t off, void *dst, size_t len);
int xw_optee_mref_write(const struct xw_optee_mref *m, uint64_t off, const void *src, size_t len);

/* ---- services (pta.c) --------------------------------------------------- */

/** Free every session of @g (no call of @g runs any more). */
void xw_optee_sessions_drop(struct xw_optee *o, struct xw_guest *g);
/** Run one decoded OPEN/INVOKE/CLOSE; returns the TEEC result, sets *origin. */
uint32_t xw_optee_pta_call(struct xw_optee *o, struct xw_optee_thread *t,
			   struct xw_optee_call *c, uint32_t *origin);

/** The RNG service's commands (pta_rng.c), for an open session to it. */
uint32_t xw_optee_pta_rng_invoke(struct xw_optee_call *c);

/* ---- inside the front end: smc.c (entry, fast calls, state), thread.c
 *      (secure threads, RPC), call.c (standard calls) ---------------------- */

/** o->lock: see the lock order at the top of this file. */
void xw_optee_lock(struct xw_optee *o);
void xw_optee_unlock(struct xw_optee *o);
/** Remember @o for thread bodies (they start with an index only). */
void xw_optee_threads_init(struct xw_optee *o);
/** A yielding call (CALL_WITH_ARG, RETURN_FROM_RPC) of @g on CPU @cpu; else UNKNOWN_FUNC. */
void xw_optee_yield_call(struct xw_optee *o, struct xw_guest *g, unsigned int cpu, uint32_t fid,
			 const uint64_t x[8], uint64_t out[4]);
/** The drop of a guest's threads (thread.c); o->lock not held. */
void xw_optee_threads_drop(struct xw_optee *o, struct xw_guest *g);
/** Serve thread @t's call at t->arg_pa; returns the SMC result (OK or EBADADDR). */
uint32_t xw_optee_serve(struct xw_optee *o, struct xw_optee_thread *t);
/** One copy between NS @pa and secure @buf (in: into @buf); 0 or XW_EFAULT. */
int xw_optee_ns_copy(uint64_t pa, void *buf, size_t len, bool in);

/* Little-endian stores into a private copy of a message. */
static inline void xw_optee_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void xw_optee_put64(uint8_t *p, uint64_t v)
{
	xw_optee_put32(p, (uint32_t)v);
	xw_optee_put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- thread services for PTAs (thread.c) -------------------------------- */

/** Return to the normal world with an RPC; true when resumed. */
void xw_optee_rpc(struct xw_optee_thread *t, uint32_t a0, uint64_t a1, uint64_t a2);
/** RPC GET_TIME through the driver (RPC ALLOC/CMD/FREE); 0 or XW_E*. */
int xw_optee_rpc_get_time(struct xw_optee *o, struct xw_optee_thread *t, uint64_t *sec,
			  uint64_t *nsec);

/**
 * xw_optee_rpc_cmd() - RPC CMD @cmd to the normal world (the driver or the
 * supplicant) with @n (<= 4; more than 2 take an argument buffer of their own) parameters in @p (each 32 bytes of struct
 * optee_msg_param: attr, then a, b, c), read back into @p. Return: 0 with
 * *@ret = the command's result, or XW_E* (no RPC buffer, bad memory).
 */
int xw_optee_rpc_cmd(struct xw_optee *o, struct xw_optee_thread *t, uint32_t cmd, unsigned int n,
		     uint64_t p[][4], uint32_t *ret);

/* The arch contracts it uses: sk/arch/thread.h, irq.h, time.h (included above). */

/** Thread body (thread.c): serves the call of thread @t. */
void xw_optee_thread_main(unsigned int t);

/*
 * Named points between the steps of an operation on a shared object, where the
 * host tests pause one CPU to force an interleaving with another CPU (the race
 * tests in tests/unit/test_optee_entry.c), so that a race is reproduced by
 * construction rather than by luck. Called with no lock held; @cookie names the
 * object. A no-op on the target.
 */
enum xw_optee_point {
	XW_OPTEE_PT_SHM_BUILDING,   /* register: slot taken for @cookie, object not published */
	XW_OPTEE_PT_SHM_UNREGISTER, /* unregister: object taken off the registry, pages kept */
	XW_OPTEE_PT_UNLOCKED,       /* any: o->lock just released (cookie 0) */
};
/* arch_optee_point() - the hook at @p (arch contract; the target's is empty). */
void arch_optee_point(enum xw_optee_point p, uint64_t cookie);

#endif
