// SPDX-License-Identifier: BSD-2-Clause
#include "blk_check.h"

#include "../core/nsmem.h"
#include "xw/err.h"

static int check_seg(const struct xw_blk_seg *s)
{
	if (s->reserved != 0 || s->len == 0 || s->len % XW_BLK_SECTOR_SIZE != 0 ||
	    s->pa % XW_BLK_SECTOR_SIZE != 0) {
		return XW_EINVAL;
	}
	/*
	 * The NS gate, like every normal-world address: the device will DMA
	 * here, so a segment in secure RAM, the carve-out or a device window
	 * would have the secure side's device write it for the normal world.
	 */
	return xw_ns_gate_check(s->pa, s->len) == XW_OK ? XW_OK : XW_EFAULT;
}

int xw_blk_check(struct xw_blk_req *r, const struct xw_blk_limits *lim)
{
	uint64_t bytes = 0;
	unsigned int i;
	int rc;

	if (r->reserved != 0 || (r->flags & ~XW_BLK_F_FUA) != 0) {
		return XW_EINVAL;
	}
	switch (r->op) {
	case XW_BLK_OP_READ:
	case XW_BLK_OP_WRITE:
		if (r->op == XW_BLK_OP_READ && r->flags != 0) {
			return XW_EINVAL;
		}
		if (r->nseg == 0 || r->nsectors == 0) {
			return XW_EINVAL;
		}
		if (r->nseg > XW_BLK_MAX_SEGS) {
			return XW_E2BIG;
		}
		for (i = 0; i < r->nseg; i++) {
			rc = check_seg(&r->seg[i]);
			if (rc != 0) {
				return rc;
			}
			bytes += r->seg[i].len; /* <= 32 * 4 GiB: no overflow */
		}
		if (bytes != (uint64_t)r->nsectors << XW_BLK_SECTOR_SHIFT) {
			return XW_EINVAL;
		}
		if (bytes > lim->max_bytes) {
			return XW_E2BIG;
		}
		break;
	case XW_BLK_OP_FLUSH:
		if (r->nseg != 0 || r->nsectors != 0 || r->sector != 0 || r->flags != 0) {
			return XW_EINVAL;
		}
		/* A disk without a volatile cache has nothing to flush: success. */
		return XW_OK;
	case XW_BLK_OP_DISCARD:
		if (r->nseg != 0 || r->nsectors == 0 || r->flags != 0) {
			return XW_EINVAL;
		}
		if (!(lim->flags & XW_BLK_DISK_DISCARD)) {
			return XW_ENOTSUP;
		}
		if (r->nsectors > lim->max_discard) {
			return XW_E2BIG;
		}
		break;
	default:
		return XW_EINVAL;
	}
	if (r->sector >= lim->capacity || r->nsectors > lim->capacity - r->sector) {
		return XW_ERANGE;
	}
	if (r->op != XW_BLK_OP_READ && (lim->flags & XW_BLK_DISK_RO)) {
		return XW_EACCES;
	}
	return XW_OK;
}
