// SPDX-License-Identifier: BSD-2-Clause
/*
 * Unit tests of REF records (channel ABI 2, docs/abi.md): the reference area's
 * layout checks, large messages by reference in one thread and in two (over
 * the hosted eventfd doorbells), the fill/take hooks, and every hostile REF
 * record a producer can write (bad lengths, bad offsets, overlapping pieces,
 * a body changed after it was read).
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
#define BULK 8192u

struct fix {
	void *base;
	size_t size;
	struct xw_chan a, b; /* a = end 0, b = end 1 of channel 0 */
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	void *p = NULL;

	f->size = xw_region_size_ref(2, RING, BULK, BULK);
	assert_int_equal(posix_memalign(&p, 4096, f->size), 0);
	memset(p, 0xa5, f->size);
	f->base = p;
	assert_int_equal(xw_region_init_ref(f->base, f->size, 2, RING, BULK, BULK), 0);
	assert_int_equal(xw_chan_open(&f->a, f->base, f->size, 0, 0, NULL, NULL), 0);
	assert_int_equal(xw_chan_open(&f->b, f->base, f->size, 0, 1, NULL, NULL), 0);
	/* Pieces from 4 KiB on by reference: the area (8 KiB) then holds two. */
	xw_chan_set_ref_min(&f->a, 4096);
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

static uint8_t *area(struct fix *f, unsigned ring)
{
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);

	return (uint8_t *)(uintptr_t)h + h->info.bulk_off[ring];
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31u + i * 7u + (i >> 8));
}

/* --- layout -------------------------------------------------------------- */

static void test_ref_region_layout(void **state)
{
	struct fix *f = *state;
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);

	assert_int_equal(xw_region_size_ref(1, RING, 0, 0), xw_region_size(1, RING));
	assert_int_equal(xw_region_size_ref(1, RING, XW_CHAN_BULK_MIN - 1, 0), 0);
	assert_int_equal(xw_region_size_ref(1, RING, 0, XW_CHAN_RING_MAX * 2u), 0);
	/* Rounded up to a line. */
	assert_int_equal(xw_region_size_ref(1, RING, 4097, 0), xw_region_size_ref(1, RING, 4096 + 128, 0));
	assert_int_equal(h->info.version, XW_CHAN_VERSION);
	assert_int_equal(h->info.features, XW_CHAN_F_REF);
	assert_int_equal(h->info.bulk_size[0], BULK);
	assert_int_equal(h->info.bulk_size[1], BULK);
	assert_int_equal(f->a.tx_bulk_size, BULK);
	assert_int_equal(f->b.rx_bulk_size, BULK);
}

static void test_ref_open_rejects_bad_areas(void **state)
{
	struct fix *f = *state;
	uint8_t *pristine = malloc(f->size);
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);
	struct xw_chan c;
	uint32_t end_of_chan;

	memcpy(pristine, f->base, f->size);
	end_of_chan = (uint32_t)h->info.chan_size;
#define EXPECT_OPEN(want, stmt)                                                             \
	do {                                                                                \
		memcpy(f->base, pristine, f->size);                                         \
		stmt;                                                                       \
		assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 1, NULL, NULL), want); \
	} while (0)
	EXPECT_OPEN(XW_OK, (void)0);
	EXPECT_OPEN(XW_EPROTO, h->info.features = 0);                 /* areas without the feature */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_size[0] = 100);           /* below the minimum */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_size[0] = BULK + 8);      /* not a line multiple */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_off[1] += 8);             /* unaligned */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_off[0] = 0);              /* over the header */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_off[0] = h->info.ring_off[1]); /* over ring 1 */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_off[1] = h->info.bulk_off[0] + 128); /* areas overlap */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_off[1] = end_of_chan);    /* past the channel */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_size[1] = 0x40000000u);   /* larger than the channel */
	EXPECT_OPEN(XW_EPROTO, h->info.bulk_size[1] = 0);             /* no area, stale offset */
	/* No area one way is fine: REF records only the other way. */
	EXPECT_OPEN(XW_OK, (h->info.bulk_size[1] = 0, h->info.bulk_off[1] = 0));
	assert_int_equal(c.rx_bulk_size, BULK);
	assert_int_equal(c.tx_bulk_size, 0);
#undef EXPECT_OPEN
	memcpy(f->base, pristine, f->size);
	free(pristine);
}

/* An area one way only: REF records that way, the other way stays in the ring. */
static void test_ref_one_way(void **state)
{
	size_t sz = xw_region_size_ref(1, RING, BULK, 0), len, sent;
	uint8_t *base = NULL, *out = malloc(3 * RING), *in = malloc(3 * RING);
	struct xw_chan a, b;
	struct xw_chan_stats st;

	(void)state;
	assert_int_equal(posix_memalign((void **)&base, 4096, sz), 0);
	assert_int_equal(sz, xw_region_size(1, RING) + BULK);
	assert_int_equal(xw_region_init_ref(base, sz, 1, RING, BULK, 0), 0);
	assert_int_equal(xw_chan_open(&a, base, sz, 0, 0, NULL, NULL), 0);
	assert_int_equal(xw_chan_open(&b, base, sz, 0, 1, NULL, NULL), 0);
	assert_int_equal(a.tx_bulk_size, BULK);
	assert_int_equal(b.tx_bulk_size, 0);
	xw_chan_set_ref_min(&a, 1024);
	xw_chan_set_ref_min(&b, 1024);
	fill(out, 3 * RING, 4);
	assert_int_equal(xw_chan_send(&a, out, 3 * RING, 0, 0), XW_OK); /* one REF record */
	assert_int_equal(xw_chan_recv(&b, in, 3 * RING, &len, 0, 0), XW_OK);
	assert_memory_equal(in, out, 3 * RING);
	/* b -> a streams through the ring: a partial send, no REF record. */
	assert_int_equal(xw_chan_send_some(&b, 3 * RING, out, 3 * RING, &sent, 0, 0), XW_OK);
	assert_true(sent < 3 * RING);
	xw_chan_get_stats(&b, &st);
	assert_int_equal(st.refs_sent, 0);
	assert_int_equal(st.refs_received, 1);
	free(base);
	free(out);
	free(in);
}

/* --- data path ----------------------------------------------------------- */

static void test_ref_large_messages_roundtrip(void **state)
{
	struct fix *f = *state;
	static const size_t sizes[] = { 4096, 5000, BULK, BULK + 1, 3 * BULK + 77, 100000 };
	uint8_t *out = malloc(100000), *in = malloc(100000);
	struct xw_chan_stats sa, sb;
	size_t len, sent, got;
	bool eom;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i], off = 0, rcvd = 0;

		fill(out, n, (unsigned)i);
		memset(in, 0, n);
		/* Both ends in one thread: alternate, as a doorbell-driven peer would. */
		while (off < n || rcvd < n) {
			if (off < n) {
				int rc = xw_chan_send_some(&f->a, n, out + off, n - off, &sent, 0, 0);

				assert_true(rc == XW_OK || rc == XW_EAGAIN);
				off += sent;
			}
			int rc = xw_chan_recv_some(&f->b, in + rcvd, n - rcvd, &got, &eom, 0, 0);

			assert_true(rc == XW_OK || rc == XW_EAGAIN);
			rcvd += got;
		}
		assert_true(eom);
		assert_memory_equal(in, out, n);
	}
	/* A small message after them still goes inline and whole. */
	assert_int_equal(xw_chan_send(&f->a, "hi", 2, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv(&f->b, in, 100000, &len, 0, 0), XW_OK);
	assert_int_equal(len, 2);
	xw_chan_get_stats(&f->a, &sa);
	xw_chan_get_stats(&f->b, &sb);
	assert_true(sa.refs_sent >= 6);
	assert_int_equal(sa.refs_sent, sb.refs_received);
	assert_int_equal(sb.errors, 0);
	free(out);
	free(in);
}

/* A whole message larger than the ring goes by reference in a couple of records. */
static void test_ref_whole_message_few_records(void **state)
{
	struct fix *f = *state;
	uint8_t *out = malloc(BULK), *in = malloc(BULK);
	struct xw_chan_stats st;
	size_t len;

	fill(out, BULK, 9);
	assert_int_equal(xw_chan_send(&f->a, out, BULK, 0, 0), XW_OK);
	xw_chan_get_stats(&f->a, &st);
	assert_int_equal(st.refs_sent, 1); /* the whole area at once: one record, 32 ring bytes */
	assert_int_equal(xw_chan_recv(&f->b, in, BULK, &len, 0, 0), XW_OK);
	assert_int_equal(len, BULK);
	assert_memory_equal(in, out, BULK);
	/* The area is free again: the next one fits without a wait. */
	assert_int_equal(xw_chan_send(&f->a, out, BULK, 0, 0), XW_OK);
	/* Not consumed yet: another one finds no room (non-blocking) and sends nothing. */
	assert_int_equal(xw_chan_send(&f->a, out, 2 * RING, 0, 0), XW_EAGAIN);
	free(out);
	free(in);
}

/* ref_min 0: never by reference; the old path is unchanged. */
static void test_ref_min_zero_inline(void **state)
{
	struct fix *f = *state;
	uint8_t *out = malloc(5 * RING), *in = malloc(5 * RING);
	struct xw_chan_stats st;
	size_t sent, got, rcvd = 0, off = 0;
	bool eom = false;

	xw_chan_set_ref_min(&f->a, 0);
	fill(out, 5 * RING, 3);
	while (!eom) {
		if (off < 5 * RING) {
			xw_chan_send_some(&f->a, 5 * RING, out + off, 5 * RING - off, &sent, 0, 0);
			off += sent;
		}
		int rc = xw_chan_recv_some(&f->b, in + rcvd, 5 * RING - rcvd, &got, &eom, 0, 0);

		assert_true(rc == XW_OK || rc == XW_EAGAIN);
		rcvd += got;
	}
	assert_memory_equal(in, out, 5 * RING);
	xw_chan_get_stats(&f->a, &st);
	assert_int_equal(st.refs_sent, 0);
	free(out);
	free(in);
}

struct hook {
	uint8_t buf[3 * BULK];
	uint64_t limit; /* take: at most this many bytes in all */
	uint64_t taken;
	int fail_at;    /* fill: fail the call whose offset reaches this (-1: never) */
};

static int fill_hook(void *ctx, volatile void *dst, uint64_t off, size_t n)
{
	struct hook *h = ctx;

	if (h->fail_at >= 0 && off + n > (uint64_t)h->fail_at)
		return XW_EFAULT;
	memcpy((void *)(uintptr_t)dst, h->buf + off, n);
	return 0;
}

static int64_t take_hook(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	struct hook *h = ctx;
	size_t k = h->limit - h->taken < n ? (size_t)(h->limit - h->taken) : n;

	memcpy(h->buf + off, (const void *)(uintptr_t)src, k);
	h->taken += k;
	return (int64_t)k;
}

static void test_ref_fill_and_take_hooks(void **state)
{
	struct fix *f = *state;
	struct hook *src = calloc(1, sizeof(*src)), *dst = calloc(1, sizeof(*dst));
	size_t sent, got;
	bool eom;

	fill(src->buf, 2 * BULK, 5);
	src->fail_at = -1;
	assert_int_equal(xw_chan_send_fill(&f->a, 2 * BULK, fill_hook, src, 2 * BULK, &sent, 0, 0),
			 XW_OK);
	/* The area holds BULK: the rest waits (non-blocking: a short send). */
	assert_int_equal(sent, BULK);
	/* A hook that takes 1000 bytes at a time: the call stops there, the rest stays. */
	dst->limit = 1000;
	assert_int_equal(xw_chan_recv_with(&f->b, take_hook, dst, SIZE_MAX, &got, &eom, 0, 0), XW_OK);
	assert_int_equal(got, 1000);
	assert_false(eom);
	/* Taking nothing is "try later", not an empty success. */
	assert_int_equal(xw_chan_recv_with(&f->b, take_hook, dst, SIZE_MAX, &got, &eom, 0, 0),
			 XW_EAGAIN);
	dst->limit = UINT64_MAX;
	while (dst->taken < sent) {
		assert_int_equal(xw_chan_recv_with(&f->b, take_hook, dst, SIZE_MAX, &got, &eom, 0, 0),
				 XW_OK);
	}
	assert_int_equal(xw_chan_send_fill(&f->a, 2 * BULK, fill_hook, src, BULK, &sent, 0, 0), XW_OK);
	assert_int_equal(sent, BULK);
	/* A NULL take drops the bytes unread and still ends the message. */
	do {
		assert_int_equal(xw_chan_recv_with(&f->b, NULL, NULL, SIZE_MAX, &got, &eom, 0, 0), XW_OK);
	} while (!eom);
	assert_memory_equal(dst->buf, src->buf, dst->taken);
	/* A failing fill hook: its error, nothing of that piece published. */
	src->fail_at = 10;
	assert_int_equal(xw_chan_send_fill(&f->a, 5000, fill_hook, src, 5000, &sent, 0, 0), XW_EFAULT);
	assert_int_equal(sent, 0);
	assert_int_equal(xw_chan_recv_with(&f->b, NULL, NULL, SIZE_MAX, &got, &eom, 0, 0), XW_EAGAIN);
	assert_int_equal(xw_chan_send_fill(&f->a, 5000, NULL, NULL, 5000, &sent, 0, 0), XW_EINVAL);
	/* No message was left open by the failed fill: another length is accepted. */
	assert_int_equal(xw_chan_send(&f->a, "x", 1, 0, 0), XW_OK);
	assert_int_equal(xw_chan_recv_with(&f->b, NULL, NULL, SIZE_MAX, &got, &eom, 0, 0), XW_OK);
	assert_true(eom);
	assert_int_equal(got, 1);
	free(src);
	free(dst);
}

/* --- hostile REF records --------------------------------------------------- */

/* Writes a REF record (header + body) into ring 0 at `at` and publishes prod = `prod`. */
static void forge_ref(struct fix *f, uint32_t at, uint32_t len, uint32_t flags, uint64_t arg,
		      uint64_t off, uint64_t rsvd, uint32_t prod)
{
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);
	struct xw_chan_rec r = { .len = len, .flags = flags | XW_CHAN_REC_REF, .arg = arg };
	struct xw_chan_ref ref = { .off = off, .reserved = rsvd };
	uint8_t *ring = (uint8_t *)(uintptr_t)h + h->info.ring_off[0];

	memcpy(ring + (at & (RING - 1)), &r, sizeof(r));
	memcpy(ring + ((at + 16) & (RING - 1)), &ref, sizeof(ref));
	h->ring[0].prod = prod;
}

static void expect_broken(struct xw_chan *victim, int rc)
{
	struct xw_chan_stats st;
	uint8_t in[64];
	size_t len;

	assert_int_equal(rc, XW_EPIPE);
	xw_chan_get_stats(victim, &st);
	assert_int_equal(st.errors, 1);
	assert_int_equal(xw_chan_recv(victim, in, sizeof(in), &len, 0, 0), XW_EPIPE);
}

static void ref_breaks(void **state, uint32_t len, uint64_t arg, uint64_t off, uint64_t rsvd,
		       uint32_t prod)
{
	struct fix *f = *state;
	static uint8_t in[4 * BULK];
	size_t sz;

	forge_ref(f, 0, len, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, arg, off, rsvd, prod);
	expect_broken(&f->b, xw_chan_recv(&f->b, in, sizeof(in), &sz, 0, 0));
}

static void test_ref_hostile_off_past_area(void **state)
{
	ref_breaks(state, 16, 16, BULK, 0, 32);
}
static void test_ref_hostile_len_past_area(void **state)
{
	ref_breaks(state, 200, 200, BULK - 100, 0, 32);
}
static void test_ref_hostile_len_over_area(void **state)
{
	ref_breaks(state, BULK + 16, BULK + 16, 0, 0, 32);
}
static void test_ref_hostile_off_wraps(void **state)
{
	/* off + len overflows 64 bits: must not pass as "small". */
	ref_breaks(state, 32, 32, UINT64_MAX - 15, 0, 32);
}
static void test_ref_hostile_zero_len(void **state)
{
	ref_breaks(state, 0, 0, 0, 0, 32);
}
static void test_ref_hostile_reserved(void **state)
{
	ref_breaks(state, 16, 16, 0, 1, 32);
}
static void test_ref_hostile_body_unpublished(void **state)
{
	/* Only the header is published: the body is not the producer's to claim yet. */
	ref_breaks(state, 16, 16, 0, 0, 16);
}
static void test_ref_hostile_len_over_total(void **state)
{
	ref_breaks(state, 64, 32, 0, 0, 32);
}

/* A REF record on a channel whose producer has no area that way. */
static void test_ref_hostile_no_area(void **state)
{
	struct fix *f = *state;
	volatile struct xw_chan_hdr *h = chan_hdr(f, 0);
	struct xw_chan c;
	uint8_t in[64];
	size_t sz;

	h->info.bulk_size[0] = 0;
	h->info.bulk_off[0] = 0;
	assert_int_equal(xw_chan_open(&c, f->base, f->size, 0, 1, NULL, NULL), XW_OK);
	assert_int_equal(c.rx_bulk_size, 0);
	forge_ref(f, 0, 16, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, 16, 0, 0, 32);
	expect_broken(&c, xw_chan_recv(&c, in, sizeof(in), &sz, 0, 0));
}

/*
 * Overlapping pieces (two records naming the same bytes) are the producer's
 * business: the receiver delivers them as they are, within the area.
 */
static void test_ref_overlapping_pieces(void **state)
{
	struct fix *f = *state;
	uint8_t *a = area(f, 0), in[256];
	size_t sz;

	fill(a, 256, 1);
	forge_ref(f, 0, 256, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, 256, 0, 0, 32);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &sz, 0, 0), XW_OK);
	assert_memory_equal(in, a, 256);
	forge_ref(f, 32, 128, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, 128, 64, 0, 64);
	assert_int_equal(xw_chan_recv(&f->b, in, sizeof(in), &sz, 0, 0), XW_OK);
	assert_int_equal(sz, 128);
	assert_memory_equal(in, a + 64, 128);
}

/*
 * Changed under us: once the receiver has read a REF body it uses its copy. A
 * producer that rewrites the body (to point past the area) while the record
 * is half consumed changes nothing; the bytes come from the validated place.
 */
static void test_ref_body_changed_under_us(void **state)
{
	struct fix *f = *state;
	uint8_t *a = area(f, 0), in[512];
	size_t got;
	bool eom;

	fill(a, 512, 2);
	forge_ref(f, 0, 512, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, 512, 0, 0, 32);
	assert_int_equal(xw_chan_recv_some(&f->b, in, 100, &got, &eom, 0, 0), XW_OK);
	assert_int_equal(got, 100);
	/* Rewrite header and body in place: a bigger length, an offset far outside. */
	forge_ref(f, 0, 0xfffffff0u, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, 0xfffffff0u,
		  UINT64_C(1) << 40, 0, 32);
	assert_int_equal(xw_chan_recv_some(&f->b, in + 100, sizeof(in) - 100, &got, &eom, 0, 0),
			 XW_OK);
	assert_int_equal(got, 412);
	assert_true(eom);
	assert_memory_equal(in, a, 512);
	assert_int_equal(xw_chan_status(&f->b), XW_OK);
}

/* --- two threads: pipelined pieces, waits for the area ---------------------- */

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
	return i % 5 == 0 ? 3 * BULK + i % 999 : (i % 5 == 1 ? 64 : 4096 + (i * 37u) % BULK);
}

static void *sender(void *arg)
{
	struct thr *t = arg;
	static uint8_t buf[4 * BULK];

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

static void test_ref_two_threads(void **state)
{
	struct fix *f = *state;
	struct xw_host_bells bells;
	struct thr s = { .count = 3000 }, r = { .count = 3000 };
	uint8_t *buf = malloc(4 * BULK), *want = malloc(4 * BULK);
	struct xw_chan_stats st;
	pthread_t th;
	size_t len;

	assert_int_equal(xw_host_bells_create(&bells), 0);
	xw_host_end_init(&s.he, &bells, 0);
	xw_host_end_init(&r.he, &bells, 1);
	assert_int_equal(xw_chan_open(&s.ch, f->base, f->size, 1, 0, &xw_host_ops, &s.he), 0);
	assert_int_equal(xw_chan_open(&r.ch, f->base, f->size, 1, 1, &xw_host_ops, &r.he), 0);
	xw_chan_set_ref_min(&s.ch, 4096);
	assert_int_equal(pthread_create(&th, NULL, sender, &s), 0);
	for (unsigned i = 0; i < r.count; i++) {
		size_t n = msg_size(i);

		assert_int_equal(xw_chan_recv(&r.ch, buf, 4 * BULK, &len, 5000000000ull, 0), XW_OK);
		assert_int_equal(len, n);
		fill(want, n, i);
		assert_memory_equal(buf, want, n);
		r.sum += fnv(buf, n);
	}
	pthread_join(th, NULL);
	assert_int_equal(s.rc, 0);
	assert_int_equal(r.sum, s.sum);
	xw_chan_get_stats(&s.ch, &st);
	assert_true(st.refs_sent > r.count / 2);
	assert_int_equal(st.errors, 0);
	xw_chan_get_stats(&r.ch, &st);
	assert_int_equal(st.errors, 0);
	xw_host_bells_destroy(&bells);
	free(buf);
	free(want);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_ref_region_layout),
		T(test_ref_open_rejects_bad_areas),
		T(test_ref_one_way),
		T(test_ref_large_messages_roundtrip),
		T(test_ref_whole_message_few_records),
		T(test_ref_min_zero_inline),
		T(test_ref_fill_and_take_hooks),
		T(test_ref_hostile_off_past_area),
		T(test_ref_hostile_len_past_area),
		T(test_ref_hostile_len_over_area),
		T(test_ref_hostile_off_wraps),
		T(test_ref_hostile_zero_len),
		T(test_ref_hostile_reserved),
		T(test_ref_hostile_body_unpublished),
		T(test_ref_hostile_len_over_total),
		T(test_ref_hostile_no_area),
		T(test_ref_overlapping_pieces),
		T(test_ref_body_changed_under_us),
		T(test_ref_two_threads),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
