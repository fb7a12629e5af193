// SPDX-License-Identifier: BSD-2-Clause
#include "trng.h"

#include "xw/err.h"
#include "xw/trng.h"

static uint64_t status(int64_t v)
{
	return (uint64_t)v;
}

static int features(uint32_t fid)
{
	switch (fid) {
	case XW_TRNG_VERSION:
	case XW_TRNG_FEATURES:
	case XW_TRNG_GET_UUID:
	case XW_TRNG_RND32:
	case XW_TRNG_RND64:
		return XW_TRNG_SUCCESS; /* no feature flags in 1.0 */
	default:
		return XW_TRNG_NOT_SUPPORTED;
	}
}

/*
 * N bits into x1..x3 as DEN0098 lays them: the least significant bits in x3,
 * then x2, then x1, each register holding @w bits (32 for RND32, 64 for
 * RND64); bits above N are zero. The bytes come out of the pool in order, so
 * byte k of the N-bit value (little-endian) is pool byte k: a caller copying
 * x3, x2, x1 as little-endian bytes (Linux does) gets the pool's bytes.
 */
static void rnd(struct xw_rng_pool *p, uint64_t nbits, unsigned int w, uint64_t max,
		uint64_t out[4])
{
	uint8_t b[24];
	size_t nbytes, k;
	uint64_t reg[3] = { 0, 0, 0 };
	int rc;

	if (nbits == 0 || nbits > max) {
		out[0] = status(XW_TRNG_INVALID_PARAMETERS);
		return;
	}
	nbytes = (size_t)((nbits + 7) / 8);
	/* Never spin in a fast call: another CPU refilling is "try again". */
	rc = xw_rng_get(p, b, nbytes, false);
	if (rc != XW_OK) {
		out[0] = status(XW_TRNG_NO_ENTROPY);
		return;
	}
	for (k = 0; k < nbytes; k++) {
		/* bit 8k of the value: register 2 - (8k / w), bit (8k % w) */
		reg[2 - (8 * k) / w] |= (uint64_t)b[k] << ((8 * k) % w);
		b[k] = 0;
	}
	/* The unrequested top bits of the last byte are dropped, not kept. */
	if (nbits % w != 0) {
		reg[2 - nbits / w] &= (1ULL << (nbits % w)) - 1;
	}
	out[0] = status(XW_TRNG_SUCCESS);
	out[1] = reg[0];
	out[2] = reg[1];
	out[3] = reg[2];
}

void xw_trng_handle_call(struct xw_rng_pool *p, const uint64_t x[8], uint64_t out[4])
{
	uint32_t fid = (uint32_t)x[0];

	out[0] = status(XW_TRNG_NOT_SUPPORTED);
	out[1] = out[2] = out[3] = 0;
	if (!xw_rng_pool_available(p)) {
		return; /* no TRNG: VERSION says NOT_SUPPORTED, as DEN0098 wants */
	}
	switch (fid) {
	case XW_TRNG_VERSION:
		out[0] = XW_TRNG_VERSION_1_0;
		return;
	case XW_TRNG_FEATURES:
		out[0] = status(features((uint32_t)x[1]));
		return;
	case XW_TRNG_GET_UUID:
		out[0] = XW_TRNG_UUID_0;
		out[1] = XW_TRNG_UUID_1;
		out[2] = XW_TRNG_UUID_2;
		out[3] = XW_TRNG_UUID_3;
		return;
	case XW_TRNG_RND32:
		/* SMC32: the count is W1; results are W registers. */
		rnd(p, (uint32_t)x[1], 32, XW_TRNG_RND32_MAX_BITS, out);
		out[0] = (uint64_t)(int64_t)(int32_t)out[0];
		return;
	case XW_TRNG_RND64:
		rnd(p, x[1], 64, XW_TRNG_RND64_MAX_BITS, out);
		return;
	default:
		return;
	}
}
