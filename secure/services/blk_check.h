/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The checks every block request passes before the secure side acts on it
 * (docs/block.md, "Request checks"). Pure and portable: no state, no I/O; the
 * unit of the host tests (tests/unit/test_blk_check.c) and of the fuzzer
 * (tests/fuzz/fuzz_blk_req.c).
 */
#ifndef XW_SK_BLK_CHECK_H
#define XW_SK_BLK_CHECK_H

#include <stdint.h>

#include "xw/blk_abi.h"

/** What a disk accepts (announced to the normal world by XW_SMC_BLK_INFO). */
struct xw_blk_limits {
	uint64_t capacity;    /* sectors */
	uint32_t flags;       /* XW_BLK_DISK_* */
	uint32_t max_bytes;   /* per read/write, a multiple of 512 */
	uint32_t max_discard; /* sectors per discard */
};

/** Where data segments may lie: NS RAM, minus up to XW_BLK_MEM_DENY ranges. */
#define XW_BLK_MEM_DENY 3
struct xw_blk_mem {
	uint64_t ram_base, ram_size;
	uint64_t deny_base[XW_BLK_MEM_DENY], deny_size[XW_BLK_MEM_DENY]; /* size 0: unused */
};

/**
 * xw_blk_check() - validate @r, a private copy of a normal-world request, in
 * place. Return: 0 (then every field of @r is within its limits), or the
 * first error found: XW_EINVAL (unknown op or flag, nonzero reserved field,
 * unaligned or empty segment, segment count or nsectors inconsistent with the
 * op), XW_E2BIG (more than the disk's limits), XW_ERANGE (sectors past the
 * disk's end, or overflowing), XW_EFAULT (a segment not wholly in the allowed
 * memory), XW_EACCES (write or discard to a read-only disk), XW_ENOTSUP (an op
 * the disk does not have).
 */
int xw_blk_check(struct xw_blk_req *r, const struct xw_blk_limits *lim,
		 const struct xw_blk_mem *mem);

#endif
