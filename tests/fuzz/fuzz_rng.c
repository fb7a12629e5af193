// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the SMCCC TRNG decoding (secure/services/trng.c) and the
 * OP-TEE RNG service (secure/abi/optee/pta_rng.c) over hostile registers and
 * parameters, drawing from the real pool (rng_pool.c, rng_health.c) fed by a
 * scripted source that is good, stuck at zero (fails the health tests) or does
 * not answer, as the input says. Invariants, after every call:
 *  - a TRNG error leaves x1..x3 zero; a success has no bit above N and no
 *    register wider than the convention;
 *  - every byte served (TRNG or PTA) is the next byte of the good stream: in
 *    order, none twice, none from a failing batch (the shadow is the pool's own
 *    position: good bytes produced minus those still unserved);
 *  - a PTA error leaves size 0 and no served byte in the buffer.
 * Input: byte 0 = the pool's start mode, then 12-byte ops.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../secure/abi/optee/optee.h"
#include "../unit/optee_nw.h"
#include "../../secure/services/rng_pool.h"
#include "../../secure/services/trng.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/trng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

enum { SRC_GOOD, SRC_ZERO, SRC_TIMEOUT };

static int mode;
static uint64_t produced; /* good bytes the source gave */

/*
 * The good stream: each 256-byte block a shuffle of 0..255 (seeded by the
 * block number), so it can never fail a health test: a run is at most two
 * long (at a block edge), a value at most 3 times in any 512-sample window.
 */
static uint8_t block[256];
static uint64_t block_no = UINT64_MAX;

static uint8_t stream_byte(uint64_t i)
{
	uint64_t b = i / 256, x = (b + 1) * 0x9e3779b97f4a7c15ULL;
	unsigned int k;

	if (b != block_no) {
		for (k = 0; k < 256; k++) {
			block[k] = (uint8_t)k;
		}
		for (k = 255; k > 0; k--) {
			uint8_t t;
			unsigned int j;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			j = (unsigned int)(x % (k + 1));
			t = block[k];
			block[k] = block[j];
			block[j] = t;
		}
		block_no = b;
	}
	return block[i % 256];
}

static int src_read(void *ctx, uint8_t *dst, size_t len)
{
	size_t i;

	(void)ctx;
	if (mode == SRC_TIMEOUT) {
		memset(dst, 0xa5, len);
		return XW_ETIMEDOUT;
	}
	if (mode == SRC_ZERO) {
		memset(dst, 0, len);
		return (int)len;
	}
	for (i = 0; i < len; i++) {
		dst[i] = stream_byte(produced + i);
	}
	produced += len;
	return (int)len;
}

/* Index in the good stream of the next byte the pool will serve. */
static uint64_t next_index(void)
{
	return produced - (xw_rng_main.end - xw_rng_main.pos);
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++) {
		v |= (uint64_t)p[i] << (8 * i);
	}
	return v;
}

static const uint32_t fids[] = { XW_TRNG_VERSION, XW_TRNG_FEATURES, XW_TRNG_GET_UUID,
				  XW_TRNG_RND32, XW_TRNG_RND64, 0x84000054, 0xc4000050,
				  0x8400005f, XW_TRNG_RND32 | 0x40000000U };

static void trng_op(uint32_t fid, uint64_t x1)
{
	uint64_t x[8] = { fid, x1, 0x11, 0x22, 0x33, 0, 0, 0 }, out[4];
	uint64_t idx = next_index(), n, w, k;
	uint8_t b;

	xw_trng_handle_call(&xw_rng_main, x, out);
	if (fid != XW_TRNG_GET_UUID && (int64_t)out[0] < 0) {
		CHECK(out[1] == 0 && out[2] == 0 && out[3] == 0);
		CHECK(next_index() >= idx);
		return;
	}
	if (fid != XW_TRNG_RND32 && fid != XW_TRNG_RND64) {
		return;
	}
	CHECK(out[0] == 0);
	w = fid == XW_TRNG_RND32 ? 32 : 64;
	n = fid == XW_TRNG_RND32 ? (uint32_t)x1 : x1;
	CHECK(n >= 1 && n <= 3 * w);
	for (k = 0; k < 3 * w / 8; k++) {
		unsigned int reg = (unsigned int)(3 - (8 * k) / w);

		CHECK(w == 64 || out[reg] <= 0xffffffffU);
		b = (uint8_t)(out[reg] >> ((8 * k) % w));
		if (8 * k >= n) {
			CHECK(b == 0); /* above N: zero */
		} else if (8 * k + 8 > n) {
			CHECK(b == (stream_byte(idx + k) & ((1U << (n - 8 * k)) - 1)));
		} else {
			CHECK(b == stream_byte(idx + k));
		}
	}
}

/* The memref's buffer: a real (temporary, contiguous) object in hosted NS RAM. */
#define SHMBUF_SIZE 8192
static struct nw nw;
static uint8_t *shmbuf;

static void pta_op(const uint8_t *op)
{
	struct xw_optee_shm *shm = 0;
	struct xw_guest *g;
	struct xw_optee_call c;
	uint64_t idx = next_index(), i, size;
	static const uint32_t types[] = { XW_OMSG_ATTR_NONE, XW_OMSG_ATTR_VALUE_OUT,
					  XW_OMSG_ATTR_VALUE_IN, 0x9 /* RMEM in */,
					  0xa /* RMEM out */, 0xb /* RMEM inout */ };
	uint32_t r;

	memset(&c, 0, sizeof(c));
	g = xw_guest_enter(0);
	CHECK(g != 0);
	CHECK(xw_optee_shm_contig(&nw.o, g, NW_DATA_PA, SHMBUF_SIZE, &shm) == XW_OK);
	c.func = op[1] % 4;
	c.num_params = op[2] % 6;
	for (i = 0; i < c.num_params; i++) {
		c.p[i].type = types[(op[3] >> (2 * i)) % 6];
		if (i > 0 && !(op[4] & 1)) {
			c.p[i].type = XW_OMSG_ATTR_NONE;
		}
	}
	size = (uint64_t)op[5] | (uint64_t)op[6] << 8;
	size %= 5000;
	c.p[0].mref.shm = (op[4] & 2) ? 0 : shm;
	c.p[0].mref.size = size;
	memset(shmbuf, 0xee, SHMBUF_SIZE);
	r = xw_optee_pta_rng_invoke(&c);
	if (c.func == XW_PTA_RNG_CMD_GET_ENTROPY && r == XW_TEEC_SUCCESS) {
		CHECK(c.p[0].mref.size == size && size >= 1 && size <= XW_PTA_RNG_MAX_REQ);
		for (i = 0; i < size; i++) {
			CHECK(shmbuf[i] == stream_byte(idx + i));
		}
		CHECK(next_index() == idx + size);
	} else if (c.func == XW_PTA_RNG_CMD_GET_ENTROPY) {
		/* Nothing served reached the buffer: only our fill or zeros. */
		for (i = 0; i < SHMBUF_SIZE; i++) {
			CHECK(shmbuf[i] == 0xee || shmbuf[i] == 0);
		}
		if (r == XW_PTA_RNG_ERROR_HEALTH_TEST_FAIL) {
			CHECK(c.p[0].mref.size == 0);
		}
	} else if (c.func == XW_PTA_RNG_CMD_GET_RNG_INFO && r == XW_TEEC_SUCCESS) {
		CHECK(c.p[0].value.a != 0 && c.p[0].value.b <= 1024);
	} else if (c.func > 1) {
		CHECK(r == XW_TEEC_ERROR_NOT_SUPPORTED || r == XW_TEEC_ERROR_BAD_PARAMETERS);
	}
	xw_optee_shm_put(&nw.o, shm);
	xw_guest_exit(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off;

	if (size < 1) {
		return 0;
	}
	if (!shmbuf) {
		CHECK(nw_init(&nw, 1) == 0);
		shmbuf = nw_va(&nw, NW_DATA_PA);
	}
	memset(&xw_rng_main, 0, sizeof(xw_rng_main));
	produced = 0;
	mode = data[0] % 3;
	(void)xw_rng_pool_init(&xw_rng_main, src_read, 0, XW_RNG_H8_RCT_CUTOFF,
			       XW_RNG_H8_APT_CUTOFF);
	for (off = 1; off + 12 <= size; off += 12) {
		const uint8_t *op = data + off;

		switch (op[0] % 4) {
		case 0:
			mode = op[1] % 3;
			break;
		case 1:
			trng_op(fids[op[1] % (sizeof(fids) / sizeof(fids[0]))], get64(op + 2));
			break;
		case 2:
			/* Small counts are the interesting ones. */
			trng_op(op[1] & 1 ? XW_TRNG_RND64 : XW_TRNG_RND32, op[2] % 200);
			break;
		default:
			pta_op(op);
			break;
		}
	}
	return 0;
}
