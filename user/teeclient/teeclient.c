// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient: a GlobalPlatform TEE Client API program (Debian's libteec, the
 * stock Linux OP-TEE driver) against Crossworld's test pseudo-TA.
 *   teeclient test       every parameter type and size boundary, registered and
 *                        temporary memory, bad UUIDs/parameters, many sessions,
 *                        threads on every CPU, foreign-interrupt round trips, RPC
 *   teeclient stats      print sessions/shm objects/threads the secure side holds
 *   teeclient hang MS    invoke a MS-long wait (to be killed in the middle)
 *   teeclient bench      DESIGN.md BENCH lines (µs and loop iterations)
 *   teeclient demo       one short, readable exchange
 *   teeclient cancel     TEEC_RequestCancellation from a second thread ends a
 *                        long WAIT with TEEC_ERROR_CANCEL (and only that call)
 *   teeclient pinned N   one client thread pinned to every online CPU, all at
 *                        once, N invokes each (values, temp and registered memrefs)
 * Prints "FAIL <what>" lines and exits 1 if any check fails.
 */
#define _GNU_SOURCE /* sched_setaffinity, sched_getcpu */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "xw/optee_pta.h"
#include "xw_loopiter.h"

static const TEEC_UUID test_uuid = { 0x6ee52807, 0xb9b8, 0x4c28,
				     { 0xbf, 0x0e, 0xea, 0x93, 0x83, 0x89, 0xcb, 0x96 } };
static int fails;

#define CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			printf("FAIL " __VA_ARGS__); \
			printf("\n"); \
			fails++; \
		} \
	} while (0)

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffU;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++) {
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1U)));
		}
	}
	return ~c;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void open_ctx(TEEC_Context *ctx, TEEC_Session *s)
{
	uint32_t origin;
	TEEC_Result r = TEEC_InitializeContext(NULL, ctx);

	if (r != TEEC_SUCCESS) {
		printf("FAIL InitializeContext: 0x%x\n", r);
		exit(1);
	}
	if (s) {
		r = TEEC_OpenSession(ctx, s, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		if (r != TEEC_SUCCESS) {
			printf("FAIL OpenSession: 0x%x origin %u\n", r, origin);
			exit(1);
		}
	}
}

static TEEC_Result invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(s, cmd, op, &origin);
}

static TEEC_Result add(TEEC_Session *s, uint64_t a, uint64_t b, uint32_t *sum)
{
	TEEC_Operation op;
	TEEC_Result r;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = (uint32_t)a;
	op.params[0].value.b = (uint32_t)b;
	r = invoke(s, XW_PTA_TEST_CMD_ADD, &op);
	*sum = op.params[1].value.a;
	return r;
}

static void stats(TEEC_Session *s, uint32_t v[6])
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	CHECK(invoke(s, XW_PTA_TEST_CMD_STATS, &op) == TEEC_SUCCESS, "stats");
	v[0] = op.params[0].value.a; /* sessions */
	v[1] = op.params[0].value.b; /* shm objects */
	v[2] = op.params[1].value.a; /* busy returns */
	v[3] = op.params[1].value.b; /* foreign-interrupt returns */
	v[4] = 0;
	v[5] = 0;
}

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
	r = invoke(s, XW_PTA_TEST_CMD_FILL, &op);
	CHECK(r == TEEC_SUCCESS, "fill %zu: 0x%x", n, r);
	for (i = 0; i < n; i++) {
		bad |= buf[i] != (uint8_t)(7 + i);
	}
	CHECK(!bad && buf[n] == 0xee, "fill %zu: content", n);

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(s, XW_PTA_TEST_CMD_INC, &op);
	CHECK(r == TEEC_SUCCESS, "inc %zu: 0x%x", n, r);
	for (i = 0, bad = 0; i < n; i++) {
		bad |= buf[i] != (uint8_t)(8 + i);
	}
	CHECK(!bad, "inc %zu: content", n);

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	r = invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a == crc32(buf, n) &&
	      op.params[1].value.b == n, "crc %zu: 0x%x crc %08x want %08x", n, r,
	      op.params[1].value.a, crc32(buf, n));
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
	r = invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_ERROR_BAD_PARAMETERS, "inout for an input: 0x%x", r);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.size = n;
	r = invoke(s, XW_PTA_TEST_CMD_CRC32, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a == crc32(shm.buffer, n),
	      "registered crc %zu: 0x%x", n, r);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.offset = off;
	op.params[0].memref.size = n - off;
	r = invoke(s, XW_PTA_TEST_CMD_INC, &op);
	CHECK(r == TEEC_SUCCESS && raw[3 + off] == (uint8_t)(off * 31 + 6) &&
	      (off == 0 || raw[3 + off - 1] == (uint8_t)((off - 1) * 31 + 5)),
	      "registered partial inc %zu@%zu: 0x%x", n, off, r);
	/* Past the end of the object: refused by the driver or the secure side. */
	op.params[0].memref.offset = n;
	op.params[0].memref.size = 1;
	r = invoke(s, XW_PTA_TEST_CMD_INC, &op);
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

	open_ctx(&ctx, &s);
	for (i = 0; i < 60; i++) {
		TEEC_Operation op;

		CHECK(add(&s, id, i, &sum) == TEEC_SUCCESS && sum == id + i, "thread %ld add", id);
		memset(&op, 0, sizeof(op));
		memset(buf, (int)(id + i), sizeof(buf));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
		op.params[0].tmpref.buffer = buf;
		op.params[0].tmpref.size = sizeof(buf);
		CHECK(invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) == TEEC_SUCCESS &&
		      op.params[1].value.a == crc32(buf, sizeof(buf)), "thread %ld crc", id);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

static int cmd_test(void)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 65536, 1 << 20, 8 << 20 };
	TEEC_Context ctx;
	TEEC_Session s, many[40];
	TEEC_Operation op;
	TEEC_UUID bad = test_uuid;
	TEEC_SharedMemory shm;
	pthread_t th[12];
	uint32_t origin, sum, v[6], v0[6];
	TEEC_Result r;
	unsigned int i;

	open_ctx(&ctx, &s);
	stats(&s, v0);
	CHECK(add(&s, 40, 2, &sum) == TEEC_SUCCESS && sum == 42, "value add: %u", sum);
	/* Value in/out round trip of all 32 bits */
	CHECK(add(&s, 0xfffffffe, 1, &sum) == TEEC_SUCCESS && sum == 0xffffffff, "value bits");

	bad.timeLow ^= 1;
	r = TEEC_OpenSession(&ctx, &many[0], &bad, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	CHECK(r == TEEC_ERROR_ITEM_NOT_FOUND, "bad uuid: 0x%x", r);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	r = invoke(&s, XW_PTA_TEST_CMD_ADD, &op);
	CHECK(r == TEEC_ERROR_BAD_PARAMETERS, "bad param types: 0x%x", r);
	r = invoke(&s, 999, &op);
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
	r = invoke(&s, XW_PTA_TEST_CMD_COPY, &op);
	CHECK(r == TEEC_ERROR_SHORT_BUFFER && op.params[1].memref.size == 6000,
	      "short buffer: 0x%x size %zu", r, op.params[1].memref.size);
	op.params[0].memref.size = 4000;
	op.params[1].memref.size = 4000;
	r = invoke(&s, XW_PTA_TEST_CMD_COPY, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].memref.size == 4000, "copy: 0x%x", r);
	TEEC_ReleaseSharedMemory(&shm);

	/* Many sessions at once */
	for (i = 0; i < 40; i++) {
		r = TEEC_OpenSession(&ctx, &many[i], &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		CHECK(r == TEEC_SUCCESS, "session %u: 0x%x", i, r);
	}
	for (i = 0; i < 40; i++) {
		CHECK(add(&many[i], i, 1, &sum) == TEEC_SUCCESS && sum == i + 1, "many add %u", i);
	}
	stats(&s, v);
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
	r = invoke(&s, XW_PTA_TEST_CMD_WAIT, &op);
	CHECK(r == TEEC_SUCCESS && op.params[1].value.a > 0, "wait: 0x%x foreign %u", r,
	      op.params[1].value.a);
	printf("wait 300 ms: %u foreign-interrupt round trips\n", op.params[1].value.a);

	/* An RPC through the driver: RPC argument alloc, GET_TIME, free */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(&s, XW_PTA_TEST_CMD_TIME, &op);
	CHECK(r == TEEC_SUCCESS && (op.params[0].value.a || op.params[0].value.b), "rpc time: 0x%x", r);

	stats(&s, v);
	CHECK(v[0] == v0[0] && v[1] == 0, "left over: sessions %u (want %u) shm %u", v[0], v0[0], v[1]);
	printf("stats: sessions %u shm %u busy %u foreign %u\n", v[0], v[1], v[2], v[3]);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	printf(fails ? "teeclient test: %d failures\n" : "teeclient test: ok\n", fails);
	return fails ? 1 : 0;
}

static int cmd_stats(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t v[6];

	open_ctx(&ctx, &s);
	stats(&s, v);
	/* This session is one of them. */
	printf("sessions %u shm %u busy %u foreign %u\n", v[0] - 1, v[1], v[2], v[3]);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

static int cmd_hang(unsigned int ms)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_SharedMemory shm;
	TEEC_Operation op;

	open_ctx(&ctx, &s);
	memset(&shm, 0, sizeof(shm));
	shm.size = 8192;
	shm.flags = TEEC_MEM_INPUT;
	TEEC_AllocateSharedMemory(&ctx, &shm); /* left for the kernel to clean up */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = ms;
	printf("hang: waiting %u ms in the secure world\n", ms);
	fflush(stdout);
	invoke(&s, XW_PTA_TEST_CMD_WAIT, &op);
	return 0;
}

/* DESIGN.md's normaliser: ns per xorshift iteration, best of 3 runs of 10^7. */
static double loop_ns(void)
{
	uint64_t best = UINT64_MAX, t;
	int k;

	for (k = 0; k < 3; k++) {
		t = xw_loopiter_run_ns();
		best = t < best ? t : best;
	}
	return (double)best / (double)XW_LOOPITER_N;
}

static void bench_line(const char *name, double us, double lns, double anchor)
{
	double iters = us * 1000.0 / lns;

	printf("BENCH optee-%s-us (lower is better): %.1f us | loop-iterations %.0f | "
	       "target %.0f iterations | ratio %.3f\n", name, us, iters, anchor / 2, iters / (anchor / 2));
}

static int cmd_bench(void)
{
	TEEC_Context ctx;
	TEEC_Session s, t;
	TEEC_Operation op;
	TEEC_SharedMemory shm;
	uint8_t buf[4096];
	uint32_t origin;
	double lns = loop_ns(), t0, best;
	int i, k, n;

	open_ctx(&ctx, &s);
	printf("bench: loop iteration %.3f ns\n", lns);
	/* best of 3 batches, per operation */
#define MEASURE(N, BODY) \
	do { \
		best = 1e30; \
		for (k = 0; k < 3; k++) { \
			t0 = now_us(); \
			for (i = 0; i < (N); i++) { \
				BODY; \
			} \
			t0 = (now_us() - t0) / (N); \
			best = t0 < best ? t0 : best; \
		} \
	} while (0)
	n = 100;
	MEASURE(n, TEEC_OpenSession(&ctx, &t, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		TEEC_CloseSession(&t));
	bench_line("open-close", best, lns, 242000);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	MEASURE(300, invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-noparam", best, lns, 120000);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	MEASURE(200, invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-temp-4k", best, lns, 460000);
	memset(&shm, 0, sizeof(shm));
	shm.size = 1 << 20;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &shm) != TEEC_SUCCESS) {
		printf("FAIL bench: allocate 1 MiB\n");
		return 1;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	MEASURE(200, invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-registered-1m", best, lns, 742000);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

static int cmd_demo(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	const char msg[] = "hello from the normal world";
	uint32_t sum;

	open_ctx(&ctx, &s);
	printf("demo: libteec session open to the Crossworld test service\n");
	CHECK(add(&s, 40, 2, &sum) == TEEC_SUCCESS && sum == 42, "demo add");
	printf("demo: 40 + 2 = %u (computed in the secure world)\n", sum);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = sizeof(msg) - 1;
	CHECK(invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) == TEEC_SUCCESS &&
	      op.params[1].value.a == crc32((const uint8_t *)msg, sizeof(msg) - 1), "demo crc");
	printf("demo: CRC-32 of \"%s\" = %08x (secure) / %08x (here)\n", msg,
	       op.params[1].value.a, crc32((const uint8_t *)msg, sizeof(msg) - 1));
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return fails ? 1 : 0;
}

/* ---- cancel ---------------------------------------------------------------- */

struct waiter {
	TEEC_Session *s;
	TEEC_Operation op;
	TEEC_Result r;
	uint32_t origin;
	double us;
};

static void *wait_body(void *arg)
{
	struct waiter *w = arg;
	double t0 = now_us();

	w->r = TEEC_InvokeCommand(w->s, XW_PTA_TEST_CMD_WAIT, &w->op, &w->origin);
	w->us = now_us() - t0;
	return NULL;
}

static int cmd_cancel(void)
{
	TEEC_Context ctx;
	TEEC_Session s, other;
	struct waiter w;
	pthread_t th;
	uint32_t sum, v[6];
	uint32_t origin;

	open_ctx(&ctx, &s);
	CHECK(TEEC_OpenSession(&ctx, &other, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			       &origin) == TEEC_SUCCESS, "open second session");
	/* A 20 s WAIT, cancelled after 300 ms from this thread. */
	memset(&w, 0, sizeof(w));
	w.s = &s;
	w.op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE,
					   TEEC_NONE);
	w.op.params[0].value.a = 20000;
	pthread_create(&th, NULL, wait_body, &w);
	usleep(300000);
	/* the other session works meanwhile (another secure thread) */
	CHECK(add(&other, 1, 2, &sum) == TEEC_SUCCESS && sum == 3, "add during wait");
	TEEC_RequestCancellation(&w.op);
	pthread_join(th, NULL);
	CHECK(w.r == TEEC_ERROR_CANCEL, "cancelled wait: 0x%x origin %u", w.r, w.origin);
	CHECK(w.us < 10e6, "cancel took %.0f us", w.us);
	printf("cancel: WAIT ended 0x%x after %.0f ms (%u foreign-interrupt returns)\n", w.r,
	       w.us / 1000, w.op.params[1].value.a);
	/* the session stays usable; nothing is left busy */
	CHECK(add(&s, 2, 3, &sum) == TEEC_SUCCESS && sum == 5, "add after cancel");
	/* a cancel of an operation that already ended changes nothing */
	TEEC_RequestCancellation(&w.op);
	w.op.params[0].value.a = 10;
	wait_body(&w);
	CHECK(w.r == TEEC_SUCCESS, "wait after a stale cancel: 0x%x", w.r);
	stats(&s, v);
	CHECK(v[0] == 2 && v[1] == 0, "after cancel: sessions %u shm %u", v[0], v[1]);
	TEEC_CloseSession(&other);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return fails ? 1 : 0;
}

/* ---- pinned client threads -------------------------------------------------- */

struct pinned {
	int cpu, rounds, fails, wrong_cpu;
	pthread_barrier_t *start;
};

static void *pinned_body(void *arg)
{
	struct pinned *p = arg;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	TEEC_SharedMemory shm;
	uint8_t tmp[3000];
	uint32_t sum;
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	CPU_SET(p->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		p->fails++;
		return NULL;
	}
	open_ctx(&ctx, &s);
	memset(&shm, 0, sizeof(shm));
	shm.size = 8192;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	p->fails += TEEC_AllocateSharedMemory(&ctx, &shm) != TEEC_SUCCESS;
	pthread_barrier_wait(p->start);
	for (i = 0; i < p->rounds && shm.buffer; i++) {
		p->wrong_cpu += sched_getcpu() != p->cpu;
		p->fails += add(&s, (uint32_t)i, (uint32_t)p->cpu, &sum) != TEEC_SUCCESS ||
			    sum != (uint32_t)(i + p->cpu);
		/* temp memref: INC every byte */
		memset(tmp, (int)(i + p->cpu), sizeof(tmp));
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = tmp;
		op.params[0].tmpref.size = sizeof(tmp);
		p->fails += invoke(&s, XW_PTA_TEST_CMD_INC, &op) != TEEC_SUCCESS ||
			    tmp[0] != (uint8_t)(i + p->cpu + 1) ||
			    tmp[sizeof(tmp) - 1] != (uint8_t)(i + p->cpu + 1);
		/* registered memref: CRC32 of 8 KiB */
		memset(shm.buffer, (int)i, shm.size);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = &shm;
		op.params[0].memref.size = shm.size;
		p->fails += invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) != TEEC_SUCCESS ||
			    op.params[1].value.a != crc32(shm.buffer, shm.size);
	}
	if (shm.buffer) {
		TEEC_ReleaseSharedMemory(&shm);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

static int cmd_pinned(int rounds)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	struct pinned p[64];
	pthread_t th[64];
	pthread_barrier_t start;
	double t0;
	int i;

	if (n < 1 || n > 64) {
		printf("FAIL pinned: %ld CPUs\n", n);
		return 1;
	}
	pthread_barrier_init(&start, NULL, (unsigned int)n + 1);
	for (i = 0; i < n; i++) {
		p[i] = (struct pinned){ .cpu = i, .rounds = rounds, .start = &start };
		pthread_create(&th[i], NULL, pinned_body, &p[i]);
	}
	pthread_barrier_wait(&start);
	t0 = now_us();
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		CHECK(p[i].fails == 0, "pinned cpu %d: %d failed invokes", i, p[i].fails);
		CHECK(p[i].wrong_cpu == 0, "pinned cpu %d: ran %d times elsewhere", i,
		      p[i].wrong_cpu);
	}
	printf("pinned: %ld threads x %d rounds (3 invokes each) in %.0f ms\n", n, rounds,
	       (now_us() - t0) / 1000);
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "test")) {
		return cmd_test();
	}
	if (argc >= 2 && !strcmp(argv[1], "stats")) {
		return cmd_stats();
	}
	if (argc >= 3 && !strcmp(argv[1], "hang")) {
		return cmd_hang((unsigned int)atoi(argv[2]));
	}
	if (argc >= 2 && !strcmp(argv[1], "bench")) {
		return cmd_bench();
	}
	if (argc >= 3 && !strcmp(argv[1], "invokes")) {
		/* exactly N parameterless invokes in one session (world-switch counting) */
		TEEC_Context ctx;
		TEEC_Session s;
		TEEC_Operation op;
		int i, n = atoi(argv[2]);

		static uint8_t page[4096];

		open_ctx(&ctx, &s);
		memset(&op, 0, sizeof(op));
		if (argc >= 4 && !strcmp(argv[3], "temp4k")) {
			/* ... or with one 4 KiB temporary memref (the bench's temp case) */
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
							 TEEC_NONE, TEEC_NONE);
			op.params[0].tmpref.buffer = page;
			op.params[0].tmpref.size = sizeof(page);
		}
		for (i = 0; i < n; i++) {
			CHECK(invoke(&s, XW_PTA_TEST_CMD_NOP, &op) == TEEC_SUCCESS, "invoke");
		}
		TEEC_CloseSession(&s);
		TEEC_FinalizeContext(&ctx);
		return fails ? 1 : 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "demo")) {
		return cmd_demo();
	}
	if (argc >= 2 && !strcmp(argv[1], "cancel")) {
		return cmd_cancel();
	}
	if (argc >= 3 && !strcmp(argv[1], "pinned")) {
		return cmd_pinned(atoi(argv[2]));
	}
	fprintf(stderr, "usage: teeclient test | stats | hang <ms> | bench | demo | cancel | "
		"pinned <rounds>\n");
	return 2;
}
