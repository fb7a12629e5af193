// SPDX-License-Identifier: BSD-2-Clause
/* Monitor trap decisions (monitor/core/trap.c): every exception class, SMC32, UNDEF injection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../monitor/core/trap.h"

static void every_class_has_a_decision(void **state)
{
	uint32_t ec;

	(void)state;
	for (ec = 0; ec < 64; ec++) {
		enum xw_trap_action a = xw_trap_decide(ec);

		switch (ec) {
		case 0x17:
			assert_int_equal(a, XW_TRAP_SMC64);
			break;
		case 0x13:
			assert_int_equal(a, XW_TRAP_SMC32);
			break;
		case 0x07: /* FP/SIMD, CPTR_EL3.TFP */
		case 0x09: /* PAuth, SCR_EL3.API */
		case 0x18: /* MSR/MRS */
		case 0x19: /* SVE, CPTR_EL3.EZ */
		case 0x1d: /* SME, CPTR_EL3.ESM */
			assert_int_equal(a, XW_TRAP_UNDEF);
			break;
		default:
			assert_int_equal(a, XW_TRAP_PANIC);
		}
	}
}

static void smc32_keeps_w_registers(void **state)
{
	uint64_t x[8] = { 0xdeadbeef84000000ULL, 0xffffffff00000001ULL, 2, 3, 4, 5, 6,
			  0x1234567800000007ULL };

	(void)state;
	assert_true(xw_trap_smc32_args(x));
	assert_int_equal(x[0], 0x84000000);
	assert_int_equal(x[1], 1);
	assert_int_equal(x[7], 7);
}

static void smc32_rejects_smc64_ids(void **state)
{
	uint64_t x[8] = { 0xc4000003, 0, 0, 0, 0, 0, 0, 0 }; /* PSCI CPU_ON64 */

	(void)state;
	assert_false(xw_trap_smc32_args(x));
	/* The upper half of an AArch32 R0 is not the caller's: bit 62 is noise. */
	x[0] = 0x4000000084000003ULL;
	assert_true(xw_trap_smc32_args(x));
}

static void undef_el1h_to_el1_current_spx(void **state)
{
	struct xw_trap_from f = { .spsr = 0x3c5 | (1UL << 22), .esr = (0x19UL << 26) | (1UL << 25) };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 1);
	assert_int_equal(in.vector, 0x200);
	assert_int_equal(in.pstate, 0x3c5 | (1UL << 22)); /* PAN kept: SPAN set */
	assert_int_equal(in.esr, 1UL << 25);
}

static void undef_el1t_to_el1_current_sp0(void **state)
{
	struct xw_trap_from f = { .spsr = 0x3c4, .esr = 0x09UL << 26 | (1UL << 25),
				  .pan_to_1 = true };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 1);
	assert_int_equal(in.vector, 0x000);
	assert_int_equal(in.pstate, 0x3c5 | (1UL << 22)); /* SPAN clear: PAN set */
}

static void undef_el0_to_el1_lower(void **state)
{
	struct xw_trap_from f = { .spsr = 0x0, .esr = 0x18UL << 26 | (1UL << 25) };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 1);
	assert_int_equal(in.vector, 0x400);
	assert_int_equal(in.pstate, 0x3c5);
	/* AArch32 EL0 (usr) under an AArch64 EL1: the AArch32 lower-EL vector. */
	f.spsr = 0x10;
	f.esr = 0x07UL << 26; /* a 16-bit T32 instruction: IL = 0 */
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.vector, 0x600);
	assert_int_equal(in.esr, 0);
}

static void undef_el0_with_tge_goes_to_el2(void **state)
{
	struct xw_trap_from f = { .spsr = 0x0, .esr = 0x19UL << 26, .el2_present = true,
				  .tge = true, .pan_to_1 = true };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 2);
	assert_int_equal(in.vector, 0x400);
	assert_int_equal(in.pstate, 0x3c9); /* EL2h; SPAN is an EL1 rule */
	/* TGE without EL2 means nothing. */
	f.el2_present = false;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 1);
}

static void undef_el2_stays_at_el2(void **state)
{
	struct xw_trap_from f = { .spsr = 0x3c9, .esr = 0x09UL << 26, .el2_present = true };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), 0);
	assert_int_equal(in.el, 2);
	assert_int_equal(in.vector, 0x200);
	assert_int_equal(in.pstate, 0x3c9);
}

static void undef_refuses_el3_and_aarch32_el1(void **state)
{
	struct xw_trap_from f = { .spsr = 0x3cd };
	struct xw_trap_inject in;

	(void)state;
	assert_int_equal(xw_trap_undef(&f, &in), -1);
	f.spsr = 0x13; /* AArch32 svc */
	assert_int_equal(xw_trap_undef(&f, &in), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_class_has_a_decision),
		cmocka_unit_test(smc32_keeps_w_registers),
		cmocka_unit_test(smc32_rejects_smc64_ids),
		cmocka_unit_test(undef_el1h_to_el1_current_spx),
		cmocka_unit_test(undef_el1t_to_el1_current_sp0),
		cmocka_unit_test(undef_el0_to_el1_lower),
		cmocka_unit_test(undef_el0_with_tge_goes_to_el2),
		cmocka_unit_test(undef_el2_stays_at_el2),
		cmocka_unit_test(undef_refuses_el3_and_aarch32_el1),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
