// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the whole hosted OP-TEE front end (smc.c, thread.c,
 * call.c, shm.c, pta.c, msg.c, nsmem) driven by a hostile normal world:
 * arbitrary x0..x7 sequences (calls, RPC answers, resumes of any thread),
 * argument structures, page lists and page addresses written into the memfd
 * RAM between calls, interrupts pending or not. The input is a list of
 * operations (op() below); one may replay the few operations before it a few
 * times, which turns "register, unregister" into a loop.
 *
 * Built twice (tests/fuzz/module.mk):
 *  - FUZZ_THREADS=1 (fuzz_optee_entry): one pthread plays the normal world,
 *    each operation names one of 2 CPUs;
 *  - FUZZ_THREADS=N>1 (fuzz_optee_entry_mt): the input is cut into N slices,
 *    each run by its own pthread as CPU i, all N started together against the
 *    same front end: races between CPUs on shm objects, sessions and threads
 *    (two unregisters of one cookie, a resume of a thread another CPU just
 *    parked, ...) happen for real. Each CPU writes its arguments into its own
 *    arena; cookies, session ids, thread indices and data pages are shared.
 *    A crash found this way may need a few runs of its input to show again.
 *  - the threaded build again under TSan without libFuzzer
 *    (FUZZ_REPLAY_MAIN, fuzz_optee_entry_tsan): replays a corpus.
 *
 * Invariants: after every operation, no two live shm objects share a cookie.
 * After every input, once every CPU is done and every suspended call has been
 * resumed to its end - and before the harness drops anything itself - the
 * front end holds only what the normal world was told it holds: no secure
 * thread busy, no shm object dying or held by a call, no session closing or
 * in use, and exactly the live objects' pages mapped in the window. The
 * single-threaded build also keeps a shadow of what the front end answered
 * (every call that completed with TEEC_SUCCESS, read back from the argument
 * the front end wrote): right after a successful UNREGISTER_SHM no live object
 * has the cookie, after a REGISTER_SHM one has, after OPEN_SESSION the
 * session it named is open, after CLOSE_SESSION it is not; and at the end the
 * live objects are exactly the shadow's registrations (plus the RPC buffers
 * the front end allocated), the sessions exactly its open ones. Then the
 * harness unregisters and closes what is left, and no object, session or
 * window page may remain. ASan+UBSan catch memory errors; the virtual counter
 * bounds every WAIT.
 */
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../secure/arch/host/optee_host.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/core/pages.h"
#include "../unit/optee_nw.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef FUZZ_THREADS
#define FUZZ_THREADS 1
#endif
#if FUZZ_THREADS > 1
#define CPUS        FUZZ_THREADS        /* one CPU per pthread */
#else
#define CPUS        2
#endif
#define ARENA_SIZE  0x4000U             /* args and page lists: one arena per pthread */
#define ARENA_PA(t) (NW_DATA_PA + (uint64_t)(t) * ARENA_SIZE)
#define SHARED_PA   (NW_DATA_PA + 0x10000) /* data pages every CPU may name */
#define MAX_OPS     64                  /* operations per slice, replays included */
#define REPLAY_OPS  4                   /* a replay repeats up to this many ops ... */
#define REPLAY_MAX  8                   /* ... up to this many times */

_Static_assert(FUZZ_THREADS * ARENA_SIZE <= 0x10000, "arenas end below the shared pages");
_Static_assert(CPUS <= XW_OPTEE_MAX_CPUS, "one front-end CPU per pthread");

static struct nw nw;
static bool ready;

struct in {
	const uint8_t *p;
	size_t n;
};

/* What one pthread (one normal-world CPU) works with. */
struct ctx {
	struct in in;
	unsigned int tid;
	uint64_t arena;
	unsigned int ops;
	bool replaying;
	struct in starts[REPLAY_OPS]; /* where the last operations began */
	unsigned int nstarts;
};

/*
 * The shadow (single-threaded build: with several CPUs the order of two
 * completions is not the order of their effects). Cookies the normal world
 * registered and did not unregister, sessions it opened and did not close,
 * as the front end answered them.
 */
static uint64_t sh_shm[XW_OPTEE_SHM_OBJS];
static uint64_t sh_sess[XW_OPTEE_SESSIONS]; /* session ids, widened: one set type */
static unsigned int sh_nshm, sh_nsess;

static void set_add64(uint64_t *set, unsigned int *n, unsigned int max, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < *n && set[i] != v; i++) {
	}
	if (i == *n) {
		/* More live at once than the front end has slots: it said yes too often. */
		if (*n == max) {
			__builtin_trap();
		}
		set[(*n)++] = v;
	}
}

static void set_del64(uint64_t *set, unsigned int *n, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (set[i] == v) {
			set[i] = set[--*n];
			return;
		}
	}
}

static bool set_has64(const uint64_t *set, unsigned int n, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < n && set[i] != v; i++) {
	}
	return i < n;
}

/* Does a live (findable) shm object answer to @cookie? */
static bool shm_live(uint64_t cookie)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		const struct xw_optee_shm *s = &nw.o.shm[i];

		if (s->used && !s->dying && s->refs != 0 && s->cookie == cookie) {
			return true;
		}
	}
	return false;
}

/* Is session @id open (not closing)? */
static bool session_open(uint32_t id)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (nw.o.s[i].used && !nw.o.s[i].closing && nw.o.s[i].id == id) {
			return true;
		}
	}
	return false;
}

/*
 * A call completed (SMC result OK): the front end wrote its private copy of
 * the argument back to @pa, results included, so what is there now is what
 * it executed and what it answered, whatever the input poked there since.
 */
static void call_completed(uint64_t pa)
{
	const uint8_t *a;
	uint32_t cmd, session, ret, np;
	uint64_t cookie;

	if ((pa & 7) != 0 || pa < NW_RAM_PA || pa - NW_RAM_PA > NW_RAM_SIZE - XW_OMSG_ARG_SIZE(1)) {
		return;
	}
	a = nw_va(&nw, pa);
	memcpy(&cmd, a, 4);
	memcpy(&session, a + 8, 4);
	memcpy(&ret, a + 20, 4);
	memcpy(&np, a + 28, 4);
	memcpy(&cookie, a + XW_OMSG_ARG_SIZE(0) + 24, 8); /* params[0]'s shm_ref */
	if (ret != XW_TEEC_SUCCESS) {
		return;
	}
	switch (cmd) {
	case XW_OMSG_CMD_REGISTER_SHM:
		if (np != 1 || !shm_live(cookie)) {
			__builtin_trap(); /* "registered", yet no object answers to the cookie */
		}
		set_add64(sh_shm, &sh_nshm, XW_OPTEE_SHM_OBJS, cookie);
		break;
	case XW_OMSG_CMD_UNREGISTER_SHM:
		if (np != 1 || shm_live(cookie)) {
			__builtin_trap(); /* "unregistered", yet the cookie still finds an object */
		}
		set_del64(sh_shm, &sh_nshm, cookie);
		break;
	case XW_OMSG_CMD_OPEN_SESSION:
		if (!session_open(session)) {
			__builtin_trap(); /* "opened" a session that is not there */
		}
		set_add64(sh_sess, &sh_nsess, XW_OPTEE_SESSIONS, session);
		break;
	case XW_OMSG_CMD_CLOSE_SESSION:
		if (session_open(session)) {
			__builtin_trap(); /* "closed", yet still open */
		}
		set_del64(sh_sess, &sh_nsess, session);
		break;
	default:
		break;
	}
}

/* An SMC about to be made: is it one whose OK result completes a call, and at which argument? */
struct pending {
	bool call;
	unsigned int tid; /* the thread resumed, or XW_OPTEE_THREADS for a new call */
	uint64_t pa;
};

static struct pending smc_before(const uint64_t x[8])
{
	struct pending p = { .call = false };

	if (FUZZ_THREADS > 1) {
		return p;
	}
	if ((uint32_t)x[0] == XW_OPTEE_CALL_WITH_ARG) {
		p.call = true;
		p.tid = XW_OPTEE_THREADS;
		p.pa = (uint64_t)(uint32_t)x[1] << 32 | (uint32_t)x[2];
	} else if ((uint32_t)x[0] == XW_OPTEE_RETURN_FROM_RPC && (uint32_t)x[3] < XW_OPTEE_THREADS &&
		   nw.o.t[(uint32_t)x[3]].state == XW_OT_SUSPENDED) {
		/* The thread index is a W register: the front end reads its low half only. */
		p.call = true;
		p.tid = (uint32_t)x[3];
		p.pa = nw.o.t[p.tid].arg_pa;
	}
	return p;
}

static void smc_after(const struct pending *p, const uint64_t out[4])
{
	if (!p->call || out[0] != XW_OPTEE_RET_OK) {
		return;
	}
	if (p->tid < XW_OPTEE_THREADS && nw.o.t[p->tid].state != XW_OT_FREE) {
		return; /* not the end of that thread's call */
	}
	call_completed(p->pa);
}

/* The three ways this harness makes an SMC, each tracked. */
static void t_smc(unsigned int cpu, const uint64_t x[8], uint64_t out[4])
{
	struct pending p = smc_before(x);

	nw_smc(&nw, cpu, x, out);
	smc_after(&p, out);
}

static void t_call(unsigned int cpu, bool fast, uint64_t x[8], uint64_t out[4])
{
	struct pending p = smc_before(x);

	xw_optee_handle_call(&nw.o, cpu, fast, x, out);
	smc_after(&p, out);
}

static bool t_rpc(unsigned int cpu, uint64_t out[4])
{
	uint64_t x[8] = { XW_OPTEE_RETURN_FROM_RPC, 0, 0, out[3], 0, 0, 0, 0 };
	struct pending p = smc_before(x);
	bool r = nw_rpc(&nw, cpu, out);

	if (r) {
		smc_after(&p, out);
	}
	return r;
}

static uint64_t take(struct in *in, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes && in->n > 0; i++, in->p++, in->n--) {
		v |= (uint64_t)*in->p << (8 * i);
	}
	return v;
}

static const uint32_t fids[] = {
	XW_OPTEE_CALLS_COUNT, XW_OPTEE_CALLS_UID, XW_OPTEE_CALLS_REVISION,
	XW_OPTEE_GET_OS_UUID, XW_OPTEE_GET_OS_REVISION, XW_OPTEE_GET_SHM_CONFIG,
	XW_OPTEE_EXCHANGE_CAPS, XW_OPTEE_DISABLE_SHM_CACHE, XW_OPTEE_ENABLE_SHM_CACHE,
	XW_OPTEE_GET_THREAD_COUNT, XW_OPTEE_RETURN_FROM_RPC, XW_OPTEE_CALL_WITH_ARG,
};

static const uint64_t attrs[] = {
	XW_OMSG_ATTR_NONE, XW_OMSG_ATTR_VALUE_IN, XW_OMSG_ATTR_VALUE_OUT, XW_OMSG_ATTR_VALUE_INOUT,
	XW_OMSG_ATTR_RMEM_IN, XW_OMSG_ATTR_RMEM_OUT, XW_OMSG_ATTR_RMEM_INOUT,
	XW_OMSG_ATTR_TMEM_IN, XW_OMSG_ATTR_TMEM_OUT, XW_OMSG_ATTR_TMEM_INOUT,
	XW_OMSG_ATTR_TMEM_INOUT | XW_OMSG_ATTR_NONCONTIG,
	XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG | 1ULL << XW_OMSG_ATTR_CACHE_SHIFT,
	XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META,
};

static const uint8_t uuids[2][16] = { XW_PTA_TEST_UUID, XW_PTA_DEVENUM_UUID };

/* A page-ish address: arena/data pages mostly, secure, outside RAM or raw sometimes. */
static uint64_t page_addr(struct ctx *c)
{
	struct in *in = &c->in;
	uint8_t k = (uint8_t)take(in, 1);
	uint64_t low = take(in, 2) & 0xfff;

	switch (k >> 5) {
	case 0:
	case 1:
	case 2:
		return c->arena + (k & 3) * 4096ULL + ((k & 4) ? low : 0);
	case 3:
	case 4:
		return SHARED_PA + (k & 31) * 4096ULL;
	case 5:
		return NW_SEC_PA + (k & 31) * 4096ULL;
	case 6:
		return NW_RAM_PA + NW_RAM_SIZE - 4096 * (k & 3);
	default:
		return take(in, 8);
	}
}

static uint64_t arena_off(struct ctx *c, uint64_t align)
{
	return take(&c->in, 2) % ARENA_SIZE & ~(align - 1);
}

static void poke(struct ctx *c, uint64_t off, uint64_t v)
{
	if (off + 8 <= ARENA_SIZE) {
		memcpy((uint8_t *)nw_va(&nw, c->arena) + off, &v, 8);
	}
}

/* Answers RPCs as the fuzz input says: properly, with raw registers, or not (left suspended). */
static void follow(struct ctx *c, unsigned int cpu, uint64_t out[4])
{
	struct in *in = &c->in;

	while ((out[0] & 0xffff0000U) == XW_OPTEE_RPC_PREFIX && in->n > 0) {
		uint8_t how = (uint8_t)take(in, 1);

		if (how < 160) {
			t_rpc(cpu, out);
		} else if (how < 230) {
			uint64_t x[8] = { XW_OPTEE_RETURN_FROM_RPC, 0, 0, out[3], 0, 0, 0, 0 };
			unsigned int i;

			for (i = 1; i < 8; i++) {
				x[i] = i == 3 ? out[3] : (how & 1 ? page_addr(c) : take(in, 4));
			}
			t_smc(cpu, x, out);
		} else {
			return; /* leave the thread in its RPC */
		}
	}
}

static void build_arg(struct ctx *c)
{
	struct in *in = &c->in;
	uint64_t off = arena_off(c, 8);
	uint8_t *a = (uint8_t *)nw_va(&nw, c->arena) + off;
	uint32_t hdr[8] = { 0 };
	unsigned int i, np;

	hdr[0] = (uint32_t)take(in, 1) % 8;   /* cmd */
	hdr[1] = (uint32_t)take(in, 1) % 10;  /* func */
	hdr[2] = (uint32_t)take(in, 1) % 4;   /* session: ids start at 1 */
	hdr[3] = (uint32_t)take(in, 1) % 3;   /* cancel id */
	np = (unsigned int)take(in, 1) % 10;
	hdr[7] = np;
	if (off + XW_OMSG_ARG_SIZE(np) > ARENA_SIZE) {
		return;
	}
	memcpy(a, hdr, sizeof(hdr));
	for (i = 0; i < np; i++) {
		uint64_t p[4];
		uint8_t sel = (uint8_t)take(in, 1);

		p[0] = attrs[sel % (sizeof(attrs) / sizeof(attrs[0]))];
		if (hdr[0] == XW_OMSG_CMD_OPEN_SESSION && i < 2) {
			p[0] = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
		}
		p[1] = sel & 0x80 ? page_addr(c) : take(in, 2); /* buf_ptr / offs / value a */
		p[2] = take(in, 3);                               /* size / value b */
		p[3] = take(in, 1);                               /* shm_ref / value c */
		if (hdr[0] == XW_OMSG_CMD_OPEN_SESSION && i == 0) {
			memcpy(&p[1], uuids[sel & 1], 16);
		}
		memcpy(a + XW_OMSG_ARG_SIZE(i), p, sizeof(p));
	}
}

static void op(struct ctx *c);
static void check_cookies(void);

/* Run the last @n operations again @times times (not nested; counts against MAX_OPS). */
static void replay(struct ctx *c, unsigned int n, unsigned int times, struct in here)
{
	struct in saved = c->in;
	unsigned int r;

	if (c->replaying || n > c->nstarts) {
		return;
	}
	c->replaying = true;
	for (r = 0; r < times && c->ops < MAX_OPS; r++) {
		const struct in *from = &c->starts[(c->nstarts - n) % REPLAY_OPS];

		c->in.p = from->p;
		c->in.n = (size_t)(here.p - from->p);
		while (c->in.n > 0 && c->ops++ < MAX_OPS) {
			op(c);
		}
	}
	c->in = saved;
	c->replaying = false;
}

static void op(struct ctx *c)
{
	struct in *in = &c->in, here = *in;
	uint8_t k = (uint8_t)take(in, 1);
	unsigned int cpu = FUZZ_THREADS > 1 ? c->tid : (k >> 4) % CPUS, i;
	uint64_t x[8] = { 0 }, out[4], pa;

	switch (k % 8) {
	case 0: /* raw bytes into the arena */
		pa = arena_off(c, 1);
		poke(c, pa, take(in, 8));
		break;
	case 1: /* a page address (page-list entry or next link) */
		pa = arena_off(c, 8);
		poke(c, pa, page_addr(c));
		break;
	case 2:
		build_arg(c);
		break;
	case 3: /* CALL_WITH_ARG into the arena (or anywhere) */
		pa = k & 0x80 ? page_addr(c) : c->arena + arena_off(c, 8);
		x[0] = XW_OPTEE_CALL_WITH_ARG;
		x[1] = pa >> 32;
		x[2] = (uint32_t)pa;
		t_smc(cpu, x, out);
		follow(c, cpu, out);
		break;
	case 4: /* resume any thread with any registers */
		x[0] = XW_OPTEE_RETURN_FROM_RPC;
		for (i = 1; i < 8; i++) {
			x[i] = take(in, i == 3 ? 1 : 4);
		}
		t_smc(cpu, x, out);
		follow(c, cpu, out);
		break;
	case 5: /* a known function ID with raw arguments */
		x[0] = fids[take(in, 1) % (sizeof(fids) / sizeof(fids[0]))];
		for (i = 1; i < 8; i++) {
			x[i] = take(in, 4);
		}
		t_smc(cpu, x, out);
		follow(c, cpu, out);
		break;
	case 6:
		if (k & 0x40) { /* replay: its own start is not recorded */
			i = (unsigned int)take(in, 1);
			replay(c, 1 + i % REPLAY_OPS, 1 + (i >> 2) % REPLAY_MAX, here);
			return;
		}
		host_optee_set_foreign(k & 0x80);
		break;
	default: /* anything, through either entry */
		for (i = 0; i < 8; i++) {
			x[i] = take(in, 8);
		}
		t_call(cpu, k & 0x80, x, out);
		follow(c, cpu, out);
		break;
	}
	if (!c->replaying) {
		c->starts[c->nstarts++ % REPLAY_OPS] = here;
	}
	check_cookies();
}

/*
 * Two live objects answering to one cookie: REGISTER_SHM raced with itself.
 * Checked after every operation, under the front end's lock (a consistent
 * view while other CPUs run).
 */
static void check_cookies(void)
{
	unsigned int i, j;

	xw_optee_lock(&nw.o);
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		const struct xw_optee_shm *a = &nw.o.shm[i];

		if (!a->used || a->dying || a->refs == 0) {
			continue;
		}
		for (j = i + 1; j < XW_OPTEE_SHM_OBJS; j++) {
			const struct xw_optee_shm *b = &nw.o.shm[j];

			if (b->used && !b->dying && b->refs != 0 && b->cookie == a->cookie) {
				__builtin_trap();
			}
		}
	}
	xw_optee_unlock(&nw.o);
}

/*
 * What the front end holds once no call runs (every CPU's pthread joined,
 * every parked call resumed to its end), before the harness drops anything:
 * no thread busy, no object dying or held by a call, no session closing or
 * held, the window holding exactly the live objects' pages; in the
 * single-threaded build, exactly the shadow's objects (plus the RPC buffers
 * the normal world handed out) and sessions.
 */
static void check_left(void)
{
	struct xw_optee_stats st;
	size_t pages = 0;
	uint64_t pool = 0;
	unsigned int i, live = 0, open = 0;

	xw_optee_get_stats(&nw.o, &st);
	if (st.threads != 0) {
		__builtin_trap();
	}
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		const struct xw_optee_shm *s = &nw.o.shm[i];
		unsigned int k;
		bool rpc = false;

		if (!s->used) {
			continue;
		}
		/* Dying with no call left to hold it: the last put forgot to free it. */
		if (s->dying || s->refs != 1) {
			__builtin_trap();
		}
		for (k = 0; k < NW_RPC_BUFS; k++) {
			rpc |= nw.rpc_cookie[k] != 0 && nw.rpc_cookie[k] == s->cookie;
		}
		if (FUZZ_THREADS == 1 && !rpc && !set_has64(sh_shm, sh_nshm, s->cookie)) {
			__builtin_trap(); /* an object the normal world never got a yes for */
		}
		live += !rpc;
	}
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		const struct xw_optee_session *s = &nw.o.s[i];

		if (!s->used) {
			continue;
		}
		if (s->closing || s->refs != 0) {
			__builtin_trap();
		}
		if (FUZZ_THREADS == 1 && !set_has64(sh_sess, sh_nsess, s->id)) {
			__builtin_trap(); /* a session the normal world was never given */
		}
		open++;
	}
	/* Every registration and session the normal world was told of is there. */
	if (FUZZ_THREADS == 1 && (live != sh_nshm || open != sh_nsess)) {
		__builtin_trap();
	}
	/* The window holds the live objects' cached blocks, the pool their lists. */
	nw_shm_footprint(&nw, &pages, &pool);
	if (xw_ns_mapped_pages() != pages || NW_POOL_PAGES - xw_pages_free_count() != pool) {
		__builtin_trap();
	}
}

/*
 * Resume every parked call to its end, check what is left (check_left()),
 * then drop every registration, close every session, and check that nothing
 * remains. Runs alone (every CPU's pthread joined).
 */
static void drain_and_check(void)
{
	struct xw_optee_stats st;
	uint64_t out[4];
	unsigned int i, rounds;

	check_cookies();
	host_optee_set_foreign(false);
	for (rounds = 0; rounds < 1000; rounds++) {
		for (i = 0; i < XW_OPTEE_THREADS && nw.o.t[i].state != XW_OT_SUSPENDED; i++) {
		}
		if (i == XW_OPTEE_THREADS) {
			break;
		}
		out[0] = XW_OPTEE_RPC_PREFIX | 0xff; /* "unknown RPC": resume with nothing */
		out[3] = i;
		while (t_rpc(0, out)) {
		}
	}
	check_left();
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		if (nw.o.shm[i].used && !nw.o.shm[i].dying) {
			if (xw_optee_shm_unregister(&nw.o, nw.o.shm[i].guest, nw.o.shm[i].cookie) !=
			    XW_OK) {
				__builtin_trap();
			}
		}
	}
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (nw.o.s[i].used) {
			struct xw_omsg_arg *a = nw_arg(&nw, ARENA_PA(0), XW_OMSG_CMD_CLOSE_SESSION, 0,
						       nw.o.s[i].id, 0);

			/* No call runs now: a session still here is open, and closes. */
			if (nw_call(&nw, 0, ARENA_PA(0), out) != XW_OPTEE_RET_OK ||
			    a->ret != XW_TEEC_SUCCESS) {
				__builtin_trap();
			}
		}
	}
	xw_optee_get_stats(&nw.o, &st);
	if (st.threads != 0 || st.shm_objs != 0 || st.sessions != 0 || xw_ns_mapped_pages() != 0 ||
	    xw_pages_free_count() != NW_POOL_PAGES) {
		__builtin_trap();
	}
	sh_nshm = sh_nsess = 0;
}

static void run_slice(struct ctx *c)
{
	while (c->in.n > 0 && c->ops++ < MAX_OPS) {
		op(c);
	}
}

#if FUZZ_THREADS > 1
static pthread_barrier_t go;

/*
 * At every interleaving point (each release of o->lock among them), give the
 * host CPU away one time in four: the window between two locked steps of one
 * operation becomes as wide as a scheduler slice, so another CPU's operation
 * on the same object lands in it often instead of once in a million.
 */
static void widen(enum xw_optee_point p, uint64_t cookie, void *arg)
{
	static _Thread_local uint32_t x;

	(void)p;
	(void)cookie;
	(void)arg;
	if (x == 0) {
		x = (uint32_t)(uintptr_t)&x | 1; /* a per-pthread seed */
	}
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	if ((x & 3) == 0) {
		sched_yield();
	}
}

/* One normal-world CPU: starts with the others, then runs its slice. */
static void *cpu_main(void *arg)
{
	pthread_barrier_wait(&go);
	run_slice(arg);
	return NULL;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c[FUZZ_THREADS];
	unsigned int t;

	if (!ready) {
		if (nw_init(&nw, CPUS) != 0) {
			__builtin_trap();
		}
		host_clock_step(1000000); /* 1 ms per read: WAIT(60 s) = 60000 polls */
#if FUZZ_THREADS > 1
		pthread_barrier_init(&go, NULL, FUZZ_THREADS);
		host_optee_set_point_hook(widen, NULL);
#endif
		ready = true;
	}
	memset(nw_va(&nw, ARENA_PA(0)), 0, (size_t)FUZZ_THREADS * ARENA_SIZE);
	memset(c, 0, sizeof(c));
	for (t = 0; t < FUZZ_THREADS; t++) {
		/* slice t of the input: CPU t's operations */
		c[t].in.p = data + size * t / FUZZ_THREADS;
		c[t].in.n = size * (t + 1) / FUZZ_THREADS - size * t / FUZZ_THREADS;
		c[t].tid = t;
		c[t].arena = ARENA_PA(t);
	}
#if FUZZ_THREADS > 1
	{
		pthread_t th[FUZZ_THREADS];

		for (t = 0; t < FUZZ_THREADS; t++) {
			if (pthread_create(&th[t], NULL, cpu_main, &c[t]) != 0) {
				__builtin_trap();
			}
		}
		for (t = 0; t < FUZZ_THREADS; t++) {
			pthread_join(th[t], NULL);
		}
	}
#else
	run_slice(&c[0]);
#endif
	drain_and_check();
	/* A fresh front end for the next input (nothing is mapped or running now). */
	memset(nw.rpc_cookie, 0, sizeof(nw.rpc_cookie));
	if (xw_optee_init(&nw.o, CPUS) != XW_OK) {
		__builtin_trap();
	}
	return 0;
}

#ifdef FUZZ_REPLAY_MAIN
/*
 * A driver without libFuzzer, for the TSan build (libFuzzer's coverage
 * counters are plain increments from every thread: TSan would report them):
 * runs the given inputs over and over for @seconds, at least once each.
 * Usage: fuzz_optee_entry_tsan <seconds> <input files...>
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 16];
	struct timespec t0, t;
	unsigned long runs = 0, secs;
	int i, pass;

	if (argc < 3) {
		fprintf(stderr, "usage: %s <seconds> <inputs...>\n", argv[0]);
		return 2;
	}
	secs = strtoul(argv[1], NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (pass = 0;; pass++) {
		for (i = 2; i < argc; i++) {
			FILE *f = fopen(argv[i], "rb");
			size_t n;

			if (!f) {
				perror(argv[i]);
				return 1;
			}
			n = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			LLVMFuzzerTestOneInput(buf, n);
			runs++;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((unsigned long)(t.tv_sec - t0.tv_sec) >= secs) {
			break;
		}
	}
	printf("replayed %d inputs %d times (%lu runs) in %ld s\n", argc - 2, pass + 1, runs,
	       (long)(t.tv_sec - t0.tv_sec));
	return 0;
}
#endif
