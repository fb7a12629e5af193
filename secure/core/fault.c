// SPDX-License-Identifier: BSD-2-Clause
/*
 * Synchronous exception decoding for the secure kernel (see fault.h). The
 * fault status codes are ISS[5:0] of data and instruction aborts: 0b0001LL
 * translation fault at level LL, 0b0011LL permission fault, 0b100001
 * alignment fault (Arm ARM, ESR_ELx ISS encoding for aborts).
 */
#include "fault.h"

#define ESR_EC(e)   ((uint32_t)((e) >> 26) & 0x3fU)
#define ISS_FSC(e)  ((uint32_t)(e) & 0x3fU)
#define ISS_WNR     (1U << 6)
#define ISS_FNV     (1U << 10)
#define FSC_ALIGN   0x21U

/* The smallest region holding @a: a guard page lies inside "data/bss". */
static const struct xw_fault_region *find(const struct xw_fault_region *r, size_t n,
					  uint64_t a)
{
	const struct xw_fault_region *best = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (a >= r[i].start && a < r[i].end &&
		    (best == NULL || r[i].end - r[i].start < best->end - best->start)) {
			best = &r[i];
		}
	}
	return best;
}

static enum xw_fault_kind abort_kind(const struct xw_fault *f, bool insn)
{
	switch (f->fsc & 0x3cU) {
	case 0x04: /* translation fault, level in bits 1:0 */
		if (f->region != NULL && f->region->guard) {
			return XW_FAULT_STACK_GUARD;
		}
		return XW_FAULT_UNMAPPED;
	case 0x0c: /* permission fault */
		if (insn) {
			return XW_FAULT_EXEC_NX;
		}
		return f->write ? XW_FAULT_WRITE_RO : XW_FAULT_PERM;
	default:
		return f->fsc == FSC_ALIGN ? XW_FAULT_ALIGN : XW_FAULT_OTHER;
	}
}

void xw_fault_decode(uint64_t esr, uint64_t far, const struct xw_fault_region *r,
		     size_t n, struct xw_fault *out)
{
	bool insn;

	out->kind = XW_FAULT_OTHER;
	out->ec = ESR_EC(esr);
	out->fsc = 0;
	out->level = 0;
	out->write = false;
	out->far_valid = false;
	out->region = NULL;
	switch (out->ec) {
	case XW_EC_UNKNOWN:
		out->kind = XW_FAULT_UNDEF;
		return;
	case XW_EC_PC_ALIGN:
	case XW_EC_SP_ALIGN:
		out->kind = XW_FAULT_ALIGN;
		return;
	case XW_EC_IABT_LOWER:
	case XW_EC_IABT_SAME:
	case XW_EC_DABT_LOWER:
	case XW_EC_DABT_SAME:
		break;
	default:
		return;
	}
	insn = out->ec == XW_EC_IABT_LOWER || out->ec == XW_EC_IABT_SAME;
	out->fsc = ISS_FSC(esr);
	out->level = out->fsc & 3U;
	/* WnR is meaningful for data aborts only; FnV says FAR holds garbage. */
	out->write = !insn && (esr & ISS_WNR) != 0;
	out->far_valid = (esr & ISS_FNV) == 0;
	if (out->far_valid) {
		out->region = find(r, n, far);
	}
	out->kind = abort_kind(out, insn);
}

const char *xw_fault_kind_name(enum xw_fault_kind k)
{
	switch (k) {
	case XW_FAULT_UNDEF:
		return "undefined instruction";
	case XW_FAULT_WRITE_RO:
		return "write to a read-only page";
	case XW_FAULT_EXEC_NX:
		return "execution from a non-executable page";
	case XW_FAULT_PERM:
		return "read permission fault";
	case XW_FAULT_STACK_GUARD:
		return "stack guard hit (stack overflow)";
	case XW_FAULT_UNMAPPED:
		return "access to an unmapped address";
	case XW_FAULT_ALIGN:
		return "alignment fault";
	default:
		return "unexpected exception";
	}
}
