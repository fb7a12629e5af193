/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_MON_EL1CTX_H
#define XW_MON_EL1CTX_H

#include "mon/ctx.h"
#include "../../core/regime.h"

/** xw_el1_save() - copy the live EL1 system registers into @c. */
void xw_el1_save(struct xw_el1_ctx *c);
/** xw_el1_restore() - make @c the live EL1 system registers. */
void xw_el1_restore(const struct xw_el1_ctx *c);
/**
 * xw_el1_switch() - save the live EL1 registers into @cur, then make @next
 * live, writing only the registers whose value differs (the world switch).
 */
void xw_el1_switch(struct xw_el1_ctx *cur, const struct xw_el1_ctx *next);

/* Or-ed into xw_el1_to_secure()'s result: the secure EL1&0 TLB was invalidated. */
#define XW_EL1_TLBI 0x100
/**
 * xw_el1_to_secure() - the switch into the secure kernel: save the normal
 * world's EL1 registers into @ns, give @s the regime xw_regime_choose()
 * picks with @sk (NULL: always its own), write what differs, and invalidate
 * the secure EL1&0 TLB if the regime's TCR/SCTLR changed since @s last ran
 * (@s_scr: the secure world's SCR_EL3, live from then on).
 * Return: the enum xw_regime_why verdict, | XW_EL1_TLBI if it invalidated.
 */
unsigned int xw_el1_to_secure(struct xw_el1_ctx *ns, struct xw_el1_ctx *s,
			      const struct xw_sk_regime *sk, uint64_t s_scr);

#endif
