// SPDX-License-Identifier: BSD-2-Clause
/*
 * The whole OP-TEE front end, hosted (smc.c, thread.c, call.c, shm.c, pta.c,
 * msg.c over the real nsmem window aliasing a memfd RAM, secure threads as
 * pthreads): a test
 * plays the Linux driver (optee_nw.c) - fast calls, CALL_WITH_ARG commands,
 * RPC round trips with RETURN_FROM_RPC, the thread limit, cancel, every
 * built-in service command and its bad inputs. Each test ends leak-free: no
 * thread busy, no shm object, no window page mapped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pthread.h>

#include "../../secure/arch/host/optee_host.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/core/pages.h"
#include "optee_nw.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"
#include "xw/smc.h"

static struct nw nw;
static const uint8_t test_uuid[16] = XW_PTA_TEST_UUID;
static const uint8_t devenum_uuid[16] = XW_PTA_DEVENUM_UUID;

#define ARG(cpu) (NW_ARG_PA + (cpu) * 4096ULL)
#define DATA     NW_DATA_PA

static int setup(void **state)
{
	(void)state;
	host_clock_step(0);
	return nw_init(&nw, 4);
}

/* Nothing left behind: no busy thread, no object, no mapping, no session. */
static int teardown(void **state)
{
	struct xw_optee_stats st;

	(void)state;
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 0);
	assert_int_equal(st.shm_objs, 0);
	assert_int_equal(st.sessions, 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES); /* no page list left */
	host_optee_set_foreign(false);
	return 0;
}

static void fast(uint64_t fid, uint64_t a1, uint64_t out[4])
{
	uint64_t x[8] = { fid, a1, 0, 0, 0, 0, 0, 0 };

	nw_smc(&nw, 0, x, out);
}

static uint32_t ret_of(unsigned int cpu)
{
	return ((struct xw_omsg_arg *)nw_va(&nw, ARG(cpu)))->ret;
}

/* OPEN_SESSION of @uuid on @cpu's arg page; returns TEEC result, *sid the session. */
static uint32_t open_uuid(unsigned int cpu, const uint8_t uuid[16], uint32_t *sid)
{
	uint64_t out[4];
	struct xw_omsg_arg *a = nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);
	struct xw_omsg_param *p0 = nw_param(&nw, ARG(cpu), 0), *p1 = nw_param(&nw, ARG(cpu), 1);

	p0->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	memcpy(&p0->u.value.a, uuid, 8);
	memcpy(&p0->u.value.b, uuid + 8, 8);
	p1->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	p1->u.value.c = XW_OMSG_LOGIN_PUBLIC;
	assert_int_equal(nw_call(&nw, cpu, ARG(cpu), out), XW_OPTEE_RET_OK);
	*sid = a->session;
	return a->ret;
}

static uint32_t open_test(void)
{
	uint32_t sid;

	assert_int_equal(open_uuid(0, test_uuid, &sid), XW_TEEC_SUCCESS);
	assert_int_not_equal(sid, 0);
	return sid;
}

static void close_session(uint32_t sid)
{
	uint64_t out[4];

	nw_arg(&nw, ARG(0), XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_SUCCESS);
}

/* Invoke func with params already written at ARG(cpu); returns the TEEC result. */
static uint32_t invoke_on(unsigned int cpu)
{
	uint64_t out[4];

	assert_int_equal(nw_call(&nw, cpu, ARG(cpu), out), XW_OPTEE_RET_OK);
	return ret_of(cpu);
}

static void set_param(unsigned int cpu, unsigned int i, uint64_t attr, uint64_t a, uint64_t b,
		      uint64_t c)
{
	struct xw_omsg_param *p = nw_param(&nw, ARG(cpu), i);

	p->attr = attr;
	p->u.value.a = a;
	p->u.value.b = b;
	p->u.value.c = c;
}

static uint32_t reg_shm(uint64_t list_pa_off, uint64_t size, uint64_t cookie)
{
	uint64_t out[4];

	nw_arg(&nw, ARG(0), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG |
		  (uint64_t)XW_OPTEE_SHM_CACHED << XW_OMSG_ATTR_CACHE_SHIFT, list_pa_off, size, cookie);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_OK);
	return ret_of(0);
}

static uint32_t unreg_shm(unsigned int cpu, uint64_t cookie)
{
	nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	set_param(cpu, 0, XW_OMSG_ATTR_RMEM_IN, 0, 0, cookie);
	return invoke_on(cpu);
}

/* ---- fast calls ---------------------------------------------------------- */

static void fast_calls(void **state)
{
	uint64_t out[4];

	(void)state;
	fast(XW_OPTEE_CALLS_UID, 0, out);
	assert_int_equal(out[0], XW_OPTEE_UID_0);
	assert_int_equal(out[1], XW_OPTEE_UID_1);
	assert_int_equal(out[2], XW_OPTEE_UID_2);
	assert_int_equal(out[3], XW_OPTEE_UID_3);
	fast(XW_OPTEE_CALLS_REVISION, 0, out);
	assert_int_equal(out[0], 2);
	assert_int_equal(out[1], 0);
	fast(XW_OPTEE_GET_OS_UUID, 0, out);
	assert_int_equal(out[0], XW_SMC_UID_0);
	assert_int_equal(out[3], XW_SMC_UID_3);
	fast(XW_OPTEE_GET_OS_REVISION, 0, out);
	assert_int_equal(out[0], XW_SMC_REVISION_MAJOR);
	fast(XW_OPTEE_CALLS_COUNT, 0, out);
	assert_int_equal(out[0], 10);
	fast(XW_OPTEE_EXCHANGE_CAPS, XW_OPTEE_NSEC_CAP_UNIPROCESSOR, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(out[1], XW_OPTEE_SEC_CAP_DYNAMIC_SHM | XW_OPTEE_SEC_CAP_MEMREF_NULL);
	fast(XW_OPTEE_GET_SHM_CONFIG, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	fast(XW_OPTEE_GET_THREAD_COUNT, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(out[1], XW_OPTEE_THREADS);
}

static void unknown_calls(void **state)
{
	uint64_t out[4];
	uint64_t x[8] = { XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, 0, 0, 0, 0 };

	(void)state;
	fast(XW_OPTEE_FAST(2), 0, out);   /* unassigned */
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	fast(XW_OPTEE_FAST(0xffff), 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	fast(XW_OPTEE_GET_THREAD_COUNT | 0x40000000U, 0, out); /* SMC64 form */
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	fast(XW_OPTEE_STD(0x77), 0, out); /* unknown yielding call */
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	fast(0xc4000000U, 0, out); /* not an OP-TEE owner */
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	/* a fast ID through the yielding entry (and the reverse) */
	xw_optee_handle_call(&nw.o, 0, true, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	x[0] = XW_OPTEE_CALL_WITH_ARG;
	xw_optee_handle_call(&nw.o, 0, false, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	/* a CPU the front end was not set up for */
	x[0] = XW_OPTEE_GET_THREAD_COUNT;
	xw_optee_handle_call(&nw.o, 4, false, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_UNKNOWN_FUNC);
	/* upper register halves: ignored in, zero out (W registers) */
	x[0] = 0xffffffff00000000ULL | XW_OPTEE_GET_THREAD_COUNT;
	x[1] = x[2] = x[3] = ~0ULL;
	nw_smc(&nw, 0, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(out[2] >> 32, 0);
	assert_int_equal(out[3] >> 32, 0);
	assert_int_equal(xw_optee_init(&nw.o, 0), XW_EINVAL);
	assert_int_equal(xw_optee_init(&nw.o, XW_OPTEE_MAX_CPUS + 1), XW_EINVAL);
	assert_int_equal(xw_optee_init(&nw.o, 4), XW_OK);
}

/* ---- sessions, invoke, close ------------------------------------------- */

static void open_invoke_close(void **state)
{
	uint32_t sid, sid2;
	struct xw_omsg_param *p1 = nw_param(&nw, ARG(0), 1);
	struct xw_optee_stats st;

	(void)state;
	sid = open_test();
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_ADD, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 40, 2, 77);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(p1->u.value.a, 42);
	assert_int_equal(p1->u.value.b, 1);   /* the session's counter */
	assert_int_equal(p1->u.value.c, 77);
	assert_int_equal(((struct xw_omsg_arg *)nw_va(&nw, ARG(0)))->ret_origin,
			 XW_TEEC_ORIGIN_TRUSTED_APP);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS); /* the same arg again: counter 2 */
	assert_int_equal(p1->u.value.b, 2);
	sid2 = open_test();
	assert_int_not_equal(sid, sid2);
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.sessions, 2);
	close_session(sid2);
	/* STATS: sessions, objects, threads (this call's) */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_STATS, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.value.a, 1);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.value.c, 1);
	close_session(sid);
	/* invoke and close on a closed session */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
}

static void open_errors(void **state)
{
	uint8_t bad[16];
	uint32_t sid, ids[XW_OPTEE_SESSIONS];
	unsigned int i;
	uint64_t out[4];

	(void)state;
	memcpy(bad, test_uuid, 16);
	bad[15] ^= 1;
	assert_int_equal(open_uuid(0, bad, &sid), XW_TEEC_ERROR_ITEM_NOT_FOUND);
	/* open with fewer than the two meta parameters: decode error */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 1);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* open with 2 + 5 parameters: a TA takes at most 4 */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 7);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	memcpy(&nw_param(&nw, ARG(0), 0)->u.value.a, test_uuid, 8);
	memcpy(&nw_param(&nw, ARG(0), 0)->u.value.b, test_uuid + 8, 8);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* the session table fills up, then BUSY */
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		assert_int_equal(open_uuid(0, test_uuid, &ids[i]), XW_TEEC_SUCCESS);
	}
	assert_int_equal(open_uuid(0, devenum_uuid, &sid), XW_TEEC_ERROR_BUSY);
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		close_session(ids[i]);
	}
}

static void bad_arguments(void **state)
{
	uint64_t out[4];
	uint64_t edge = NW_DATA_PA + 4096 - 40; /* the header fits, params straddle */
	struct xw_omsg_arg *a = nw_va(&nw, ARG(0));
	uint32_t sid;

	(void)state;
	sid = open_test();
	/* unaligned, outside RAM, secure memory, wrapping: EBADADDR */
	assert_int_equal(nw_call(&nw, 0, ARG(0) + 4, out), XW_OPTEE_RET_EBADADDR);
	assert_int_equal(nw_call(&nw, 0, 0x80000000ULL, out), XW_OPTEE_RET_EBADADDR);
	assert_int_equal(nw_call(&nw, 0, NW_SEC_PA, out), XW_OPTEE_RET_EBADADDR);
	assert_int_equal(nw_call(&nw, 0, NW_RAM_PA - 4096, out), XW_OPTEE_RET_EBADADDR);
	assert_int_equal(nw_call(&nw, 0, NW_RAM_PA + NW_RAM_SIZE - 32, out), XW_OPTEE_RET_OK);
	/* too many parameters: the call's result, not the SMC's */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, XW_OPTEE_MAX_PARAMS + 1);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_OK);
	assert_int_equal(a->ret, XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(a->ret_origin, XW_TEEC_ORIGIN_TEE);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 0xffffffffU);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* unknown and unserved commands */
	nw_arg(&nw, ARG(0), 99, 0, sid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_NOT_SUPPORTED);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_DO_BOTTOM_HALF, 0, sid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_NOT_SUPPORTED);
	/* reserved attribute bit, uncached memref */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 1);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN | 1ULL << 33, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_IN | 2ULL << XW_OMSG_ATTR_CACHE_SHIFT, DATA, 16, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* an argument that straddles a page boundary: two copies, works */
	nw_arg(&nw, edge, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_ADD, sid, 2);
	((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, edge) + 32))->attr = XW_OMSG_ATTR_VALUE_IN;
	((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, edge) + 32))->u.value.a = 5;
	((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, edge) + 64))->attr = XW_OMSG_ATTR_VALUE_OUT;
	assert_int_equal(nw_call(&nw, 0, edge, out), XW_OPTEE_RET_OK);
	assert_int_equal(((struct xw_omsg_arg *)nw_va(&nw, edge))->ret, XW_TEEC_SUCCESS);
	assert_int_equal(((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, edge) + 64))->u.value.a, 5);
	close_session(sid);
}

/* ---- memrefs ------------------------------------------------------------ */

static void temp_memrefs(void **state)
{
	uint8_t *d = nw_va(&nw, DATA);
	uint32_t sid;
	unsigned int i;

	(void)state;
	sid = open_test();
	/* FILL a contiguous temp memref at an odd offset over a page boundary */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, DATA + 4000, 5000, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN, 7, 0, 0);
	memset(d, 0xee, 16384);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	for (i = 0; i < 5000; i++) {
		assert_int_equal(d[4000 + i], (uint8_t)(7 + i));
	}
	assert_int_equal(d[3999], 0xee);
	assert_int_equal(d[9000], 0xee);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.tmem.size, 5000);
	/* INC through a NONCONTIG temp memref (page list of 3 pages, offset 100) */
	nw_pagelist(&nw, NW_LIST_PA, DATA, 3);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_INC, sid, 1);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_INOUT | XW_OMSG_ATTR_NONCONTIG, NW_LIST_PA + 100, 8000, 0);
	memset(d, 1, 12288);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(d[99], 1);
	assert_int_equal(d[100], 2);
	assert_int_equal(d[8099], 2);
	assert_int_equal(d[8100], 1);
	/* CRC32 of "123456789" = cbf43926 */
	memcpy(d, "123456789", 9);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_IN, DATA, 9, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 0xcbf43926U);
	/* a NULL memref is a memref of nothing: FILL of 10 bytes into it fails */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, 0, 10, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* temp memrefs in secure memory, outside RAM, over the limit, wrapping */
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, NW_SEC_PA - 4096, 8192, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, 0x90000000ULL, 16, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, DATA, XW_OPTEE_SHM_MAX_BYTES + 1, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, ~0ULL - 4095, 8192, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	close_session(sid);
}

static void registered_memrefs(void **state)
{
	uint8_t *d = nw_va(&nw, DATA);
	uint32_t sid;

	(void)state;
	sid = open_test();
	nw_pagelist(&nw, NW_LIST_PA, DATA, 4);
	assert_int_equal(reg_shm(NW_LIST_PA + 16, 4 * 4096 - 16, 0xc0ffee), XW_TEEC_SUCCESS);
	assert_int_equal(xw_ns_mapped_pages(), 0); /* mapped when touched, not before */
	/* COPY from object offset 0 to offset 8000 of the same object */
	memset(d, 0, 4 * 4096);
	memcpy(d + 16, "registered", 10);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_COPY, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_RMEM_IN, 0, 10, 0xc0ffee);
	set_param(0, 1, XW_OMSG_ATTR_RMEM_OUT, 8000, 100, 0xc0ffee);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_memory_equal(d + 16 + 8000, "registered", 10);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.rmem.size, 10);
	assert_int_equal(xw_ns_mapped_pages(), 4); /* the object's one block, kept */
	/* too small an output: SHORT_BUFFER and the size needed */
	set_param(0, 1, XW_OMSG_ATTR_RMEM_OUT, 8000, 4, 0xc0ffee);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_SHORT_BUFFER);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.rmem.size, 10);
	/* out of the object's bounds; unknown cookie */
	set_param(0, 1, XW_OMSG_ATTR_RMEM_OUT, 4 * 4096 - 16 - 5, 10, 0xc0ffee);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 1, XW_OMSG_ATTR_RMEM_OUT, ~0ULL, 10, 0xc0ffee);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 1, XW_OMSG_ATTR_RMEM_OUT, 0, 10, 0xbad);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* a second registration under the same cookie is refused */
	assert_int_equal(reg_shm(NW_LIST_PA, 4096, 0xc0ffee), XW_TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(unreg_shm(0, 0xc0ffee), XW_TEEC_SUCCESS);
	assert_int_equal(unreg_shm(0, 0xc0ffee), XW_TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	close_session(sid);
}

static void register_errors(void **state)
{
	uint64_t *l = nw_va(&nw, NW_LIST_PA);
	uint64_t out[4];

	(void)state;
	nw_pagelist(&nw, NW_LIST_PA, DATA, 4);
	l[2] += 8; /* unaligned entry */
	assert_int_equal(reg_shm(NW_LIST_PA, 4 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(reg_shm(NW_LIST_PA, 2 * 4096, 1), XW_TEEC_SUCCESS); /* not used */
	assert_int_equal(unreg_shm(0, 1), XW_TEEC_SUCCESS);
	l[2] = 0x90000000ULL; /* outside RAM */
	assert_int_equal(reg_shm(NW_LIST_PA, 4 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	l[2] = NW_SEC_PA + 0x5000; /* inside RAM, but secure */
	assert_int_equal(reg_shm(NW_LIST_PA, 4 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	l[2] = 0; /* page 0: outside RAM */
	assert_int_equal(reg_shm(NW_LIST_PA, 4 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_pagelist(&nw, NW_LIST_PA, DATA, 4);
	/* the list itself outside RAM / in secure memory */
	assert_int_equal(reg_shm(0x90000000ULL, 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(reg_shm(NW_SEC_PA, 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* size 0, larger than the object limit, and so large it overflows */
	assert_int_equal(reg_shm(NW_LIST_PA, 0, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(reg_shm(NW_LIST_PA, XW_OPTEE_SHM_MAX_BYTES + 1, 1),
			 XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(reg_shm(NW_LIST_PA + 4095, ~0ULL - 100, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* a list page whose next link is unaligned */
	nw_pagelist(&nw, NW_LIST_PA, DATA, 600);
	l[511] += 8;
	assert_int_equal(reg_shm(NW_LIST_PA, 600 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* a list that loops onto itself ends with the size: bounded work (1 GiB) */
	l[511] = NW_LIST_PA;
	assert_int_equal(reg_shm(NW_LIST_PA, XW_OPTEE_SHM_MAX_BYTES, 1), XW_TEEC_SUCCESS);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	/* its list: a directory page and 256 chunk pages of 1,024 entries */
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES - 1 - 256);
	assert_int_equal(unreg_shm(0, 1), XW_TEEC_SUCCESS);
	/* a PA whose page frame number needs more than 32 bits */
	nw_pagelist(&nw, NW_LIST_PA, DATA, 4);
	l[1] = 1ULL << 44;
	assert_int_equal(reg_shm(NW_LIST_PA, 4 * 4096, 1), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES);
	/* contiguous registration (no NONCONTIG) is not offered; wrong param types */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, DATA, 4096, 1);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, DATA, 4096, 1);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 2);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_IN, 0, 0, 1);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	(void)out;
}

/* Where the 1 GiB object's list goes (514 list pages, 2 MiB), clear of DATA's pages. */
#define BIG_LIST (NW_RAM_PA + 0x00800000ULL)
#define BIG_OFF  8U

/* Byte @p of the big object (from its buffer's start) in NS RAM: page i is DATA page i % 16. */
static uint8_t *big_byte(uint64_t p)
{
	uint64_t q = BIG_OFF + p;

	return (uint8_t *)nw_va(&nw, DATA) + (q / 4096 % 16) * 4096 + q % 4096;
}

/* FILL @n bytes at @offs of the big object (cookie 5) and check them in NS RAM. */
static void big_fill(uint32_t sid, uint64_t offs, uint32_t n, uint8_t v)
{
	uint32_t i;

	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_RMEM_OUT, offs, n, 5);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN, v, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	for (i = 0; i < n; i++) {
		assert_int_equal(*big_byte(offs + i), (uint8_t)(v + i));
	}
}

/*
 * Sized by use: a 1 GiB object (262,145 pages from offset 8) takes a directory
 * and 257 chunk pages of the secure pool and maps nothing; an invoke maps only
 * the blocks it touches, also across a block boundary and at the very end; the
 * cached mappings of one guest stay within its budget.
 */
static void large_objects(void **state)
{
	uint64_t *l = nw_va(&nw, BIG_LIST);
	uint32_t i, k = 0, sid, crc0 = 0;
	uint64_t list_pa = BIG_LIST;

	(void)state;
	sid = open_test();
	for (i = 0; i < XW_OPTEE_SHM_MAX_PAGES; i++) {
		if (k == XW_OMSG_PAGELIST_ENTRIES) {
			list_pa += 4096;
			l[k] = list_pa;
			l = nw_va(&nw, list_pa);
			k = 0;
		}
		l[k++] = DATA + (i % 16) * 4096ULL;
	}
	assert_int_equal(reg_shm(BIG_LIST + BIG_OFF, XW_OPTEE_SHM_MAX_BYTES, 5), XW_TEEC_SUCCESS);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES - 1 - 257);
	/* across the boundary of blocks 0 and 1, then the last bytes (last block: 1 page) */
	big_fill(sid, XW_OPTEE_SHM_SPAN * 4096ULL - BIG_OFF - 1000, 5000, 3);
	assert_true(xw_ns_mapped_pages() <= XW_OPTEE_SHM_SPAN);
	big_fill(sid, XW_OPTEE_SHM_MAX_BYTES - 5000, 5000, 9);
	assert_true(xw_ns_mapped_pages() <= XW_OPTEE_SHM_SPAN);
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES - 1 - 257);
	/* past the end */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_RMEM_OUT, XW_OPTEE_SHM_MAX_BYTES - 10, 11, 5);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN, 1, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(unreg_shm(0, 5), XW_TEEC_SUCCESS);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES);
	/* Ten 64-page objects read whole: cached blocks up to the budget, the rest mapped per access. */
	nw_pagelist(&nw, NW_LIST_PA, DATA, XW_OPTEE_SHM_SPAN);
	for (i = 0; i < 10; i++) {
		assert_int_equal(reg_shm(NW_LIST_PA, XW_OPTEE_SHM_SPAN * 4096ULL, 0x200 + i),
				 XW_TEEC_SUCCESS);
	}
	for (i = 0; i < 10; i++) {
		nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
		set_param(0, 0, XW_OMSG_ATTR_RMEM_IN, 0, XW_OPTEE_SHM_SPAN * 4096ULL, 0x200 + i);
		set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
		assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
		if (i == 0) {
			crc0 = (uint32_t)nw_param(&nw, ARG(0), 1)->u.value.a;
		}
		assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, crc0);
	}
	assert_int_equal(xw_ns_mapped_pages(), XW_OPTEE_SHM_MAP_BUDGET);
	for (i = 0; i < 10; i++) {
		assert_int_equal(unreg_shm(0, 0x200 + i), XW_TEEC_SUCCESS);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
	close_session(sid);
}

static void shm_object_limit(void **state)
{
	unsigned int i;

	(void)state;
	nw_pagelist(&nw, NW_LIST_PA, DATA, 1);
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		assert_int_equal(reg_shm(NW_LIST_PA, 4096, 100 + i), XW_TEEC_SUCCESS);
	}
	assert_int_equal(reg_shm(NW_LIST_PA, 4096, 99), XW_TEEC_ERROR_OUT_OF_MEMORY);
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		assert_int_equal(unreg_shm(0, 100 + i), XW_TEEC_SUCCESS);
	}
}

/*
 * UNREGISTER while a call uses the object: CRC32 over a registered object
 * yields at a foreign interrupt holding its reference; the unregister from
 * another CPU succeeds at once (the object is unfindable), the pages stay
 * mapped until the CRC call ends, then go. Under ASan a use after free shows.
 */
static void unregister_in_use(void **state)
{
	uint8_t *d = nw_va(&nw, DATA);
	uint64_t out[4];
	struct xw_optee_stats st;
	uint32_t sid, t;

	(void)state;
	sid = open_test();
	nw_pagelist(&nw, NW_LIST_PA, DATA, 3);
	assert_int_equal(reg_shm(NW_LIST_PA, 3 * 4096, 0x77), XW_TEEC_SUCCESS);
	memset(d, 0, 3 * 4096);
	memcpy(d, "123456789", 9);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_RMEM_IN, 0, 9, 0x77);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	assert_int_equal(unreg_shm(1, 0x77), XW_TEEC_SUCCESS);
	assert_int_equal(unreg_shm(1, 0x77), XW_TEEC_ERROR_ITEM_NOT_FOUND); /* gone already */
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.shm_objs, 1);      /* but alive for its user */
	assert_int_equal(xw_ns_mapped_pages(), 0); /* the CRC yielded before its first read */
	/* a new object may reuse the cookie at once */
	assert_int_equal(reg_shm(NW_LIST_PA, 4096, 0x77), XW_TEEC_SUCCESS);
	assert_int_equal(nw_resume(&nw, 0, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 0xcbf43926U);
	assert_int_equal(xw_ns_mapped_pages(), 0); /* the dying object's block went with it */
	assert_int_equal(unreg_shm(0, 0x77), XW_TEEC_SUCCESS);
	nw.stop_at_foreign = false;
	/* closing a session while a call of it is suspended: freed by that call */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 1, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	nw_arg(&nw, ARG(1), XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
	assert_int_equal(invoke_on(1), XW_TEEC_SUCCESS);
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.sessions, 1);
	assert_int_equal(nw_resume(&nw, 0, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_SUCCESS);
	nw.stop_at_foreign = false;
}

/* ---- forced interleavings on one shm object ------------------------------ */

/*
 * One CPU is held at a named point of an operation (arch_optee_point, the
 * host arch calls our hook there) while another CPU runs a whole operation on
 * the same object; then the first goes on. The interleaving is forced, not
 * hoped for: the held CPU sits between two steps for as long as we like.
 */
struct hold {
	pthread_mutex_t m;
	pthread_cond_t cv;
	enum xw_optee_point at;
	uint64_t cookie;
	bool armed, held, released, done;
	/* the held CPU's operation, run on its own pthread */
	unsigned int cpu;
	bool reg;
	uint64_t list;
	uint32_t smc, ret;
};

static struct hold hold = { .m = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* The first CPU to reach (at, cookie) waits there until released; later ones pass. */
static void hold_hook(enum xw_optee_point p, uint64_t cookie, void *arg)
{
	struct hold *h = arg;

	pthread_mutex_lock(&h->m);
	if (h->armed && p == h->at && cookie == h->cookie) {
		h->armed = false;
		h->held = true;
		pthread_cond_broadcast(&h->cv);
		while (!h->released) {
			pthread_cond_wait(&h->cv, &h->m);
		}
	}
	pthread_mutex_unlock(&h->m);
}

/* REGISTER_SHM or UNREGISTER_SHM of hold.cookie on hold.cpu (no cmocka asserts off the main thread). */
static void *hold_cpu(void *arg)
{
	struct hold *h = arg;
	unsigned int cpu = h->cpu;
	uint64_t out[4];
	uint32_t smc;

	if (h->reg) {
		nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
		set_param(cpu, 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG, h->list, 4096,
			  h->cookie);
	} else {
		nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
		set_param(cpu, 0, XW_OMSG_ATTR_RMEM_IN, 0, 0, h->cookie);
	}
	smc = nw_call(&nw, cpu, ARG(cpu), out);
	pthread_mutex_lock(&h->m);
	h->smc = smc;
	h->ret = ret_of(cpu);
	h->done = true;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->m);
	return NULL;
}

/* Start the held CPU's operation; returns once it sits at the point (or ended without). */
static void hold_start(pthread_t *th, enum xw_optee_point at, uint64_t cookie, unsigned int cpu,
		       bool reg, uint64_t list)
{
	bool held;

	pthread_mutex_lock(&hold.m);
	hold.at = at;
	hold.cookie = cookie;
	hold.cpu = cpu;
	hold.reg = reg;
	hold.list = list;
	hold.armed = true;
	hold.held = hold.released = hold.done = false;
	pthread_mutex_unlock(&hold.m);
	host_optee_set_point_hook(hold_hook, &hold);
	assert_int_equal(pthread_create(th, NULL, hold_cpu, &hold), 0);
	pthread_mutex_lock(&hold.m);
	while (!hold.held && !hold.done) {
		pthread_cond_wait(&hold.cv, &hold.m);
	}
	held = hold.held;
	pthread_mutex_unlock(&hold.m);
	assert_true(held); /* else nothing was forced: the test would prove nothing */
}

/* Let the held CPU go on, wait for its operation's end. */
static void hold_release(pthread_t th)
{
	pthread_mutex_lock(&hold.m);
	hold.released = true;
	pthread_cond_broadcast(&hold.cv);
	pthread_mutex_unlock(&hold.m);
	pthread_join(th, NULL);
	host_optee_set_point_hook(NULL, NULL);
}

/*
 * Two UNREGISTER_SHM of one cookie on CPUs 1 and 2 while a CRC32 call on CPU 0
 * holds the object across a foreign-interrupt RPC. CPU 1 is held right after it
 * found the object; CPU 2's unregister runs whole meanwhile. Exactly one may
 * succeed: two successes drop the registration's reference twice and unmap
 * the pages under the suspended call (an access to the PROT_NONE window when
 * it resumes).
 */
static void unregister_race_in_use(void **state)
{
	uint8_t *d = nw_va(&nw, DATA);
	uint64_t out[4];
	struct xw_optee_stats st;
	uint32_t sid, t, second;
	pthread_t th;

	(void)state;
	sid = open_test();
	nw_pagelist(&nw, NW_LIST_PA, DATA, 3);
	assert_int_equal(reg_shm(NW_LIST_PA, 3 * 4096, 0x88), XW_TEEC_SUCCESS);
	memset(d, 0, 3 * 4096);
	memcpy(d, "123456789", 9);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_RMEM_IN, 0, 9, 0x88);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	nw.stop_at_foreign = false;

	hold_start(&th, XW_OPTEE_PT_SHM_UNREGISTER, 0x88, 1, false, 0);
	second = unreg_shm(2, 0x88);
	hold_release(th);
	assert_int_equal(hold.smc, XW_OPTEE_RET_OK);
	assert_int_equal(hold.ret, XW_TEEC_SUCCESS);
	assert_int_equal(second, XW_TEEC_ERROR_ITEM_NOT_FOUND);
	/* the suspended call still owns the object (mapped when it reads) */
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.shm_objs, 1);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	assert_int_equal(nw_resume(&nw, 0, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 0xcbf43926U);
	close_session(sid);
}

/*
 * The same two unregisters with no other user: one succeeds, the other finds
 * nothing, and the object is gone. A double drop would wrap the count and leak
 * the slot (and its mapping) for good.
 */
static void unregister_race_idle(void **state)
{
	uint32_t second;
	pthread_t th;

	(void)state;
	nw_pagelist(&nw, NW_LIST_PA, DATA, 1);
	assert_int_equal(reg_shm(NW_LIST_PA, 4096, 0x89), XW_TEEC_SUCCESS);
	hold_start(&th, XW_OPTEE_PT_SHM_UNREGISTER, 0x89, 1, false, 0);
	second = unreg_shm(2, 0x89);
	hold_release(th);
	assert_int_equal(hold.smc, XW_OPTEE_RET_OK);
	assert_int_equal(hold.ret, XW_TEEC_SUCCESS);
	assert_int_equal(second, XW_TEEC_ERROR_ITEM_NOT_FOUND);
	/* teardown: no object, no mapping left */
}

/*
 * Two REGISTER_SHM with one cookie: CPU 1 is held after it took a slot for the
 * cookie and before the object is published; CPU 2 registers the same cookie
 * meanwhile and must be refused as a duplicate (as when the first is live), or
 * two live objects would answer to one cookie.
 */
static void register_race_same_cookie(void **state)
{
	struct xw_optee_stats st;
	uint32_t second;
	pthread_t th;

	(void)state;
	nw_pagelist(&nw, NW_LIST_PA, DATA, 1);
	nw_pagelist(&nw, NW_LIST_PA + 4096, DATA + 4096, 1);
	hold_start(&th, XW_OPTEE_PT_SHM_BUILDING, 0x99, 1, true, NW_LIST_PA);
	nw_arg(&nw, ARG(2), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	set_param(2, 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG, NW_LIST_PA + 4096, 4096,
		  0x99);
	second = invoke_on(2);
	hold_release(th);
	assert_int_equal(hold.smc, XW_OPTEE_RET_OK);
	assert_int_equal(hold.ret, XW_TEEC_SUCCESS);
	assert_int_equal(second, XW_TEEC_ERROR_OUT_OF_MEMORY);
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.shm_objs, 1);
	assert_int_equal(unreg_shm(0, 0x99), XW_TEEC_SUCCESS);
	assert_int_equal(unreg_shm(0, 0x99), XW_TEEC_ERROR_ITEM_NOT_FOUND);
}

/* ---- services: bad inputs -------------------------------------------------- */

static void service_bad_inputs(void **state)
{
	uint32_t sid, dsid;
	struct {
		uint32_t func;
		uint64_t t0, t1;
	} bad[] = {
		{ XW_PTA_TEST_CMD_ADD, XW_OMSG_ATTR_VALUE_OUT, XW_OMSG_ATTR_VALUE_OUT },
		{ XW_PTA_TEST_CMD_FILL, XW_OMSG_ATTR_TMEM_IN, XW_OMSG_ATTR_VALUE_IN },
		{ XW_PTA_TEST_CMD_INC, XW_OMSG_ATTR_TMEM_OUT, XW_OMSG_ATTR_NONE },
		{ XW_PTA_TEST_CMD_CRC32, XW_OMSG_ATTR_TMEM_IN, XW_OMSG_ATTR_VALUE_IN },
		{ XW_PTA_TEST_CMD_COPY, XW_OMSG_ATTR_TMEM_OUT, XW_OMSG_ATTR_TMEM_OUT },
		{ XW_PTA_TEST_CMD_WAIT, XW_OMSG_ATTR_VALUE_IN, XW_OMSG_ATTR_VALUE_IN },
		{ XW_PTA_TEST_CMD_STATS, XW_OMSG_ATTR_VALUE_IN, XW_OMSG_ATTR_NONE },
		{ XW_PTA_TEST_CMD_TIME, XW_OMSG_ATTR_VALUE_IN, XW_OMSG_ATTR_NONE },
	};
	unsigned int i;

	(void)state;
	sid = open_test();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, bad[i].func, sid, 2);
		set_param(0, 0, bad[i].t0, DATA, 16, 0);
		set_param(0, 1, bad[i].t1, DATA, 16, 0);
		assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	}
	/* a third parameter where none belongs; more than 4 TA parameters */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_ADD, sid, 3);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 0, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	set_param(0, 2, XW_OMSG_ATTR_VALUE_IN, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 5);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* WAIT longer than a minute; an unknown command */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 60001, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, 1000, sid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_NOT_SUPPORTED);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 4);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	close_session(sid);
	/* device enumeration: an empty list; bad type; unknown command */
	assert_int_equal(open_uuid(0, devenum_uuid, &dsid), XW_TEEC_SUCCESS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, 0, dsid, 1);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, DATA, 64, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.tmem.size, 0);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, 0, 0, 0); /* the size query: NULL memref */
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_DEVENUM_CMD_MAX + 1, dsid, 1);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_NOT_SUPPORTED);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, 0, dsid, 0);
	assert_int_equal(invoke_on(0), XW_TEEC_ERROR_BAD_PARAMETERS);
	close_session(dsid);
}

/* ---- RPC ---------------------------------------------------------------- */

static uint32_t time_call(uint32_t sid)
{
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_TIME, sid, 1);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	return invoke_on(0);
}

static void rpc_time_and_cache(void **state)
{
	uint64_t out[4];
	uint32_t sid;

	(void)state;
	sid = open_test();
	nw.time_s = 1234;
	nw.time_ns = 5678;
	/* cache off: ALLOC, CMD, FREE per call */
	assert_int_equal(time_call(sid), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.value.a, 1234);
	assert_int_equal(nw_param(&nw, ARG(0), 0)->u.value.b, 5678);
	assert_int_equal(nw.allocs, 1);
	assert_int_equal(nw.cmds, 1);
	assert_int_equal(nw.frees, 1);
	/* cache on: the buffer is kept and reused */
	fast(XW_OPTEE_ENABLE_SHM_CACHE, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(time_call(sid), XW_TEEC_SUCCESS);
	assert_int_equal(time_call(sid), XW_TEEC_SUCCESS);
	assert_int_equal(nw.allocs, 2);
	assert_int_equal(nw.cmds, 3);
	assert_int_equal(nw.frees, 1);
	/* disabling hands the cached buffer back, then says nothing is left */
	fast(XW_OPTEE_DISABLE_SHM_CACHE, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(out[1] << 32 | out[2], nw.rpc_cookie[0]);
	fast(XW_OPTEE_DISABLE_SHM_CACHE, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	nw.rpc_cookie[0] = 0;
	/* the driver refuses the buffer: the call fails cleanly */
	nw.alloc_fails = true;
	assert_int_equal(time_call(sid), XW_TEEC_ERROR_COMMUNICATION);
	nw.alloc_fails = false;
	/* the driver does not know the command: an error from the RPC */
	close_session(sid);
}

static void rpc_resume_errors(void **state)
{
	uint64_t out[4];
	uint64_t x[8] = { XW_OPTEE_RETURN_FROM_RPC, 0, 0, 0, 0, 0, 0, 0 };
	uint32_t sid, t;

	(void)state;
	nw_smc(&nw, 0, x, out); /* no thread waits for an RPC answer */
	assert_int_equal(out[0], XW_OPTEE_RET_ERESUME);
	x[3] = XW_OPTEE_THREADS;
	nw_smc(&nw, 0, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ERESUME);
	x[3] = 0xffffffff00000000ULL; /* upper half ignored: thread 0, not waiting */
	nw_smc(&nw, 0, x, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ERESUME);
	/* a suspended thread: resumed once, not twice; DISABLE_SHM_CACHE is busy meanwhile */
	sid = open_test();
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 1, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	fast(XW_OPTEE_DISABLE_SHM_CACHE, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_EBUSY);
	/* resumed on another CPU */
	assert_int_equal(nw_resume(&nw, 2, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 1);
	assert_int_equal(nw_resume(&nw, 2, t, out), XW_OPTEE_RET_ERESUME);
	nw.stop_at_foreign = false;
	close_session(sid);
}

static void foreign_interrupts(void **state)
{
	uint32_t sid;
	uint64_t polls;

	(void)state;
	sid = open_test();
	/* WAIT 20 ms with an interrupt pending at once: one FOREIGN_INTR round trip */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 20, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	host_optee_set_foreign(true);
	polls = host_optee_foreign_polls();
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw.foreigns, 1);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 1);
	assert_true(host_optee_foreign_polls() > polls + 1); /* it kept polling */
	/* FILL of 64 KiB polls between chunks */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(0, 0, XW_OMSG_ATTR_TMEM_OUT, DATA, 65536, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_IN, 0, 0, 0);
	host_optee_set_foreign(true);
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS);
	assert_int_equal(nw.foreigns, 2);
	assert_int_equal(((uint8_t *)nw_va(&nw, DATA))[65535], 0xff);
	close_session(sid);
}

/* ---- cancel -------------------------------------------------------------- */

static void cancel_at_rpc(void **state)
{
	uint64_t out[4];
	uint32_t sid, t;

	(void)state;
	sid = open_test();
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
	((struct xw_omsg_arg *)nw_va(&nw, ARG(0)))->cancel_id = 42;
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 60000, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	/* a cancel for another id or session changes nothing; the right one does */
	nw_arg(&nw, ARG(1), XW_OMSG_CMD_CANCEL, 0, sid, 0)->cancel_id = 41;
	assert_int_equal(invoke_on(1), XW_TEEC_SUCCESS);
	nw_arg(&nw, ARG(1), XW_OMSG_CMD_CANCEL, 0, sid + 1, 0)->cancel_id = 42;
	assert_int_equal(invoke_on(1), XW_TEEC_SUCCESS);
	nw_arg(&nw, ARG(1), XW_OMSG_CMD_CANCEL, 0, sid, 0)->cancel_id = 42;
	assert_int_equal(invoke_on(1), XW_TEEC_SUCCESS);
	nw.stop_at_foreign = false;
	assert_int_equal(nw_resume(&nw, 0, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(0), XW_TEEC_ERROR_CANCEL);
	assert_int_equal(((struct xw_omsg_arg *)nw_va(&nw, ARG(0)))->ret_origin,
			 XW_TEEC_ORIGIN_TRUSTED_APP);
	close_session(sid);
}

struct canceller {
	uint32_t sid;
	uint64_t polls; /* foreign-interrupt polls before the WAIT */
};

static void *cancel_cpu1(void *arg)
{
	struct canceller *c = arg;
	uint64_t out[4];

	/* A cancel finds only a call in progress: wait until WAIT polls. */
	while (host_optee_foreign_polls() < c->polls + 100) {
	}
	nw_arg(&nw, ARG(1), XW_OMSG_CMD_CANCEL, 0, c->sid, 0)->cancel_id = 7;
	nw_call(&nw, 1, ARG(1), out);
	return NULL;
}

/* A real second CPU cancels while CPU 0's thread spins in WAIT. */
static void cancel_from_other_cpu(void **state)
{
	struct canceller c = { 0, host_optee_foreign_polls() };
	pthread_t th;
	uint64_t out[4];

	(void)state;
	c.sid = open_test();
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, c.sid, 2)->cancel_id = 7;
	set_param(0, 0, XW_OMSG_ATTR_VALUE_IN, 20000, 0, 0);
	set_param(0, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(pthread_create(&th, NULL, cancel_cpu1, &c), 0);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_OK);
	pthread_join(th, NULL);
	assert_int_equal(ret_of(0), XW_TEEC_ERROR_CANCEL); /* long before the 20 s */
	assert_int_equal(ret_of(1), XW_TEEC_SUCCESS);
	close_session(c.sid);
}

/* ---- threads --------------------------------------------------------------- */

static void thread_limit(void **state)
{
	uint64_t out[4], t[XW_OPTEE_THREADS];
	struct xw_optee_stats st;
	uint32_t sid;
	unsigned int i;

	(void)state;
	sid = open_test();
	nw.stop_at_foreign = true;
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		uint64_t pa = DATA + i * 256ULL;

		nw_arg(&nw, pa, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, sid, 2);
		((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, pa) + 32))->attr = XW_OMSG_ATTR_VALUE_IN;
		((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, pa) + 32))->u.value.a = 1;
		((struct xw_omsg_param *)((uint8_t *)nw_va(&nw, pa) + 64))->attr = XW_OMSG_ATTR_VALUE_OUT;
		host_optee_set_foreign(true);
		assert_int_equal(nw_call(&nw, i % 4, pa, out), XW_OPTEE_RPC_FOREIGN_INTR);
		t[i] = out[3];
	}
	/* every thread is parked in an RPC: the next call is told to wait */
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 0);
	assert_int_equal(nw_call(&nw, 0, ARG(0), out), XW_OPTEE_RET_ETHREAD_LIMIT);
	assert_int_equal(out[1], 0);       /* a1..a3 are the caller's */
	assert_int_equal(out[2], (uint32_t)ARG(0));
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, XW_OPTEE_THREADS);
	assert_int_equal(st.busy, 1);
	nw.stop_at_foreign = false;
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		assert_int_equal(nw_resume(&nw, 3 - i % 4, t[i], out), XW_OPTEE_RET_OK);
		assert_int_equal(((struct xw_omsg_arg *)nw_va(&nw, DATA + i * 256ULL))->ret,
				 XW_TEEC_SUCCESS);
	}
	assert_int_equal(invoke_on(0), XW_TEEC_SUCCESS); /* the retry */
	close_session(sid);
}

/* Four CPUs at once (TSan): invokes with registered and temp memrefs, retries on busy. */
#define STRESS_ROUNDS 150
static void *stress_cpu(void *arg)
{
	unsigned int cpu = (unsigned int)(uintptr_t)arg, i;
	uint64_t out[4], cookie = 0x5000 + cpu;
	uint64_t list = NW_LIST_PA + 0x10000 * cpu, data = DATA + 0x100000 * cpu;
	uint32_t sid, errors = 0;
	uint8_t *d = nw_va(&nw, data);

	nw_pagelist(&nw, list, data, 2);
	nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);
	set_param(cpu, 0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	memcpy(&nw_param(&nw, ARG(cpu), 0)->u.value.a, test_uuid, 8);
	memcpy(&nw_param(&nw, ARG(cpu), 0)->u.value.b, test_uuid + 8, 8);
	set_param(cpu, 1, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	while (nw_call(&nw, cpu, ARG(cpu), out) == XW_OPTEE_RET_ETHREAD_LIMIT) {
	}
	sid = ((struct xw_omsg_arg *)nw_va(&nw, ARG(cpu)))->session;
	for (i = 0; i < STRESS_ROUNDS; i++) {
		nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
		set_param(cpu, 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG, list, 8192, cookie);
		while (nw_call(&nw, cpu, ARG(cpu), out) == XW_OPTEE_RET_ETHREAD_LIMIT) {
		}
		errors += ret_of(cpu) != 0;
		memset(d, (int)i, 8192);
		nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_INC, sid, 1);
		set_param(cpu, 0, i & 1 ? XW_OMSG_ATTR_RMEM_INOUT : XW_OMSG_ATTR_TMEM_INOUT,
			  i & 1 ? 0 : data, 8192, i & 1 ? cookie : 0);
		while (nw_call(&nw, cpu, ARG(cpu), out) == XW_OPTEE_RET_ETHREAD_LIMIT) {
		}
		errors += ret_of(cpu) != 0 || d[0] != (uint8_t)(i + 1) || d[8191] != (uint8_t)(i + 1);
		nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
		set_param(cpu, 0, XW_OMSG_ATTR_RMEM_IN, 0, 0, cookie);
		while (nw_call(&nw, cpu, ARG(cpu), out) == XW_OPTEE_RET_ETHREAD_LIMIT) {
		}
		errors += ret_of(cpu) != 0;
	}
	nw_arg(&nw, ARG(cpu), XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
	while (nw_call(&nw, cpu, ARG(cpu), out) == XW_OPTEE_RET_ETHREAD_LIMIT) {
	}
	return (void *)(uintptr_t)errors;
}

static void four_cpus(void **state)
{
	pthread_t th[4];
	void *errors;
	unsigned int i;
	struct xw_optee_stats st;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_create(&th[i], NULL, stress_cpu, (void *)(uintptr_t)i), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], &errors);
		assert_int_equal((uintptr_t)errors, 0);
	}
	xw_optee_get_stats(&nw.o, &st);
	assert_true(st.calls >= 4 * (3 * STRESS_ROUNDS + 2));
}

static int group_teardown(void **state)
{
	(void)state;
	host_optee_shutdown();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fast_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(open_invoke_close, setup, teardown),
		cmocka_unit_test_setup_teardown(open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(temp_memrefs, setup, teardown),
		cmocka_unit_test_setup_teardown(registered_memrefs, setup, teardown),
		cmocka_unit_test_setup_teardown(register_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(shm_object_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(large_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(unregister_in_use, setup, teardown),
		cmocka_unit_test_setup_teardown(unregister_race_in_use, setup, teardown),
		cmocka_unit_test_setup_teardown(unregister_race_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(register_race_same_cookie, setup, teardown),
		cmocka_unit_test_setup_teardown(service_bad_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(rpc_time_and_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(rpc_resume_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_interrupts, setup, teardown),
		cmocka_unit_test_setup_teardown(cancel_at_rpc, setup, teardown),
		cmocka_unit_test_setup_teardown(cancel_from_other_cpu, setup, teardown),
		cmocka_unit_test_setup_teardown(thread_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(four_cpus, setup, teardown),
	};

	/* One test alone, e.g. XW_TEST_FILTER=unregister_race_idle (a pattern, '*' allowed). */
	if (getenv("XW_TEST_FILTER") != NULL) {
		cmocka_set_test_filter(getenv("XW_TEST_FILTER"));
	}
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
