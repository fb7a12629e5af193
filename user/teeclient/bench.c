// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient bench: DESIGN.md BENCH lines (µs and loop iterations);
 * teeclient invokes N [temp4k]: exactly N invokes in one session, for
 * counting world switches around it (tests/qemu/guest/optee-bench.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"
#include "xw_loopiter.h"

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

int xw_cmd_bench(void)
{
	TEEC_Context ctx;
	TEEC_Session s, t;
	TEEC_Operation op;
	TEEC_SharedMemory shm;
	uint8_t buf[4096];
	uint32_t origin;
	double lns = loop_ns(), t0, best;
	int i, k, n;

	xw_open_ctx(&ctx, &s);
	printf("bench: loop iteration %.3f ns\n", lns);
	/* best of 3 batches, per operation */
#define MEASURE(N, BODY) \
	do { \
		best = 1e30; \
		for (k = 0; k < 3; k++) { \
			t0 = xw_now_us(); \
			for (i = 0; i < (N); i++) { \
				BODY; \
			} \
			t0 = (xw_now_us() - t0) / (N); \
			best = t0 < best ? t0 : best; \
		} \
	} while (0)
	n = 100;
	MEASURE(n, TEEC_OpenSession(&ctx, &t, &xw_test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		TEEC_CloseSession(&t));
	bench_line("open-close", best, lns, 242000);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	MEASURE(300, xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-noparam", best, lns, 120000);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	MEASURE(200, xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
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
	MEASURE(200, xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-registered-1m", best, lns, 742000);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return 0;
}

/* Exactly @n parameterless invokes in one session (world-switch counting). */
int xw_cmd_invokes(int n, const char *variant)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	int i;

	static uint8_t page[4096];

	xw_open_ctx(&ctx, &s);
	memset(&op, 0, sizeof(op));
	if (variant && !strcmp(variant, "temp4k")) {
		/* ... or with one 4 KiB temporary memref (the bench's temp case) */
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].tmpref.buffer = page;
		op.params[0].tmpref.size = sizeof(page);
	}
	for (i = 0; i < n; i++) {
		CHECK(xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op) == TEEC_SUCCESS, "invoke");
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return xw_fails ? 1 : 0;
}
