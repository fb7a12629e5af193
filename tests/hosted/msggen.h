/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Deterministic test messages: message i of a stream has a length and content
 * derived from (stream, i) alone, carries i in its first 8 bytes and a
 * checksum of the rest in its last 8 (when it is at least 16 bytes long), so
 * a receiver detects a lost, duplicated, reordered or corrupted message.
 */
#ifndef XW_TEST_MSGGEN_H
#define XW_TEST_MSGGEN_H

#include <stdint.h>
#include <string.h>

#define MSGGEN_MAX (4u << 20)

static inline uint64_t mg_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

/*
 * Skewed size mix (documented in docs/channel.md): 95% small (0..512 B),
 * 4.9% medium (512 B..64 KiB), 0.1% large (256 KiB..4 MiB), so 10^6 messages
 * move about 4 GB and the run stays well inside a minute on 2 cores.
 */
static inline size_t mg_len(uint64_t stream, uint64_t i)
{
	uint64_t r = mg_mix(stream * 0x9e3779b97f4a7c15ull + i + 1);
	uint64_t b = r % 10000, v = r >> 20;

	if (b < 10)
		return (256u << 10) + v % ((MSGGEN_MAX - (256u << 10)) + 1);
	if (b < 500)
		return 512 + v % (65536 - 512 + 1);
	return v % 513;
}

static inline uint64_t mg_sum(const uint8_t *p, size_t n)
{
	uint64_t h = 0x6a09e667f3bcc909ull, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ull;
	}
	while (n--)
		h = (h ^ *p++) * 0x100000001b3ull;
	return mg_mix(h);
}

static inline void mg_fill(uint8_t *p, size_t n, uint64_t stream, uint64_t i)
{
	uint64_t x = mg_mix(stream ^ (i << 20) ^ 0x1234567ull) | 1, s;
	size_t k;

	for (k = 0; k + 8 <= n; k += 8) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(p + k, &x, 8);
	}
	for (; k < n; k++)
		p[k] = (uint8_t)(x >> (8 * (k & 7)));
	if (n >= 16) {
		memcpy(p, &i, 8);
		s = mg_sum(p, n - 8);
		memcpy(p + n - 8, &s, 8);
	}
}

/* 0 if `p[0..n)` is exactly message i of `stream`. */
static inline int mg_check(const uint8_t *p, size_t n, uint64_t stream, uint64_t i)
{
	uint8_t tmp[16];
	uint64_t seq, s;

	if (n != mg_len(stream, i))
		return -1;
	if (n < 16) {
		mg_fill(tmp, n, stream, i);
		return memcmp(tmp, p, n) ? -2 : 0;
	}
	memcpy(&seq, p, 8);
	memcpy(&s, p + n - 8, 8);
	if (seq != i)
		return -3;
	return s == mg_sum(p, n - 8) ? 0 : -4;
}

#endif /* XW_TEST_MSGGEN_H */
