// SPDX-License-Identifier: BSD-2-Clause
/*
 * The trusted-OS descriptions (monitor/core/tos*.c). Built twice: linked with
 * tos_xw.c (test_tos_xw) and with tos_optee.c (test_tos_optee); each run checks
 * the protocol it was linked with against the numbers of its ABI header.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../monitor/core/tos.h"
#include "fw/opteed_abi.h"
#include "fw/sk_abi.h"
#include "plat_memmap.h"

static int is_optee(void)
{
	return xw_tos.base == XW_OPTEE_BASE;
}

/* Every return decodes to the one that ends its entry; nothing else does. */
static void returns_decode(void **state)
{
	(void)state;
	if (is_optee()) {
		assert_int_equal(xw_tos.decode(0xbe000000), XW_TOS_R_ENTRY_DONE);
		assert_int_equal(xw_tos.decode(0xbe000001), XW_TOS_R_ON_DONE);
		assert_int_equal(xw_tos.decode(0xbe000002), XW_TOS_R_OFF_DONE);
		assert_int_equal(xw_tos.decode(0xbe000005), XW_TOS_R_CALL_DONE);
		assert_int_equal(xw_tos.decode(0xbe000006), XW_TOS_R_FIQ_DONE);
		assert_int_equal(xw_tos.decode(0xbe000007), XW_TOS_R_SYSTEM_OFF_DONE);
		assert_int_equal(xw_tos.decode(0xbe000008), XW_TOS_R_SYSTEM_RESET_DONE);
		/* Suspend/resume are never entered, so their returns are not returns. */
		assert_int_equal(xw_tos.decode(0xbe000003), XW_TOS_R_UNKNOWN);
		assert_int_equal(xw_tos.decode(0xbe000004), XW_TOS_R_UNKNOWN);
		assert_int_equal(xw_tos.decode(0xbe000009), XW_TOS_R_UNKNOWN);
		/* The SMC64 form and other owners are not OP-TEE's returns. */
		assert_int_equal(xw_tos.decode(0xfe000005), XW_TOS_R_UNKNOWN);
		assert_int_equal(xw_tos.decode(0xbf000005), XW_TOS_R_UNKNOWN);
		/* Only the 32-bit function ID counts. */
		assert_int_equal(xw_tos.decode(0xffffffff00000000ULL | 0xbe000005), XW_TOS_R_CALL_DONE);
	} else {
		assert_int_equal(xw_tos.decode(XW_SKRET_ENTRY_DONE), XW_TOS_R_ENTRY_DONE);
		assert_int_equal(xw_tos.decode(XW_SKRET_CALL_DONE), XW_TOS_R_CALL_DONE);
		assert_int_equal(xw_tos.decode(XW_SKRET_FIQ_DONE), XW_TOS_R_FIQ_DONE);
		assert_int_equal(xw_tos.decode(XW_SKRET_ON_DONE), XW_TOS_R_ON_DONE);
		assert_int_equal(xw_tos.decode(XW_SKRET_OFF_DONE), XW_TOS_R_OFF_DONE);
		assert_int_equal(xw_tos.decode(XW_SKRET_OFF_DONE + 1), XW_TOS_R_UNKNOWN);
		assert_int_equal(xw_tos.decode(0xbe000005), XW_TOS_R_UNKNOWN);
	}
	assert_int_equal(xw_tos.decode(0), XW_TOS_R_UNKNOWN);
}

static void entries_and_args(void **state)
{
	uint64_t a[8];
	unsigned int i;

	(void)state;
	if (is_optee()) {
		/* TF-A's struct optee_vectors: yield first, then fast, ... */
		assert_int_equal(xw_tos.entry[XW_TOS_E_YIELD], 0x00);
		assert_int_equal(xw_tos.entry[XW_TOS_E_FAST], 0x04);
		assert_int_equal(xw_tos.entry[XW_TOS_E_CPU_ON], 0x08);
		assert_int_equal(xw_tos.entry[XW_TOS_E_CPU_OFF], 0x0c);
		assert_int_equal(xw_tos.entry[XW_TOS_E_FIQ], 0x18);
		assert_int_equal(xw_tos.entry[XW_TOS_E_SYSTEM_OFF], 0x1c);
		assert_int_equal(xw_tos.entry[XW_TOS_E_SYSTEM_RESET], 0x20);
		assert_int_equal(xw_tos.cold_entry, 0x0e100000);
		assert_true(xw_tos.keep_spsr);
		assert_true(xw_tos.on_done_status);
		/* Cold: x0 pageable part 0, x1 memory limit 0, x2 the device tree. */
		xw_tos.args(XW_TOS_NENTRIES, a, 1, 4, 0x40000000, 0x1234);
		assert_int_equal(a[0], 0);
		assert_int_equal(a[1], 0);
		assert_int_equal(a[2], 0x40000000);
		for (i = 3; i < 8; i++) {
			assert_int_equal(a[i], 0);
		}
		/* FIQ: x0 = the interrupted normal-world pc. */
		xw_tos.args(XW_TOS_E_FIQ, a, 1, 4, 0x40000000, 0x1234);
		assert_int_equal(a[0], 0x1234);
		xw_tos.args(XW_TOS_E_CPU_ON, a, 1, 4, 0x40000000, 0x1234);
		assert_int_equal(a[0], 0);
	} else {
		assert_int_equal(xw_tos.entry[XW_TOS_E_FAST], XW_SK_ENTRY_FAST);
		assert_int_equal(xw_tos.entry[XW_TOS_E_SYSTEM_OFF], XW_TOS_NO_ENTRY);
		assert_int_equal(xw_tos.entry[XW_TOS_E_SYSTEM_RESET], XW_TOS_NO_ENTRY);
		assert_int_equal(xw_tos.cold_entry, XW_SK_BASE);
		assert_false(xw_tos.keep_spsr);
		xw_tos.args(XW_TOS_E_CPU_ON, a, 3, 4, 0x40000000, 0x1234);
		assert_int_equal(a[0], 3);
		assert_int_equal(a[1], 4);
		/* The FIQ entry of the secure kernel gets nothing from the normal world. */
		xw_tos.args(XW_TOS_E_FIQ, a, 3, 4, 0x40000000, 0x1234);
		for (i = 0; i < 8; i++) {
			assert_int_equal(a[i], 0);
		}
	}
}

static void done_for_each_entry(void **state)
{
	(void)state;
	assert_int_equal(xw_tos_done_for(XW_TOS_E_FAST), XW_TOS_R_CALL_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_YIELD), XW_TOS_R_CALL_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_FIQ), XW_TOS_R_FIQ_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_CPU_ON), XW_TOS_R_ON_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_CPU_OFF), XW_TOS_R_OFF_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_SYSTEM_OFF), XW_TOS_R_SYSTEM_OFF_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_E_SYSTEM_RESET), XW_TOS_R_SYSTEM_RESET_DONE);
	assert_int_equal(xw_tos_done_for(XW_TOS_NENTRIES), XW_TOS_R_ENTRY_DONE);
}

/* The entry table handed over at boot: inside the OS's RAM with room for every entry. */
static void table_bounds(void **state)
{
	uint64_t end = xw_tos.base + xw_tos.size;
	uint32_t last = 0;
	unsigned int e;

	(void)state;
	for (e = 0; e < XW_TOS_NENTRIES; e++) {
		if (xw_tos.entry[e] != XW_TOS_NO_ENTRY && xw_tos.entry[e] > last) {
			last = xw_tos.entry[e];
		}
	}
	assert_true(xw_tos_table_ok(&xw_tos, xw_tos.base));
	assert_true(xw_tos_table_ok(&xw_tos, end - last - 4));
	assert_false(xw_tos_table_ok(&xw_tos, end - last)); /* last entry past the end */
	assert_false(xw_tos_table_ok(&xw_tos, end));
	assert_false(xw_tos_table_ok(&xw_tos, xw_tos.base - 4));
	assert_false(xw_tos_table_ok(&xw_tos, xw_tos.base + 2)); /* misaligned */
	assert_false(xw_tos_table_ok(&xw_tos, 0));
	assert_false(xw_tos_table_ok(&xw_tos, 0xfffffffffffffffcULL));
	assert_false(xw_tos_table_ok(&xw_tos, XW_NS_IMAGE_ADDR)); /* normal-world memory */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(returns_decode),
		cmocka_unit_test(entries_and_args),
		cmocka_unit_test(done_for_each_entry),
		cmocka_unit_test(table_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
