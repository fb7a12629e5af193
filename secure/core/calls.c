// SPDX-License-Identifier: BSD-2-Clause
#include "calls.h"
#include "chan_svc.h"
#include "guest.h"

#include "xw/err.h"
#include "xw/smc.h"
#include "xw/smc_status.h"

static void call_uid(struct xw_sk_core *core, unsigned int cpu,
		     const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu, (void)req;
	out[0] = XW_SMC_UID_0;
	out[1] = XW_SMC_UID_1;
	out[2] = XW_SMC_UID_2;
	out[3] = XW_SMC_UID_3;
}

static void call_revision(struct xw_sk_core *core, unsigned int cpu,
			  const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu, (void)req;
	out[0] = XW_SMC_REVISION_MAJOR;
	out[1] = XW_SMC_REVISION_MINOR;
}

static void call_capabilities(struct xw_sk_core *core, unsigned int cpu,
			      const struct xw_sk_req *req, uint64_t out[4])
{
	(void)cpu, (void)req;
	out[0] = XW_SMC_OK;
	out[1] = XW_CAP_YIELDING | XW_CAP_CALL_COUNT |
		 (core->tick_hz != 0 ? XW_CAP_SECURE_TIMER : 0);
}

static void call_add(struct xw_sk_core *core, unsigned int cpu,
		     const struct xw_sk_req *req, uint64_t out[4])
{
	uint64_t mask = req->smc64 ? ~0ULL : 0xffffffffULL;
	uint64_t sum = req->a[0] & mask;
	uint64_t carries = 0;
	unsigned int i;

	(void)core, (void)cpu;
	for (i = 1; i < 3; i++) {
		uint64_t next = (sum + (req->a[i] & mask)) & mask;

		carries += next < sum; /* wrapped past the top bit */
		sum = next;
	}
	out[0] = XW_SMC_OK;
	out[1] = sum;
	out[2] = carries;
}

static void call_count(struct xw_sk_core *core, unsigned int cpu,
		       const struct xw_sk_req *req, uint64_t out[4])
{
	uint64_t which = req->a[0];

	(void)cpu;
	if (which >= core->ncpus) {
		out[0] = xw_smc_status(XW_EINVAL);
		return;
	}
	out[0] = XW_SMC_OK;
	out[1] = core->cpu[which].fast_calls;
	out[2] = core->cpu[which].yield_calls;
}

static void call_timer_ticks(struct xw_sk_core *core, unsigned int cpu,
			     const struct xw_sk_req *req, uint64_t out[4])
{
	uint64_t which = req->a[0], ticks = 0, inside = 0;
	unsigned int i;

	(void)cpu;
	if (which == XW_CPU_ALL) {
		for (i = 0; i < core->ncpus; i++) {
			ticks += __atomic_load_n(&core->cpu[i].ticks, __ATOMIC_RELAXED);
			inside += __atomic_load_n(&core->cpu[i].ticks_inside, __ATOMIC_RELAXED);
		}
	} else if (which < core->ncpus) {
		ticks = __atomic_load_n(&core->cpu[which].ticks, __ATOMIC_RELAXED);
		inside = __atomic_load_n(&core->cpu[which].ticks_inside, __ATOMIC_RELAXED);
	} else {
		out[0] = xw_smc_status(XW_EINVAL);
		return;
	}
	out[0] = XW_SMC_OK;
	out[1] = ticks;
	out[2] = core->tick_hz;
	out[3] = inside; /* of x1: taken inside a secure run, no entry or return of their own */
}

/* Channel transport: the checks and state live in chan_svc.c. */
static void call_svc_info(struct xw_sk_core *core, unsigned int cpu,
			  const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_csvc_svc_info(req->a[0], out);
}

static void call_chan_register(struct xw_sk_core *core, unsigned int cpu,
			       const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_csvc_register(req->guest, req->a[0], req->a[1], req->a[2], out);
}

static void call_chan_unregister(struct xw_sk_core *core, unsigned int cpu,
				 const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_csvc_unregister(req->guest, req->a[0], out);
}

static void call_chan_bind(struct xw_sk_core *core, unsigned int cpu,
			   const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_csvc_bind(req->guest, req->a[0], req->a[1], req->a[2], out);
}

static void call_chan_doorbell(struct xw_sk_core *core, unsigned int cpu,
			       const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_csvc_doorbell(req->guest, req->a[0], req->a[1], out);
}

static void call_chan_stats(struct xw_sk_core *core, unsigned int cpu,
			    const struct xw_sk_req *req, uint64_t out[4])
{
	struct xw_csvc_stats s;

	(void)core, (void)cpu, (void)req;
	xw_csvc_get_stats(&s);
	out[0] = XW_SMC_OK;
	out[1] = s.regions;
	out[2] = s.pages;
	out[3] = s.notifies;
}

static const struct xw_sk_call calls[] = {
	{ XW_FN_CALL_UID, 0, call_uid },
	{ XW_FN_REVISION, 0, call_revision },
	{ XW_FN_CAPABILITIES, 0, call_capabilities },
	{ XW_FN_ADD, XW_SK_CALL_YIELD_OK, call_add },
	{ XW_FN_CALL_COUNT, XW_SK_CALL_YIELD_OK, call_count },
	{ XW_FN_TIMER_TICKS, 0, call_timer_ticks },
	{ XW_FN_SVC_INFO, 0, call_svc_info },
	{ XW_FN_CHAN_REGISTER, 0, call_chan_register },
	{ XW_FN_CHAN_UNREGISTER, 0, call_chan_unregister },
	{ XW_FN_CHAN_BIND, 0, call_chan_bind },
	{ XW_FN_CHAN_DOORBELL, 0, call_chan_doorbell },
	{ XW_FN_CHAN_STATS, 0, call_chan_stats },
};

/* The kernel's own table first, then each service's (numbers never overlap). */
static const struct xw_sk_call *find_call(uint32_t fn)
{
	const struct xw_sk_call_table own = { calls, sizeof(calls) / sizeof(calls[0]) };
	const struct xw_sk_call_table *t = &own;
	unsigned int i, k = 0;

	for (;;) {
		for (i = 0; i < t->n; i++) {
			if (t->calls[i].fn == fn) {
				return &t->calls[i];
			}
		}
		if (k == xw_sk_service_call_tables) {
			return 0;
		}
		t = xw_sk_service_calls[k++];
	}
}

int xw_sk_core_init(struct xw_sk_core *core, unsigned int ncpus, uint32_t tick_hz)
{
	unsigned int i;

	if (ncpus == 0 || ncpus > XW_SK_MAX_CPUS) {
		return XW_EINVAL;
	}
	core->ncpus = ncpus;
	core->tick_hz = tick_hz;
	xw_csvc_init();
	for (i = 0; i < XW_SK_MAX_CPUS; i++) {
		core->cpu[i].fast_calls = 0;
		core->cpu[i].yield_calls = 0;
		core->cpu[i].ticks = 0;
		core->cpu[i].ticks_inside = 0;
	}
	return XW_OK;
}

void xw_sk_core_tick(struct xw_sk_core *core, unsigned int cpu)
{
	if (cpu < core->ncpus) {
		__atomic_fetch_add(&core->cpu[cpu].ticks, 1, __ATOMIC_RELAXED);
	}
}

void xw_sk_core_tick_inside(struct xw_sk_core *core, unsigned int cpu)
{
	if (cpu < core->ncpus) {
		__atomic_fetch_add(&core->cpu[cpu].ticks_inside, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&core->cpu[cpu].ticks, 1, __ATOMIC_RELAXED);
	}
}

void xw_sk_unknown_call(const uint64_t x[8], uint64_t out[4])
{
	out[0] = xw_smc_unknown();
	out[1] = x[1];
	out[2] = x[2];
	out[3] = x[3];
}

void xw_sk_handle_call(struct xw_sk_core *core, unsigned int cpu, bool yielding,
		       const uint64_t x[8], uint64_t out[4])
{
	struct xw_sk_req req;
	const struct xw_sk_call *d;
	unsigned int i;

	/* Registers a call does not return stay as the caller had them. */
	xw_sk_unknown_call(x, out);
	req.fid = (uint32_t)x[0];
	req.smc64 = XW_SMC_IS_64(req.fid);
	req.yielding = yielding;
	for (i = 0; i < 7; i++) {
		req.a[i] = req.smc64 ? x[i + 1] : (uint32_t)x[i + 1];
	}
	/* The entry the monitor chose must agree with the identifier. */
	if (cpu >= core->ncpus || XW_SMC_IS_FAST(req.fid) == yielding ||
	    XW_SMC_OWNER(req.fid) != XW_SMC_OWNER_XW ||
	    (!yielding && (req.fid & XW_SMC_MBZ_MASK) != 0)) {
		return;
	}
	d = find_call(XW_SMC_FN(req.fid));
	if (d == 0 || (yielding && !(d->flags & XW_SK_CALL_YIELD_OK))) {
		return;
	}
	/* The caller's guest (w7[15:0]); it stays entered until the call ends. */
	req.guest = xw_guest_enter(xw_guest_client(x[7]));
	if (!req.guest || ((d->flags & XW_SK_CALL_HOST_ONLY) &&
			   xw_guest_id(req.guest) != XW_GUEST_HOST)) {
		out[0] = xw_smc_status(XW_EACCES);
		if (req.guest) {
			xw_guest_exit(req.guest);
		}
		return;
	}
	if (yielding) {
		core->cpu[cpu].yield_calls++;
	} else {
		core->cpu[cpu].fast_calls++;
	}
	d->handler(core, cpu, &req, out);
	xw_guest_exit(req.guest); /* the last call of a destroyed guest drops it here */
	if (!req.smc64) {
		/* SMC32 results are W registers. */
		for (i = 1; i < 4; i++) {
			out[i] = (uint32_t)out[i];
		}
	}
}
