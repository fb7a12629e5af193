// SPDX-License-Identifier: BSD-2-Clause
/*
 * Asymmetric fences (ops->fence_setup / fence_peer, docs/channel.md): an end
 * that publishes with no full fence of its own relies on the sleeper's
 * fence_peer() between the sleeper's event-word store and its re-load of the
 * index. The interleavings that matter are forced here in one thread: the
 * fence_peer hook itself runs the peer's publish, i.e. the publish lands
 * exactly between the sleeper's arm and its re-check. What the hardware does
 * with the missing fence is membarrier(2)'s guarantee; the two-thread runs
 * in test_chan.c (and under TSan) exercise the hosted hooks for real.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#include "../../host/xw_host.h"

#define RING 1024u

/* One end's hook context: what its hooks did, and what the peer does inside fence_peer. */
struct end {
	struct xw_chan ch;
	struct end *peer;
	int setup_rc, peer_rc;  /* fence_setup's and fence_peer's answers */
	unsigned fences, waits, notified[2];
	uint64_t max_wait_ns;
	/* Run inside this end's next fence_peer (once): the peer sends or receives. */
	enum { NOTHING, PEER_SENDS, PEER_RECEIVES } in_fence;
	/* In the wait hook, from this wait on: the peer sends (0 = never). */
	unsigned send_on_wait;
};

static void notify(void *ctx, unsigned ev)
{
	((struct end *)ctx)->notified[ev & 1]++;
}

static void peer_sends(struct end *e)
{
	assert_int_equal(xw_chan_send(&e->peer->ch, "ping", 4, 0, 0), XW_OK);
}

static void peer_receives(struct end *e)
{
	char in[RING];
	size_t len;

	assert_int_equal(xw_chan_recv(&e->peer->ch, in, sizeof(in), &len, 0, 0), XW_OK);
}

static int wait_hook(void *ctx, unsigned ev, uint64_t timeout_ns)
{
	struct end *e = ctx;

	(void)ev;
	e->waits++;
	if (timeout_ns > e->max_wait_ns)
		e->max_wait_ns = timeout_ns;
	if (e->send_on_wait && e->waits >= e->send_on_wait) {
		e->send_on_wait = 0;
		peer_sends(e);
		return 0;
	}
	return XW_ETIMEDOUT;
}

static int fence_setup(void *ctx)
{
	return ((struct end *)ctx)->setup_rc;
}

static int fence_peer(void *ctx)
{
	struct end *e = ctx;
	int what = e->in_fence;

	e->fences++;
	e->in_fence = NOTHING;
	if (what == PEER_SENDS)
		peer_sends(e);
	else if (what == PEER_RECEIVES)
		peer_receives(e);
	return e->peer_rc;
}

static const struct xw_chan_ops fence_ops = {
	.notify = notify,
	.wait = wait_hook,
	.fence_setup = fence_setup,
	.fence_peer = fence_peer,
};

struct fix {
	void *base;
	size_t size;
	struct end a, b; /* a = end 0 (sends), b = end 1 */
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	f->size = xw_region_size(1, RING);
	assert_int_equal(posix_memalign(&f->base, 4096, f->size), 0);
	assert_int_equal(xw_region_init(f->base, f->size, 1, RING), 0);
	f->a.peer = &f->b;
	f->b.peer = &f->a;
	*state = f;
	return 0;
}

static void open_both(struct fix *f)
{
	assert_int_equal(xw_chan_open(&f->a.ch, f->base, f->size, 0, 0, &fence_ops, &f->a), 0);
	assert_int_equal(xw_chan_open(&f->b.ch, f->base, f->size, 0, 1, &fence_ops, &f->b), 0);
}

static int teardown(void **state)
{
	struct fix *f = *state;

	free(f->base);
	free(f);
	return 0;
}

/* Light publishing needs both hooks and a fence_setup that succeeded. */
static void test_light_needs_setup(void **state)
{
	struct fix *f = *state;
	static const struct xw_chan_ops half = { .fence_setup = fence_setup };
	struct xw_chan c;

	/* fence_setup alone: nobody would fence this end before sleeping. */
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 0, &half, &f->a), 0);
	assert_false(c.light_publish);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 0, NULL, NULL), 0);
	assert_false(c.light_publish);
	f->a.setup_rc = XW_ENOSYS;
	open_both(f);
	assert_false(f->a.ch.light_publish);
	assert_true(f->b.ch.light_publish);
}

/*
 * The receiver arms its data event and, before it re-reads prod, the sender
 * publishes without a fence (inside fence_peer). The receiver must find the
 * message on its re-check and never sleep; the sender, whose load of the
 * event word comes after the receiver's store, rings once.
 */
static void test_publish_between_arm_and_recheck(void **state)
{
	struct fix *f = *state;
	char in[16];
	size_t len;

	open_both(f);
	assert_true(f->a.ch.light_publish);
	/* The first publish crosses the initial event index: take it out of the count. */
	assert_int_equal(xw_chan_send(&f->a.ch, "0", 1, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, 0, 0), XW_OK);
	f->a.notified[XW_CHAN_EV_DATA] = 0;

	f->b.in_fence = PEER_SENDS;
	/* Finite: without a clock one wait is allowed, so a broken re-check fails instead of hanging. */
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, 1000000000ull, 0), XW_OK);
	assert_int_equal(len, 4);
	assert_memory_equal(in, "ping", 4);
	assert_int_equal(f->b.fences, 1);
	assert_int_equal(f->b.waits, 0);
	assert_int_equal(f->a.notified[XW_CHAN_EV_DATA], 1);
	/* Awake again (it consumed): the next light publish rings nobody. */
	assert_int_equal(xw_chan_send(&f->a.ch, "1", 1, 0, 0), XW_OK);
	assert_int_equal(f->a.notified[XW_CHAN_EV_DATA], 1);
}

/* A light publish after the receiver armed (xw_chan_arm_rx, poll integration) rings it. */
static void test_publish_after_arm_notifies(void **state)
{
	struct fix *f = *state;
	char in[16];
	size_t len;

	open_both(f);
	assert_int_equal(xw_chan_send(&f->a.ch, "0", 1, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, 0, 0), XW_OK);
	f->a.notified[XW_CHAN_EV_DATA] = 0;
	assert_int_equal(xw_chan_arm_rx(&f->b.ch), XW_EAGAIN);
	assert_int_equal(f->b.fences, 1);
	assert_int_equal(xw_chan_send(&f->a.ch, "1", 1, 0, 0), XW_OK);
	assert_int_equal(f->a.notified[XW_CHAN_EV_DATA], 1);
	assert_int_equal(xw_chan_send(&f->a.ch, "2", 1, 0, 0), XW_OK);
	assert_int_equal(f->a.notified[XW_CHAN_EV_DATA], 1);
	/* Published before the arm: the arm's re-check finds it, no doorbell needed. */
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(xw_chan_send(&f->a.ch, "3", 1, 0, 0), XW_OK);
	assert_int_equal(xw_chan_arm_rx(&f->b.ch), XW_OK);
}

/*
 * The other direction: a full sender arms its space event and, before it
 * re-reads cons, the receiver consumes (its publish of cons is light). The
 * sender must see the space and not sleep.
 */
static void test_consume_between_arm_and_recheck(void **state)
{
	struct fix *f = *state;
	char msg[100] = { 0 };
	unsigned n = 0;

	open_both(f);
	while (xw_chan_send(&f->a.ch, msg, sizeof(msg), 0, 0) == XW_OK)
		n++;
	assert_true(n > 1);
	f->a.in_fence = PEER_RECEIVES;
	assert_int_equal(xw_chan_send(&f->a.ch, msg, sizeof(msg), 1000000000ull, 0), XW_OK);
	assert_int_equal(f->a.fences, 1);
	assert_int_equal(f->a.waits, 0);
	assert_int_equal(f->b.notified[XW_CHAN_EV_SPACE], 1);
}

/*
 * fence_peer failed: a wake-up may be lost, so no sleep is longer than
 * XW_CHAN_FENCE_LOST_NS and the message published during the sleeps (with no
 * doorbell reaching anyone: the wait hook only times out) is still found.
 */
static void test_fence_lost_bounds_sleep(void **state)
{
	struct fix *f = *state;
	char in[16];
	size_t len;

	open_both(f);
	f->b.peer_rc = XW_EIO;
	f->b.send_on_wait = 3;
	assert_int_equal(xw_chan_recv(&f->b.ch, in, sizeof(in), &len, XW_CHAN_FOREVER, 0), XW_OK);
	assert_int_equal(len, 4);
	assert_true(f->b.waits >= 3);
	assert_true(f->b.max_wait_ns <= XW_CHAN_FENCE_LOST_NS);
	assert_true(f->b.ch.fence_lost);
	/* Without the failure a sleep is as long as asked. */
	assert_false(f->a.ch.fence_lost);
	f->a.max_wait_ns = 0;
	assert_int_equal(xw_chan_recv(&f->a.ch, in, sizeof(in), &len, 5000000000ull, 0), XW_ETIMEDOUT);
	assert_true(f->a.max_wait_ns > XW_CHAN_FENCE_LOST_NS);
}

/* The hosted ops: a 10 us default spin, and light publishing when membarrier(2) works. */
static void test_host_defaults(void **state)
{
	struct fix *f = *state;
	struct xw_host_bells bells;
	struct xw_host_end he;
	struct xw_chan c;

	assert_int_equal(xw_host_bells_create(&bells), 0);
	xw_host_end_init(&he, &bells, 0);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 0, &xw_host_ops, &he), 0);
	assert_int_equal(c.spin_ns, XW_HOST_SPIN_NS);
	assert_int_equal(c.light_publish, xw_host_ops.fence_setup(&he) == 0);
	xw_chan_set_spin(&c, 0);
	assert_int_equal(c.spin_ns, 0);
	xw_host_bells_destroy(&bells);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_light_needs_setup),
		T(test_publish_between_arm_and_recheck),
		T(test_publish_after_arm_notifies),
		T(test_consume_between_arm_and_recheck),
		T(test_fence_lost_bounds_sleep),
		T(test_host_defaults),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
