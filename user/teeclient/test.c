// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient test: every parameter type and size boundary, registered and
 * temporary memory, bad UUIDs/parameters, many sessions, threads on every
 * CPU, foreign-interrupt round trips, RPC.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "teeclient.h"

/* Temporary memrefs of @n bytes: fill (out), increment (inout), CRC (in). */
static void temp_sizes(TEEC_Session *s, size_t n)
{
	uint8_t *buf = malloc(n + 1);
	TEEC_Operation op;
	TEEC_Result r;
	size_t i;
	int bad = 0;

	memset(buf, 0xee, n + 1);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = n;
	op.params[1].value.a = 7;
	r = xw_invoke(s, XW_PTA_TEST_CMD_FILL, &op);
	CHECK(r == TEEC_SUCCESS, "fill %zu: 0x%x", n, r);
	for (i = 0; i < n; i++) {
		bad |= buf[i] != (uint8_t)(7 + i);
	}
	CHECK(!bad && buf[n] == 0xee, "fill %zu: content", n);

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = xw_invoke(s, XW_PTA_TEST_CMD_INC, &op);
	CHECK(r == TEEC_SUCCESS, "inc %zu: 0x%x", n, r);
	for (i = 0, bad = 0; i < n; i++) {
		bad |= buf[i] != (uint8_t)(8 + i);
	}
	CHECK(!bad, "inc %zu: content", n);

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	r = xw_invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a == xw_crc32(buf, n) &&
	      op.params[1].value.b == n, "crc %zu: 0x%x crc %08x want %08x", n, r,
	      op.params[1].value.a, xw_crc32(buf, n));
	free(buf);
}

/* Registered memory: an unaligned malloc'd buffer, whole and partial references. */
static void registered(TEEC_Context *ctx, TEEC_Session *s, size_t n, size_t off)
{
	uint8_t *raw = malloc(n + 16);
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	TEEC_Result r;
	size_t i;

	memset(&shm, 0, sizeof(shm));
	shm.buffer = raw + 3;
	shm.size = n;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	for (i = 0; i < n; i++) {
		raw[3 + i] = (uint8_t)(i * 31 + 5);
	}
	r = TEEC_RegisterSharedMemory(ctx, &shm);
	CHECK(r == TEEC_SUCCESS, "register %zu: 0x%x", n, r);
	if (r != TEEC_SUCCESS) {
		free(raw);
		return;
	}
	memset(&op, 0, sizeof(op));
	/* WHOLE of an in+out object is an inout memref: the service wants input. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	r = xw_invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_ERROR_BAD_PARAMETERS, "inout for an input: 0x%x", r);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.size = n;
	r = xw_invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a == xw_crc32(shm.buffer, n),
	      "registered crc %zu: 0x%x", n, r);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.offset = off;
	op.params[0].memref.size = n - off;
	r = xw_invoke(s, XW_PTA_TEST_CMD_INC, &op);
	CHECK(r == TEEC_SUCCESS && raw[3 + off] == (uint8_t)(off * 31 + 6) &&
	      (off == 0 || raw[3 + off - 1] == (uint8_t)((off - 1) * 31 + 5)),
	      "registered partial inc %zu@%zu: 0x%x", n, off, r);
	/* Past the end of the object: refused by the driver or the secure side. */
	op.params[0].memref.offset = n;
	op.params[0].memref.size = 1;
	r = xw_invoke(s, XW_PTA_TEST_CMD_INC, &op);
	CHECK(r != TEEC_SUCCESS, "registered out-of-bounds accepted");
	TEEC_ReleaseSharedMemory(&shm);
	free(raw);
}

static void *thread_body(void *arg)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t sum;
	uint8_t buf[3000];
	long id = (long)arg;
	int i;

	xw_open_ctx(&ctx, &s);
	for (i = 0; i < 60; i++) {
		TEEC_Operation op;

		CHECK(xw_add(&s, id, i, &sum) == TEEC_SUCCESS && sum == id + i, "thread %ld add", id);
		memset(&op, 0, sizeof(op));
		memset(buf, (int)(id + i), sizeof(buf));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
		op.params[0].tmpref.buffer = buf;
		op.params[0].tmpref.size = sizeof(buf);
		CHECK(xw_invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) == TEEC_SUCCESS &&
		      op.params[1].value.a == xw_crc32(buf, sizeof(buf)), "thread %ld crc", id);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

int xw_cmd_test(void)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 65536, 1 << 20, 8 << 20 };
	TEEC_Context ctx;
	TEEC_Session s, many[40];
	TEEC_Operation op;
	TEEC_UUID bad = xw_test_uuid;
	TEEC_SharedMemory shm;
	pthread_t th[12];
	uint32_t origin, sum, v[6], v0[6];
	TEEC_Result r;
	unsigned int i;

	xw_open_ctx(&ctx, &s);
	xw_stats(&s, v0);
	CHECK(xw_add(&s, 40, 2, &sum) == TEEC_SUCCESS && sum == 42, "value add: %u", sum);
	/* Value in/out round trip of all 32 bits */
	CHECK(xw_add(&s, 0xfffffffe, 1, &sum) == TEEC_SUCCESS && sum == 0xffffffff, "value bits");

	bad.timeLow ^= 1;
	r = TEEC_OpenSession(&ctx, &many[0], &bad, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK(r == TEEC_ERROR_ITEM_NOT_FOUND, "bad uuid: 0x%x", r);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	r = xw_invoke(&s, XW_PTA_TEST_CMD_ADD, &op);
	CHECK(r == TEEC_ERROR_BAD_PARAMETERS, "bad param types: 0x%x", r);
	r = xw_invoke(&s, 999, &op);
	CHECK(r == TEEC_ERROR_NOT_SUPPORTED, "bad command: 0x%x", r);

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		temp_sizes(&s, sizes[i]);
	}
	registered(&ctx, &s, 1, 0);
	registered(&ctx, &s, 4097, 4095);
	registered(&ctx, &s, (1 << 20) + 3, 12345);

	/* Allocated shared memory, and SHORT_BUFFER with the needed size */
	memset(&shm, 0, sizeof(shm));
	shm.size = 10000;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	CHECK(TEEC_AllocateSharedMemory(&ctx, &shm) == TEEC_SUCCESS, "allocate shm");
	memset(shm.buffer, 0x5a, 10000);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.size = 6000;
	op.params[1].memref.parent = &shm;
	op.params[1].memref.offset = 6000;
	op.params[1].memref.size = 4000;
	r = xw_invoke(&s, XW_PTA_TEST_CMD_COPY, &op);
	CHECK(r == TEEC_ERROR_SHORT_BUFFER && op.params[1].memref.size == 6000,
	      "short buffer: 0x%x size %zu", r, op.params[1].memref.size);
	op.params[0].memref.size = 4000;
	op.params[1].memref.size = 4000;
	r = xw_invoke(&s, XW_PTA_TEST_CMD_COPY, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].memref.size == 4000, "copy: 0x%x", r);
	TEEC_ReleaseSharedMemory(&shm);

	/* Many sessions at once */
	for (i = 0; i < 40; i++) {
		r = TEEC_OpenSession(&ctx, &many[i], &xw_test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		CHECK(r == TEEC_SUCCESS, "session %u: 0x%x", i, r);
	}
	for (i = 0; i < 40; i++) {
		CHECK(xw_add(&many[i], i, 1, &sum) == TEEC_SUCCESS && sum == i + 1, "many add %u", i);
	}
	xw_stats(&s, v);
	CHECK(v[0] == v0[0] + 40, "sessions %u, want %u", v[0], v0[0] + 40);
	for (i = 0; i < 40; i++) {
		TEEC_CloseSession(&many[i]);
	}

	/* More threads than secure threads: the driver waits on ETHREAD_LIMIT, never fails */
	for (i = 0; i < 12; i++) {
		pthread_create(&th[i], NULL, thread_body, (void *)(long)i);
	}
	for (i = 0; i < 12; i++) {
		pthread_join(th[i], NULL);
	}

	/* A long call gives the CPU back for normal-world interrupts */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 300;
	r = xw_invoke(&s, XW_PTA_TEST_CMD_WAIT, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a > 0, "wait: 0x%x foreign %u", r,
	      op.params[1].value.a);
	printf("wait 300 ms: %u foreign-interrupt round trips\n", op.params[1].value.a);

	/* An RPC through the driver: RPC argument alloc, GET_TIME, free */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = xw_invoke(&s, XW_PTA_TEST_CMD_TIME, &op);
	CHECK(r == TEEC_SUCCESS && (op.params[0].value.a || op.params[0].value.b), "rpc time: 0x%x", r);

	xw_stats(&s, v);
	/* Against the start: kernel clients (optee-rng) keep a session and a buffer. */
	CHECK(v[0] == v0[0] && v[1] == v0[1], "left over: sessions %u (want %u) shm %u (want %u)",
	      v[0], v0[0], v[1], v0[1]);
	printf("stats: sessions %u shm %u busy %u foreign %u\n", v[0], v[1], v[2], v[3]);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	printf(xw_fails ? "teeclient test: %d failures\n" : "teeclient test: ok\n", xw_fails);
	return xw_fails ? 1 : 0;
}
