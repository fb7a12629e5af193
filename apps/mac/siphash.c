// SPDX-License-Identifier: BSD-2-Clause
/*
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudo-random function
 * with a 128-bit key and a 64-bit tag, written from the paper's description.
 */
#include "mac.h"

static uint64_t rotl(uint64_t x, unsigned int b)
{
	return (x << b) | (x >> (64 - b));
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

#define ROUND(v0, v1, v2, v3)                                                              \
	do {                                                                               \
		v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);                  \
		v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                     \
		v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                     \
		v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);                  \
	} while (0)

uint64_t siphash24(const uint8_t key[16], const uint8_t *m, size_t n)
{
	uint64_t k0 = le64(key), k1 = le64(key + 8), b = (uint64_t)n << 56, mi;
	uint64_t v0 = k0 ^ 0x736f6d6570736575ULL, v1 = k1 ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ULL, v3 = k1 ^ 0x7465646279746573ULL;
	size_t i, full = n & ~(size_t)7;

	for (i = 0; i < full; i += 8) {
		mi = le64(m + i);
		v3 ^= mi;
		ROUND(v0, v1, v2, v3);
		ROUND(v0, v1, v2, v3);
		v0 ^= mi;
	}
	for (i = 0; i < (n & 7); i++) {
		b |= (uint64_t)m[full + i] << (8 * i);
	}
	v3 ^= b;
	ROUND(v0, v1, v2, v3);
	ROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	ROUND(v0, v1, v2, v3);
	ROUND(v0, v1, v2, v3);
	ROUND(v0, v1, v2, v3);
	ROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}
