// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the channel library: layout validation, the data path in one
 * thread (both ends in one region), every error path a hostile peer can
 * trigger, and a two-thread run over the hosted eventfd doorbells.
 */
#include <pthread.h>
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

struct fix {
	void *base;
	size_t size;
	struct xw_chan a, b; /* a = end 0, b = end 1 of channel 0 */
};

static void *region_alloc(size_t size)
{
	void *p = NULL;

	assert_int_equal(posix_memalign(&p, 4096, size), 0);
	memset(p, 0xa5, size); /* init must not rely on zeroed memory */
	return p;
}

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	f->size = xw_region_size(2, RING);
	f->base = region_alloc(f->size);
	assert_int_equal(xw_region_init(f->base, f->size, 2, RING), 0);
	assert_int_equal(xw_chan_open(&f->a, f->base, f->size, 0, 0, NULL, NULL), 0);
	assert_int_equal(xw_chan_open(&f->b, f->base, f->size, 0, 1, NULL, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;

	free(f->base);
	free(f);
	return 0;
}

static volatile struct xw_chan_hdr *chan_hdr(struct fix *f, unsigned idx)
{
	struct xw_region_ent *e = (void *)((uint8_t *)f->base + XW_CHAN_LINE);

	return (volatile struct xw_chan_hdr *)((uint8_t *)f->base + e[idx].off);
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31u + i * 7u + (i >> 8));
}

/* --- layout -------------------------------------------------------------- */

static void test_region_size_limits(void **state)
{
	(void)state;
	assert_int_equal(xw_region_size(0, RING), 0);
	assert_int_equal(xw_region_size(XW_REGION_MAX_CHANS + 1, RING), 0);
	assert_int_equal(xw_region_size(1, 1000), 0);
	assert_int_equal(xw_region_size(1, XW_CHAN_RING_MIN / 2), 0);
	assert_int_equal(xw_region_size(1, XW_CHAN_RING_MAX * 2u), 0);
	assert_int_equal(xw_region_size(1, RING), 256 + sizeof(struct xw_chan_hdr) + 2 * RING);
}

static void test_region_init_errors(void **state)
{
	size_t sz = xw_region_size(1, RING);
	uint8_t *p = region_alloc(sz + XW_CHAN_LINE);

	(void)state;
	assert_int_equal(xw_region_init(NULL, sz, 1, RING), XW_EINVAL);
	assert_int_equal(xw_region_init(p + 8, sz, 1, RING), XW_EINVAL);
	assert_int_equal(xw_region_init(p, sz - 1, 1, RING), XW_EINVAL);
	assert_int_equal(xw_region_init(p, sz, 0, RING), XW_EINVAL);
	assert_int_equal(xw_region_init(p, sz, 1, 300), XW_EINVAL);
	assert_int_equal(xw_region_init(p, sz, 1, RING), XW_OK);
	free(p);
}

/* Each corruption of a formatted region must be refused by open. */
static void test_open_rejects_bad_headers(void **state)
{
	struct fix *f = *state;
	struct xw_region_hdr *rh = f->base;
	struct xw_region_ent *ent = (void *)((uint8_t *)f->base + XW_CHAN_LINE);
	struct xw_chan_info *ci = (struct xw_chan_info *)((uint8_t *)f->base + ent[0].off);
	struct xw_chan c;
	uint8_t save[2048];

	memcpy(save, f->base, sizeof(save));
#define EXPECT_OPEN(rc, idx)                                                                   \
	do {                                                                                   \
		assert_int_equal(xw_chan_open(&c, f->base, f->size, (idx), 0, NULL, NULL), (rc)); \
		memcpy(f->base, save, sizeof(save));                                           \
	} while (0)

	rh->magic ^= 1;
	EXPECT_OPEN(XW_EPROTO, 0);
	rh->version += 1u << 16;
	EXPECT_OPEN(XW_ENOTSUP, 0);
	rh->features = 0x8;
	EXPECT_OPEN(XW_ENOTSUP, 0);
	rh->nchan = 0;
	EXPECT_OPEN(XW_EPROTO, 0);
	rh->nchan = 100000;
	EXPECT_OPEN(XW_EPROTO, 0);
	rh->region_size += 128;
	EXPECT_OPEN(XW_EPROTO, 0);
	rh->hdr_size = 64;
	EXPECT_OPEN(XW_EPROTO, 0);
	EXPECT_OPEN(XW_ENOENT, 2);
	ent[0].off = f->size;
	EXPECT_OPEN(XW_EPROTO, 0);
	ent[0].off += 8;
	EXPECT_OPEN(XW_EPROTO, 0);
	ent[0].size = UINT64_MAX;
	EXPECT_OPEN(XW_EPROTO, 0);
	ent[0].off = 0; /* overlaps the region header */
	EXPECT_OPEN(XW_EPROTO, 0);
	ent[1].off = ent[0].off; /* channel 1 overlaps channel 0 */
	EXPECT_OPEN(XW_EPROTO, 1);
	ent[1].off = ent[0].off + 128; /* channel 0 overlaps channel 1 */
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->magic = 0;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->hdr_size = 0;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->ring_size[0] = 1000;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->ring_size[1] = 1u << 31;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->ring_off[0] = 64;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->ring_off[1] = ci->ring_off[0]; /* rings overlap */
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->ring_off[1] = (uint32_t)ent[0].size; /* ring past the channel */
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->chan_size += 128;
	EXPECT_OPEN(XW_EPROTO, 0);
	ci->features = 0x80; /* XW_CHAN_F_REF (1) is known since version 2 */
	EXPECT_OPEN(XW_ENOTSUP, 0);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 2, NULL, NULL), XW_EINVAL);
	assert_int_equal(xw_chan_open(&c, (uint8_t *)f->base + 8, f->size, 0, 0, NULL, NULL),
			 XW_EINVAL);
	assert_int_equal(xw_chan_open(&c, f->base, 64, 0, 0, NULL, NULL), XW_EINVAL);
	/* The pristine copy still opens (channel 1 is untouched and fresh). */
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 1, 0, NULL, NULL), XW_OK);
#undef EXPECT_OPEN
}

static void test_open_needs_fresh_channel(void **state)
{
	struct fix *f = *state;
	struct xw_chan c;
	uint8_t m[8] = { 0 };

	assert_int_equal(xw_chan_send(&f->a, m, sizeof(m), 0, 0), XW_OK);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 0, NULL, NULL), XW_EBUSY);
	xw_chan_close(&f->a);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 1, NULL, NULL), XW_EPIPE);
	assert_int_equal(xw_region_reset_chan(f->base, f->size, 0), XW_OK);
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 0, NULL, NULL), XW_OK);
	assert_int_equal(xw_region_reset_chan(f->base, f->size, 7), XW_ENOENT);
	assert_int_equal(xw_region_reset_chan((uint8_t *)f->base + 1, f->size, 0), XW_EINVAL);
}

/* --- data path ------------------------------------------------------------ */

static void test_small_messages_roundtrip(void **state)
{
	struct fix *f = *state;
	uint8_t out[200], in[200];
	size_t len;
	uint64_t plen;
	unsigned i;

	for (i = 0; i < 1000; i++) {
		size_t n = i % 113; /* sizes 0..112, all single records */

		fill(out, n, i);
		assert_int_equal(xw_chan_send(&f->a, out, n, 0, 0), XW_OK);
		assert_int_equal(xw_chan_peek(&f->b, &plen), XW_OK);
		assert_int_equal(plen, n);
		memset(in, 0, sizeof(in));
		assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
		assert_int_equal(len, n);
		assert_memory_equal(in, out, n);
	}
	/* And the other direction. */
	assert_int_equal(xw_chan_send(&f->b, "pong", 4, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->a, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(len, 4);
	assert_memory_equal(in, "pong", 4);
	assert_int_equal(xw_chan_recv(&f->a, in, sizeof(in), &len, 0, 0), XW_EAGAIN);
	assert_int_equal(xw_chan_peek(&f->a, &plen), XW_EAGAIN);
}

static void test_zero_length_and_null(void **state)
{
	struct fix *f = *state;
	size_t len = 99, got = 99;
	bool eom = false;

	assert_int_equal(xw_chan_send(&f->a, NULL, 0, 0, 0), XW_OK);
	assert_int_equal(xw_chan_send(&f->a, NULL, 0, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, NULL, 0, &len, 0, 0), XW_OK);
	assert_int_equal(len, 0);
	assert_int_equal(xw_chan_recv_some(&f->b, NULL, 0, &got, &eom, 0, 0), XW_OK);
	assert_int_equal(got, 0);
	assert_true(eom);
	assert_int_equal(xw_chan_send(&f->a, NULL, 5, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send(&f->a, "x", 1, 0, 0x80), XW_EINVAL);
	assert_int_equal(xw_chan_recv(&f->b, NULL, 5, &len, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_recv(&f->b, &len, 1, NULL, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_recv_some(&f->b, &len, 1, NULL, &eom, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_peek(&f->b, NULL), XW_EINVAL);
}

static void test_full_ring_is_eagain_and_atomic(void **state)
{
	struct fix *f = *state;
	uint8_t m[100], in[128];
	size_t len, maxrec = xw_chan_max_record(&f->a);
	unsigned sent = 0, i;

	assert_int_equal(maxrec, RING / 2 - 16);
	fill(m, sizeof(m), 1);
	while (xw_chan_send(&f->a, m, sizeof(m), 0, 0) == XW_OK)
		sent++;
	/* 100 B payload -> 16 + 112 = 128 B records: exactly RING/128 fit. */
	assert_int_equal(sent, RING / 128);
	assert_int_equal(xw_chan_send(&f->a, m, 1, 0, 0), XW_EAGAIN);
	for (i = 0; i < sent; i++) {
		assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
		assert_int_equal(len, sizeof(m));
		assert_memory_equal(in, m, sizeof(m));
	}
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_EAGAIN);
}

static void test_emsgsize_consumes_nothing(void **state)
{
	struct fix *f = *state;
	uint8_t m[64], in[64];
	size_t len = 0;

	fill(m, sizeof(m), 3);
	assert_int_equal(xw_chan_send(&f->a, m, sizeof(m), 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, in, 10, &len, 0, 0), XW_EMSGSIZE);
	assert_int_equal(len, 64);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(len, 64);
	assert_memory_equal(in, m, 64);
}

/* A message 40x the ring streams through in one thread by alternating sides. */
static void test_large_message_fragments(void **state)
{
	struct fix *f = *state;
	size_t n = 40 * RING + 13, got, off = 0;
	uint8_t *m = malloc(n), *in = malloc(n);
	uint8_t other = 1;
	uint64_t plen;
	bool eom = false;
	int rc;

	fill(m, n, 9);
	rc = xw_chan_send(&f->a, m, n, 0, 0);
	assert_int_equal(rc, XW_EAGAIN);
	/* The receiver learns the full length from the first fragment. */
	assert_int_equal(xw_chan_peek(&f->b, &plen), XW_OK);
	assert_int_equal(plen, n);
	/* Another message cannot interleave with the open one. */
	assert_int_equal(xw_chan_send(&f->a, &other, 1, 0, 0), XW_EBUSY);
	while (!eom) {
		rc = xw_chan_recv_some(&f->b, in + off, 100, &got, &eom, 0, 0);
		assert_true(rc == XW_OK || rc == XW_EAGAIN);
		assert_true(rc == XW_OK || got == 0);
		off += got;
		if (rc == XW_EAGAIN) {
			rc = xw_chan_send(&f->a, m, n, 0, 0);
			assert_true(rc == XW_OK || rc == XW_EAGAIN);
		}
	}
	assert_int_equal(off, n);
	assert_memory_equal(in, m, n);
	assert_int_equal(xw_chan_send(&f->a, m, n, 0, 0), XW_EAGAIN); /* a new one starts */
	free(m);
	free(in);
}

/* Whole-message recv with timeout 0 keeps partial progress in the same buffer. */
static void test_recv_resumes_in_same_buffer(void **state)
{
	struct fix *f = *state;
	size_t n = 5 * RING, len = 0;
	uint8_t *m = malloc(n), *in = calloc(1, n);
	int rs, rr;

	fill(m, n, 5);
	do {
		rs = xw_chan_send(&f->a, m, n, 0, 0);
		rr = xw_chan_recv(&f->b, in, n, &len, 0, 0);
		assert_true(rs == XW_OK || rs == XW_EAGAIN);
		assert_true(rr == XW_OK || rr == XW_EAGAIN);
	} while (rr != XW_OK);
	assert_int_equal(len, n);
	assert_memory_equal(in, m, n);
	free(m);
	free(in);
}

static void test_wraparound_many_sizes(void **state)
{
	struct fix *f = *state;
	uint8_t m[RING * 3], in[RING * 3];
	unsigned i;

	for (i = 0; i < 3000; i++) {
		size_t n = (i * 37u) % sizeof(m), len = 0;
		int rs, rr;

		fill(m, n, i);
		do {
			rs = xw_chan_send(&f->a, m, n, 0, 0);
			rr = xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0);
		} while (rr == XW_EAGAIN);
		assert_int_equal(rs, XW_OK);
		assert_int_equal(rr, XW_OK);
		assert_int_equal(len, n);
		assert_memory_equal(in, m, n);
	}
	struct xw_chan_stats st;
	xw_chan_get_stats(&f->b, &st);
	assert_int_equal(st.rx_msgs, 3000);
	assert_int_equal(st.errors, 0);
}

static void test_more_defers_publish(void **state)
{
	struct fix *f = *state;
	uint8_t in[8];
	size_t len;
	unsigned i;

	assert_int_equal(xw_chan_tx_pending(&f->a), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(xw_chan_send(&f->a, "abcd", 4, 0, XW_CHAN_MORE), XW_OK);
	/* Four records of 16 + 16 bytes wait unpublished. */
	assert_int_equal(xw_chan_tx_pending(&f->a), 4 * 32);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_EAGAIN);
	assert_int_equal(xw_chan_flush(&f->a), XW_OK);
	assert_int_equal(xw_chan_tx_pending(&f->a), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, XW_CHAN_MORE), XW_OK);
	/* The consumer index is not yet published either. */
	assert_int_equal(chan_hdr(f, 0)->ring[0].cons, 0);
	assert_int_equal(xw_chan_flush(&f->b), XW_OK); /* the tx side of b: no effect here */
	assert_int_equal(chan_hdr(f, 0)->ring[0].cons, 0);
	assert_int_equal(xw_chan_flush_rx(&f->b), XW_OK);
	assert_int_equal(chan_hdr(f, 0)->ring[0].cons, 4 * 32);
}

/* --- notifications -------------------------------------------------------- */

struct counting {
	unsigned notified[2];
};

static void count_notify(void *ctx, unsigned ev)
{
	((struct counting *)ctx)->notified[ev & 1]++;
}

static int never_wait(void *ctx, unsigned ev, uint64_t t)
{
	(void)ctx;
	(void)ev;
	(void)t;
	return XW_ETIMEDOUT;
}

static const struct xw_chan_ops counting_ops = { .notify = count_notify, .wait = never_wait };

static void test_notification_suppression(void **state)
{
	struct fix *f = *state;
	struct counting ca = { { 0 } }, cb = { { 0 } };
	struct xw_chan a, b;
	struct xw_chan_stats st;
	uint8_t in[16];
	size_t len;
	unsigned i;

	assert_int_equal(xw_chan_open(&a, f->base, f->size, 1, 0, &counting_ops, &ca), XW_OK);
	assert_int_equal(xw_chan_open(&b, f->base, f->size, 1, 1, &counting_ops, &cb), XW_OK);
	/* Nobody sleeps: after the first publish crosses the initial event 0, no doorbells. */
	for (i = 0; i < 100; i++) {
		assert_int_equal(xw_chan_send(&a, "12345678", 8, 0, 0), XW_OK);
		assert_int_equal(xw_chan_recv(&b, in, sizeof(in), &len, 0, 0), XW_OK);
	}
	assert_int_equal(ca.notified[XW_CHAN_EV_DATA], 1);
	/* The receiver announces it will sleep (the wait hook times out at once). */
	assert_int_equal(xw_chan_recv(&b, in, sizeof(in), &len, 1000, 0), XW_ETIMEDOUT);
	assert_int_equal(xw_chan_send(&a, "x", 1, 0, 0), XW_OK);
	assert_int_equal(ca.notified[XW_CHAN_EV_DATA], 2);
	assert_int_equal(xw_chan_send(&a, "y", 1, 0, 0), XW_OK);
	assert_int_equal(ca.notified[XW_CHAN_EV_DATA], 2);
	xw_chan_get_stats(&a, &st);
	assert_int_equal(st.notify_sent, 2);
	assert_int_equal(st.notify_suppressed, 100);
	/* A full sender that asks to be woken gets a SPACE doorbell when the consumer frees enough. */
	while (xw_chan_send(&a, "z", 1, 0, 0) == XW_OK)
		;
	assert_int_equal(xw_chan_send(&a, "z", 1, 1000, 0), XW_ETIMEDOUT);
	i = cb.notified[XW_CHAN_EV_SPACE];
	assert_int_equal(xw_chan_recv(&b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(cb.notified[XW_CHAN_EV_SPACE], i + 1);
	assert_int_equal(xw_chan_recv(&b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(cb.notified[XW_CHAN_EV_SPACE], i + 1);
}

/* --- hostile peer --------------------------------------------------------- */

static void expect_broken(struct fix *f, struct xw_chan *victim, int rc)
{
	struct xw_chan_stats st;
	uint8_t in[64];
	size_t len;

	assert_int_equal(rc, XW_EPIPE);
	xw_chan_get_stats(victim, &st);
	assert_int_equal(st.errors, 1);
	assert_int_equal(xw_chan_status(victim), XW_EPIPE);
	/* Sticky. */
	assert_int_equal(xw_chan_recv(victim, in, sizeof(in), &len, 0, 0), XW_EPIPE);
	assert_int_equal(xw_chan_send(victim, in, 1, 0, 0), XW_EPIPE);
	/* Published: the other end sees it once its ring runs dry. */
	assert_int_equal(chan_hdr(f, 0)->state[victim->end].state, XW_CHAN_ST_BROKEN);
}

static void corrupt_prod(void **state, uint32_t delta_from_cons, uint32_t preset)
{
	struct fix *f = *state;
	uint8_t in[64];
	size_t len;

	(void)preset;
	chan_hdr(f, 0)->ring[0].prod = delta_from_cons;
	expect_broken(f, &f->b, xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0));
}

static void test_hostile_prod_past_ring(void **state)
{
	corrupt_prod(state, RING + 16, 0);
}

static void test_hostile_prod_unaligned(void **state)
{
	corrupt_prod(state, 8, 0);
}

static void test_hostile_prod_backwards(void **state)
{
	struct fix *f = *state;
	uint8_t in[64];
	size_t len;

	assert_int_equal(xw_chan_send(&f->a, "abc", 3, 0, 0), XW_OK);
	assert_int_equal(xw_chan_send(&f->a, "abc", 3, 0, 0), XW_OK);
	assert_int_equal(xw_chan_peek(&f->b, &(uint64_t){ 0 }), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	chan_hdr(f, 0)->ring[0].prod = 16; /* behind what was consumed */
	expect_broken(f, &f->b, xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0));
}

static void test_hostile_cons(void **state)
{
	struct fix *f = *state;

	int rc;

	assert_int_equal(xw_chan_send(&f->a, "abc", 3, 0, 0), XW_OK);
	/* The consumer claims to have read more than was ever published. */
	chan_hdr(f, 0)->ring[0].cons = 4096;
	while ((rc = xw_chan_send(&f->a, "abc", 3, 0, 0)) == XW_OK)
		;
	expect_broken(f, &f->a, rc);
}

/* Writes a raw record header into ring 0 at index `at` and publishes prod = `prod`. */
static void forge(struct fix *f, uint32_t at, uint32_t len, uint32_t flags, uint64_t arg,
		  uint32_t prod)
{
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);
	struct xw_chan_rec r = { .len = len, .flags = flags, .arg = arg };

	memcpy((uint8_t *)(uintptr_t)h + h->info.ring_off[0] + (at & (RING - 1)), &r, sizeof(r));
	h->ring[0].prod = prod;
}

static void forged_recv_breaks(void **state, uint32_t len, uint32_t flags, uint64_t arg,
			       uint32_t prod)
{
	struct fix *f = *state;
	uint8_t in[RING];
	size_t sz;

	forge(f, 0, len, flags, arg, prod);
	expect_broken(f, &f->b, xw_chan_recv(&f->b, in, sizeof(in), &sz, 0, 0));
}

#define FL_FL (XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST)
static void test_hostile_rec_flags(void **state)
{
	forged_recv_breaks(state, 4, FL_FL | 0x100, 4, 32);
}
static void test_hostile_rec_len_past_prod(void **state)
{
	forged_recv_breaks(state, 17, FL_FL, 17, 32);
}
static void test_hostile_rec_len_huge(void **state)
{
	forged_recv_breaks(state, 0xfffffff8u, FL_FL, 0xfffffff8u, 32);
}
static void test_hostile_rec_len_over_total(void **state)
{
	forged_recv_breaks(state, 8, FL_FL, 4, 32);
}
static void test_hostile_rec_last_short(void **state)
{
	forged_recv_breaks(state, 4, FL_FL, 8, 32);
}
static void test_hostile_rec_cont_without_first(void **state)
{
	forged_recv_breaks(state, 4, XW_CHAN_REC_LAST, 0, 32);
}
static void test_hostile_rec_empty_fragment(void **state)
{
	forged_recv_breaks(state, 0, XW_CHAN_REC_FIRST, 100, 16);
}
static void test_hostile_rec_over_max_msg(void **state)
{
	struct fix *f = *state;

	xw_chan_set_max_msg(&f->b, 1000);
	forged_recv_breaks(state, 4, XW_CHAN_REC_FIRST, 1001, 32);
}

static void test_hostile_rec_bad_offset(void **state)
{
	struct fix *f = *state;
	uint8_t in[RING];
	size_t got;
	bool eom;

	forge(f, 0, 4, XW_CHAN_REC_FIRST, 100, 32);
	assert_int_equal(xw_chan_recv_some(&f->b, in, sizeof(in), &got, &eom, 0, 0), XW_OK);
	assert_int_equal(got, 4);
	assert_false(eom);
	forge(f, 32, 4, 0, 5 /* should be 4 */, 64);
	expect_broken(f, &f->b, xw_chan_recv_some(&f->b, in, sizeof(in), &got, &eom, 0, 0));
}

static void test_hostile_rec_first_inside_message(void **state)
{
	struct fix *f = *state;
	uint8_t in[RING];
	size_t got;
	bool eom;

	forge(f, 0, 4, XW_CHAN_REC_FIRST, 100, 32);
	assert_int_equal(xw_chan_recv_some(&f->b, in, sizeof(in), &got, &eom, 0, 0), XW_OK);
	forge(f, 32, 4, XW_CHAN_REC_FIRST, 100, 64);
	expect_broken(f, &f->b, xw_chan_recv_some(&f->b, in, sizeof(in), &got, &eom, 0, 0));
}

static void test_peer_close_drains_then_epipe(void **state)
{
	struct fix *f = *state;
	uint8_t in[16];
	size_t len;

	assert_int_equal(xw_chan_send(&f->a, "bye", 3, 0, 0), XW_OK);
	xw_chan_close(&f->a);
	assert_int_equal(xw_chan_send(&f->a, "x", 1, 0, 0), XW_EPIPE);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(len, 3);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_EPIPE);
	assert_int_equal(xw_chan_peek(&f->b, &(uint64_t){ 0 }), XW_EPIPE);
}

static void test_broken_peer_seen_by_other_end(void **state)
{
	struct fix *f = *state;
	uint8_t in[16];
	size_t len;

	xw_chan_set_broken(&f->b, XW_EIO);
	assert_int_equal(chan_hdr(f, 0)->state[1].reason, (uint32_t)XW_EIO);
	assert_int_equal(xw_chan_recv(&f->a, in, sizeof(in), &len, 0, 0), XW_EPIPE);
	/* Channel 1 of the same region is unaffected. */
	struct xw_chan c, d;
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 1, 0, NULL, NULL), XW_OK);
	assert_int_equal(xw_chan_open(&d, f->base, f->size, 1, 1, NULL, NULL), XW_OK);
	assert_int_equal(xw_chan_send(&c, "ok", 2, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&d, in, sizeof(in), &len, 0, 0), XW_OK);
}

/* --- two threads over eventfd doorbells ----------------------------------- */

struct thr {
	struct xw_chan ch;
	struct xw_host_end he;
	unsigned count;
	uint64_t sum;
	int rc;
};

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n--)
		h = (h ^ *p++) * 1099511628211ull;
	return h;
}

static size_t msg_size(unsigned i)
{
	/* Mostly small, every 97th spans several rings. */
	return i % 97 == 0 ? 3 * RING + i % 1000 : (i * 13u) % 200;
}

static void *sender(void *arg)
{
	struct thr *t = arg;
	static uint8_t buf[4 * RING];

	for (unsigned i = 0; i < t->count; i++) {
		size_t n = msg_size(i);

		fill(buf, n, i);
		t->sum += fnv(buf, n);
		t->rc = xw_chan_send(&t->ch, buf, n, XW_CHAN_FOREVER, 0);
		if (t->rc)
			break;
	}
	return NULL;
}

/* Both ends poll for up to spin_ns before sleeping (0: sleep at once). */
static void two_threads(struct fix *f, uint64_t spin_ns)
{
	struct xw_host_bells bells;
	struct thr s = { .count = 50000 }, r = { .count = 50000 };
	pthread_t th;
	uint8_t *buf = malloc(4 * RING), *want = malloc(4 * RING);
	struct xw_chan_stats st;
	size_t len;

	assert_int_equal(xw_host_bells_create(&bells), 0);
	xw_host_end_init(&s.he, &bells, 0);
	xw_host_end_init(&r.he, &bells, 1);
	assert_int_equal(xw_chan_open(&s.ch, f->base, f->size, 1, 0, &xw_host_ops, &s.he), 0);
	assert_int_equal(xw_chan_open(&r.ch, f->base, f->size, 1, 1, &xw_host_ops, &r.he), 0);
	xw_chan_set_spin(&s.ch, spin_ns);
	xw_chan_set_spin(&r.ch, spin_ns);
	assert_int_equal(pthread_create(&th, NULL, sender, &s), 0);
	for (unsigned i = 0; i < r.count; i++) {
		size_t n = msg_size(i);

		assert_int_equal(xw_chan_recv(&r.ch, buf, 4 * RING, &len, 5000000000ull, 0), XW_OK);
		assert_int_equal(len, n);
		fill(want, n, i);
		assert_memory_equal(buf, want, n);
		r.sum += fnv(buf, n);
	}
	pthread_join(th, NULL);
	assert_int_equal(s.rc, 0);
	assert_int_equal(r.sum, s.sum);
	/* Empty now: a bounded wait expires, and takes about as long as asked. */
	uint64_t t0 = xw_host_now_ns();
	assert_int_equal(xw_chan_recv(&r.ch, buf, 4 * RING, &len, 20000000, 0), XW_ETIMEDOUT);
	assert_true(xw_host_now_ns() - t0 >= 20000000);
	xw_chan_get_stats(&s.ch, &st);
	assert_int_equal(st.tx_msgs, s.count);
	assert_int_equal(st.errors, 0);
	xw_host_bells_destroy(&bells);
	free(buf);
	free(want);
}

static void test_two_threads_eventfd(void **state)
{
	two_threads(*state, 0);
}

/* With a spin budget far above the wait's timeout, the timeout still rules. */
static void test_two_threads_spin(void **state)
{
	two_threads(*state, 50000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_size_limits),
		cmocka_unit_test(test_region_init_errors),
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_open_rejects_bad_headers),
		T(test_open_needs_fresh_channel),
		T(test_small_messages_roundtrip),
		T(test_zero_length_and_null),
		T(test_full_ring_is_eagain_and_atomic),
		T(test_emsgsize_consumes_nothing),
		T(test_large_message_fragments),
		T(test_recv_resumes_in_same_buffer),
		T(test_wraparound_many_sizes),
		T(test_more_defers_publish),
		T(test_notification_suppression),
		T(test_hostile_prod_past_ring),
		T(test_hostile_prod_unaligned),
		T(test_hostile_prod_backwards),
		T(test_hostile_cons),
		T(test_hostile_rec_flags),
		T(test_hostile_rec_len_past_prod),
		T(test_hostile_rec_len_huge),
		T(test_hostile_rec_len_over_total),
		T(test_hostile_rec_last_short),
		T(test_hostile_rec_cont_without_first),
		T(test_hostile_rec_empty_fragment),
		T(test_hostile_rec_over_max_msg),
		T(test_hostile_rec_bad_offset),
		T(test_hostile_rec_first_inside_message),
		T(test_peer_close_drains_then_epipe),
		T(test_broken_peer_seen_by_other_end),
		T(test_two_threads_eventfd),
		T(test_two_threads_spin),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
