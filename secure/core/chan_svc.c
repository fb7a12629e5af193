// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channel regions registered by the normal world: decode each call's
 * registers (hostile), check against the limits, map with nsmem, validate the
 * region by opening every channel's secure end, dispatch doorbells to the
 * bound service, raise the notification interrupt when the library asks.
 *
 * Handles are (generation << 8) | (slot + 1): never 0, and a stale handle of
 * a slot reused since does not match. A region belongs to the guest that
 * registered it: another guest's handle is "not found". Lock order:
 * reg_lock, then nsmem's.
 */
#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

#include "arch/spinlock.h"

#include "chan_svc.h"
#include "guest.h"
#include "nsmem.h"
#include "xw/err.h"
#include "xw/smc.h"
#include "xw/smc_status.h"

/** Secure state of one channel of a registered region. */
struct csvc_chan {
	struct xw_chan ch;    /* our end (END1); the only view of the shared headers */
	uint32_t busy;        /* a CPU is serving it (try-lock) */
	const struct xw_chan_service *svc; /* 0 while unbound */
	void *state;          /* the bound service's, from its own pool */
	int notify;           /* the library asked to notify the peer */
};

struct csvc_region {
	int used;
	struct xw_guest *guest; /* the owner */
	uint32_t gen;
	uint64_t pa, size;
	void *va;
	unsigned nchan;
	int notify_ret;       /* XW_CHAN_REG_NOTIFY_RET: report notifications in x3, no SPI */
	struct csvc_chan chans[XW_CSVC_MAX_CHANS];
};

static struct {
	arch_spinlock_t lock;
	struct csvc_region reg[XW_CSVC_MAX_REGIONS];
	uint64_t total_bytes;
	uint64_t regions, notifies, doorbells;
} st;

static void reg_lock(void)
{
	arch_spin_lock(&st.lock);
}

static void reg_unlock(void)
{
	arch_spin_unlock(&st.lock);
}

static void set_err(uint64_t out[4], int err)
{
	out[0] = xw_smc_status(err);
}

/* Library hooks of the secure end: remember a notify, never wait. */
static void hook_notify(void *ctx, unsigned ev)
{
	(void)ev;
	((struct csvc_chan *)ctx)->notify = 1;
}

void xw_csvc_notified(struct xw_chan *ch)
{
	/* @ch is the channel of a csvc_chan (serve() gets no other). */
	hook_notify((char *)ch - offsetof(struct csvc_chan, ch), XW_CHAN_EV_DATA);
}

static int hook_wait(void *ctx, unsigned ev, uint64_t timeout_ns)
{
	(void)ctx, (void)ev, (void)timeout_ns;
	return XW_ETIMEDOUT;
}

static const struct xw_chan_ops secure_ops = {
	.notify = hook_notify,
	.wait = hook_wait,
};

/* Looks @g's handle up; the caller holds reg_lock. */
static struct csvc_region *lookup(struct xw_guest *g, uint64_t handle)
{
	uint64_t slot = (handle & 0xff) - 1;
	struct csvc_region *r;

	if ((handle & 0xff) == 0 || slot >= XW_CSVC_MAX_REGIONS || (handle >> 40) != 0) {
		return 0;
	}
	r = &st.reg[slot];
	if (!r->used || r->gen != (uint32_t)(handle >> 8) || r->guest != g) {
		return 0;
	}
	return r;
}

/* The bound service (if any) lets go of the channel's state. */
static void unbind_svc(struct csvc_chan *c)
{
	if (c->svc != 0 && c->svc->unbind != 0 && c->state != 0) {
		c->svc->unbind(c->state);
	}
	c->svc = 0;
	c->state = 0;
}

void xw_csvc_svc_info(uint64_t index, uint64_t out[4])
{
	const char *n = index < xw_chan_service_count ? xw_chan_services[index]->name : 0;
	unsigned i;

	if (n == 0) {
		set_err(out, XW_ENOENT);
		return;
	}
	out[0] = XW_OK;
	out[1] = out[2] = out[3] = 0;
	for (i = 0; n[i] != '\0' && i < 24; i++) {
		out[1 + i / 8] |= (uint64_t)(uint8_t)n[i] << (8 * (i % 8));
	}
}

void xw_csvc_register(struct xw_guest *g, uint64_t pa, uint64_t size, uint64_t flags,
		      uint64_t out[4])
{
	struct csvc_region *r = 0;
	const struct xw_region_hdr *h;
	void *va;
	uint32_t nchan;
	unsigned i;
	int rc;

	if (flags & ~(uint64_t)XW_CHAN_REG_NOTIFY_RET) {
		set_err(out, XW_EINVAL); /* a flag this version does not know */
		return;
	}
	if (size == 0 || size > XW_CSVC_MAX_REGION_BYTES) {
		set_err(out, size == 0 ? XW_EINVAL : XW_E2BIG);
		return;
	}
	/* The guest's own limit first: one at it does not take the others' slots. */
	if (xw_guest_charge(g, XW_GRES_REGIONS, 1) != XW_OK) {
		set_err(out, XW_ENOMEM);
		return;
	}
	reg_lock();
	if (st.total_bytes + size > XW_CSVC_MAX_TOTAL_BYTES) {
		rc = XW_E2BIG;
		goto out;
	}
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		if (!st.reg[i].used) {
			r = &st.reg[i];
			break;
		}
	}
	if (r == 0) {
		rc = XW_ENOMEM;
		goto out;
	}
	rc = xw_ns_map(pa, size, &va);
	if (rc != XW_OK) {
		goto out;
	}
	/* One read of nchan; xw_chan_open() validates the rest on its own copy. */
	h = va;
	nchan = __atomic_load_n((volatile uint32_t *)&h->nchan, __ATOMIC_RELAXED);
	if (nchan == 0 || nchan > XW_CSVC_MAX_CHANS) {
		rc = nchan == 0 ? XW_EPROTO : XW_E2BIG;
		goto unmap;
	}
	for (i = 0; i < nchan; i++) {
		struct csvc_chan *c = &r->chans[i];

		rc = xw_chan_open(&c->ch, va, (size_t)size, i, XW_CHAN_END1, &secure_ops, c);
		if (rc != XW_OK) {
			goto unmap;
		}
		c->busy = 0;
		c->svc = 0;
		c->state = 0;
		c->notify = 0;
	}
	r->used = 1;
	r->guest = g;
	r->gen = (r->gen + 1) & 0xffffffffU;
	r->pa = pa;
	r->size = size;
	r->va = va;
	r->nchan = nchan;
	r->notify_ret = (flags & XW_CHAN_REG_NOTIFY_RET) != 0;
	st.total_bytes += size;
	st.regions++;
	out[0] = XW_OK;
	out[1] = (uint64_t)r->gen << 8 | (uint64_t)(r - st.reg + 1);
	reg_unlock();
	return;
unmap:
	xw_ns_unmap(va, size);
out:
	reg_unlock();
	xw_guest_uncharge(g, XW_GRES_REGIONS, 1);
	set_err(out, rc);
}

/* Unbind, unmap and free @r (no doorbell busy on it); reg_lock held. */
static void region_free(struct csvc_region *r)
{
	unsigned i;

	for (i = 0; i < r->nchan; i++) {
		unbind_svc(&r->chans[i]);
	}
	xw_ns_unmap(r->va, r->size);
	r->used = 0;
	r->va = 0;
	r->guest = 0;
	st.total_bytes -= r->size;
	st.regions--;
}

void xw_csvc_unregister(struct xw_guest *g, uint64_t handle, uint64_t out[4])
{
	struct csvc_region *r;
	unsigned i;
	int rc = XW_OK;

	reg_lock();
	r = lookup(g, handle);
	if (r == 0) {
		rc = XW_ENOENT;
		goto out;
	}
	for (i = 0; i < r->nchan; i++) {
		if (__atomic_load_n(&r->chans[i].busy, __ATOMIC_ACQUIRE)) {
			rc = XW_EBUSY; /* a doorbell is being served on another CPU */
			goto out;
		}
	}
	region_free(r);
	xw_guest_uncharge(g, XW_GRES_REGIONS, 1);
out:
	reg_unlock();
	set_err(out, rc);
}

/* A dead guest's regions, whole: none of its doorbells runs any more. */
static void drop_guest(void *ctx, struct xw_guest *g)
{
	unsigned i;

	(void)ctx;
	reg_lock();
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		if (st.reg[i].used && st.reg[i].guest == g) {
			region_free(&st.reg[i]);
		}
	}
	reg_unlock();
}

void xw_csvc_init(void)
{
	xw_guest_on_drop(XW_GFE_CHAN, drop_guest, 0);
}

void xw_csvc_bind(struct xw_guest *g, uint64_t handle, uint64_t chan, uint64_t svc,
		  uint64_t out[4])
{
	struct csvc_region *r;
	struct csvc_chan *c;
	int rc;

	reg_lock();
	r = lookup(g, handle);
	if (r == 0 || chan >= r->nchan) {
		rc = XW_ENOENT;
		goto out;
	}
	c = &r->chans[chan];
	if (svc >= xw_chan_service_count) {
		rc = XW_ENOENT;
		goto out;
	}
	if (c->svc != 0 || __atomic_load_n(&c->busy, __ATOMIC_ACQUIRE)) {
		rc = XW_EBUSY;
		goto out;
	}
	rc = xw_chan_services[svc]->bind(&c->ch, &c->state);
	if (rc == XW_OK) {
		c->svc = xw_chan_services[svc];
	}
out:
	reg_unlock();
	set_err(out, rc);
}

void xw_csvc_doorbell(struct xw_guest *g, uint64_t handle, uint64_t chan, uint64_t out[4])
{
	struct csvc_region *r;
	struct csvc_chan *c;
	uint64_t budget = XW_CSVC_BUDGET;
	int rc, by_ret, notified;

	reg_lock();
	r = lookup(g, handle);
	if (r == 0 || chan >= r->nchan) {
		reg_unlock();
		set_err(out, XW_ENOENT);
		return;
	}
	c = &r->chans[chan];
	if (c->svc == 0) {
		reg_unlock();
		set_err(out, XW_ENOENT);
		return;
	}
	/* Claimed under reg_lock: unregister sees busy and refuses meanwhile. */
	if (__atomic_exchange_n(&c->busy, 1, __ATOMIC_ACQUIRE) != 0) {
		reg_unlock();
		set_err(out, XW_EBUSY);
		return;
	}
	__atomic_fetch_add(&st.doorbells, 1, __ATOMIC_RELAXED);
	by_ret = r->notify_ret;
	reg_unlock();

	c->notify = 0;
	rc = c->svc->serve(&c->ch, c->state, &budget);
	/* A broken channel notifies too: the reader must see XW_EPIPE. */
	notified = c->notify || rc < 0;
	if (notified) {
		__atomic_fetch_add(&st.notifies, 1, __ATOMIC_RELAXED);
		/*
		 * Every notification is raised inside a doorbell, so its return
		 * can carry it: the caller's CPU then wakes the sleeper itself.
		 * The SPI goes to one CPU for all channels, and a wake-up that
		 * crosses vCPUs waits for the other vCPU's host time slice
		 * (docs/benchmarks.md, "no collapse").
		 */
		if (!by_ret) {
			arch_ns_notify();
		}
	}
	__atomic_store_n(&c->busy, 0, __ATOMIC_RELEASE);
	if (rc < 0) {
		set_err(out, XW_EPIPE);
		out[3] = 1;
		return;
	}
	out[0] = XW_OK;
	out[1] = (uint64_t)rc; /* 1: budget used up, ring again */
	out[2] = XW_CSVC_BUDGET - budget;
	out[3] = (uint64_t)notified;
}

int xw_csvc_chan_where(const struct xw_chan *ch, uint64_t *pa, uint64_t *size, unsigned *idx)
{
	unsigned i, j;

	/* From a service's bind(): reg_lock is held by xw_csvc_bind(). */
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		struct csvc_region *r = &st.reg[i];

		for (j = 0; r->used && j < r->nchan; j++) {
			if (&r->chans[j].ch == ch) {
				*pa = r->pa;
				*size = r->size;
				*idx = j;
				return XW_OK;
			}
		}
	}
	return XW_ENOENT;
}

void xw_csvc_get_stats(struct xw_csvc_stats *s)
{
	reg_lock();
	s->regions = st.regions;
	s->pages = st.total_bytes / XW_NS_PAGE_SIZE;
	s->notifies = __atomic_load_n(&st.notifies, __ATOMIC_RELAXED);
	s->doorbells = __atomic_load_n(&st.doorbells, __ATOMIC_RELAXED);
	reg_unlock();
}

void xw_csvc_reset(void)
{
	unsigned i, j;

	reg_lock();
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		struct csvc_region *r = &st.reg[i];

		if (r->used) {
			for (j = 0; j < r->nchan; j++) {
				unbind_svc(&r->chans[j]);
			}
			xw_ns_unmap(r->va, r->size);
			r->used = 0;
			r->guest = 0;
		}
	}
	st.total_bytes = 0;
	st.regions = 0;
	reg_unlock();
}
