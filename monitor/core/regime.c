// SPDX-License-Identifier: BSD-2-Clause
/*
 * Choosing the secure kernel's translation regime on each entry (regime.h,
 * docs/boot.md "World switch"). Pure: the arch glue (el1ctx.c) applies it.
 */
#include "regime.h"

#include <stddef.h>

#define T0SZ_MIN 16 /* 48-bit VA, level-0 start (no FEAT_LVA/LPA2: DS must be 0) */
#define T0SZ_L1  25 /* 39-bit VA, level-1 start: the own regime's */

enum xw_regime_why xw_regime_choose(const struct xw_sk_regime *sk, const struct xw_regime *ns,
				    struct xw_regime *out)
{
	uint64_t t0sz;

	if (sk == NULL || (sk->own.tcr & XW_TCR_T0SZ_MASK) != T0SZ_L1) {
		if (sk != NULL) {
			*out = sk->own;
		}
		return XW_REGIME_OWN_OFF;
	}
	*out = sk->own;
	if ((ns->tcr & ~XW_TCR_MAY_DIFFER) != (sk->own.tcr & ~XW_TCR_MAY_DIFFER)) {
		return XW_REGIME_BAD_TCR;
	}
	t0sz = ns->tcr & XW_TCR_T0SZ_MASK;
	if (t0sz < T0SZ_MIN || t0sz > T0SZ_L1) {
		return XW_REGIME_BAD_T0SZ;
	}
	/* IPS encodings grow with the size (32, 36, 40, 42, 44, 48, 52 bits). */
	if ((ns->tcr & XW_TCR_IPS_MASK) < (sk->own.tcr & XW_TCR_IPS_MASK) ||
	    ((ns->tcr & XW_TCR_IPS_MASK) >> XW_TCR_IPS_SHIFT) > 6) {
		return XW_REGIME_BAD_IPS;
	}
	if ((ns->sctlr & ~XW_SCTLR_MAY_DIFFER) != (sk->own.sctlr & ~XW_SCTLR_MAY_DIFFER)) {
		return XW_REGIME_BAD_SCTLR;
	}
	out->tcr = ns->tcr;
	out->sctlr = ns->sctlr;
	/*
	 * Below a 39-bit space the walk starts at level 1 with the kernel's own
	 * table; a larger one starts at level 0, whose entry 0 covers the same
	 * 512 GiB with that table and whose other entries are invalid. The ASID
	 * bits are the normal world's, whatever TCR.A1 says they mean: the secure
	 * kernel's mappings are all global, and QEMU flushes on their change.
	 */
	out->ttbr0 = (t0sz == T0SZ_L1 ? sk->own.ttbr0 : sk->l0) | (ns->ttbr0 & XW_TTBR_ASID_MASK);
	return XW_REGIME_BORROW;
}
