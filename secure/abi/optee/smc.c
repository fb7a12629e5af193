// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE SMC entry: what every call of owners 50 and 63 meets first. It
 * checks the function ID against the entry the monitor chose (SMC32 only,
 * fast vs yielding) and the client ID in w7 against the guest table (a call
 * of an unknown guest gets ENOTAVAIL, as OP-TEE answers it), answers the
 * fast calls (discovery, capabilities, the RPC buffer cache, thread count,
 * the hypervisor's VM_CREATED/VM_DESTROYED) here, and hands yielding calls to
 * the secure threads (thread.c). Also the front end's state: its lock, init,
 * stats and the drop of a dead guest.
 */
#include <string.h>

#include "optee.h"

#include "xw/err.h"
#include "xw/optee_smc.h"
#include "xw/smc.h"

void xw_optee_lock(struct xw_optee *o)
{
	arch_spin_lock(&o->lock);
}

void xw_optee_unlock(struct xw_optee *o)
{
	arch_spin_unlock(&o->lock);
	/*
	 * Between two locked steps is where another CPU gets in: the host's
	 * threaded fuzzer yields here to widen every such window.
	 */
	arch_optee_point(XW_OPTEE_PT_UNLOCKED, 0);
}

int xw_optee_init(struct xw_optee *o, unsigned int ncpus)
{
	if (ncpus == 0 || ncpus > XW_OPTEE_MAX_CPUS) {
		return XW_EINVAL;
	}
	memset(o, 0, sizeof(*o));
	o->ncpus = ncpus;
	xw_optee_threads_init(o);
	xw_guest_on_drop(XW_GFE_OPTEE, xw_optee_guest_drop, o);
	return XW_OK;
}

void xw_optee_set_ta_ops(struct xw_optee *o, const struct xw_optee_ta_ops *ops)
{
	o->ta_ops = ops;
}

void xw_optee_guest_drop(void *ctx, struct xw_guest *g)
{
	struct xw_optee *o = ctx;

	/* Threads first: an abandoned call's references die with it. */
	xw_optee_threads_drop(o, g);
	xw_optee_sessions_drop(o, g);
	xw_optee_shm_drop(o, g);
}

bool xw_optee_owns(uint32_t fid)
{
	uint32_t owner = XW_SMC_OWNER(fid);

	return owner == XW_OPTEE_OWNER || owner == XW_OPTEE_OWNER_QUERY;
}

/* Threads in use (of guest @g; NULL: of all); o->lock held. */
static unsigned int threads_in_use(struct xw_optee *o, const struct xw_guest *g)
{
	unsigned int i, n = 0;

	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		n += o->t[i].state != XW_OT_FREE && (!g || o->t[i].guest == g);
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
	st->threads = threads_in_use(o, 0);
	st->calls = o->calls;
	st->rpcs = o->rpcs;
	st->foreign_rpcs = o->foreign_rpcs;
	st->busy = o->busy;
	xw_optee_unlock(o);
}

/* ---- fast calls ----------------------------------------------------------- */

/* VM_CREATED / VM_DESTROYED: the hypervisor's alone (w7 = 0), a1 = the guest. */
static void vm_call(uint32_t fid, const uint64_t x[8], uint64_t out[4])
{
	uint32_t id = (uint32_t)x[1];
	int rc;

	if (xw_guest_client(x[7]) != XW_GUEST_HOST || id == XW_GUEST_HOST || id > 0xffff) {
		out[0] = XW_OPTEE_RET_ENOTAVAIL;
		return;
	}
	if (fid == XW_OPTEE_VM_CREATED) {
		struct xw_guest_limits lim;

		/* a2..a5: Crossworld's limits (OP-TEE leaves them unused: 0 = default). */
		lim.max[XW_GRES_THREADS] = (uint32_t)x[2];
		lim.max[XW_GRES_SHM_PAGES] = (uint32_t)x[3];
		lim.max[XW_GRES_REGIONS] = (uint32_t)x[4];
		lim.max[XW_GRES_SHM_OBJS] = (uint32_t)x[5];
		lim.max[XW_GRES_SESSIONS] = 0;
		rc = xw_guest_create((uint16_t)id, &lim);
		out[0] = rc == XW_OK ? XW_OPTEE_RET_OK : XW_OPTEE_RET_ENOTAVAIL;
	} else {
		/* OP-TEE answers OK; an unknown guest is a no-op here as well. */
		(void)xw_guest_destroy((uint16_t)id);
		out[0] = XW_OPTEE_RET_OK;
	}
}

static void fast_call(struct xw_optee *o, struct xw_guest *g, uint32_t fid,
		      const uint64_t x[8], uint64_t out[4])
{
	struct xw_optee_rpc_cache *cache = &o->cache[xw_guest_slot(g)];

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
		/*
		 * No SEC_CAP_VIRTUALIZATION: an OS without a hypervisor (client 0)
		 * sees the capabilities it always saw (docs/guests.md).
		 */
		out[1] = XW_OPTEE_SEC_CAP_DYNAMIC_SHM | XW_OPTEE_SEC_CAP_MEMREF_NULL;
		out[2] = 0;
		out[3] = 0;
		return;
	case XW_OPTEE_GET_SHM_CONFIG:
		out[0] = XW_OPTEE_RET_ENOTAVAIL; /* no reserved carve-out: dynamic only */
		return;
	case XW_OPTEE_ENABLE_SHM_CACHE:
		xw_optee_lock(o);
		cache->on = true;
		xw_optee_unlock(o);
		out[0] = XW_OPTEE_RET_OK;
		return;
	case XW_OPTEE_DISABLE_SHM_CACHE:
		/* The caller's cache; "not idle" means one of its own calls. */
		xw_optee_lock(o);
		if (threads_in_use(o, g) != 0) {
			out[0] = XW_OPTEE_RET_EBUSY;
		} else if (cache->n > 0) {
			/* Hand one cached RPC buffer back to be freed. */
			uint64_t c = cache->cookie[--cache->n];

			out[0] = XW_OPTEE_RET_OK;
			out[1] = c >> 32;
			out[2] = (uint32_t)c;
		} else {
			cache->on = false;
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

void xw_optee_handle_call(struct xw_optee *o, unsigned int cpu, bool yielding,
			  const uint64_t x[8], uint64_t out[4])
{
	uint32_t fid = (uint32_t)x[0];
	struct xw_guest *g;
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
	if (fid == XW_OPTEE_VM_CREATED || fid == XW_OPTEE_VM_DESTROYED) {
		vm_call(fid, x, out);
	} else if (!(g = xw_guest_enter(xw_guest_client(x[7])))) {
		out[0] = XW_OPTEE_RET_ENOTAVAIL; /* not a guest the hypervisor announced */
	} else {
		if (yielding) {
			xw_optee_yield_call(o, g, cpu, fid, x, out);
		} else {
			fast_call(o, g, fid, x, out);
		}
		xw_guest_exit(g); /* the last call of a destroyed guest drops it here */
	}
	for (i = 0; i < 4; i++) {
		out[i] = (uint32_t)out[i]; /* W registers */
	}
}
