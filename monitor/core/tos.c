// SPDX-License-Identifier: BSD-2-Clause
/* What both trusted-OS protocols share: which return ends which entry. */
#include "tos.h"

enum xw_tos_ret xw_tos_done_for(unsigned int e)
{
	switch (e) {
	case XW_TOS_E_FAST:
	case XW_TOS_E_YIELD:
		return XW_TOS_R_CALL_DONE;
	case XW_TOS_E_FIQ:
		return XW_TOS_R_FIQ_DONE;
	case XW_TOS_E_CPU_ON:
		return XW_TOS_R_ON_DONE;
	case XW_TOS_E_CPU_OFF:
		return XW_TOS_R_OFF_DONE;
	case XW_TOS_E_SYSTEM_OFF:
		return XW_TOS_R_SYSTEM_OFF_DONE;
	case XW_TOS_E_SYSTEM_RESET:
		return XW_TOS_R_SYSTEM_RESET_DONE;
	default:
		return XW_TOS_R_ENTRY_DONE;
	}
}

int xw_tos_table_ok(const struct xw_tos *t, uint64_t table)
{
	uint32_t last = 0;
	unsigned int e;

	for (e = 0; e < XW_TOS_NENTRIES; e++) {
		if (t->entry[e] != XW_TOS_NO_ENTRY && t->entry[e] > last) {
			last = t->entry[e];
		}
	}
	/* Written so that nothing overflows: table + last + 4 <= base + size. */
	return (table & 3) == 0 && table >= t->base && table - t->base < t->size &&
	       t->size - (table - t->base) >= (uint64_t)last + 4;
}
