// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of xw_chan_send_some(): messages produced piece by piece (the
 * secure echo relays any size through a small buffer this way), and of
 * xw_chan_arm_rx() (poll), in one thread with both ends of one channel.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#define RING 1024u

struct fix {
	void *base;
	size_t size;
	struct xw_chan a, b; /* a = end 0 (sender here), b = end 1 */
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	f->size = xw_region_size(1, RING);
	assert_int_equal(posix_memalign(&f->base, 4096, f->size), 0);
	assert_int_equal(xw_region_init(f->base, f->size, 1, RING), 0);
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

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31u + i * 7u + (i >> 8));
}

/* A small message in one call arrives as one whole message. */
static void test_small_whole(void **state)
{
	struct fix *f = *state;
	uint8_t m[100], in[128];
	size_t sent = 0, len = 0;

	fill(m, sizeof(m), 1);
	assert_int_equal(xw_chan_send_some(&f->a, sizeof(m), m, sizeof(m), &sent, 0, 0), XW_OK);
	assert_int_equal(sent, sizeof(m));
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(len, sizeof(m));
	assert_memory_equal(in, m, sizeof(m));
}

static void test_zero_length(void **state)
{
	struct fix *f = *state;
	size_t sent = 7, len = 7;
	uint8_t in[4];

	assert_int_equal(xw_chan_send_some(&f->a, 0, NULL, 0, &sent, 0, 0), XW_OK);
	assert_int_equal(sent, 0);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_OK);
	assert_int_equal(len, 0);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), XW_EAGAIN);
}

/* Pieces of odd sizes, many times the ring, interleaved with the receiver. */
static void test_pieces_many_rings(void **state)
{
	struct fix *f = *state;
	static const size_t steps[] = { 1, 7, 300, 5000, 16, 999, 2048 };
	size_t n = 40 * RING + 13, off = 0, roff = 0, got, k = 0;
	uint8_t *m = malloc(n), *in = malloc(n);
	bool eom = false;
	uint64_t plen;

	fill(m, n, 3);
	while (!eom) {
		if (off < n) {
			size_t want = steps[k % 7], sent = 0;
			int rc;

			if (want > n - off)
				want = n - off;
			rc = xw_chan_send_some(&f->a, n, m + off, want, &sent, 0, 0);
			assert_true(rc == XW_OK || (rc == XW_EAGAIN && sent == 0));
			assert_true(sent <= want);
			off += sent;
			if (sent == want)
				k++;
		}
		if (roff == 0 && xw_chan_peek(&f->b, &plen) == XW_OK)
			assert_int_equal(plen, n); /* the length is known from the first piece */
		assert_int_equal(xw_chan_recv_some(&f->b, in + roff, n - roff, &got, &eom, 0, 0) ==
					 XW_OK ||
				 got == 0,
				 1);
		roff += got;
	}
	assert_int_equal(roff, n);
	assert_memory_equal(in, m, n);
	/* The message is closed: the next one may be anything. */
	assert_int_equal(xw_chan_send(&f->a, m, 10, 0, 0), XW_OK);
	free(m);
	free(in);
}

/* A full ring: part goes out (0), then nothing (XW_EAGAIN), nothing is lost. */
static void test_partial_then_eagain(void **state)
{
	struct fix *f = *state;
	size_t n = 4 * RING, sent = 0, got = 0, total = 0;
	uint8_t *m = malloc(n), *in = malloc(n);
	bool eom = false;

	fill(m, n, 5);
	assert_int_equal(xw_chan_send_some(&f->a, n, m, n, &sent, 0, 0), XW_OK);
	assert_true(sent > 0 && sent < n);
	total = sent;
	assert_int_equal(xw_chan_send_some(&f->a, n, m + total, n - total, &sent, 0, 0), XW_EAGAIN);
	assert_int_equal(sent, 0);
	while (!eom) {
		size_t g;

		assert_int_equal(xw_chan_recv_some(&f->b, in + got, n - got, &g, &eom, 0, 0) == XW_OK ||
					 total < n,
				 1);
		got += g;
		if (total < n) {
			xw_chan_send_some(&f->a, n, m + total, n - total, &sent, 0, 0);
			total += sent;
		}
	}
	assert_int_equal(got, n);
	assert_memory_equal(in, m, n);
	free(m);
	free(in);
}

static void test_errors(void **state)
{
	struct fix *f = *state;
	uint8_t m[3000];
	size_t sent;

	fill(m, sizeof(m), 7);
	assert_int_equal(xw_chan_send_some(&f->a, 10, m, 10, NULL, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_some(&f->a, 10, NULL, 5, &sent, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_some(&f->a, 10, m, 11, &sent, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_some(&f->a, 0, m, 1, &sent, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_some(&f->a, 10, m, 1, &sent, 0, 0x80), XW_EINVAL);
	/* Open a 3000-byte message with 5 bytes. */
	assert_int_equal(xw_chan_send_some(&f->a, sizeof(m), m, 5, &sent, 0, 0), XW_OK);
	assert_int_equal(sent, 5);
	assert_int_equal(xw_chan_send_some(&f->a, 999, m, 5, &sent, 0, 0), XW_EBUSY);
	assert_int_equal(xw_chan_send(&f->a, m, 5, 0, 0), XW_EBUSY);
	assert_int_equal(xw_chan_send_some(&f->a, sizeof(m), m, sizeof(m), &sent, 0, 0), XW_EINVAL);
	xw_chan_set_broken(&f->a, XW_EPIPE);
	assert_int_equal(xw_chan_send_some(&f->a, sizeof(m), m + 5, 10, &sent, 0, 0), XW_EPIPE);
}

/* A large xw_chan_send() in progress blocks send_some in turn. */
static void test_send_blocks_send_some(void **state)
{
	struct fix *f = *state;
	size_t n = 4 * RING, sent;
	uint8_t *m = malloc(n);

	fill(m, n, 9);
	assert_int_equal(xw_chan_send(&f->a, m, n, 0, 0), XW_EAGAIN); /* open, part queued */
	assert_int_equal(xw_chan_send_some(&f->a, n, m, 1, &sent, 0, 0), XW_EBUSY);
	free(m);
}

static unsigned notified;
static void count_notify(void *ctx, unsigned ev)
{
	(void)ctx;
	notified += ev == XW_CHAN_EV_DATA;
}
static const struct xw_chan_ops count_ops = { .notify = count_notify };

/* Armed for poll(): the next publish notifies; data already there answers 0. */
static void test_arm_rx(void **state)
{
	struct fix *f = *state;
	struct xw_chan a2;
	uint8_t m[10] = { 1 }, in[16];
	size_t len;

	/* The sender counts its notifications. */
	assert_int_equal(xw_chan_open(&a2, f->base, f->size, 0, 0, &count_ops, NULL), 0);
	assert_int_equal(xw_chan_send(&a2, m, 10, 0, 0), 0);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), 0);
	notified = 0;
	assert_int_equal(xw_chan_arm_rx(&f->b), XW_EAGAIN);
	assert_int_equal(xw_chan_send(&a2, m, 10, 0, 0), 0);
	assert_int_equal(notified, 1);
	assert_int_equal(xw_chan_arm_rx(&f->b), XW_OK);
	/* Not re-armed: a second message while the first is unread needs no doorbell. */
	assert_int_equal(xw_chan_send(&a2, m, 10, 0, 0), 0);
	assert_int_equal(notified, 1);
	xw_chan_set_broken(&a2, XW_EPIPE);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), 0);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &len, 0, 0), 0);
	assert_int_equal(xw_chan_arm_rx(&f->b), XW_EPIPE);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_small_whole),       T(test_zero_length),   T(test_pieces_many_rings),
		T(test_partial_then_eagain), T(test_errors),      T(test_send_blocks_send_some),
		T(test_arm_rx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
