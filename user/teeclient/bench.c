// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient bench [SIDE]: the cost of each libteec operation against SIDE's
 * built-in test service (side.c: crossworld, the default, or optee-os), in
 * µs and in DESIGN.md loop iterations, one "bench: <op> ..." line each.
 * bench/optee/run.sh runs it in two boots - Crossworld's secure kernel and
 * real OP-TEE on the same monitor, same kernel, initramfs and QEMU - and
 * prints the BENCH lines, with optee-os as the anchor.
 * teeclient invokes N [VARIANT [SIDE]]: exactly N operations of one kind, for
 * counting world switches (and OP-TEE's log bytes) around them
 * (tests/qemu/guest/optee-bench.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"
#include "xw_args.h"
#include "xw_loopiter.h"

#define MIB (1U << 20)

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

/* The operations, as one function: @kind names it (bench/optee/run.sh uses the names). */
struct op_env {
	const struct xw_side *d;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_SharedMemory shm; /* 1 MiB, allocated: the registered memref */
	uint8_t *page;         /* 4 KiB: the temporary memref */
	uint8_t *big;          /* 1 MiB of user memory to register */
};

static const char *const kinds[] = { "open-close", "invoke-noparam", "invoke-value",
				     "invoke-temp-4k", "invoke-registered-1m",
				     "register-release-1m" };
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static void one_op(struct op_env *e, unsigned int kind)
{
	TEEC_Operation op;
	TEEC_SharedMemory reg;
	TEEC_Session t;
	uint32_t origin;
	TEEC_Result r;

	memset(&op, 0, sizeof(op));
	switch (kind) {
	case 0:
		r = TEEC_OpenSession(&e->ctx, &t, &e->d->uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
				     &origin);
		CHECK(r == TEEC_SUCCESS, "open-close: open 0x%x", r);
		if (r == TEEC_SUCCESS) {
			TEEC_CloseSession(&t);
		}
		return;
	case 1:
		r = xw_invoke(&e->s, e->d->cmd_nop, &op);
		CHECK(r == e->d->nop_answer, "invoke-noparam: 0x%x", r);
		return;
	case 2:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = 40;
		op.params[0].value.b = 2;
		r = xw_invoke(&e->s, e->d->cmd_value, &op);
		CHECK(r == e->d->value_answer &&
			      op.params[0].value.a == (e->d->value_adds ? 42U : 40U),
		      "invoke-value: 0x%x a %u", r, op.params[0].value.a);
		return;
	case 3:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = e->page;
		op.params[0].tmpref.size = 4096;
		r = xw_invoke(&e->s, e->d->cmd_nop, &op);
		CHECK(r == e->d->nop_answer, "invoke-temp-4k: 0x%x", r);
		return;
	case 4:
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = &e->shm;
		r = xw_invoke(&e->s, e->d->cmd_nop, &op);
		CHECK(r == e->d->nop_answer, "invoke-registered-1m: 0x%x", r);
		return;
	default:
		memset(&reg, 0, sizeof(reg));
		reg.buffer = e->big;
		reg.size = MIB;
		reg.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		r = TEEC_RegisterSharedMemory(&e->ctx, &reg);
		CHECK(r == TEEC_SUCCESS, "register-release-1m: 0x%x", r);
		if (r == TEEC_SUCCESS) {
			TEEC_ReleaseSharedMemory(&reg);
		}
		return;
	}
}

static int env_open(struct op_env *e, const char *side)
{
	static uint8_t page[4096];

	memset(e, 0, sizeof(*e));
	e->d = xw_side(side);
	if (!e->d) {
		printf("FAIL no side %s (crossworld, optee-os, ta)\n", side);
		return -1;
	}
	xw_side_open(e->d, &e->ctx, &e->s);
	e->page = page;
	e->big = calloc(1, MIB);
	e->shm.size = MIB;
	e->shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (!e->big || TEEC_AllocateSharedMemory(&e->ctx, &e->shm) != TEEC_SUCCESS) {
		printf("FAIL bench: 1 MiB buffers\n");
		return -1;
	}
	return 0;
}

static void env_close(struct op_env *e)
{
	TEEC_ReleaseSharedMemory(&e->shm);
	free(e->big);
	TEEC_CloseSession(&e->s);
	TEEC_FinalizeContext(&e->ctx);
}

int xw_cmd_bench(const char *side)
{
	static const int rounds[NKINDS] = { 100, 300, 300, 200, 200, 100 };
	struct op_env e;
	double lns = loop_ns(), t0, us, best;
	unsigned int kind;
	int i, k;

	if (env_open(&e, side) != 0) {
		return 1;
	}
	printf("bench: side %s, loop iteration %.3f ns\n", e.d->name, lns);
	for (kind = 0; kind < NKINDS; kind++) {
		one_op(&e, kind); /* warm: first-use costs (maps, threads) out of the timing */
		best = 1e30;
		for (k = 0; k < 3; k++) {
			t0 = xw_now_us();
			for (i = 0; i < rounds[kind]; i++) {
				one_op(&e, kind);
			}
			us = (xw_now_us() - t0) / rounds[kind];
			best = us < best ? us : best;
		}
		printf("bench: %s %.1f us %.0f loop-iterations\n", kinds[kind], best,
		       best * 1000.0 / lns);
	}
	env_close(&e);
	return xw_fails ? 1 : 0;
}

/* Exactly @n operations of @variant (an operation name above; default invoke-noparam). */
int xw_cmd_invokes(int n, const char *variant, const char *side)
{
	struct op_env e;
	unsigned int kind = 1;
	int i;

	if (variant) {
		for (kind = 0; kind < NKINDS && strcmp(variant, kinds[kind]); kind++) {
		}
		if (kind == NKINDS) {
			/* A bad argument (usage, exit 2), not a failed check. */
			fprintf(stderr, "teeclient: invokes: '%s' is not an operation (", variant);
			for (kind = 0; kind < NKINDS; kind++) {
				fprintf(stderr, "%s%s", kind ? ", " : "", kinds[kind]);
			}
			fprintf(stderr, ")\n");
			return XW_EXIT_USAGE;
		}
	}
	if (env_open(&e, side) != 0) {
		return 1;
	}
	for (i = 0; i < n; i++) {
		one_op(&e, kind);
	}
	env_close(&e);
	return xw_fails ? 1 : 0;
}
