// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE SMC entry: what every call of owners 50 and 63 meets first. It
 * checks the function ID against the entry the monitor chose (SMC32 only,
 * fast vs yielding), answers the fast calls (discovery, capabilities, the RPC
 * buffer cache, thread count) here, and hands yielding calls to the secure
 * threads (thread.c). Also the front end's state: its lock, init and stats.
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
		xw_optee_yield_call(o, cpu, fid, x, out);
	} else {
		fast_call(o, fid, x, out);
	}
	for (i = 0; i < 4; i++) {
		out[i] = (uint32_t)out[i]; /* W registers */
	}
}
