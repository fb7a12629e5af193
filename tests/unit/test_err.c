// SPDX-License-Identifier: BSD-2-Clause
/*
 * The error policy's invariants (docs/errors.md): every XW_E* code is a
 * negated errno in [XW_ERR_MIN, -2], none is -1 (SMCCC's "unknown function"),
 * and xw_smc_status() passes codes through sign-extended but never lets a
 * stray -1 or positive result reach the normal world as something else.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "xw/err.h"
#include "xw/smc_status.h"

static const struct {
	int xw, linux_errno;
} codes[] = {
	{ XW_ENOENT, ENOENT }, { XW_EIO, EIO }, { XW_E2BIG, E2BIG }, { XW_EAGAIN, EAGAIN },
	{ XW_ENOMEM, ENOMEM }, { XW_EACCES, EACCES }, { XW_EFAULT, EFAULT },
	{ XW_EBUSY, EBUSY }, { XW_EEXIST, EEXIST }, { XW_EINVAL, EINVAL },
	{ XW_ENOSPC, ENOSPC }, { XW_EPIPE, EPIPE }, { XW_ERANGE, ERANGE },
	{ XW_ENOSYS, ENOSYS }, { XW_EPROTO, EPROTO }, { XW_EMSGSIZE, EMSGSIZE },
	{ XW_ENOTSUP, ENOTSUP }, { XW_ETIMEDOUT, ETIMEDOUT },
};

static void codes_are_negated_errnos_and_never_smc_unk(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_int_equal(codes[i].xw, -codes[i].linux_errno);
		assert_true(codes[i].xw <= -2 && codes[i].xw >= XW_ERR_MIN);
		assert_int_not_equal(codes[i].xw, XW_SMC_UNK);
		/* Passed through, sign-extended to 64 bits. */
		assert_int_equal(xw_smc_status(codes[i].xw), (uint64_t)(int64_t)codes[i].xw);
	}
}

static void status_of_success_and_of_bugs(void **state)
{
	(void)state;
	assert_int_equal(xw_smc_status(XW_OK), 0);
	/* A handler bug never reads as "unknown function" or as success data. */
	assert_int_equal(xw_smc_status(-1), (uint64_t)(int64_t)XW_EIO);
	assert_int_equal(xw_smc_status(1), (uint64_t)(int64_t)XW_EIO);
	assert_int_equal(xw_smc_status(XW_ERR_MIN - 1), (uint64_t)(int64_t)XW_EIO);
	assert_int_equal(xw_smc_unknown(), UINT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_are_negated_errnos_and_never_smc_unk),
		cmocka_unit_test(status_of_success_and_of_bugs),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
