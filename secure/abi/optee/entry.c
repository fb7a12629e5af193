// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE SMC front end: fast calls (discovery, capabilities, shm cache),
 * yielding calls as suspendable secure threads, RPCs to the normal world, and
 * the message commands (open/invoke/close/cancel, register/unregister shm).
 *
 * A yielding call takes a free thread or gets ETHREAD_LIMIT (the driver waits
 * for a call to finish and retries). The thread runs on its own stack; an RPC
 * saves its context and returns to the normal world with a3 = thread index;
 * RETURN_FROM_RPC resumes it, on any CPU. Thread states change only under
 * o->lock and only on the entry path, after the thread's context is saved.
 */
#include <string.h>

#include "optee.h"

#include "../../core/nsmem.h"
#include "xw/err.h"
#include "xw/optee_smc.h"
#include "xw/smc.h"

#define PAGE        XW_OMSG_PAGE_SIZE
#define RPC_PARAMS  2 /* params of the RPC argument buffers we allocate */

int xw_optee_shm_contig(struct xw_optee *o, uint64_t pa, uint64_t size,
			struct xw_optee_shm **out);
void xw_optee_lock(struct xw_optee *o);
void xw_optee_unlock(struct xw_optee *o);

static struct xw_optee *g; /* for thread bodies, which start with an index only */

void xw_optee_lock(struct xw_optee *o)
{
	while (__atomic_exchange_n(&o->lock, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&o->lock, __ATOMIC_RELAXED) != 0) {
		}
	}
}

void xw_optee_unlock(struct xw_optee *o)
{
	__atomic_store_n(&o->lock, 0, __ATOMIC_RELEASE);
}

int xw_optee_init(struct xw_optee *o, unsigned int ncpus)
{
	if (ncpus == 0 || ncpus > XW_OPTEE_MAX_CPUS) {
		return XW_EINVAL;
	}
	memset(o, 0, sizeof(*o));
	o->ncpus = ncpus;
	g = o;
	return XW_OK;
}

bool xw_optee_owns(uint32_t fid)
{
	uint32_t owner = XW_SMC_OWNER(fid);

	return owner == XW_OPTEE_OWNER || owner == XW_OPTEE_OWNER_QUERY;
}

static unsigned int threads_in_use(struct xw_optee *o)
{
	unsigned int i, n = 0;

	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		n += o->t[i].state != XW_OT_FREE;
	}
	return n;
}

void xw_optee_get_stats(struct xw_optee *o, struct xw_optee_stats *st)
{
	unsigned int i;

	xw_optee_lock(o);
	st->sessions = st->shm_objs = 0;
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		st->sessions += o->s[i].used;
	}
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		st->shm_objs += o->shm[i].used;
	}
	st->threads = threads_in_use(o);
	st->calls = o->calls;
	st->rpcs = o->rpcs;
	st->foreign_rpcs = o->foreign_rpcs;
	st->busy = o->busy;
	xw_optee_unlock(o);
}

/* ---- fast calls ----------------------------------------------------------- */

static void fast_call(struct xw_optee *o, uint32_t fid, const uint64_t x[8], uint64_t out[4])
{
	switch (fid) {
	case XW_OPTEE_CALLS_COUNT:
		out[0] = 10;
		return;
	case XW_OPTEE_CALLS_UID:
		out[0] = XW_OPTEE_UID_0;
		out[1] = XW_OPTEE_UID_1;
		out[2] = XW_OPTEE_UID_2;
		out[3] = XW_OPTEE_UID_3;
		return;
	case XW_OPTEE_CALLS_REVISION:
		out[0] = XW_OPTEE_REV_MAJOR;
		out[1] = XW_OPTEE_REV_MINOR;
		return;
	case XW_OPTEE_GET_OS_UUID:
		/* The trusted OS is Crossworld: its own UID, not OP-TEE's. */
		out[0] = XW_SMC_UID_0;
		out[1] = XW_SMC_UID_1;
		out[2] = XW_SMC_UID_2;
		out[3] = XW_SMC_UID_3;
		return;
	case XW_OPTEE_GET_OS_REVISION:
		out[0] = XW_SMC_REVISION_MAJOR;
		out[1] = XW_SMC_REVISION_MINOR;
		out[2] = 0;
		return;
	case XW_OPTEE_EXCHANGE_CAPS:
		(void)x; /* the normal world's caps (uniprocessor) change nothing here */
		out[0] = XW_OPTEE_RET_OK;
		out[1] = XW_OPTEE_SEC_CAP_DYNAMIC_SHM | XW_OPTEE_SEC_CAP_MEMREF_NULL;
		out[2] = 0;
		out[3] = 0;
		return;
	case XW_OPTEE_GET_SHM_CONFIG:
		out[0] = XW_OPTEE_RET_ENOTAVAIL; /* no reserved carve-out: dynamic only */
		return;
	case XW_OPTEE_ENABLE_SHM_CACHE:
		xw_optee_lock(o);
		o->shm_cache_on = true;
		xw_optee_unlock(o);
		out[0] = XW_OPTEE_RET_OK;
		return;
	case XW_OPTEE_DISABLE_SHM_CACHE:
		xw_optee_lock(o);
		if (threads_in_use(o) != 0) {
			out[0] = XW_OPTEE_RET_EBUSY;
		} else if (o->ncache > 0) {
			/* Hand one cached RPC buffer back to be freed. */
			uint64_t c = o->cache_cookie[--o->ncache];

			out[0] = XW_OPTEE_RET_OK;
			out[1] = c >> 32;
			out[2] = (uint32_t)c;
		} else {
			o->shm_cache_on = false;
			out[0] = XW_OPTEE_RET_ENOTAVAIL;
		}
		xw_optee_unlock(o);
		return;
	case XW_OPTEE_GET_THREAD_COUNT:
		out[0] = XW_OPTEE_RET_OK;
		out[1] = XW_OPTEE_THREADS;
		return;
	default:
		out[0] = XW_OPTEE_RET_UNKNOWN_FUNC;
	}
}

/* ---- yielding calls ---------------------------------------------------------- */

static void run_thread(struct xw_optee *o, unsigned int cpu, unsigned int i, uint64_t out[4])
{
	struct xw_optee_thread *t = &o->t[i];
	bool fresh = t->fresh;

	t->fresh = false;
	xw_arch_thread_run(xw_arch_cpu_ctx(cpu), i, fresh);
	/* The thread's context is saved (or it finished): publish its new state. */
	xw_optee_lock(o);
	out[0] = t->out[0];
	out[1] = t->out[1];
	out[2] = t->out[2];
	out[3] = t->out[3];
	t->state = t->done ? XW_OT_FREE : XW_OT_SUSPENDED;
	xw_optee_unlock(o);
}

static void yield_call(struct xw_optee *o, unsigned int cpu, uint32_t fid,
		       const uint64_t x[8], uint64_t out[4])
{
	unsigned int i;

	if (fid == XW_OPTEE_CALL_WITH_ARG) {
		xw_optee_lock(o);
		for (i = 0; i < XW_OPTEE_THREADS && o->t[i].state != XW_OT_FREE; i++) {
		}
		if (i == XW_OPTEE_THREADS) {
			o->busy++;
			xw_optee_unlock(o);
			out[0] = XW_OPTEE_RET_ETHREAD_LIMIT; /* a1..a3 stay the caller's */
			return;
		}
		o->calls++;
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
		if (i >= XW_OPTEE_THREADS || o->t[i].state != XW_OT_SUSPENDED) {
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

void xw_optee_handle_call(struct xw_optee *o, unsigned int cpu, bool yielding,
			  const uint64_t x[8], uint64_t out[4])
{
	uint32_t fid = (uint32_t)x[0];
	unsigned int i;

	out[0] = XW_OPTEE_RET_UNKNOWN_FUNC;
	out[1] = x[1];
	out[2] = x[2];
	out[3] = x[3];
	/* OP-TEE calls are SMC32; the entry the monitor chose must match the ID. */
	if (cpu >= o->ncpus || !xw_optee_owns(fid) || XW_SMC_IS_64(fid) ||
	    XW_SMC_IS_FAST(fid) == yielding) {
		return;
	}
	if (yielding) {
		yield_call(o, cpu, fid, x, out);
	} else {
		fast_call(o, fid, x, out);
	}
	for (i = 0; i < 4; i++) {
		out[i] = (uint32_t)out[i]; /* W registers */
	}
}

/* ---- normal-world memory: copy in once, copy out once ------------------- */

static int ns_copy(uint64_t pa, void *buf, size_t len, bool in)
{
	uint64_t base = pa & ~(uint64_t)(PAGE - 1);
	uint64_t span;
	void *va;
	int rc;

	if (len == 0 || pa + len < pa) {
		return XW_EFAULT;
	}
	span = (pa + len - base + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	rc = xw_ns_map(base, span, &va);
	if (rc != XW_OK) {
		return XW_EFAULT;
	}
	if (in) {
		memcpy(buf, (uint8_t *)va + (pa - base), len);
	} else {
		memcpy((uint8_t *)va + (pa - base), buf, len);
	}
	xw_ns_unmap(va, span);
	return XW_OK;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
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
	xw_arch_thread_yield(i);
}

/* An RPC argument buffer from the cache, or a new one from the driver. */
static int rpc_buf(struct xw_optee *o, struct xw_optee_thread *t)
{
	if (t->rpc_cookie != 0) {
		return XW_OK;
	}
	xw_optee_lock(o);
	if (o->ncache > 0) {
		o->ncache--;
		t->rpc_pa = o->cache_pa[o->ncache];
		t->rpc_cookie = o->cache_cookie[o->ncache];
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
	bool kept = false;

	if (t->rpc_cookie == 0) {
		return;
	}
	xw_optee_lock(o);
	if (o->shm_cache_on && o->ncache < XW_OPTEE_THREADS) {
		o->cache_pa[o->ncache] = t->rpc_pa;
		o->cache_cookie[o->ncache] = t->rpc_cookie;
		o->ncache++;
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
	put32(a + 0, XW_ORPC_CMD_GET_TIME);
	put32(a + 28, 1);
	put64(a + 32, XW_OMSG_ATTR_VALUE_OUT);
	if (ns_copy(t->rpc_pa, a, len, false) != XW_OK) {
		return XW_EFAULT;
	}
	xw_optee_rpc(t, XW_OPTEE_RPC_CMD, t->rpc_cookie >> 32, (uint32_t)t->rpc_cookie);
	if (ns_copy(t->rpc_pa, a, len, true) != XW_OK) {
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

/* ---- message commands --------------------------------------------------- */

static uint32_t teec_from(int rc)
{
	switch (rc) {
	case XW_OK:
		return XW_TEEC_SUCCESS;
	case XW_ENOMEM:
		return XW_TEEC_ERROR_OUT_OF_MEMORY;
	case XW_ENOENT:
		return XW_TEEC_ERROR_ITEM_NOT_FOUND;
	default:
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
}

/* Memrefs of a call: look up or create their objects; take references. */
static uint32_t bind_mrefs(struct xw_optee *o, struct xw_optee_call *c, unsigned int first)
{
	unsigned int i;
	int rc;

	for (i = first; i < c->num_params; i++) {
		struct xw_optee_param *p = &c->p[i];
		uint32_t kind = p->type >> 2;

		if (kind == 1) { /* RMEM */
			struct xw_optee_shm *s = xw_optee_shm_get(o, p->shm_ref);

			if (!s) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
			p->mref.shm = s;
			p->mref.offs = p->rmem_offs;
			if (p->rmem_offs > s->size || p->mref.size > s->size - p->rmem_offs) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
		} else if (kind == 2 && p->tmem_pa != 0 && p->mref.size != 0) { /* TMEM */
			rc = p->noncontig ?
				xw_optee_shm_register(o, p->tmem_pa, p->mref.size, 0, true, &p->mref.shm) :
				xw_optee_shm_contig(o, p->tmem_pa, p->mref.size, &p->mref.shm);
			if (rc != XW_OK) {
				p->mref.shm = 0;
				return teec_from(rc);
			}
		}
		/* TMEM with address 0 (or size 0): a NULL memref, shm stays 0. */
	}
	return XW_TEEC_SUCCESS;
}

static void unbind_mrefs(struct xw_optee *o, struct xw_optee_call *c)
{
	unsigned int i;

	for (i = 0; i < c->num_params; i++) {
		if (c->p[i].mref.shm) {
			xw_optee_shm_put(o, c->p[i].mref.shm);
			c->p[i].mref.shm = 0;
		}
	}
}

static void cancel(struct xw_optee *o, const struct xw_optee_call *c)
{
	unsigned int i;

	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		struct xw_optee_thread *t = &o->t[i];

		if (t->state != XW_OT_FREE && t->session == c->session &&
		    t->cancel_id == c->cancel_id) {
			__atomic_store_n(&t->cancel, true, __ATOMIC_RELAXED);
		}
	}
	xw_optee_unlock(o);
}

static uint32_t do_command(struct xw_optee *o, struct xw_optee_thread *t,
			   struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_optee_shm *s;
	uint32_t ret;
	int rc;

	*origin = XW_TEEC_ORIGIN_TEE;
	switch (c->cmd) {
	case XW_OMSG_CMD_OPEN_SESSION:
	case XW_OMSG_CMD_INVOKE:
	case XW_OMSG_CMD_CLOSE_SESSION:
		t->session = c->session;
		t->cancel_id = c->cancel_id;
		ret = bind_mrefs(o, c, c->cmd == XW_OMSG_CMD_OPEN_SESSION ? 2 : 0);
		if (ret == XW_TEEC_SUCCESS) {
			ret = xw_optee_pta_call(o, t, c, origin);
		}
		unbind_mrefs(o, c);
		return ret;
	case XW_OMSG_CMD_CANCEL:
		cancel(o, c);
		return XW_TEEC_SUCCESS;
	case XW_OMSG_CMD_REGISTER_SHM:
		if (c->num_params != 1 || (c->p[0].type >> 2) != 2) {
			return XW_TEEC_ERROR_BAD_PARAMETERS;
		}
		rc = c->p[0].noncontig ?
			xw_optee_shm_register(o, c->p[0].tmem_pa, c->p[0].mref.size,
					      c->p[0].shm_ref, false, &s) :
			XW_EINVAL; /* contiguous registration: not offered (the driver never asks) */
		return teec_from(rc);
	case XW_OMSG_CMD_UNREGISTER_SHM:
		if (c->num_params != 1 || (c->p[0].type >> 2) != 1) {
			return XW_TEEC_ERROR_BAD_PARAMETERS;
		}
		return teec_from(xw_optee_shm_unregister(o, c->p[0].shm_ref));
	default:
		return XW_TEEC_ERROR_NOT_SUPPORTED;
	}
}

/* Results back into the private bytes, then one copy out. */
static void encode_results(uint8_t *raw, const struct xw_optee_call *c, uint32_t ret,
			   uint32_t origin)
{
	unsigned int i;

	put32(raw + 8, c->session);
	put32(raw + 20, ret);
	put32(raw + 24, origin);
	for (i = 0; i < c->num_params; i++) {
		uint8_t *p = raw + XW_OMSG_ARG_SIZE(i);
		const struct xw_optee_param *q = &c->p[i];

		if (q->type == XW_OMSG_ATTR_VALUE_OUT || q->type == XW_OMSG_ATTR_VALUE_INOUT) {
			put64(p + 8, q->value.a);
			put64(p + 16, q->value.b);
			put64(p + 24, q->value.c);
		} else if ((q->type >> 2) != 0 && (q->type & 2) != 0) {
			put64(p + 16, q->mref.size); /* output memrefs: the size written */
		}
	}
}

static uint32_t serve(struct xw_optee *o, struct xw_optee_thread *t)
{
	uint8_t raw[XW_OMSG_ARG_SIZE(XW_OPTEE_MAX_PARAMS)];
	struct xw_optee_call c;
	uint64_t pa = t->arg_pa;
	size_t len = sizeof(raw);
	uint32_t ret, origin = XW_TEEC_ORIGIN_COMMS;
	uint32_t nparams;
	int rc;

	if ((pa & 7) != 0) {
		return XW_OPTEE_RET_EBADADDR;
	}
	/* One copy when the largest argument fits in the page; else header first. */
	if ((pa & (PAGE - 1)) + len > PAGE) {
		if (ns_copy(pa, raw, sizeof(struct xw_omsg_arg), true) != XW_OK) {
			return XW_OPTEE_RET_EBADADDR;
		}
		memcpy(&nparams, raw + 28, 4);
		len = XW_OMSG_ARG_SIZE(nparams <= XW_OPTEE_MAX_PARAMS ? nparams : 0);
	}
	if (ns_copy(pa, raw, len, true) != XW_OK) {
		return XW_OPTEE_RET_EBADADDR;
	}
	rc = xw_optee_decode_arg(raw, len, &c);
	if (rc != XW_OK) {
		/* Bad arguments are the call's result, not the SMC's. */
		memset(&c, 0, sizeof(c));
		memcpy(&c.session, raw + 8, 4);
		encode_results(raw, &c, XW_TEEC_ERROR_BAD_PARAMETERS, XW_TEEC_ORIGIN_TEE);
		return ns_copy(pa, raw, sizeof(struct xw_omsg_arg), false) == XW_OK ?
			XW_OPTEE_RET_OK : XW_OPTEE_RET_EBADADDR;
	}
	ret = do_command(o, t, &c, &origin);
	encode_results(raw, &c, ret, origin);
	return ns_copy(pa, raw, XW_OMSG_ARG_SIZE(c.num_params), false) == XW_OK ?
		XW_OPTEE_RET_OK : XW_OPTEE_RET_EBADADDR;
}

void xw_optee_thread_main(unsigned int i)
{
	struct xw_optee *o = g;
	struct xw_optee_thread *t = &o->t[i];
	uint32_t status = serve(o, t);

	rpc_buf_release(o, t);
	t->out[0] = status;
	t->out[1] = t->out[2] = t->out[3] = 0;
	t->done = true;
}
