// SPDX-License-Identifier: BSD-2-Clause
/*
 * The channel side of one guest of xwhyp.ko: one region with one channel,
 * bound to the secure echo service, driven synchronously (the service runs
 * inside the doorbell SMC, so the echo is in the ring when it returns).
 */
#include <linux/mm.h>
#include <linux/string.h>

#include <xw/err.h>
#include <xw/smc.h>

#include "xwhyp.h"

#define RING     (4u << 10)

int xwhyp_chan_init(struct xwhyp_chan *c, u16 client)
{
	memset(c, 0, sizeof(*c));
	c->client = client;
	c->size = PAGE_ALIGN(xw_region_size(1, RING));
	c->mem = alloc_pages_exact(c->size, GFP_KERNEL | __GFP_ZERO);
	return c->mem ? 0 : -ENOMEM;
}

void xwhyp_chan_free(struct xwhyp_chan *c)
{
	if (c->mem)
		free_pages_exact(c->mem, c->size);
	c->mem = NULL;
}

/* x0 of a Crossworld call as the guest: 0, or a negative XW_E*; EACCES = unknown guest. */
static long xcall(u16 client, u64 fid, u64 a1, u64 a2, u64 a3, u64 *r1)
{
	struct arm_smccc_res res;

	xwhyp_smc(client, fid, a1, a2, a3, 0, &res);
	if (r1)
		*r1 = res.a1;
	return (long)res.a0;
}

static enum xwhyp_rc rc_of(long x0, long *err)
{
	*err = x0;
	if (x0 == 0)
		return XWHYP_OK;
	return x0 == XW_EACCES ? XWHYP_REFUSED : XWHYP_FAILED;
}

enum xwhyp_rc xwhyp_chan_open(struct xwhyp_chan *c, unsigned int svc, long *err)
{
	long x0;
	int rc;

	memset(c->mem, 0, c->size);
	rc = xw_region_init(c->mem, c->size, 1, RING);
	if (rc == 0)
		rc = xw_chan_open(&c->ch, c->mem, c->size, 0, XW_CHAN_END0, NULL, NULL);
	if (rc != 0) {
		*err = rc;
		return XWHYP_FAILED;
	}
	x0 = xcall(c->client, XW_SMC_CHAN_REGISTER, virt_to_phys(c->mem), c->size, 0, &c->handle);
	if (x0 != 0) {
		c->handle = 0;
		return rc_of(x0, err);
	}
	return rc_of(xcall(c->client, XW_SMC_CHAN_BIND, c->handle, 0, svc, NULL), err);
}

enum xwhyp_rc xwhyp_chan_close(struct xwhyp_chan *c, long *err)
{
	long x0 = xcall(c->client, XW_SMC_CHAN_UNREGISTER, c->handle, 0, 0, NULL);

	c->handle = 0;
	return rc_of(x0, err);
}

long xwhyp_chan_ring(u16 client, u64 handle)
{
	return xcall(client, XW_SMC_CHAN_DOORBELL, handle, 0, 0, NULL);
}

enum xwhyp_rc xwhyp_chan_echo(struct xwhyp_chan *c, const void *msg, size_t len, void *back,
			      long *err)
{
	size_t got = 0;
	long x0;
	int rc;

	rc = xw_chan_send(&c->ch, msg, len, 0, 0);
	if (rc != 0) {
		*err = rc;
		return XWHYP_FAILED;
	}
	/* Ring until the echo is back (a busy answer: another CPU serves it). */
	for (;;) {
		x0 = xwhyp_chan_ring(c->client, c->handle);
		if (x0 != 0 && x0 != XW_EBUSY)
			return rc_of(x0, err);
		rc = xw_chan_recv(&c->ch, back, len ? len : 1, &got, 0, 0);
		if (rc == 0)
			break;
		if (rc != XW_EAGAIN) {
			*err = rc;
			return XWHYP_FAILED;
		}
		cond_resched();
	}
	*err = got == len ? 0 : XW_EPROTO;
	return got == len ? XWHYP_OK : XWHYP_FAILED;
}

enum xwhyp_rc xwhyp_chan_stream(struct xwhyp_chan *c, const void *msg, size_t len, u64 n,
				long *err)
{
	long x0;
	int rc;

	while (n) {
		/* Fill the ring, then one doorbell: the sink drains it inside. */
		rc = xw_chan_send(&c->ch, msg, len, 0, XW_CHAN_MORE);
		if (rc == 0) {
			n--;
			continue;
		}
		if (rc != XW_EAGAIN) {
			*err = rc;
			return XWHYP_FAILED;
		}
		xw_chan_flush(&c->ch);
		x0 = xwhyp_chan_ring(c->client, c->handle);
		if (x0 != 0 && x0 != XW_EBUSY)
			return rc_of(x0, err);
	}
	xw_chan_flush(&c->ch);
	x0 = xwhyp_chan_ring(c->client, c->handle);
	return rc_of(x0 == XW_EBUSY ? 0 : x0, err);
}
