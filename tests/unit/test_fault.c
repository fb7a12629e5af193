// SPDX-License-Identifier: BSD-2-Clause
/* Secure-kernel fault decoding (secure/core/fault.c): ESR + FAR -> what happened. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../secure/core/fault.h"

static const struct xw_fault_region layout[] = {
	{ 0x0e200000, 0x0e20a000, "text", 0, 0 },
	{ 0x0e20a000, 0x0e20b000, "rodata", 0, 0 },
	{ 0x0e20b000, 0x0e400000, "data/bss", 0, 0 },
	/* Inside data/bss, as the real guards are: the smaller region must win. */
	{ 0x0e300000, 0x0e301000, "kernel stack guard, cpu", 2, 1 },
};
#define N (sizeof(layout) / sizeof(layout[0]))

/* ESR for an abort: EC, IL = 1, ISS = @iss */
#define ESR(ec, iss) (((uint64_t)(ec) << 26) | (1UL << 25) | (iss))
#define WNR (1U << 6)
#define FNV (1U << 10)

static void decode(uint64_t esr, uint64_t far, struct xw_fault *f)
{
	xw_fault_decode(esr, far, layout, N, f);
}

static void write_to_text_is_write_ro(void **state)
{
	struct xw_fault f;

	(void)state;
	decode(ESR(XW_EC_DABT_SAME, WNR | 0x0f), 0x0e200010, &f);
	assert_int_equal(f.kind, XW_FAULT_WRITE_RO);
	assert_true(f.write);
	assert_int_equal(f.level, 3);
	assert_ptr_equal(f.region, &layout[0]);
	/* A read permission fault is not a write. */
	decode(ESR(XW_EC_DABT_SAME, 0x0f), 0x0e200010, &f);
	assert_int_equal(f.kind, XW_FAULT_PERM);
	assert_false(f.write);
}

static void fetch_from_data_is_exec_nx(void **state)
{
	struct xw_fault f;

	(void)state;
	/* Instruction aborts have no WnR: bit 6 set must not make it a write. */
	decode(ESR(XW_EC_IABT_SAME, WNR | 0x0f), 0x0e20b004, &f);
	assert_int_equal(f.kind, XW_FAULT_EXEC_NX);
	assert_false(f.write);
	assert_ptr_equal(f.region, &layout[2]);
	decode(ESR(XW_EC_IABT_LOWER, 0x0d), 0x0e20a000, &f);
	assert_int_equal(f.kind, XW_FAULT_EXEC_NX);
	assert_int_equal(f.level, 1);
	assert_ptr_equal(f.region, &layout[1]);
}

static void translation_fault_in_guard_is_stack_guard(void **state)
{
	struct xw_fault f;

	(void)state;
	decode(ESR(XW_EC_DABT_SAME, WNR | 0x07), 0x0e300ff0, &f);
	assert_int_equal(f.kind, XW_FAULT_STACK_GUARD);
	assert_ptr_equal(f.region, &layout[3]);
	assert_int_equal(f.region->idx, 2);
	/* Reads into the guard too (a callee loading a spilled register). */
	decode(ESR(XW_EC_DABT_SAME, 0x07), 0x0e300000, &f);
	assert_int_equal(f.kind, XW_FAULT_STACK_GUARD);
	/* One byte past the guard is not the guard, though in a region. */
	decode(ESR(XW_EC_DABT_SAME, 0x07), 0x0e301000, &f);
	assert_int_equal(f.kind, XW_FAULT_UNMAPPED);
	assert_ptr_equal(f.region, &layout[2]);
}

static void translation_fault_elsewhere_is_unmapped(void **state)
{
	struct xw_fault f;

	(void)state;
	decode(ESR(XW_EC_DABT_SAME, 0x05), 0x40000000, &f);
	assert_int_equal(f.kind, XW_FAULT_UNMAPPED);
	assert_null(f.region);
	assert_int_equal(f.level, 1);
}

static void far_not_valid_names_no_region(void **state)
{
	struct xw_fault f;

	(void)state;
	decode(ESR(XW_EC_DABT_SAME, FNV | 0x07), 0x0e300ff0, &f);
	assert_false(f.far_valid);
	assert_null(f.region);
	assert_int_equal(f.kind, XW_FAULT_UNMAPPED);
}

static void other_classes(void **state)
{
	struct xw_fault f;

	(void)state;
	decode(ESR(XW_EC_UNKNOWN, 0), 0, &f);
	assert_int_equal(f.kind, XW_FAULT_UNDEF);
	decode(ESR(XW_EC_SP_ALIGN, 0), 0, &f);
	assert_int_equal(f.kind, XW_FAULT_ALIGN);
	decode(ESR(XW_EC_PC_ALIGN, 0), 0, &f);
	assert_int_equal(f.kind, XW_FAULT_ALIGN);
	decode(ESR(XW_EC_DABT_SAME, 0x21), 0x0e20b001, &f);
	assert_int_equal(f.kind, XW_FAULT_ALIGN);
	decode(ESR(XW_EC_DABT_SAME, 0x09), 0x0e20b000, &f); /* access flag */
	assert_int_equal(f.kind, XW_FAULT_OTHER);
	decode(ESR(0x17, 0), 0, &f); /* SMC: not a fault */
	assert_int_equal(f.kind, XW_FAULT_OTHER);
	assert_null(f.region);
	assert_string_equal(xw_fault_kind_name(XW_FAULT_STACK_GUARD),
			    "stack guard hit (stack overflow)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_to_text_is_write_ro),
		cmocka_unit_test(fetch_from_data_is_exec_nx),
		cmocka_unit_test(translation_fault_in_guard_is_stack_guard),
		cmocka_unit_test(translation_fault_elsewhere_is_unmapped),
		cmocka_unit_test(far_not_valid_names_no_region),
		cmocka_unit_test(other_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
