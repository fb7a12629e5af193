// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of the channel library's zero-copy forms (the Linux driver's
 * XW_IOC_ZC_*): page-aligned region layouts (xw_region_*_al, what lets a
 * driver map exactly an area), xw_chan_send_ref() of a piece the caller
 * filled in place, the consumer's view through xw_chan_peek_ref() (held, then
 * dropped), xw_chan_tx_wait_past() on the producer side, and the arguments
 * each refuses. Single-threaded: no platform hooks, no waits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#define RING 4096u
#define BULK (64u << 10)
#define PAGE 4096u

struct fix {
	void *base;
	size_t size;
	struct xw_chan a, b; /* a = end 0 (sends by reference), b = end 1 */
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	void *p = NULL;

	f->size = xw_region_size_ref_al(1, RING, BULK, BULK, PAGE);
	assert_true(f->size > 0);
	assert_int_equal(posix_memalign(&p, PAGE, f->size), 0);
	memset(p, 0x5a, f->size);
	f->base = p;
	assert_int_equal(xw_region_init_ref_al(f->base, f->size, 1, RING, BULK, BULK, PAGE), 0);
	assert_int_equal(xw_chan_open(&f->a, f->base, f->size, 0, 0, NULL, NULL), 0);
	assert_int_equal(xw_chan_open(&f->b, f->base, f->size, 0, 1, NULL, NULL), 0);
	xw_chan_set_ref_min(&f->a, 0); /* the caller owns the area */
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

static void test_aligned_layout(void **state)
{
	struct fix *f = *state;
	size_t off0 = (size_t)((const volatile uint8_t *)f->a.tx_bulk - (uint8_t *)f->base);
	size_t off1 = (size_t)((const volatile uint8_t *)f->a.rx_bulk - (uint8_t *)f->base);

	/* Both areas on page boundaries, and their pages hold nothing else. */
	assert_int_equal(off0 % PAGE, 0);
	assert_int_equal(off1 % PAGE, 0);
	assert_true(off0 + BULK <= off1);
	assert_true(off1 + BULK <= f->size);
	/* Line alignment is the unaligned layout, byte for byte in size. */
	assert_int_equal(xw_region_size_ref_al(2, RING, BULK, 8192, XW_CHAN_LINE),
			 xw_region_size_ref(2, RING, BULK, 8192));
	/* Several channels: each one's areas aligned too (the other end opens them). */
	{
		size_t sz = xw_region_size_ref_al(3, RING, 5000, 4096, PAGE);
		void *p = NULL;
		struct xw_chan c;

		assert_int_equal(posix_memalign(&p, PAGE, sz), 0);
		assert_int_equal(xw_region_init_ref_al(p, sz, 3, RING, 5000, 4096, PAGE), 0);
		for (unsigned i = 0; i < 3; i++) {
			assert_int_equal(xw_chan_open(&c, p, sz, i, 1, NULL, NULL), 0);
			assert_int_equal((size_t)((const volatile uint8_t *)c.rx_bulk - (uint8_t *)p) % PAGE, 0);
			assert_int_equal((size_t)((const volatile uint8_t *)c.tx_bulk - (uint8_t *)p) % PAGE, 0);
		}
		free(p);
	}
	/* Bad alignments are refused, not rounded. */
	assert_int_equal(xw_region_size_ref_al(1, RING, BULK, BULK, 64), 0);
	assert_int_equal(xw_region_size_ref_al(1, RING, BULK, BULK, 3000), 0);
	assert_int_equal(xw_region_size_ref_al(1, RING, BULK, BULK, 1u << 21), 0);
}

static void test_send_ref_in_place(void **state)
{
	struct fix *f = *state;
	uint8_t *area = (uint8_t *)(uintptr_t)f->a.tx_bulk, got[300];
	uint32_t mark, off, len;
	uint64_t mlen;
	size_t n;
	bool eom;

	memset(area + 4096, 'q', 300);
	assert_int_equal(xw_chan_send_ref(&f->a, 4096, 300, &mark, 0, 0), XW_OK);
	/* Nothing consumed yet: the producer must not reuse the piece. */
	assert_int_equal(xw_chan_tx_wait_past(&f->a, mark, 0), XW_EAGAIN);
	assert_int_equal(xw_chan_peek(&f->b, &mlen), XW_OK);
	assert_int_equal(mlen, 300);
	assert_int_equal(xw_chan_peek_ref(&f->b, &off, &len), XW_OK);
	assert_int_equal(off, 4096);
	assert_int_equal(len, 300);
	/* Held: peeking again gives the same piece, and the producer still waits. */
	assert_int_equal(xw_chan_peek_ref(&f->b, &off, &len), XW_OK);
	assert_int_equal(off, 4096);
	assert_int_equal(xw_chan_tx_wait_past(&f->a, mark, 0), XW_EAGAIN);
	assert_memory_equal((const uint8_t *)(uintptr_t)f->b.rx_bulk + off, area + 4096, 300);
	/* Dropped unread (the release): consumed, published, and the piece is free. */
	assert_int_equal(xw_chan_recv_with(&f->b, NULL, NULL, len, &n, &eom, 0, 0), XW_OK);
	assert_int_equal(n, 300);
	assert_true(eom);
	assert_int_equal(xw_chan_tx_wait_past(&f->a, mark, 0), XW_OK);
	assert_int_equal(xw_chan_peek_ref(&f->b, &off, &len), XW_EAGAIN);
	/* The same piece again, received by copy this time. */
	memset(area + 4096, 'r', 300);
	assert_int_equal(xw_chan_send_ref(&f->a, 4096, 300, &mark, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, got, sizeof(got), &n, 0, 0), XW_OK);
	assert_int_equal(n, 300);
	assert_true(got[0] == 'r' && got[299] == 'r');
	/* A mark long passed (outside [cons, prod]) counts as passed. */
	assert_int_equal(xw_chan_tx_wait_past(&f->a, mark - 4 * RING, 0), XW_OK);
}

static void test_send_ref_refusals(void **state)
{
	struct fix *f = *state;
	uint32_t mark, off, len;
	size_t sent;
	char small[10] = "0123456789";

	assert_int_equal(xw_chan_send_ref(&f->a, 0, 0, &mark, 0, 0), XW_EINVAL);       /* empty */
	assert_int_equal(xw_chan_send_ref(&f->a, BULK, 1, &mark, 0, 0), XW_EINVAL);    /* past */
	assert_int_equal(xw_chan_send_ref(&f->a, 1, BULK, &mark, 0, 0), XW_EINVAL);    /* reaches past */
	assert_int_equal(xw_chan_send_ref(&f->a, UINT32_MAX, 2, &mark, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_ref(&f->a, 0, 1, NULL, 0, 0), XW_EINVAL);
	assert_int_equal(xw_chan_send_ref(&f->a, 0, 1, &mark, 0, 0x80), XW_EINVAL);    /* flags */
	/* A message in progress (send_some) is not interrupted. */
	assert_int_equal(xw_chan_send_some(&f->a, 20, small, 10, &sent, 0, 0), XW_OK);
	assert_int_equal(xw_chan_send_ref(&f->a, 0, 1, &mark, 0, 0), XW_EBUSY);
	assert_int_equal(xw_chan_send_some(&f->a, 20, small, 10, &sent, 0, 0), XW_OK);
	/* An in-ring message is not a REF: the receiver must copy it. */
	assert_int_equal(xw_chan_peek_ref(&f->b, &off, &len), XW_ENOTSUP);
	assert_int_equal(xw_chan_peek_ref(&f->b, NULL, &len), XW_EINVAL);
	/* The whole area is one piece; the ring fills with REF records (32 bytes each). */
	{
		char buf[32];
		size_t n;
		int k = 0;

		assert_int_equal(xw_chan_recv(&f->b, buf, sizeof(buf), &n, 0, 0), XW_OK);
		assert_int_equal(xw_chan_send_ref(&f->a, 0, BULK, &mark, 0, 0), XW_OK);
		while (xw_chan_send_ref(&f->a, 0, BULK, &mark, 0, 0) == XW_OK)
			k++;
		assert_int_equal(k, RING / 32 - 1);
		assert_int_equal(xw_chan_send_ref(&f->a, 0, BULK, &mark, 0, 0), XW_EAGAIN);
	}
	/* A channel without an area sends no REF. */
	{
		size_t sz = xw_region_size(1, RING);
		void *p = NULL;
		struct xw_chan c;

		assert_int_equal(posix_memalign(&p, 128, sz), 0);
		assert_int_equal(xw_region_init(p, sz, 1, RING), 0);
		assert_int_equal(xw_chan_open(&c, p, sz, 0, 0, NULL, NULL), 0);
		assert_int_equal(xw_chan_send_ref(&c, 0, 1, &mark, 0, 0), XW_EINVAL);
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_aligned_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_ref_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_ref_refusals, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
