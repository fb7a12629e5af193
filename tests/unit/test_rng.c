// SPDX-License-Identifier: BSD-2-Clause
/*
 * Entropy from the secure world (docs/entropy.md): the SP 800-90B health tests
 * against known failing and passing sequences, the pool (every byte once, all
 * or nothing, a failing source answers "no entropy" and never stale bytes),
 * the SMCCC TRNG decoding (DEN0098: IDs, codes, bit order) and the routing of
 * the TRNG IDs through the monitor and the secure kernel's front ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../monitor/core/dispatch.h"
#include "../../secure/core/route.h"
#include "../../secure/services/rng_health.h"
#include "../../secure/services/rng_pool.h"
#include "../../secure/services/trng.h"
#include "xw/err.h"
#include "xw/smc.h"
#include "xw/trng.h"

#define S64(v) ((uint64_t)(int64_t)(v))

/* ---- a scripted noise source ------------------------------------------ */

enum { SRC_GOOD, SRC_ZERO, SRC_TIMEOUT };

struct src {
	int mode[64];        /* per batch; past the script: mode_after */
	int mode_after;
	unsigned int calls;
	uint64_t x;          /* xorshift state of the good stream */
	uint64_t produced;   /* good bytes produced (stream position) */
};

static uint8_t next_good(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint8_t)(*x >> 32);
}

static int src_read(void *ctx, uint8_t *dst, size_t len)
{
	struct src *s = ctx;
	int m = s->calls < 64 ? s->mode[s->calls] : s->mode_after;
	size_t i;

	s->calls++;
	switch (m) {
	case SRC_ZERO:
		memset(dst, 0, len);
		return (int)len;
	case SRC_TIMEOUT:
		memset(dst, 0xaa, len); /* garbage the pool must not keep */
		return XW_ETIMEDOUT;
	default:
		for (i = 0; i < len; i++) {
			dst[i] = next_good(&s->x);
		}
		s->produced += len;
		return (int)len;
	}
}

static void src_init(struct src *s)
{
	memset(s, 0, sizeof(*s));
	s->x = 0x9e3779b97f4a7c15ULL;
}

/* ---- health tests ------------------------------------------------------ */

static uint32_t feed(const uint8_t *b, size_t n)
{
	struct xw_rng_health h;

	xw_rng_health_init(&h, XW_RNG_H8_RCT_CUTOFF, XW_RNG_H8_APT_CUTOFF);
	return xw_rng_health_feed(&h, b, n);
}

static void health_rct(void **s)
{
	uint8_t b[600];
	uint64_t x = 12345;
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(b); i++) {
		b[i] = next_good(&x);
	}
	/* Fix a run of 3 (C - 1) identical samples: still healthy. */
	for (i = 1; i < sizeof(b); i++) {
		if (b[i] == b[i - 1]) {
			b[i] ^= 0x55;
		}
	}
	b[100] = b[101] = b[102] = 0x42;
	b[99] = 0x41;
	b[103] = 0x43;
	assert_int_equal(feed(b, sizeof(b)), 0);
	/* A run of 4 (= C): the repetition count test fails. */
	b[103] = 0x42;
	b[104] = 0x44;
	assert_true(feed(b, sizeof(b)) & XW_RNG_ALARM_RCT);
	/* The run may straddle two calls: the test is continuous. */
	{
		struct xw_rng_health h;
		const uint8_t a1[] = { 1, 2, 7, 7 }, a2[] = { 7, 7, 3 };

		xw_rng_health_init(&h, XW_RNG_H8_RCT_CUTOFF, XW_RNG_H8_APT_CUTOFF);
		assert_int_equal(xw_rng_health_feed(&h, a1, sizeof(a1)), 0);
		assert_true(xw_rng_health_feed(&h, a2, sizeof(a2)) & XW_RNG_ALARM_RCT);
	}
	/* Stuck at zero: caught at once. */
	memset(b, 0, sizeof(b));
	assert_true(feed(b, 4) & XW_RNG_ALARM_RCT);
	assert_int_equal(feed(b, 3), 0);
}

static void health_apt(void **s)
{
	uint8_t b[XW_RNG_APT_WINDOW * 2];
	size_t i;

	(void)s;
	/* A counter never repeats within a window, never runs: healthy (the
	 * health tests catch a broken source, not a predictable one). */
	for (i = 0; i < sizeof(b); i++) {
		b[i] = (uint8_t)i;
	}
	assert_int_equal(feed(b, sizeof(b)), 0);
	/* The window's first sample 12 times (C - 1) in 512, never twice in a row:
	 * the counter has it at 0 and 256, ten more here. */
	for (i = 0; i < 10; i++) {
		b[1 + 40 * i] = b[0];
	}
	for (i = 1; i < sizeof(b); i++) {
		if (b[i] == b[i - 1] && b[i] != b[0]) {
			b[i]++;
		}
	}
	assert_int_equal(feed(b, XW_RNG_APT_WINDOW), 0);
	/* 13 times (= C): the adaptive proportion test fails, the RCT does not. */
	b[1 + 40 * 10] = b[0];
	assert_int_equal(feed(b, XW_RNG_APT_WINDOW), XW_RNG_ALARM_APT);
	/* Outside its window the same value does not count: 0 starts both windows
	 * (512 = 0 mod 256) and is there 12 times in each (2 + 10), 24 in all. */
	for (i = 0; i < sizeof(b); i++) {
		b[i] = (uint8_t)i;
	}
	for (i = 0; i < 10; i++) {
		b[1 + 40 * i] = 0;
		b[XW_RNG_APT_WINDOW + 2 + 40 * i] = 0;
	}
	assert_int_equal(feed(b, sizeof(b)), 0);
	/* Alternating 0,1: no run at all, but half of every window is the first sample. */
	for (i = 0; i < sizeof(b); i++) {
		b[i] = (uint8_t)(i & 1);
	}
	assert_int_equal(feed(b, sizeof(b)), XW_RNG_ALARM_APT);
}

/* A good source's output passes (deterministic: a fixed seed). */
static void health_passing_stream(void **s)
{
	static uint8_t b[65536];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t i;

	(void)s;
	for (i = 0; i < sizeof(b); i++) {
		b[i] = next_good(&x);
	}
	assert_int_equal(feed(b, sizeof(b)), 0);
}

/* ---- the pool ---------------------------------------------------------- */

static struct xw_rng_pool pool;
static struct src src;

static int pool_setup(struct src *sr)
{
	memset(&pool, 0, sizeof(pool));
	return xw_rng_pool_init(&pool, src_read, sr, XW_RNG_H8_RCT_CUTOFF, XW_RNG_H8_APT_CUTOFF);
}

static void pool_every_byte_once(void **s)
{
	static uint8_t got[3 * XW_RNG_MAX_REQ], want[sizeof(got)];
	uint64_t x;
	size_t off = 0, n, i;
	struct xw_rng_stats st;

	(void)s;
	src_init(&src);
	assert_int_equal(pool_setup(&src), XW_OK);
	/* Requests of every size from 1 up, across batch boundaries. */
	for (n = 1; off + n <= sizeof(got); n = n * 3 + 1) {
		assert_int_equal(xw_rng_get(&pool, got + off, n, true), XW_OK);
		off += n;
	}
	x = 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < off; i++) {
		want[i] = next_good(&x);
	}
	/* The stream in order: nothing skipped, nothing repeated. */
	assert_memory_equal(got, want, off);
	/* And what was served is gone from the pool. */
	for (i = 0; i < pool.pos; i++) {
		assert_int_equal(pool.buf[i], 0);
	}
	xw_rng_get_stats(&pool, &st);
	assert_int_equal(st.served, off);
	assert_int_equal(st.alarms, 0);
	/* Zero and oversized requests. */
	assert_int_equal(xw_rng_get(&pool, got, 0, true), XW_EINVAL);
	assert_int_equal(xw_rng_get(&pool, got, XW_RNG_MAX_REQ + 1, true), XW_EINVAL);
	/* Busy: a fast caller never spins. */
	arch_spin_lock(&pool.lock);
	memset(got, 0x77, 16);
	assert_int_equal(xw_rng_get(&pool, got, 16, false), XW_EBUSY);
	for (i = 0; i < 16; i++) {
		assert_int_equal(got[i], 0);
	}
	arch_spin_unlock(&pool.lock);
}

static void pool_false_alarm_costs_one_batch(void **s)
{
	uint8_t b[2 * XW_RNG_BATCH];
	struct xw_rng_stats st;

	(void)s;
	src_init(&src);
	src.mode[1] = SRC_ZERO; /* the second batch fails its test */
	assert_int_equal(pool_setup(&src), XW_OK);
	assert_int_equal(xw_rng_get(&pool, b, sizeof(b), true), XW_OK);
	xw_rng_get_stats(&pool, &st);
	assert_int_equal(st.alarms, 1);
	assert_int_equal(st.failed, 0);
	/* The zero batch was never served: the bytes are the good stream's first 2 KiB. */
	{
		uint8_t want[sizeof(b)];
		uint64_t x = 0x9e3779b97f4a7c15ULL;
		size_t i;

		for (i = 0; i < sizeof(want); i++) {
			want[i] = next_good(&x);
		}
		assert_memory_equal(b, want, sizeof(b));
	}
}

static void pool_failing_source(void **s)
{
	uint8_t b[100];
	struct xw_rng_stats st;
	size_t i;

	(void)s;
	/* Good at start-up, then stuck at zero: the unserved rest of the good
	 * batch is served, then "no entropy", for good (sticky). */
	src_init(&src);
	src.mode_after = SRC_ZERO;
	src.mode[0] = SRC_GOOD;
	for (i = 1; i < 64; i++) {
		src.mode[i] = SRC_ZERO;
	}
	assert_int_equal(pool_setup(&src), XW_OK);
	for (i = 0; i < XW_RNG_BATCH / sizeof(b); i++) {
		assert_int_equal(xw_rng_get(&pool, b, sizeof(b), true), XW_OK);
	}
	memset(b, 0x33, sizeof(b));
	assert_int_equal(xw_rng_get(&pool, b, sizeof(b), true), XW_EIO);
	for (i = 0; i < sizeof(b); i++) {
		assert_int_equal(b[i], 0); /* nothing from the pool, nothing stale */
	}
	xw_rng_get_stats(&pool, &st);
	assert_int_equal(st.failed, 1);
	assert_int_equal(st.alarms, XW_RNG_BAD_IN_ROW);
	/* Sticky: even a source that recovers is not asked again. */
	src.mode_after = SRC_GOOD;
	for (i = 0; i < 64; i++) {
		src.mode[i] = SRC_GOOD;
	}
	assert_int_equal(xw_rng_get(&pool, b, 1, true), XW_EIO);
	/* Failed from the start: the start-up test says so. */
	src_init(&src);
	src.mode_after = SRC_ZERO;
	for (i = 0; i < 64; i++) {
		src.mode[i] = SRC_ZERO;
	}
	assert_int_equal(pool_setup(&src), XW_EIO);
	assert_true(xw_rng_pool_available(&pool)); /* offered, answering "no entropy" */
	assert_int_equal(xw_rng_get(&pool, b, 1, true), XW_EIO);
	/* A source that does not answer fails that request only. */
	src_init(&src);
	assert_int_equal(pool_setup(&src), XW_OK);
	assert_int_equal(xw_rng_get(&pool, b, sizeof(b), true), XW_OK);
	for (i = 0; i < 64; i++) {
		src.mode[i] = SRC_TIMEOUT;
	}
	src.mode_after = SRC_TIMEOUT;
	src.calls = 0;
	{
		uint8_t big[XW_RNG_BATCH];

		assert_int_equal(xw_rng_get(&pool, big, sizeof(big), true), XW_EIO);
		for (i = 0; i < sizeof(big); i++) {
			assert_int_equal(big[i], 0);
		}
		for (i = 0; i < sizeof(pool.buf); i++) {
			assert_int_equal(pool.buf[i], 0); /* the garbage did not stay */
		}
	}
	xw_rng_get_stats(&pool, &st);
	assert_int_equal(st.failed, 0);
	src.mode_after = SRC_GOOD;
	for (i = 0; i < 64; i++) {
		src.mode[i] = SRC_GOOD;
	}
	assert_int_equal(xw_rng_get(&pool, b, sizeof(b), true), XW_OK);
}

/* ---- SMCCC TRNG -------------------------------------------------------- */

static void call(uint64_t x0, uint64_t x1, uint64_t out[4])
{
	uint64_t x[8] = { x0, x1, 0x1111, 0x2222, 0x3333, 0, 0, 0 };

	memset(out, 0x5a, 4 * sizeof(out[0]));
	xw_trng_handle_call(&pool, x, out);
}

static void trng_queries(void **s)
{
	uint64_t o[4];

	(void)s;
	/* No source: the interface is not there (VERSION says so). */
	memset(&pool, 0, sizeof(pool));
	call(XW_TRNG_VERSION, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	call(XW_TRNG_RND64, 64, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	assert_int_equal(o[1] | o[2] | o[3], 0);

	src_init(&src);
	assert_int_equal(pool_setup(&src), XW_OK);
	call(XW_TRNG_VERSION, 0, o);
	assert_int_equal(o[0], 0x10000);
	call(XW_TRNG_FEATURES, XW_TRNG_RND64, o);
	assert_int_equal(o[0], 0);
	call(XW_TRNG_FEATURES, XW_TRNG_RND32, o);
	assert_int_equal(o[0], 0);
	call(XW_TRNG_FEATURES, XW_TRNG_GET_UUID, o);
	assert_int_equal(o[0], 0);
	call(XW_TRNG_FEATURES, 0x84000054, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	call(XW_TRNG_FEATURES, 0xc4000050, o); /* VERSION has no SMC64 form */
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	call(XW_TRNG_GET_UUID, 0, o);
	assert_int_equal(o[0], XW_TRNG_UUID_0);
	assert_int_equal(o[3], XW_TRNG_UUID_3);
	assert_true(o[0] != 0xffffffffU);
	/* Unknown functions of the range, and forms that do not exist. */
	call(0x84000054, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	assert_int_equal(o[1] | o[2] | o[3], 0);
	call(0x8400005f, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
	call(0xc4000050, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_NOT_SUPPORTED));
}

/* The value's bytes, low first, as Linux copies them: x3, then x2, then x1. */
static void value_bytes(const uint64_t o[4], unsigned int w, uint8_t *b)
{
	unsigned int i;

	for (i = 0; i < 3 * w / 8; i++) {
		unsigned int reg = 3 - (8 * i) / w;

		b[i] = (uint8_t)(o[reg] >> ((8 * i) % w));
	}
}

static void trng_rnd(void **s)
{
	uint64_t o[4], x = 0x9e3779b97f4a7c15ULL;
	uint8_t b[24], want[24];
	unsigned int n, i;

	(void)s;
	src_init(&src);
	assert_int_equal(pool_setup(&src), XW_OK);
	/* RND64, 192 bits: the pool's next 24 bytes, least significant in x3. */
	call(XW_TRNG_RND64, 192, o);
	assert_int_equal(o[0], 0);
	value_bytes(o, 64, b);
	for (i = 0; i < 24; i++) {
		want[i] = next_good(&x);
	}
	assert_memory_equal(b, want, 24);
	assert_int_equal(o[3] & 0xff, want[0]);
	assert_int_equal(o[1] >> 56, want[23]);
	/* RND32, 96 bits: W registers, the next 12 bytes. */
	call(XW_TRNG_RND32, 96 | 0xffffffff00000000ULL /* W1 only */, o);
	assert_int_equal(o[0], 0);
	assert_true(o[1] <= 0xffffffffU && o[2] <= 0xffffffffU && o[3] <= 0xffffffffU);
	value_bytes(o, 32, b);
	for (i = 0; i < 12; i++) {
		want[i] = next_good(&x);
	}
	assert_memory_equal(b, want, 12);
	/* Odd sizes: exactly N bits, the rest zero, every register. */
	for (n = 1; n <= 192; n++) {
		call(XW_TRNG_RND64, n, o);
		assert_int_equal(o[0], 0);
		if (n < 64) {
			assert_int_equal(o[3] >> n, 0);
			assert_int_equal(o[2] | o[1], 0);
		} else if (n < 128) {
			assert_int_equal(n == 64 ? o[2] : o[2] >> (n - 64), 0);
			assert_int_equal(o[1], 0);
		} else if (n < 192) {
			assert_int_equal(n == 128 ? o[1] : o[1] >> (n - 128), 0);
		}
	}
	for (n = 1; n <= 96; n++) {
		call(XW_TRNG_RND32, n, o);
		assert_int_equal(o[0], 0);
		assert_true(o[1] <= 0xffffffffU && o[2] <= 0xffffffffU && o[3] <= 0xffffffffU);
		if (n < 32) {
			assert_int_equal(o[3] >> n, 0);
			assert_int_equal(o[2] | o[1], 0);
		}
	}
	/* Zero and too many bits. */
	call(XW_TRNG_RND64, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_INVALID_PARAMETERS));
	assert_int_equal(o[1] | o[2] | o[3], 0);
	call(XW_TRNG_RND64, 193, o);
	assert_int_equal(o[0], S64(XW_TRNG_INVALID_PARAMETERS));
	call(XW_TRNG_RND64, 1ULL << 32 | 64, o); /* SMC64: all of x1 counts */
	assert_int_equal(o[0], S64(XW_TRNG_INVALID_PARAMETERS));
	call(XW_TRNG_RND32, 97, o);
	assert_int_equal(o[0], S64(XW_TRNG_INVALID_PARAMETERS));
	call(XW_TRNG_RND32, 0, o);
	assert_int_equal(o[0], S64(XW_TRNG_INVALID_PARAMETERS));
	/* A failed source: NO_ENTROPY, registers zero. */
	src.mode_after = SRC_ZERO;
	for (i = 0; i < 64; i++) {
		src.mode[i] = SRC_ZERO;
	}
	for (i = 0; i < XW_RNG_BATCH; i++) {
		call(XW_TRNG_RND64, 192, o);
		if (o[0] != 0) {
			break;
		}
	}
	assert_int_equal(o[0], S64(XW_TRNG_NO_ENTROPY));
	assert_int_equal(o[1] | o[2] | o[3], 0);
	call(XW_TRNG_RND32, 32, o);
	assert_int_equal(o[0], S64(XW_TRNG_NO_ENTROPY));
	assert_int_equal(o[1] | o[2] | o[3], 0);
	/* The queries still answer. */
	call(XW_TRNG_VERSION, 0, o);
	assert_int_equal(o[0], 0x10000);
}

/* ---- routing ----------------------------------------------------------- */

static void trng_routing(void **s)
{
	static struct xw_mon m;
	static struct xw_mon_counters counters[2];
	static const uint32_t fids[] = { XW_TRNG_VERSION, XW_TRNG_FEATURES, XW_TRNG_GET_UUID,
					 XW_TRNG_RND32, XW_TRNG_RND64, 0x8400005f, 0xc4000050 };
	struct xw_mon_action a;
	unsigned int i;

	(void)s;
	assert_int_equal(xw_mon_init(&m, 2, 0, counters), XW_OK);
	for (i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		uint64_t x[8] = { fids[i] | 0xabcd000000000000ULL, 64, 0, 0, 0, 0, 0, 0 };

		xw_mon_dispatch(&m, 0, x, &a);
		assert_int_equal(a.kind, XW_MON_TO_SK_FAST);
		assert_int_equal(xw_sk_route(fids[i]), XW_SK_FRONT_TRNG);
	}
	/* PSCI stays in EL3; neighbours of the range and yielding forms are not TRNG. */
	{
		static const uint32_t not_trng[] = { 0x84000000, 0x8400004f, 0x84000060,
						     0x04000050, 0x84010050, 0x84000150 };

		for (i = 0; i < sizeof(not_trng) / sizeof(not_trng[0]); i++) {
			uint64_t x[8] = { not_trng[i], 0, 0, 0, 0, 0, 0, 0 };

			xw_mon_dispatch(&m, 0, x, &a);
			assert_int_equal(a.kind, XW_MON_RETURN);
			assert_int_not_equal(xw_sk_route(not_trng[i]), XW_SK_FRONT_TRNG);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(health_rct),
		cmocka_unit_test(health_apt),
		cmocka_unit_test(health_passing_stream),
		cmocka_unit_test(pool_every_byte_once),
		cmocka_unit_test(pool_false_alarm_costs_one_batch),
		cmocka_unit_test(pool_failing_source),
		cmocka_unit_test(trng_queries),
		cmocka_unit_test(trng_rnd),
		cmocka_unit_test(trng_routing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
