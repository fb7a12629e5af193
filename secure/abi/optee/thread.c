// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure threads and RPC: a yielding call (CALL_WITH_ARG) takes a free thread
 * or gets ETHREAD_LIMIT (the driver waits for a call to finish and retries).
 * The thread runs on its own stack; an RPC saves its context and returns to
 * the normal world with a3 = thread index; RETURN_FROM_RPC resumes it, on any
 * CPU, by the guest whose call it is (guest.h; a thread counts against that
 * guest's thread limit until its call ends). Thread states change only under
 * o->lock and only on the entry path, after the thread's context is saved. The RPCs a call issues: argument
 * buffers (ALLOC/FREE, cached while the driver enables the cache), CMD
 * GET_TIME, and FOREIGN_INTR for pta.c. What a thread serves: call.c.
 */
#include <string.h>

#include "optee.h"

#include "xw/check.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#define RPC_PARAMS  2 /* params of the RPC argument buffers we allocate */

static struct xw_optee *g; /* for thread bodies, which start with an index only */

void xw_optee_threads_init(struct xw_optee *o)
{
	g = o;
}

/* ---- yielding calls ---------------------------------------------------------- */

static void run_thread(struct xw_optee *o, unsigned int cpu, unsigned int i, uint64_t out[4])
{
	struct xw_optee_thread *t = &o->t[i];
	struct xw_guest *g = t->guest;
	bool fresh = t->fresh, done;

	t->fresh = false;
	arch_thread_run(arch_cpu_ctx(cpu), i, fresh);
	/* The thread's context is saved (or it finished): publish its new state. */
	xw_optee_lock(o);
	out[0] = t->out[0];
	out[1] = t->out[1];
	out[2] = t->out[2];
	out[3] = t->out[3];
	done = t->done;
	t->state = done ? XW_OT_FREE : XW_OT_SUSPENDED;
	if (done) {
		t->guest = 0;
	}
	xw_optee_unlock(o);
	if (done) {
		xw_guest_uncharge(g, XW_GRES_THREADS, 1); /* g is still entered: this call */
	}
}

void xw_optee_yield_call(struct xw_optee *o, struct xw_guest *g, unsigned int cpu, uint32_t fid,
			 const uint64_t x[8], uint64_t out[4])
{
	unsigned int i;

	if (fid == XW_OPTEE_CALL_WITH_ARG) {
		/* The guest's own limit first: a guest at it waits, the others do not. */
		if (xw_guest_charge(g, XW_GRES_THREADS, 1) != XW_OK) {
			__atomic_fetch_add(&o->busy, 1, __ATOMIC_RELAXED);
			out[0] = XW_OPTEE_RET_ETHREAD_LIMIT;
			return;
		}
		xw_optee_lock(o);
		for (i = 0; i < XW_OPTEE_THREADS && o->t[i].state != XW_OT_FREE; i++) {
		}
		if (i == XW_OPTEE_THREADS) {
			o->busy++;
			xw_optee_unlock(o);
			xw_guest_uncharge(g, XW_GRES_THREADS, 1);
			out[0] = XW_OPTEE_RET_ETHREAD_LIMIT; /* a1..a3 stay the caller's */
			return;
		}
		o->calls++;
		o->t[i].guest = g;
		o->t[i].state = XW_OT_RUNNING;
		o->t[i].fresh = true;
		o->t[i].done = false;
		o->t[i].cancel = false;
		o->t[i].foreign_rpcs = 0;
		o->t[i].arg_pa = (uint64_t)(uint32_t)x[1] << 32 | (uint32_t)x[2];
		xw_optee_unlock(o);
		run_thread(o, cpu, i, out);
		return;
	}
	if (fid == XW_OPTEE_RETURN_FROM_RPC) {
		i = (uint32_t)x[3];
		xw_optee_lock(o);
		/* Another guest's thread is not a thread of this one: ERESUME. */
		if (i >= XW_OPTEE_THREADS || o->t[i].state != XW_OT_SUSPENDED ||
		    o->t[i].guest != g) {
			xw_optee_unlock(o);
			out[0] = XW_OPTEE_RET_ERESUME;
			return;
		}
		o->t[i].state = XW_OT_RUNNING;
		memcpy(o->t[i].in, x, sizeof(o->t[i].in));
		xw_optee_unlock(o);
		run_thread(o, cpu, i, out);
		return;
	}
	out[0] = XW_OPTEE_RET_UNKNOWN_FUNC;
}

/* ---- RPC ---------------------------------------------------------------- */

void xw_optee_rpc(struct xw_optee_thread *t, uint32_t a0, uint64_t a1, uint64_t a2)
{
	unsigned int i = (unsigned int)(t - g->t);

	t->out[0] = a0;
	t->out[1] = a1;
	t->out[2] = a2;
	t->out[3] = i; /* resume information: which thread */
	__atomic_fetch_add(&g->rpcs, 1, __ATOMIC_RELAXED);
	if (a0 == XW_OPTEE_RPC_FOREIGN_INTR) {
		__atomic_fetch_add(&g->foreign_rpcs, 1, __ATOMIC_RELAXED);
		t->foreign_rpcs++;
	}
	arch_thread_yield(i);
}

/*
 * The guest's own cache of RPC argument buffers: one guest's buffer (its
 * memory) is never handed to another guest's call.
 */
static struct xw_optee_rpc_cache *cache_of(struct xw_optee *o, const struct xw_optee_thread *t)
{
	return &o->cache[xw_guest_slot(t->guest)];
}

/* An RPC argument buffer from the cache, or a new one from the driver. */
static int rpc_buf(struct xw_optee *o, struct xw_optee_thread *t)
{
	struct xw_optee_rpc_cache *c = cache_of(o, t);

	if (t->rpc_cookie != 0) {
		return XW_OK;
	}
	xw_optee_lock(o);
	if (c->n > 0) {
		c->n--;
		t->rpc_pa = c->pa[c->n];
		t->rpc_cookie = c->cookie[c->n];
	}
	xw_optee_unlock(o);
	if (t->rpc_cookie != 0) {
		return XW_OK;
	}
	xw_optee_rpc(t, XW_OPTEE_RPC_ALLOC, XW_OMSG_ARG_SIZE(RPC_PARAMS), 0);
	t->rpc_pa = (uint64_t)(uint32_t)t->in[1] << 32 | (uint32_t)t->in[2];
	t->rpc_cookie = (uint64_t)(uint32_t)t->in[4] << 32 | (uint32_t)t->in[5];
	if (t->rpc_pa == 0 || (t->rpc_pa & 7) != 0) {
		if (t->rpc_cookie != 0) {
			xw_optee_rpc(t, XW_OPTEE_RPC_FREE, t->rpc_cookie >> 32,
				     (uint32_t)t->rpc_cookie);
		}
		t->rpc_pa = t->rpc_cookie = 0;
		return XW_ENOMEM;
	}
	return XW_OK;
}

static void rpc_buf_release(struct xw_optee *o, struct xw_optee_thread *t)
{
	struct xw_optee_rpc_cache *c = cache_of(o, t);
	bool kept = false;

	if (t->rpc_cookie == 0) {
		return;
	}
	xw_optee_lock(o);
	if (c->on && c->n < XW_OPTEE_THREADS) {
		c->pa[c->n] = t->rpc_pa;
		c->cookie[c->n] = t->rpc_cookie;
		c->n++;
		kept = true;
	}
	xw_optee_unlock(o);
	if (!kept) {
		xw_optee_rpc(t, XW_OPTEE_RPC_FREE, t->rpc_cookie >> 32, (uint32_t)t->rpc_cookie);
	}
	t->rpc_pa = t->rpc_cookie = 0;
}

int xw_optee_rpc_get_time(struct xw_optee *o, struct xw_optee_thread *t, uint64_t *sec,
			  uint64_t *nsec)
{
	uint8_t a[XW_OMSG_ARG_SIZE(RPC_PARAMS)];
	size_t len = XW_OMSG_ARG_SIZE(1);
	int rc = rpc_buf(o, t);

	if (rc != XW_OK) {
		return rc;
	}
	memset(a, 0, sizeof(a));
	xw_optee_put32(a + 0, XW_ORPC_CMD_GET_TIME);
	xw_optee_put32(a + 28, 1);
	xw_optee_put64(a + 32, XW_OMSG_ATTR_VALUE_OUT);
	if (xw_optee_ns_copy(t->rpc_pa, a, len, false) != XW_OK) {
		return XW_EFAULT;
	}
	xw_optee_rpc(t, XW_OPTEE_RPC_CMD, t->rpc_cookie >> 32, (uint32_t)t->rpc_cookie);
	if (xw_optee_ns_copy(t->rpc_pa, a, len, true) != XW_OK) {
		return XW_EFAULT;
	}
	/* ret (offset 20) and the value from the private copy */
	if ((a[20] | a[21] | a[22] | a[23]) != 0) {
		return XW_EIO;
	}
	memcpy(sec, a + 40, 8);
	memcpy(nsec, a + 48, 8);
	return XW_OK;
}

#define RPC_CMD_MAX_PARAMS 4

/* One RPC CMD in the argument buffer at @pa (@cookie): write, return to the driver, read back. */
static int rpc_cmd_at(struct xw_optee_thread *t, uint64_t pa, uint64_t cookie, uint32_t cmd,
		      unsigned int n, uint64_t p[][4], uint32_t *ret)
{
	uint8_t a[XW_OMSG_ARG_SIZE(RPC_CMD_MAX_PARAMS)];
	size_t len = XW_OMSG_ARG_SIZE(n);
	unsigned int i, k;

	memset(a, 0, sizeof(a));
	xw_optee_put32(a + 0, cmd);
	xw_optee_put32(a + 28, n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4; k++) {
			xw_optee_put64(a + XW_OMSG_ARG_SIZE(i) + 8 * k, p[i][k]);
		}
	}
	if (xw_optee_ns_copy(pa, a, len, false) != XW_OK) {
		return XW_EFAULT;
	}
	xw_optee_rpc(t, XW_OPTEE_RPC_CMD, cookie >> 32, (uint32_t)cookie);
	/* One copy back; everything is read from the private copy. */
	if (xw_optee_ns_copy(pa, a, len, true) != XW_OK) {
		return XW_EFAULT;
	}
	memcpy(ret, a + 20, 4);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4; k++) {
			memcpy(&p[i][k], a + XW_OMSG_ARG_SIZE(i) + 8 * k, 8);
		}
	}
	return XW_OK;
}

int xw_optee_rpc_cmd(struct xw_optee *o, struct xw_optee_thread *t, uint32_t cmd, unsigned int n,
		     uint64_t p[][4], uint32_t *ret)
{
	uint64_t pa, cookie;
	int rc;

	if (n > RPC_CMD_MAX_PARAMS) {
		return XW_EINVAL;
	}
	if (n <= RPC_PARAMS) {
		rc = rpc_buf(o, t);
		return rc != XW_OK ? rc : rpc_cmd_at(t, t->rpc_pa, t->rpc_cookie, cmd, n, p, ret);
	}
	/* More parameters than the call's cached buffer holds: a buffer for this one command. */
	xw_optee_rpc(t, XW_OPTEE_RPC_ALLOC, XW_OMSG_ARG_SIZE(n), 0);
	pa = (uint64_t)(uint32_t)t->in[1] << 32 | (uint32_t)t->in[2];
	cookie = (uint64_t)(uint32_t)t->in[4] << 32 | (uint32_t)t->in[5];
	rc = pa == 0 || (pa & 7) != 0 ? XW_ENOMEM : rpc_cmd_at(t, pa, cookie, cmd, n, p, ret);
	if (cookie != 0) {
		xw_optee_rpc(t, XW_OPTEE_RPC_FREE, cookie >> 32, (uint32_t)cookie);
	}
	return rc;
}

/* ---- thread body ---------------------------------------------------------- */

void xw_optee_thread_main(unsigned int i)
{
	struct xw_optee *o = g;
	struct xw_optee_thread *t = &o->t[i];
	uint32_t status = xw_optee_serve(o, t);

	rpc_buf_release(o, t);
	t->out[0] = status;
	t->out[1] = t->out[2] = t->out[3] = 0;
	t->done = true;
}

/* ---- dropping a guest --------------------------------------------------- */

void xw_optee_threads_drop(struct xw_optee *o, struct xw_guest *g)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		struct xw_optee_thread *t = &o->t[i];
		bool mine;

		xw_optee_lock(o);
		mine = t->state != XW_OT_FREE && t->guest == g;
		/* A drop runs when none of the guest's calls is on a CPU. */
		XW_CHECK(!mine || t->state == XW_OT_SUSPENDED);
		xw_optee_unlock(o);
		if (!mine) {
			continue;
		}
		/*
		 * What the call held (object and session references, its RPC
		 * buffer) goes with the guest's objects; the context is dropped
		 * before the slot is free, so no one resumes it half-way.
		 */
		arch_thread_abandon(i);
		xw_optee_lock(o);
		t->rpc_pa = t->rpc_cookie = 0;
		t->guest = 0;
		t->state = XW_OT_FREE;
		xw_optee_unlock(o);
	}
	xw_optee_lock(o);
	memset(&o->cache[xw_guest_slot(g)], 0, sizeof(o->cache[0]));
	xw_optee_unlock(o);
}
