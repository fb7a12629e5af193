/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The checks every block request passes before the secure side acts on it
 * (docs/block.md, "Request checks"). Portable, no I/O; the only state read is
 * the NS gate's table (secure/core/nsmem.h), which every data segment must
 * pass. The unit of the host tests (tests/unit/test_blk_check.c) and of the
 * fuzzer (tests/fuzz/fuzz_blk.c).
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

/**
 * xw_blk_check() - validate @r, a private copy of a normal-world request, in
 * place. Return: 0 (then every field of @r is within its limits), or the
 * first error found: XW_EINVAL (unknown op or flag, nonzero reserved field,
 * unaligned or empty segment, segment count or nsectors inconsistent with the
 * op), XW_E2BIG (more than the disk's limits), XW_ERANGE (sectors past the
 * disk's end, or overflowing), XW_EFAULT (a segment the NS gate refuses:
 * not wholly in normal-world RAM, or touching a reserved range), XW_EACCES (write or discard to a read-only disk), XW_ENOTSUP (an op
 * the disk does not have).
 */
int xw_blk_check(struct xw_blk_req *r, const struct xw_blk_limits *lim);

#endif
