// SPDX-License-Identifier: BSD-2-Clause
/* SMCCC function-identifier decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../monitor/core/smccc.h"
#include "xw/err.h"
#include "xw/smc.h"

static void decodes_fields(void **state)
{
	struct xw_smccc_fid f;

	(void)state;
	assert_int_equal(xw_smccc_decode(XW_SMC_ADD64, &f), XW_OK);
	assert_true(f.fast);
	assert_true(f.smc64);
	assert_int_equal(f.owner, XW_SMC_OWNER_XW);
	assert_int_equal(f.fn, XW_FN_ADD);
	assert_int_equal(xw_smccc_decode(XW_SMC_ADD32_YIELD, &f), XW_OK);
	assert_false(f.fast);
	assert_false(f.smc64);
	assert_int_equal(xw_smccc_decode(XW_PSCI_CPU_ON64, &f), XW_OK);
	assert_int_equal(f.owner, XW_SMC_OWNER_STD);
	assert_int_equal(f.fn, 3);
}

static void ignores_upper_half_of_x0(void **state)
{
	struct xw_smccc_fid f;

	(void)state;
	assert_int_equal(xw_smccc_decode(0xdeadbeef00000000ULL | XW_PSCI_VERSION, &f), XW_OK);
	assert_int_equal(f.raw, XW_PSCI_VERSION);
}

static void rejects_reserved_bits_in_fast_calls(void **state)
{
	struct xw_smccc_fid f;
	unsigned int bit;

	(void)state;
	for (bit = 17; bit <= 23; bit++) {
		assert_int_equal(xw_smccc_decode(XW_SMC_ADD64 | (1U << bit), &f), XW_EINVAL);
	}
	/* Bit 16 is the SVE hint; yielding calls do not reserve bits 23:17. */
	assert_int_equal(xw_smccc_decode(XW_SMC_ADD64 | (1U << 16), &f), XW_OK);
	assert_int_equal(xw_smccc_decode(XW_SMC_ADD64_YIELD | (1U << 20), &f), XW_OK);
}

static void ids_do_not_collide_with_optee(void **state)
{
	(void)state;
	assert_int_not_equal(XW_SMC_OWNER(XW_SMC_CALL_UID), XW_SMC_OWNER_OPTEE);
	assert_int_not_equal(XW_SMC_OWNER(XW_SMC_CALL_UID), XW_SMC_OWNER_TOS_QUERY);
	assert_int_equal(XW_FAST32(XW_FN_CALL_UID), XW_SMC_CALL_UID);
	assert_int_equal(XW_FAST32(XW_FN_TIMER_TICKS), XW_SMC_TIMER_TICKS);
	assert_int_equal(XW_YIELD64(XW_FN_ADD), XW_SMC_ADD64_YIELD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_fields),
		cmocka_unit_test(ignores_upper_half_of_x0),
		cmocka_unit_test(rejects_reserved_bits_in_fast_calls),
		cmocka_unit_test(ids_do_not_collide_with_optee),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
