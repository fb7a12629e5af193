/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_MON_EL1CTX_H
#define XW_MON_EL1CTX_H

#include "mon/ctx.h"

/** xw_el1_save() - copy the live EL1 system registers into @c. */
void xw_el1_save(struct xw_el1_ctx *c);
/** xw_el1_restore() - make @c the live EL1 system registers. */
void xw_el1_restore(const struct xw_el1_ctx *c);
/**
 * xw_el1_switch() - save the live EL1 registers into @cur, then make @next
 * live, writing only the registers whose value differs (the world switch).
 */
void xw_el1_switch(struct xw_el1_ctx *cur, const struct xw_el1_ctx *next);

#endif
