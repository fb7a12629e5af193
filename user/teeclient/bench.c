// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient bench: DESIGN.md BENCH lines (µs and loop iterations);
 * teeclient invokes N [temp4k]: exactly N invokes in one session, for
 * counting world switches around it (tests/qemu/guest/optee-bench.sh).
 *
 * The anchor, measured in the same run: one yielding SMC (ADD64) through an
 * ioctl of /dev/xwtest, the floor under every invoke (a system call and one
 * yielding round trip into the secure kernel, no driver, no session, no
 * argument). The targets (half of real OP-TEE 3.20's loop iterations
 * on the same QEMU, measured once, elsewhere) are numbers, not measurements of
 * this run: they get TARGET lines of their own, never the anchor column.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "teeclient.h"
#include "xw_loopiter.h"
#include "xw/smc.h"
#include "../../linux/xwtest/xwtest_ioctl.h"

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

/* µs per yielding ADD64 through /dev/xwtest, best of 3 batches; 0 if unavailable. */
static double ioctl_smc_us(void)
{
	struct xwtest_call c;
	double best = 0, t0;
	int fd = open("/dev/xwtest", O_RDWR | O_CLOEXEC), i, k;

	if (fd < 0)
		return 0;
	for (k = 0; k < 3; k++) {
		t0 = xw_now_us();
		for (i = 0; i < 300; i++) {
			memset(&c, 0, sizeof(c));
			c.a[0] = XW_SMC_ADD64_YIELD;
			c.a[1] = 1;
			c.a[2] = 2;
			c.a[3] = 3;
			c.how = XWTEST_HOW_FULL;
			if (ioctl(fd, XWTEST_IOC_CALL, &c) < 0 || c.r[0] != XW_SMC_OK || c.r[1] != 6) {
				close(fd);
				return 0;
			}
		}
		t0 = (xw_now_us() - t0) / 300;
		best = best == 0 || t0 < best ? t0 : best;
	}
	close(fd);
	return best;
}

/*
 * One operation: BENCH lines in µs and in loop iterations against the ioctl
 * anchor (anchor_us 0: not measurable, ratio n/a), then the target line.
 * @optee_iters: real OP-TEE 3.20's count for it; the target is half of that.
 */
static void bench_line(const char *name, double us, double lns, double anchor_us,
		       double optee_iters)
{
	double iters = us * 1000.0 / lns, goal = optee_iters / 2;

	if (anchor_us > 0) {
		printf("BENCH optee-%s-us (lower is better): %.1f us | ioctl-yield-smc %.1f us | "
		       "ratio %.3f\n", name, us, anchor_us, us / anchor_us);
		printf("BENCH optee-%s-iters (lower is better): %.0f loop-iterations | "
		       "ioctl-yield-smc %.0f loop-iterations | ratio %.3f\n", name, iters,
		       anchor_us * 1000.0 / lns, us / anchor_us);
	} else {
		printf("BENCH optee-%s-us (lower is better): %.1f us | ioctl-yield-smc failed us | "
		       "ratio n/a\n", name, us);
	}
	printf("TARGET optee-%s-iters: %.0f loop-iterations | target <= %.0f loop-iterations | %s\n",
	       name, iters, goal, iters <= goal ? "met" : "missed");
}

int xw_cmd_bench(void)
{
	TEEC_Context ctx;
	TEEC_Session s, t;
	TEEC_Operation op;
	TEEC_SharedMemory shm;
	uint8_t buf[4096];
	uint32_t origin;
	double lns = loop_ns(), anchor = ioctl_smc_us(), t0, best;
	int i, k, n;

	xw_open_ctx(&ctx, &s);
	printf("bench: loop iteration %.3f ns\n", lns);
	if (anchor > 0)
		printf("bench: anchor: yielding SMC through /dev/xwtest %.1f us\n", anchor);
	else
		printf("bench: anchor unavailable (/dev/xwtest: is xwtest.ko loaded?)\n");
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
	bench_line("open-close", best, lns, anchor, 242000);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	MEASURE(300, xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-noparam", best, lns, anchor, 120000);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	MEASURE(200, xw_invoke(&s, XW_PTA_TEST_CMD_NOP, &op));
	bench_line("invoke-temp-4k", best, lns, anchor, 460000);
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
	bench_line("invoke-registered-1m", best, lns, anchor, 742000);
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
