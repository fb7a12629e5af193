// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE TA personality's system calls hosted (secure/ta/ta_sys.c on the
 * real runtime: app.c, app_sys.c, pages.c, the hosted address space): every
 * pointer argument checked against the TA's own mappings (ACCESS_DENIED,
 * never a bad access: run under ASan in make test-asan), GP's semantics of
 * properties, access rights, cancellation and time, unknown calls
 * NOT_SUPPORTED, return and panic ending the call.
 *
 * The calls that leave the personality (a session to another TA, an RPC to
 * the normal world, the entropy pool) are served here by small recorders at
 * the boundary (ta.h and optee.h's functions): what crosses it is checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/core/pages.h"
#include "../../secure/ta/ta.h"
#include "xw/err.h"

#define POOL_PGS 256
#define DATA_VA  0x48000000UL /* RW data */
#define TEXT_VA  0x48100000UL /* RX text */
#define PARAM_VA XW_TA_PARAM_VA

static uint8_t pool[POOL_PGS * 4096] __attribute__((aligned(4096)));
static struct xw_ta ta;
static struct xw_optee o;
static struct xw_optee_thread thr;
static uint8_t *data;

/* ---- the boundary ----------------------------------------------------------- */

static unsigned int opens, invokes, closes, rng_calls;
static struct xw_ta_param last_p[4];

void xw_optee_lock(struct xw_optee *x)
{
	(void)x;
}

void xw_optee_unlock(struct xw_optee *x)
{
	(void)x;
}

uint32_t xw_ta_sess_open(struct xw_ta *caller, const uint8_t uuid[16], uint32_t timeout_ms,
			 struct xw_ta_param p[4], uint32_t *handle, uint32_t *origin)
{
	(void)caller, (void)uuid, (void)timeout_ms;
	opens++;
	memcpy(last_p, p, sizeof(last_p));
	p[1].a = 77; /* a value output comes back to the caller */
	*handle = 5;
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	return XW_TEE_SUCCESS;
}

uint32_t xw_ta_sess_invoke(struct xw_ta *caller, uint32_t handle, uint32_t timeout_ms, uint32_t cmd,
			   struct xw_ta_param p[4], uint32_t *origin)
{
	(void)caller, (void)handle, (void)timeout_ms, (void)cmd, (void)p;
	invokes++;
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	return XW_TEE_SUCCESS;
}

uint32_t xw_ta_sess_close(struct xw_ta *caller, uint32_t handle)
{
	(void)caller, (void)handle;
	closes++;
	return XW_TEE_SUCCESS;
}

int xw_ta_rng(void *dst, uint64_t n)
{
	rng_calls++;
	memset(dst, 0xa5, n);
	return XW_OK;
}

int xw_optee_rpc_cmd(struct xw_optee *x, struct xw_optee_thread *t, uint32_t cmd, unsigned int n,
		     uint64_t p[][4], uint32_t *ret)
{
	(void)x, (void)t, (void)cmd, (void)n, (void)p;
	*ret = 0;
	return XW_OK;
}

void xw_optee_rpc(struct xw_optee_thread *t, uint32_t a0, uint64_t a1, uint64_t a2)
{
	(void)t, (void)a0, (void)a1, (void)a2;
}

int xw_optee_rpc_get_time(struct xw_optee *x, struct xw_optee_thread *t, uint64_t *sec,
			  uint64_t *nsec)
{
	(void)x, (void)t;
	*sec = 1700000000;
	*nsec = 250000000;
	return XW_OK;
}

/* ---- set-up ----------------------------------------------------------------- */

static int setup(void **state)
{
	uint64_t pa;

	(void)state;
	memset(&ta, 0, sizeof(ta));
	xw_pages_init((uintptr_t)pool, POOL_PGS);
	ta.img.name = "ta-under-test";
	ta.img.quota_pages = 64;
	ta.img.stack_pages = 1;
	ta.app.img = &ta.img;
	ta.app.pers = &xw_ta_pers;
	ta.app.id = 10;
	ta.o = &o;
	ta.t = &thr;
	memset(ta.uuid, 0x11, 16);
	assert_int_equal(xw_app_space_new(&ta.app), XW_OK);
	assert_int_equal(xw_app_map_new(&ta.app, DATA_VA, 2, XW_PROT_R | XW_PROT_W, XW_APP_MAP_IMAGE,
					&pa), XW_OK);
	data = (uint8_t *)(uintptr_t)pa;
	assert_int_equal(xw_app_map_new(&ta.app, TEXT_VA, 1, XW_PROT_R | XW_PROT_X, XW_APP_MAP_IMAGE,
					0), XW_OK);
	assert_int_equal(xw_app_map_new(&ta.app, PARAM_VA, 1, XW_PROT_R | XW_PROT_W, XW_APP_MAP_PARAM,
					0), XW_OK);
	opens = invokes = closes = rng_calls = 0;
	thr.cancel = false;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	xw_app_release(&ta.app);
	assert_int_equal(xw_pages_free_count(), POOL_PGS);
	return 0;
}

/* Runs system call @nr with x0..x7 = @args; returns x0 (a TEE_Result for most). */
static uint64_t sc(unsigned int nr, unsigned int n, ...)
{
	va_list ap;
	unsigned int i;

	memset(ta.app.regs.x, 0, sizeof(ta.app.regs.x));
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		ta.app.regs.x[i] = va_arg(ap, uint64_t);
	}
	va_end(ap);
	ta.app.regs.x[8] = nr;
	(void)xw_app_syscall(&ta.app);
	return ta.app.regs.x[0];
}

#define A(v) ((uint64_t)(v))

/* ---- tests ------------------------------------------------------------------- */

static void test_unknown_and_control(void **state)
{
	(void)state;
	/* ciphers (21..), storage, numbers past the table: NOT_SUPPORTED, the TA lives on */
	assert_int_equal(sc(21, 0), XW_TEE_ERROR_NOT_SUPPORTED);
	assert_int_equal(sc(41, 0), XW_TEE_ERROR_NOT_SUPPORTED);
	assert_int_equal(sc(70, 0), XW_TEE_ERROR_NOT_SUPPORTED);
	assert_int_equal(sc(71, 0), XW_TEE_ERROR_NOT_SUPPORTED);
	assert_int_equal(sc(0xffffffffU, 0), XW_TEE_ERROR_NOT_SUPPORTED);
	assert_int_equal(ta.app.sys_ctl, 0);
	/* return: the call ends with the TA's value */
	(void)sc(0, 1, A(0xffff0010));
	assert_int_equal(ta.app.sys_ctl, XW_APP_SYS_RETURN);
	assert_int_equal(ta.ret, 0xffff0010);
	/* panic: the instance is to be killed */
	(void)sc(2, 1, A(0x1234));
	assert_int_equal(ta.app.sys_ctl, XW_APP_SYS_KILL);
	assert_non_null(ta.app.kill_why);
}

static void test_log(void **state)
{
	(void)state;
	memcpy(data, "hello\n", 6);
	assert_int_equal(sc(1, 2, A(DATA_VA), A(6)), XW_TEE_SUCCESS);
	/* text is readable; the kernel, unmapped memory, wrapping ranges are not */
	assert_int_equal(sc(1, 2, A(TEXT_VA), A(16)), XW_TEE_SUCCESS);
	assert_int_equal(sc(1, 2, A(0x1000), A(4)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(1, 2, A((uintptr_t)pool), A(4)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(1, 2, A(UINT64_MAX - 2), A(8)), XW_TEE_ERROR_ACCESS_DENIED);
	/* across the end of the data mapping: denied; a huge length is cut to the line length */
	assert_int_equal(sc(1, 2, A(DATA_VA + 2 * 4096 - 4), A(16)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(1, 2, A(DATA_VA), A(1ULL << 40)), XW_TEE_SUCCESS);
	assert_int_equal(ta.app.sys_ctl, 0); /* a bad pointer is an error, not a kill */
}

#define PROPSET_TEE    0xfffffffdU
#define PROPSET_CLIENT 0xfffffffeU
#define PROPSET_TA     0xffffffffU

static void test_properties(void **state)
{
	uint32_t blen, type, idx, nlen;
	uint64_t b = DATA_VA, blenp = DATA_VA + 256, typep = DATA_VA + 260, idxp = DATA_VA + 264;
	uint64_t name = DATA_VA + 512, nlenp = DATA_VA + 268;

	(void)state;
	/* name to index: exact names only; length 0 or NULL: BAD_PARAMETERS */
	strcpy((char *)data + 512, "gpd.tee.apiversion");
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(19), idxp), XW_TEE_SUCCESS);
	memcpy(&idx, data + 264, 4);
	assert_int_equal(idx, 0);
	/* as OP-TEE: the last byte of the length stands for the NUL */
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(18), idxp), XW_TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(40), idxp), XW_TEE_SUCCESS);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(10), idxp), XW_TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(0), idxp), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), A(0), A(19), idxp), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(4, 4, A(7), name, A(19), idxp), XW_TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), A(0x1000), A(19), idxp), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(4, 4, A(PROPSET_TEE), name, A(19), A(TEXT_VA)), XW_TEE_ERROR_ACCESS_DENIED);
	/* the value: type, SHORT_BUFFER with the size needed, then the string */
	blen = 4;
	memcpy(data + 256, &blen, 4);
	assert_int_equal(sc(3, 7, A(PROPSET_TEE), A(0), A(0), A(0), b, blenp, typep),
			 XW_TEE_ERROR_SHORT_BUFFER);
	memcpy(&blen, data + 256, 4);
	memcpy(&type, data + 260, 4);
	assert_int_equal(blen, sizeof("GPD-1.1-dev"));
	assert_int_equal(type, 4 /* string */);
	assert_int_equal(sc(3, 7, A(PROPSET_TEE), A(0), A(0), A(0), b, blenp, typep), XW_TEE_SUCCESS);
	assert_string_equal((char *)data, "GPD-1.1-dev");
	/* the name by index; out-of-range index; a blen pointer into text */
	nlen = 64;
	memcpy(data + 268, &nlen, 4);
	assert_int_equal(sc(3, 7, A(PROPSET_TEE), A(2), name, nlenp, A(0), A(0), A(0)), XW_TEE_SUCCESS);
	assert_string_equal((char *)data + 512, "gpd.tee.deviceID");
	assert_int_equal(sc(3, 7, A(PROPSET_TEE), A(1000), A(0), A(0), b, blenp, A(0)),
			 XW_TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(sc(3, 7, A(PROPSET_TEE), A(0), A(0), A(0), b, A(TEXT_VA), A(0)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	/* the client's identity: login, then its UUID */
	ta.login = 4;
	memset(ta.client_uuid, 0x22, 16);
	blen = 64;
	memcpy(data + 256, &blen, 4);
	assert_int_equal(sc(3, 7, A(PROPSET_CLIENT), A(0), A(0), A(0), b, blenp, typep), XW_TEE_SUCCESS);
	memcpy(&blen, data + 256, 4);
	assert_int_equal(blen, 20);
	assert_int_equal(data[0], 4);
	assert_int_equal(data[4], 0x22);
	/* the TA's own ID */
	assert_int_equal(sc(3, 7, A(PROPSET_TA), A(0), A(0), A(0), b, blenp, typep), XW_TEE_SUCCESS);
	assert_int_equal(data[8], 0x11);
}

#define ACC_R 1
#define ACC_W 2
#define ACC_ANY 4

static void test_access_rights(void **state)
{
	(void)state;
	assert_int_equal(sc(8, 3, A(ACC_R | ACC_W), A(DATA_VA), A(8192)), XW_TEE_SUCCESS);
	assert_int_equal(sc(8, 3, A(ACC_R), A(TEXT_VA), A(4096)), XW_TEE_SUCCESS);
	assert_int_equal(sc(8, 3, A(ACC_W), A(TEXT_VA), A(1)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(8, 3, A(ACC_R), A(DATA_VA + 8190), A(4)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(8, 3, A(ACC_R), A(0), A(4)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(8, 3, A(ACC_R), A(UINT64_MAX - 1), A(4)), XW_TEE_ERROR_ACCESS_DENIED);
	/* memory shared with the client: only with ANY_OWNER (GP) */
	assert_int_equal(sc(8, 3, A(ACC_R), A(PARAM_VA), A(16)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(8, 3, A(ACC_R | ACC_ANY), A(PARAM_VA), A(16)), XW_TEE_SUCCESS);
	assert_int_equal(sc(8, 3, A(ACC_R), A(DATA_VA), A(0)), XW_TEE_SUCCESS);
}

static void test_cancellation(void **state)
{
	uint32_t v;

	(void)state;
	ta.cancel_masked = true;
	thr.cancel = true;
	assert_int_equal(sc(9, 1, A(DATA_VA)), XW_TEE_SUCCESS);
	memcpy(&v, data, 4);
	assert_int_equal(v, 0); /* masked: not seen */
	assert_int_equal(sc(10, 1, A(DATA_VA)), XW_TEE_SUCCESS); /* unmask: old mask 1 */
	memcpy(&v, data, 4);
	assert_int_equal(v, 1);
	assert_int_equal(sc(9, 1, A(DATA_VA)), XW_TEE_SUCCESS);
	memcpy(&v, data, 4);
	assert_int_equal(v, 1);
	assert_int_equal(sc(11, 1, A(DATA_VA)), XW_TEE_SUCCESS); /* mask again: old 0 */
	memcpy(&v, data, 4);
	assert_int_equal(v, 0);
	assert_true(ta.cancel_masked);
	/* a bad pointer changes nothing */
	assert_int_equal(sc(10, 1, A(TEXT_VA)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_true(ta.cancel_masked);
	/* wait: cancelled (unmasked) at once */
	ta.cancel_masked = false;
	assert_int_equal(sc(12, 1, A(60000)), XW_TEE_ERROR_CANCEL);
}

static void test_time(void **state)
{
	uint32_t tm[2];

	(void)state;
	assert_int_equal(sc(13, 2, A(0), A(DATA_VA)), XW_TEE_SUCCESS);
	assert_int_equal(sc(13, 2, A(3), A(DATA_VA)), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(13, 2, A(0), A(TEXT_VA)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(13, 2, A(2), A(DATA_VA)), XW_TEE_SUCCESS); /* REE time: the RPC's */
	memcpy(tm, data, 8);
	assert_int_equal(tm[0], 1700000000);
	assert_int_equal(tm[1], 250);
	/* TA persistent time: not set, then set, then read back (close to it) */
	assert_int_equal(sc(13, 2, A(1), A(DATA_VA)), 0xffff5000U);
	tm[0] = 1000;
	tm[1] = 999;
	memcpy(data + 64, tm, 8);
	assert_int_equal(sc(14, 1, A(DATA_VA + 64)), XW_TEE_SUCCESS);
	assert_int_equal(sc(13, 2, A(1), A(DATA_VA)), XW_TEE_SUCCESS);
	memcpy(tm, data, 8);
	assert_true(tm[0] >= 1000 && tm[0] <= 1001);
	tm[1] = 1000; /* millis out of range */
	memcpy(data + 64, tm, 8);
	assert_int_equal(sc(14, 1, A(DATA_VA + 64)), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(14, 1, A(0x2000)), XW_TEE_ERROR_ACCESS_DENIED);
}

static void test_random(void **state)
{
	(void)state;
	memset(data, 0, 64);
	assert_int_equal(sc(33, 2, A(DATA_VA), A(64)), XW_TEE_SUCCESS);
	assert_int_equal(data[63], 0xa5);
	assert_int_equal(sc(33, 2, A(TEXT_VA), A(8)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(33, 2, A(DATA_VA + 8000), A(400)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(rng_calls, 1);
}

/* TA-to-TA: the caller's utee_params and memrefs are checked before anything crosses. */
static void test_ta_sessions(void **state)
{
	uint64_t up[9] = { 0 };
	uint32_t h, orig;

	(void)state;
	memset(data + 1024, 0x5b, 16); /* the destination UUID */
	/* value in + value out + memref in (own data) */
	up[0] = 1 | (2 << 4) | (5 << 8);
	up[1] = 9;
	up[5] = DATA_VA + 2048;
	up[6] = 100;
	memcpy(data + 1536, up, sizeof(up));
	assert_int_equal(sc(5, 5, A(DATA_VA + 1024), A(0xffffffff), A(DATA_VA + 1536), A(DATA_VA),
			    A(DATA_VA + 4)), XW_TEE_SUCCESS);
	assert_int_equal(opens, 1);
	assert_int_equal(last_p[0].a, 9);
	assert_ptr_equal(last_p[2].kbuf, data + 2048);
	memcpy(&h, data, 4);
	memcpy(&orig, data + 4, 4);
	assert_int_equal(h, 5);
	assert_int_equal(orig, XW_TEEC_ORIGIN_TRUSTED_APP);
	memcpy(up, data + 1536, sizeof(up));
	assert_int_equal(up[3], 77); /* the value output came back */
	/* a memref the caller does not own, or may not write (output into text) */
	up[5] = 0x1000;
	memcpy(data + 1536, up, sizeof(up));
	assert_int_equal(sc(5, 5, A(DATA_VA + 1024), A(0), A(DATA_VA + 1536), A(DATA_VA), A(0)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	up[0] = 6 << 8;
	up[5] = TEXT_VA;
	memcpy(data + 1536, up, sizeof(up));
	assert_int_equal(sc(7, 5, A(5), A(0), A(1), A(DATA_VA + 1536), A(DATA_VA + 4)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	/* a type GP does not have */
	up[0] = 4;
	memcpy(data + 1536, up, sizeof(up));
	assert_int_equal(sc(7, 5, A(5), A(0), A(1), A(DATA_VA + 1536), A(0)),
			 XW_TEE_ERROR_BAD_PARAMETERS);
	/* params, UUID, handle pointers outside the TA */
	assert_int_equal(sc(5, 5, A(0x1000), A(0), A(0), A(DATA_VA), A(0)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(5, 5, A(DATA_VA + 1024), A(0), A(0), A(TEXT_VA), A(0)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(7, 5, A(5), A(0), A(1), A(0x1000), A(0)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(opens, 1);
	assert_int_equal(invokes, 0);
	/* NULL params and a NULL memref are fine */
	assert_int_equal(sc(7, 5, A(5), A(0), A(1), A(0), A(0)), XW_TEE_SUCCESS);
	assert_int_equal(sc(6, 1, A(5)), XW_TEE_SUCCESS);
	assert_int_equal(invokes, 1);
	assert_int_equal(closes, 1);
}

/* Digests (15-20): SHA-256 as libutee drives it; bad handles, states, buffers. */
static void test_digest(void **state)
{
	/* SHA-256("abc"), FIPS 180-2's example */
	static const uint8_t abc[32] = { 0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
					 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
					 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
	uint32_t h, h2;
	uint64_t len;

	(void)state;
	/* alloc: SHA-256 digest only, no keys; the handle written to the TA */
	assert_int_equal(sc(15, 5, A(0x50000004), A(5), A(0), A(0), A(DATA_VA)), XW_TEE_SUCCESS);
	memcpy(&h, data, 4);
	assert_int_equal(sc(15, 5, A(0x50000002), A(5), A(0), A(0), A(DATA_VA + 4)),
			 XW_TEE_ERROR_NOT_SUPPORTED); /* SHA-1 */
	assert_int_equal(sc(15, 5, A(0x50000004), A(0), A(0), A(0), A(DATA_VA + 4)),
			 XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(15, 5, A(0x50000004), A(5), A(7), A(0), A(DATA_VA + 4)),
			 XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(15, 5, A(0x10000110), A(0), A(0), A(0), A(DATA_VA + 4)),
			 XW_TEE_ERROR_NOT_SUPPORTED); /* AES-ECB: no ciphers yet */
	assert_int_equal(sc(15, 5, A(0x50000004), A(5), A(0), A(0), A(TEXT_VA)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	/* update before init: BAD_STATE; init; "a" then "bc" */
	memcpy(data + 64, "abc", 3);
	assert_int_equal(sc(19, 3, A(h), A(DATA_VA + 64), A(1)), XW_TEE_ERROR_BAD_STATE);
	assert_int_equal(sc(18, 3, A(h), A(0), A(0)), XW_TEE_SUCCESS);
	assert_int_equal(sc(19, 3, A(h), A(DATA_VA + 64), A(1)), XW_TEE_SUCCESS);
	assert_int_equal(sc(19, 3, A(h), A(0x1000), A(1)), XW_TEE_ERROR_ACCESS_DENIED);
	assert_int_equal(sc(19, 3, A(h + 1), A(DATA_VA + 64), A(1)), XW_TEE_ERROR_BAD_PARAMETERS);
	/* a copy carries the state */
	assert_int_equal(sc(15, 5, A(0x50000004), A(5), A(0), A(0), A(DATA_VA + 4)), XW_TEE_SUCCESS);
	memcpy(&h2, data + 4, 4);
	assert_int_equal(sc(16, 2, A(h2), A(h)), XW_TEE_SUCCESS);
	assert_int_equal(sc(16, 2, A(h2), A(0xdead)), XW_TEE_ERROR_BAD_PARAMETERS);
	/* final with the last chunk: too short a buffer first (size needed back) */
	len = 16;
	memcpy(data + 128, &len, 8);
	assert_int_equal(sc(20, 5, A(h), A(DATA_VA + 65), A(2), A(DATA_VA + 256), A(DATA_VA + 128)),
			 XW_TEE_ERROR_SHORT_BUFFER);
	memcpy(&len, data + 128, 8);
	assert_int_equal(len, 32);
	assert_int_equal(sc(20, 5, A(h), A(0), A(0), A(DATA_VA + 256), A(DATA_VA + 128)),
			 XW_TEE_SUCCESS);
	assert_memory_equal(data + 256, abc, 32);
	/* the copy finishes the same; output into text or a wild length: denied */
	assert_int_equal(sc(20, 5, A(h2), A(DATA_VA + 65), A(2), A(TEXT_VA), A(DATA_VA + 128)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	len = UINT64_MAX;
	memcpy(data + 128, &len, 8);
	assert_int_equal(sc(20, 5, A(h2), A(DATA_VA + 65), A(2), A(DATA_VA + 512), A(DATA_VA + 128)),
			 XW_TEE_ERROR_ACCESS_DENIED);
	len = 32;
	memcpy(data + 128, &len, 8);
	assert_int_equal(sc(20, 5, A(h2), A(DATA_VA + 65), A(2), A(DATA_VA + 512), A(DATA_VA + 128)),
			 XW_TEE_SUCCESS);
	assert_memory_equal(data + 512, abc, 32);
	/* after final: init needed again; free; a freed handle is unknown */
	assert_int_equal(sc(19, 3, A(h), A(DATA_VA + 64), A(1)), XW_TEE_ERROR_BAD_STATE);
	assert_int_equal(sc(17, 1, A(h)), XW_TEE_SUCCESS);
	assert_int_equal(sc(17, 1, A(h)), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(18, 3, A(h), A(0), A(0)), XW_TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(sc(17, 1, A(h2)), XW_TEE_SUCCESS);
	assert_int_equal(ta.app.sys_ctl, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown_and_control, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_properties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_rights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cancellation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ta_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digest, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
