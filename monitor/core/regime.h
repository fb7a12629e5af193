/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translation regime the secure kernel runs a call in (docs/boot.md,
 * "World switch"). Its own: the TCR_EL1, SCTLR_EL1 and TTBR0_EL1 it set up at
 * boot. Borrowed: the normal world's TCR_EL1 and SCTLR_EL1, left in place, with
 * TTBR0_EL1 = the secure kernel's tables tagged with the normal world's TTBR0
 * ASID bits, so that entering and leaving the secure world writes none of the
 * registers on whose writes QEMU flushes its TLB. The normal world's values
 * are checked on every entry, never trusted: borrowing is allowed only when
 * they translate every secure-kernel address exactly as its own regime does.
 */
#ifndef XW_MON_REGIME_H
#define XW_MON_REGIME_H

#include <stdint.h>

/** TCR_EL1, SCTLR_EL1, TTBR0_EL1 of one regime. */
struct xw_regime {
	uint64_t tcr, sctlr, ttbr0;
};

/** What the monitor knows of the secure kernel's own regime (ENTRY_DONE). */
struct xw_sk_regime {
	struct xw_regime own; /* ttbr0 = its kernel level-1 table, ASID 0 */
	uint64_t l0;          /* a level-0 table whose entry 0 is own.ttbr0 */
	uint64_t empty;       /* a level-0 table with no valid entry: TTBR1 while borrowed */
};

/** The checks' verdicts (also the reason a borrow was refused, for tests). */
enum xw_regime_why {
	XW_REGIME_BORROW,      /* the normal world's values are safe: borrowed */
	XW_REGIME_OWN_OFF,     /* borrowing is not enabled (OP-TEE, or before ENTRY_DONE) */
	XW_REGIME_BAD_TCR,     /* a TCR_EL1 field that matters differs from the own */
	XW_REGIME_BAD_T0SZ,    /* T0SZ outside 16..25: no tables for it */
	XW_REGIME_BAD_IPS,     /* smaller output address size than the own */
	XW_REGIME_BAD_SCTLR,   /* an SCTLR_EL1 bit that matters differs from the own */
};

/*
 * TCR_EL1 fields allowed to differ from the own regime: T0SZ (range-checked),
 * A1 and everything of TTBR1 (16..31), IPS (checked: at least the own), AS,
 * TBI0/TBI1, HA/HD, HPD1, HWU, TBID, NFD, E0PD, MTX1. Everything else (EPD0,
 * IRGN0, ORGN0, SH0, TG0, HPD0, TCMA, DS, MTX0, RES0 bits) must be equal.
 */
#define XW_TCR_T0SZ_MASK   0x3fUL
#define XW_TCR_IPS_SHIFT   32
#define XW_TCR_IPS_MASK    (7UL << XW_TCR_IPS_SHIFT)
#define XW_TCR_MAY_DIFFER  (XW_TCR_T0SZ_MASK | 0xffff0000UL | XW_TCR_IPS_MASK | 1UL << 36 | \
			    3UL << 37 | 3UL << 39 | 0x1ffUL << 42 | 0x3fUL << 51 | 1UL << 61)
/*
 * SCTLR_EL1 bits allowed to differ: those that act at EL0 only (SA0, CP15BEN,
 * ITD, SED, UMA, EnRCTX, DZE, UCT, nTWI, nTWE, E0E, UCI, nTLSMD, LSMAOE,
 * TSCXT), exception-entry synchronisation and error barriers (EOS, EIS, IESB),
 * SA, SPAN, EPAN, DSSBS, and WXN (every writable page of the secure kernel is
 * mapped PXN explicitly). M, A, C, I, EE, the pointer-authentication enables,
 * BTI, MTE, nAA and everything else must be equal.
 */
#define XW_SCTLR_MAY_DIFFER (1UL << 3 | 1UL << 4 | 1UL << 5 | 1UL << 7 | 1UL << 8 | 1UL << 9 | \
			     1UL << 10 | 1UL << 11 | 1UL << 14 | 1UL << 15 | 1UL << 16 | \
			     1UL << 18 | 1UL << 19 | 1UL << 20 | 1UL << 21 | 1UL << 22 | \
			     1UL << 23 | 1UL << 24 | 1UL << 26 | 1UL << 28 | 1UL << 29 | \
			     1UL << 44 | 1UL << 57)
#define XW_TTBR_ASID_MASK  0xffff000000000000UL

/**
 * xw_regime_choose() - the regime the secure kernel gets for this entry.
 * @sk:     its own regime; NULL when borrowing is off
 * @ns:     the normal world's live TCR_EL1, SCTLR_EL1, TTBR0_EL1 (just saved)
 * @out:    the regime to make live: borrowed, or @sk's own with TTBR0 left to
 *          the caller (the kernel's last one) when the result is not BORROW
 * Return: XW_REGIME_BORROW, or why not.
 */
enum xw_regime_why xw_regime_choose(const struct xw_sk_regime *sk, const struct xw_regime *ns,
				    struct xw_regime *out);

#endif
