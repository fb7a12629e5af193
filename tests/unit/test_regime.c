// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure kernel's regime per entry (monitor/core/regime.c): the normal
 * world's TCR_EL1/SCTLR_EL1 are borrowed only when every field that changes
 * how the kernel's addresses translate equals its own; any other value gets
 * the own regime. The normal world chooses these values: each bit counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../monitor/core/regime.h"

/* The secure kernel's own regime (secure/arch/aarch64/mmu.c's TCR_VAL, SCTLR). */
#define OWN_TCR   (25UL | 1UL << 8 | 1UL << 10 | 3UL << 12 | 1UL << 23 | 2UL << 32)
#define RES1      0x30d00800UL /* SCTLR_EL1 RES1 of Armv8.0: 11, 20, 22, 23, 28, 29 */
#define OWN_SCTLR (RES1 | 1UL << 0 | 1UL << 2 | 1UL << 12 | 1UL << 19)
#define OWN_ROOT  0x0e1a3000UL
#define L0_ROOT   0x0e07f000UL

/*
 * Linux's, as arm64 sets them up for a 48-bit VA with 4 KiB pages: T0SZ =
 * T1SZ = 16, WB-WA inner-shareable walks, TG1 = 4K, A1 (ASID in TTBR1), IPS
 * 44-bit, 16-bit ASIDs, TBI0; SCTLR: M C SA SA0 SED I DZE UCT nTWE IESB SPAN
 * UCI LSMAOE nTLSMD EIS TSCXT EOS and the RES1 bits, no WXN.
 */
#define LX_TCR    (16UL | 1UL << 8 | 1UL << 10 | 3UL << 12 | 16UL << 16 | 1UL << 24 | \
		   1UL << 26 | 3UL << 28 | 2UL << 30 | 1UL << 22 | 4UL << 32 | 1UL << 36 | \
		   1UL << 37)
#define LX_SCTLR  (RES1 | 1UL << 0 | 1UL << 2 | 1UL << 3 | 1UL << 4 | 1UL << 8 | \
		   1UL << 12 | 1UL << 14 | 1UL << 15 | 1UL << 18 | 1UL << 21 | 1UL << 26)
#define LX_TTBR0  (0x0000000041234000UL | 0x002aUL << 48)

static const struct xw_sk_regime sk = { { OWN_TCR, OWN_SCTLR, OWN_ROOT }, L0_ROOT, 0x0e7fe000UL };

static enum xw_regime_why choose(uint64_t tcr, uint64_t sctlr, struct xw_regime *out)
{
	const struct xw_regime ns = { tcr, sctlr, LX_TTBR0 };

	return xw_regime_choose(&sk, &ns, out);
}

static void linux_values_are_borrowed(void **state)
{
	struct xw_regime r;

	(void)state;
	assert_int_equal(choose(LX_TCR, LX_SCTLR, &r), XW_REGIME_BORROW);
	assert_int_equal(r.tcr, LX_TCR);
	assert_int_equal(r.sctlr, LX_SCTLR);
	/* 48-bit VA: level 0 first; the ASID bits stay the normal world's. */
	assert_int_equal(r.ttbr0, L0_ROOT | 0x002aUL << 48);
}

static void t0sz_25_walks_from_the_own_l1(void **state)
{
	struct xw_regime r;

	(void)state;
	assert_int_equal(choose((LX_TCR & ~0x3fUL) | 25, LX_SCTLR, &r), XW_REGIME_BORROW);
	assert_int_equal(r.ttbr0, OWN_ROOT | 0x002aUL << 48);
	assert_int_equal(choose((LX_TCR & ~0x3fUL) | 24, LX_SCTLR, &r), XW_REGIME_BORROW);
	assert_int_equal(r.ttbr0, L0_ROOT | 0x002aUL << 48);
}

static void t0sz_outside_the_tables_is_refused(void **state)
{
	static const uint64_t bad[] = { 0, 15, 26, 33, 39, 63 };
	struct xw_regime r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(choose((LX_TCR & ~0x3fUL) | bad[i], LX_SCTLR, &r),
				 XW_REGIME_BAD_T0SZ);
		assert_int_equal(r.tcr, OWN_TCR);
		assert_int_equal(r.sctlr, OWN_SCTLR);
	}
}

static void smaller_or_reserved_ips_is_refused(void **state)
{
	struct xw_regime r;
	uint64_t ips;

	(void)state;
	for (ips = 0; ips < 8; ips++) {
		enum xw_regime_why w = choose((LX_TCR & ~XW_TCR_IPS_MASK) | ips << 32, LX_SCTLR, &r);

		assert_int_equal(w, ips >= 2 && ips <= 6 ? XW_REGIME_BORROW : XW_REGIME_BAD_IPS);
	}
}

/* Every TCR bit outside the allowed set, flipped alone, gets the own regime. */
static void each_tcr_bit_that_matters_is_checked(void **state)
{
	struct xw_regime r;
	unsigned int b, refused = 0;

	(void)state;
	for (b = 0; b < 64; b++) {
		uint64_t bit = 1UL << b;

		if (XW_TCR_MAY_DIFFER & bit) {
			continue;
		}
		assert_int_equal(choose(LX_TCR ^ bit, LX_SCTLR, &r), XW_REGIME_BAD_TCR);
		assert_int_equal(r.tcr, OWN_TCR);
		refused++;
	}
	/* EPD0, IRGN0, ORGN0, SH0, TG0 (9 bits), HPD0, DS, MTX0, the RES0 bits */
	assert_true(refused >= 12);
	/* The fields named in regime.h are among them. */
	assert_int_equal(choose(LX_TCR | 1UL << 7, LX_SCTLR, &r), XW_REGIME_BAD_TCR);  /* EPD0 */
	assert_int_equal(choose(LX_TCR | 1UL << 14, LX_SCTLR, &r), XW_REGIME_BAD_TCR); /* TG0 64K */
	assert_int_equal(choose(LX_TCR | 1UL << 41, LX_SCTLR, &r), XW_REGIME_BAD_TCR); /* HPD0 */
	assert_int_equal(choose(LX_TCR | 1UL << 59, LX_SCTLR, &r), XW_REGIME_BAD_TCR); /* DS */
}

static void each_sctlr_bit_that_matters_is_checked(void **state)
{
	static const unsigned int named[] = { 0, 1, 2, 12, 25, 6, 13, 27, 30, 31, 35, 36, 40, 43 };
	struct xw_regime r;
	unsigned int b;
	size_t i;

	(void)state;
	for (b = 0; b < 64; b++) {
		uint64_t bit = 1UL << b;

		if (XW_SCTLR_MAY_DIFFER & bit) {
			assert_int_equal(choose(LX_TCR, LX_SCTLR ^ bit, &r), XW_REGIME_BORROW);
			continue;
		}
		assert_int_equal(choose(LX_TCR, LX_SCTLR ^ bit, &r), XW_REGIME_BAD_SCTLR);
		assert_int_equal(r.sctlr, OWN_SCTLR);
	}
	/* M, A, C, I, EE, nAA, EnDB, EnDA, EnIB, EnIA, BT0, BT1, TCF0, ATA: never borrowed changed */
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		assert_false(XW_SCTLR_MAY_DIFFER & (1UL << named[i]));
	}
}

static void off_without_an_own_regime_for_it(void **state)
{
	const struct xw_regime ns = { LX_TCR, LX_SCTLR, LX_TTBR0 };
	struct xw_sk_regime other = sk;
	struct xw_regime r;

	(void)state;
	assert_int_equal(xw_regime_choose(NULL, &ns, &r), XW_REGIME_OWN_OFF);
	other.own.tcr = (OWN_TCR & ~0x3fUL) | 16; /* not the 39-bit level-1 layout */
	assert_int_equal(xw_regime_choose(&other, &ns, &r), XW_REGIME_OWN_OFF);
	assert_int_equal(r.tcr, other.own.tcr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linux_values_are_borrowed),
		cmocka_unit_test(t0sz_25_walks_from_the_own_l1),
		cmocka_unit_test(t0sz_outside_the_tables_is_refused),
		cmocka_unit_test(smaller_or_reserved_ips_is_refused),
		cmocka_unit_test(each_tcr_bit_that_matters_is_checked),
		cmocka_unit_test(each_sctlr_bit_that_matters_is_checked),
		cmocka_unit_test(off_without_an_own_regime_for_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
