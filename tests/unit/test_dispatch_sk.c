// SPDX-License-Identifier: BSD-2-Clause
/* The secure kernel's call table: decoding, counting, each call's results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/core/calls.h"
#include "../../secure/core/route.h"
#include "xw/err.h"
#include "xw/smc.h"

#define S64(v) ((uint64_t)(int64_t)(v))

static struct xw_sk_core core;

static int setup(void **state)
{
	(void)state;
	return xw_sk_core_init(&core, 2, 100);
}

static void call(unsigned int cpu, bool yielding, uint64_t x0, uint64_t x1,
		 uint64_t x2, uint64_t x3, uint64_t out[4])
{
	/*
	 * x4..x7 junk the calls must ignore: w7 names a client only once a
	 * hypervisor announced a guest (guest.h), and none has here.
	 */
	uint64_t x[8] = { x0, x1, x2, x3, 4, 5, 6, 7 };

	xw_sk_handle_call(&core, cpu, yielding, x, out);
}

static void init_validates(void **state)
{
	struct xw_sk_core c;

	(void)state;
	assert_int_equal(xw_sk_core_init(&c, 0, 100), XW_EINVAL);
	assert_int_equal(xw_sk_core_init(&c, XW_SK_MAX_CPUS + 1, 100), XW_EINVAL);
}

static void uid_revision_caps(void **state)
{
	uint64_t o[4];

	(void)state;
	call(0, false, XW_SMC_CALL_UID, 0, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_UID_0);
	assert_int_equal(o[1], XW_SMC_UID_1);
	assert_int_equal(o[2], XW_SMC_UID_2);
	assert_int_equal(o[3], XW_SMC_UID_3);
	call(0, false, XW_SMC_REVISION, 0, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_REVISION_MAJOR);
	assert_int_equal(o[1], XW_SMC_REVISION_MINOR);
	call(1, false, XW_SMC_CAPABILITIES, 0, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[1], XW_CAP_YIELDING | XW_CAP_CALL_COUNT | XW_CAP_SECURE_TIMER);
}

static void add_overflow_semantics(void **state)
{
	uint64_t o[4];

	(void)state;
	call(0, false, XW_SMC_ADD64, 1, 2, 3, o);
	assert_int_equal(o[1], 6);
	assert_int_equal(o[2], 0);
	call(0, false, XW_SMC_ADD64, ~0ULL, 1, 0, o);
	assert_int_equal(o[1], 0);
	assert_int_equal(o[2], 1);
	call(0, false, XW_SMC_ADD64, ~0ULL, ~0ULL, ~0ULL, o);
	assert_int_equal(o[1], ~0ULL - 2);
	assert_int_equal(o[2], 2);
	/* SMC32: only the W registers count, the sum wraps at 2^32. */
	call(0, false, XW_SMC_ADD32, 0x1ffffffffULL, 0x100000001ULL, 5, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[1], 5);
	assert_int_equal(o[2], 1);
	call(0, true, XW_SMC_ADD32_YIELD, 0xffffffffULL, 0xffffffffULL, 0xffffffffULL, o);
	assert_int_equal(o[1], 0xfffffffdULL);
	assert_int_equal(o[2], 2);
}

static void counts_per_cpu_and_kind(void **state)
{
	uint64_t o[4];

	(void)state;
	call(1, false, XW_SMC_ADD64, 0, 0, 0, o);
	call(1, true, XW_SMC_ADD64_YIELD, 0, 0, 0, o);
	call(1, true, XW_SMC_ADD64_YIELD, 0, 0, 0, o);
	call(0, false, XW_SMC_CALL_COUNT, 1, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[1], 1);
	assert_int_equal(o[2], 2);
	call(0, false, XW_SMC_CALL_COUNT, 0, 0, 0, o);
	assert_int_equal(o[1], 2); /* both CALL_COUNT calls, this one included */
	call(0, false, XW_SMC_CALL_COUNT, 2, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	call(0, false, XW_SMC_CALL_COUNT, 0x100000000ULL, 0, 0, o); /* SMC32: w1 = 0 */
	assert_int_equal(o[0], 0);
}

static void ticks(void **state)
{
	uint64_t o[4];
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		xw_sk_core_tick(&core, 1);
	}
	xw_sk_core_tick(&core, 0);
	xw_sk_core_tick(&core, 7); /* not a CPU: ignored */
	/* Taken while an application ran: counted in x1, and again in x3. */
	xw_sk_core_tick_inside(&core, 1);
	xw_sk_core_tick_inside(&core, 1);
	xw_sk_core_tick_inside(&core, 7);
	call(0, false, XW_SMC_TIMER_TICKS, 1, 0, 0, o);
	assert_int_equal(o[1], 7);
	assert_int_equal(o[2], 100);
	assert_int_equal(o[3], 2);
	call(0, false, XW_SMC_TIMER_TICKS, 0, 0, 0, o);
	assert_int_equal(o[1], 1);
	assert_int_equal(o[3], 0);
	call(0, false, XW_SMC_TIMER_TICKS, XW_CPU_ALL, 0, 0, o);
	assert_int_equal(o[1], 8);
	assert_int_equal(o[3], 2);
	call(0, false, XW_SMC_TIMER_TICKS, 2, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
}

static void expect_unk(unsigned int cpu, bool yielding, uint64_t fid)
{
	struct xw_sk_core before = core;
	uint64_t o[4];

	call(cpu, yielding, fid, 0x11, 0x22, 0x33, o);
	assert_int_equal(o[0], S64(XW_SMC_UNK));
	assert_int_equal(o[1], 0x11);
	assert_int_equal(o[2], 0x22);
	assert_int_equal(o[3], 0x33);
	assert_memory_equal(&before, &core, sizeof(core)); /* nothing else happened */
}

static void unknown_and_malformed(void **state)
{
	(void)state;
	expect_unk(0, false, 0xb300beef);
	expect_unk(0, false, 0xb2000001);            /* OP-TEE owner */
	expect_unk(0, false, 0xbf00ff01);            /* OP-TEE UID query owner */
	expect_unk(0, false, XW_SMC_ADD64 | (1U << 17));
	expect_unk(0, true, XW_SMC_ADD64);           /* fast ID through the yielding entry */
	expect_unk(0, false, XW_SMC_ADD64_YIELD);    /* and the other way round */
	expect_unk(0, true, 0x33000001);             /* CAPABILITIES is fast-only */
	expect_unk(2, false, XW_SMC_ADD64);          /* CPU out of range */
}

/* Every owner, every call type: 51 to the call table, 50/63 to OP-TEE, the rest to nobody. */
static void routing_by_owner(void **state)
{
	static const uint32_t types[] = { 0x80000000U, 0xc0000000U, 0x00000000U, 0x40000000U };
	unsigned int owner, t;

	(void)state;
	for (owner = 0; owner < 64; owner++) {
		for (t = 0; t < 4; t++) {
			uint32_t fid = types[t] | owner << 24 | 0x1234;
			enum xw_sk_front want = owner == 51 ? XW_SK_FRONT_XW :
						owner == 50 || owner == 63 ? XW_SK_FRONT_OPTEE :
						XW_SK_FRONT_NONE;

			assert_int_equal(xw_sk_route(fid), want);
		}
	}
	/* Only W0 counts: the upper half of X0 is ignored by the callers' truncation. */
	assert_int_equal(xw_sk_route((uint32_t)0xffffffffb2000000ULL), XW_SK_FRONT_OPTEE);
}

/* The answer to a call nobody serves: SMC_UNK, and the caller's x1..x3 back. */
static void unknown_call_keeps_registers(void **state)
{
	const uint64_t x[8] = { 0xb1000000, 11, 22, 33, 44, 55, 66, 77 };
	uint64_t out[4] = { 9, 9, 9, 9 };

	(void)state;
	xw_sk_unknown_call(x, out);
	assert_int_equal(out[0], UINT64_MAX);
	assert_int_equal(out[1], 11);
	assert_int_equal(out[2], 22);
	assert_int_equal(out[3], 33);
}

/*
 * The services' call tables (secure/services/registry.c): no number claimed
 * twice, and each reachable through the kernel's dispatch (a fast call with
 * it is not answered SMC_UNK; the block calls answer XW_ENOENT for a disk
 * or handle that does not exist).
 */
static void service_calls_unique_and_reachable(void **state)
{
	unsigned int a, b, i, j;
	uint64_t out[4];

	(void)state;
	assert_true(xw_sk_service_call_tables > 0);
	for (a = 0; a < xw_sk_service_call_tables; a++) {
		const struct xw_sk_call_table *ta = xw_sk_service_calls[a];

		for (i = 0; i < ta->n; i++) {
			for (b = a; b < xw_sk_service_call_tables; b++) {
				const struct xw_sk_call_table *tb = xw_sk_service_calls[b];

				for (j = (b == a ? i + 1 : 0); j < tb->n; j++) {
					assert_int_not_equal(ta->calls[i].fn, tb->calls[j].fn);
				}
			}
			call(0, false, XW_SMC_FID(1, 1, XW_SMC_OWNER_XW, ta->calls[i].fn),
			     0xdead0000, 0, 0, out);
			assert_int_not_equal(out[0], UINT64_MAX);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_validates),
		cmocka_unit_test_setup(uid_revision_caps, setup),
		cmocka_unit_test_setup(add_overflow_semantics, setup),
		cmocka_unit_test_setup(counts_per_cpu_and_kind, setup),
		cmocka_unit_test_setup(ticks, setup),
		cmocka_unit_test_setup(unknown_and_malformed, setup),
		cmocka_unit_test(routing_by_owner),
		cmocka_unit_test(unknown_call_keeps_registers),
		cmocka_unit_test_setup(service_calls_unique_and_reachable, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
