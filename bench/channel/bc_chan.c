// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contender: this channel, hosted (memfd region, eventfd doorbells), exactly as
 * the two worlds use it: one channel, end 0 in the parent, end 1 in the child.
 * BC_POLL calls it with timeout 0 in a loop; BC_SLEEP blocks in the library.
 *
 * "channel" is the library's default configuration, the one every hosted
 * product gets: nothing is set after xw_chan_open(), so a blocking call polls
 * for the hosted port's competitive budget (xw_host_ops.spin_ns,
 * XW_HOST_SPIN_NS = 10 us) before it sleeps on its eventfd. A variant that is
 * tuned says how in its name, so that no headline number rests on a setting
 * nobody ships:
 *   - "channel-nospin" sleeps at once (xw_chan_set_spin(0)): what the ends
 *     across worlds do, and what "channel" was before 2026-12-02 21:00;
 *   - "channel-spin20us" first polls the peer's index for up to 20 us
 *     (xw_chan_set_spin) before it sleeps;
 *   - "channel-inplace" (1 MiB stream only) is the default configuration with
 *     a receiver that sums the message where it lies (xw_chan_recv_with), as
 *     the secure services consume, instead of copying it out first: a
 *     different receiver contract from every anchor's, printed beside them,
 *     never as a target;
 *   - "channel-batch16" is a streaming sender using the library's batching flag
 *     (XW_CHAN_MORE): it publishes its index (one full fence, one look at the
 *     consumer's event word) every 16th message instead of every one. Its
 *     anchors batch too (bc_fd.c, bc_mq.c).
 * Every variant has a reference area of BC_REF_BYTES per direction, as
 * xworld.ko's channels do by default: fragments of 8 KiB and more (the 1 MiB
 * messages) go by reference (REF records), the smaller ones through the ring.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../host/xw_host.h"
#include "bc.h"

/*
 * Long enough to catch a peer that answers at once (a polling round trip is
 * ~1-3 us here). The name of the contender carries the value: keep them equal.
 */
#define BC_CHAN_SPIN_NS 20000u

/* Also BC_BATCH's value: the batched anchors group as many messages per call. */
#define BC_CHAN_BATCH BC_BATCH

/* chan_ctx.spin_ns: leave the library's default alone. */
#define BC_SPIN_DEFAULT UINT64_MAX

struct chan_ctx {
	uint64_t spin_ns;
	unsigned batch, sent;
	void *base;
	size_t size;
	int memfd;
	struct xw_host_bells bells;
	struct xw_host_end end;
	struct xw_chan ch;
};

static void *chan_setup_spin(uint64_t spin_ns)
{
	struct chan_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->spin_ns = spin_ns;
	c->size = xw_region_size_ref(1, BC_RING_BYTES, BC_REF_BYTES, BC_REF_BYTES);
	c->base = xw_host_region_create(c->size, &c->memfd);
	if (!c->base ||
	    xw_region_init_ref(c->base, c->size, 1, BC_RING_BYTES, BC_REF_BYTES, BC_REF_BYTES) ||
	    xw_host_bells_create(&c->bells)) {
		free(c);
		return NULL;
	}
	return c;
}

static void *chan_setup(size_t msg)
{
	(void)msg;
	return chan_setup_spin(BC_SPIN_DEFAULT);
}

static void *chan_setup_nospin(size_t msg)
{
	(void)msg;
	return chan_setup_spin(0);
}

static void *chan_setup_spin20us(size_t msg)
{
	(void)msg;
	return chan_setup_spin(BC_CHAN_SPIN_NS);
}

static int chan_attach(void *ctx, int side)
{
	struct chan_ctx *c = ctx;

	xw_host_end_init(&c->end, &c->bells, side ? XW_CHAN_END1 : XW_CHAN_END0);
	if (xw_chan_open(&c->ch, c->base, c->size, 0, side ? XW_CHAN_END1 : XW_CHAN_END0,
			 &xw_host_ops, &c->end))
		return -1;
	/* The default configuration is left untouched, not re-set to its value. */
	if (c->spin_ns != BC_SPIN_DEFAULT)
		xw_chan_set_spin(&c->ch, c->spin_ns);
	return 0;
}

static void *chan_setup_batch(size_t msg)
{
	struct chan_ctx *c = chan_setup(msg);

	if (c)
		c->batch = BC_CHAN_BATCH;
	return c;
}

static int chan_send(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct chan_ctx *c = ctx;
	unsigned fl = c->batch && ++c->sent % c->batch ? XW_CHAN_MORE : 0;
	int rc;

	do
		rc = xw_chan_send(&c->ch, buf, len, w == BC_POLL ? 0 : XW_CHAN_FOREVER, fl);
	while (rc == XW_EAGAIN && w == BC_POLL && (bc_relax(), 1));
	return rc ? -1 : 0;
}

static int chan_recv(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct chan_ctx *c = ctx;
	size_t got = 0;
	int rc;

	do
		rc = xw_chan_recv(&c->ch, buf, len, &got, w == BC_POLL ? 0 : XW_CHAN_FOREVER, 0);
	while (rc == XW_EAGAIN && w == BC_POLL && (bc_relax(), 1));
	return rc || got != len ? -1 : 0;
}

/* Sums the message's 64-bit words where they lie (pieces are multiples of 8 bytes but the tail). */
static int64_t sum_take(void *tctx, const volatile void *src, uint64_t off, size_t n)
{
	uint64_t *sum = tctx;

	(void)off;
	*sum += bc_sum((const void *)(uintptr_t)src, n);
	return (int64_t)n;
}

static int chan_recv_sum(void *ctx, size_t len, enum bc_wait w, uint64_t *sum)
{
	struct chan_ctx *c = ctx;
	size_t got = 0, total = 0;
	bool eom = false;
	int rc;

	*sum = 0;
	while (!eom) {
		rc = xw_chan_recv_with(&c->ch, sum_take, sum, len - total, &got, &eom,
				       w == BC_POLL ? 0 : XW_CHAN_FOREVER, 0);
		if (rc == XW_EAGAIN && w == BC_POLL) {
			bc_relax();
			continue;
		}
		if (rc)
			return -1;
		total += got;
	}
	return total == len ? 0 : -1;
}

static int chan_flush(void *ctx)
{
	return xw_chan_flush(&((struct chan_ctx *)ctx)->ch) ? -1 : 0;
}

static uint64_t chan_notifications(void *ctx)
{
	struct chan_ctx *c = ctx;
	struct xw_chan_stats st;

	xw_chan_get_stats(&c->ch, &st);
	return st.notify_sent;
}

static void chan_detach(void *ctx)
{
	(void)ctx;
}

static void chan_teardown(void *ctx)
{
	struct chan_ctx *c = ctx;

	xw_host_bells_destroy(&c->bells);
	xw_host_region_unmap(c->base, c->size);
	close(c->memfd);
	free(c);
}

const struct bc_ops bc_chan_ops = {
	.name = "channel",
	.setup = chan_setup,
	.attach = chan_attach,
	.send = chan_send,
	.recv = chan_recv,
	.flush = chan_flush,
	.notifications = chan_notifications,
	.detach = chan_detach,
	.teardown = chan_teardown,
};

const struct bc_ops bc_chan_spin_ops = {
	.name = "channel-spin20us",
	.setup = chan_setup_spin20us,
	.attach = chan_attach,
	.send = chan_send,
	.recv = chan_recv,
	.flush = chan_flush,
	.notifications = chan_notifications,
	.detach = chan_detach,
	.teardown = chan_teardown,
};

const struct bc_ops bc_chan_batch_ops = {
	.name = "channel-batch16",
	.setup = chan_setup_batch,
	.attach = chan_attach,
	.send = chan_send,
	.recv = chan_recv,
	.flush = chan_flush,
	.notifications = chan_notifications,
	.detach = chan_detach,
	.teardown = chan_teardown,
};

const struct bc_ops bc_chan_nospin_ops = {
	.name = "channel-nospin",
	.setup = chan_setup_nospin,
	.attach = chan_attach,
	.send = chan_send,
	.recv = chan_recv,
	.flush = chan_flush,
	.notifications = chan_notifications,
	.detach = chan_detach,
	.teardown = chan_teardown,
};

const struct bc_ops bc_chan_inplace_ops = {
	.name = "channel-inplace",
	.setup = chan_setup,
	.attach = chan_attach,
	.send = chan_send,
	.recv = chan_recv,
	.recv_sum = chan_recv_sum,
	.flush = chan_flush,
	.notifications = chan_notifications,
	.detach = chan_detach,
	.teardown = chan_teardown,
};
