// SPDX-License-Identifier: BSD-2-Clause
/* OP-TEE front end: decoding of struct optee_msg_arg and of page-list pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/abi/optee/optee.h"
#include "xw/err.h"

static uint8_t buf[XW_OMSG_ARG_SIZE(XW_OPTEE_MAX_PARAMS + 2)];

static void hdr(uint32_t cmd, uint32_t n)
{
	struct xw_omsg_arg a = { .cmd = cmd, .func = 7, .session = 9, .num_params = n };

	memset(buf, 0, sizeof(buf));
	memcpy(buf, &a, sizeof(a));
}

static void param(unsigned int i, uint64_t attr, uint64_t a, uint64_t b, uint64_t c)
{
	struct xw_omsg_param p = { .attr = attr, .u.value = { a, b, c } };

	memcpy(buf + XW_OMSG_ARG_SIZE(i), &p, sizeof(p));
}

static void decodes_invoke(void **state)
{
	struct xw_optee_call c;

	(void)state;
	hdr(XW_OMSG_CMD_INVOKE, 3);
	param(0, XW_OMSG_ATTR_VALUE_INOUT, 1, 2, 3);
	param(1, XW_OMSG_ATTR_RMEM_IN, 16, 100, 0xabc);
	param(2, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG | 1U << XW_OMSG_ATTR_CACHE_SHIFT,
	      0x40001000, 5, 0);
	assert_int_equal(xw_optee_decode_arg(buf, XW_OMSG_ARG_SIZE(3), &c), XW_OK);
	assert_int_equal(c.func, 7);
	assert_int_equal(c.session, 9);
	assert_int_equal(c.num_params, 3);
	assert_int_equal(c.p[0].value.c, 3);
	assert_int_equal(c.p[1].rmem_offs, 16);
	assert_int_equal(c.p[1].mref.size, 100);
	assert_int_equal(c.p[1].shm_ref, 0xabc);
	assert_true(c.p[2].noncontig);
	assert_int_equal(c.p[2].tmem_pa, 0x40001000);
}

static void rejects_bad_input(void **state)
{
	struct xw_optee_call c;

	(void)state;
	hdr(XW_OMSG_CMD_INVOKE, 1);
	assert_int_equal(xw_optee_decode_arg(buf, 31, &c), XW_EINVAL);          /* short header */
	assert_int_equal(xw_optee_decode_arg(buf, 40, &c), XW_EINVAL);          /* short params */
	hdr(XW_OMSG_CMD_INVOKE, XW_OPTEE_MAX_PARAMS + 1);
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_E2BIG);
	hdr(XW_OMSG_CMD_INVOKE, 0xffffffffU);
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_E2BIG);
	hdr(XW_OMSG_CMD_INVOKE, 1);
	param(0, 4, 0, 0, 0); /* type 4 does not exist */
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	param(0, XW_OMSG_ATTR_VALUE_IN | 1ULL << 40, 0, 0, 0); /* reserved bit */
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	param(0, XW_OMSG_ATTR_TMEM_IN | 2U << XW_OMSG_ATTR_CACHE_SHIFT, 0, 0, 0); /* uncached */
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	param(0, XW_OMSG_ATTR_RMEM_IN | XW_OMSG_ATTR_NONCONTIG, 0, 0, 0); /* noncontig rmem */
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	param(0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0); /* meta outside open */
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
}

static void open_session_needs_meta(void **state)
{
	struct xw_optee_call c;

	(void)state;
	hdr(XW_OMSG_CMD_OPEN_SESSION, 1);
	param(0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	hdr(XW_OMSG_CMD_OPEN_SESSION, 2);
	param(0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0x1122, 0x3344, 0);
	param(1, XW_OMSG_ATTR_VALUE_IN, 0, 0, 0);
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_EINVAL);
	param(1, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, XW_OMSG_LOGIN_PUBLIC);
	assert_int_equal(xw_optee_decode_arg(buf, sizeof(buf), &c), XW_OK);
	assert_int_equal(c.p[0].value.a, 0x1122);
}

static void pagelist_entries(void **state)
{
	static uint64_t e[512];
	unsigned int i;

	(void)state;
	for (i = 0; i < 512; i++) {
		e[i] = 0x40000000ULL + i * 4096ULL;
	}
	assert_int_equal(xw_optee_pagelist_check(e, 511, true), XW_OK);
	assert_int_equal(xw_optee_pagelist_check(e, 3, false), XW_OK);
	e[2] |= 8;
	assert_int_equal(xw_optee_pagelist_check(e, 3, false), XW_EINVAL);
	assert_int_equal(xw_optee_pagelist_check(e, 2, false), XW_OK); /* unused entry */
	e[2] &= ~8ULL;
	e[511] |= 1; /* bad link, only read when more pages follow */
	assert_int_equal(xw_optee_pagelist_check(e, 100, false), XW_OK);
	assert_int_equal(xw_optee_pagelist_check(e, 600, true), XW_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_invoke),
		cmocka_unit_test(rejects_bad_input),
		cmocka_unit_test(open_session_needs_meta),
		cmocka_unit_test(pagelist_entries),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
