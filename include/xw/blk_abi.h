/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld paravirtual block device: the wire format shared by xwblk.ko
 * (normal world) and the secure block backend (docs/block.md, "Protocol").
 * Fixed-size types only, no pointers; every struct size is asserted. The same
 * file is compiled by both sides.
 *
 * One region per disk, allocated by the normal world (physically contiguous,
 * page aligned), registered with XW_SMC_BLK_REGISTER:
 *
 *   offset 0                    struct xw_blk_hdr (NS writes before registering;
 *                               the secure side reads it once, at registration)
 *   XW_BLK_Q_OFF(q, depth)      queue q: XW_BLK_Q_SIZE(depth) bytes
 *     +XW_BLK_Q_SQ_PROD         u32 submission producer      (NS writes)
 *     +XW_BLK_Q_SQ_CONS         u32 submission consumer      (S writes)
 *     +XW_BLK_Q_CQ_PROD         u32 completion producer      (S writes)
 *     +XW_BLK_Q_CQ_CONS         u32 completion consumer      (NS writes, S ignores)
 *     +XW_BLK_Q_SQ              u32 tag[depth]               (NS writes)
 *     +XW_BLK_Q_CQ(depth)       struct xw_blk_cqe[depth]     (S writes)
 *     +XW_BLK_Q_REQ(depth)      struct xw_blk_req[depth], indexed by tag (NS writes)
 *
 * Indices are free running (mod 2^32); entry i lives at i % depth; depth is a
 * power of two. A tag is owned by the secure side from its submission until
 * its completion is published; at most depth tags of a queue are in flight.
 */
#ifndef XW_BLK_ABI_H
#define XW_BLK_ABI_H

#include <stdint.h>

#define XW_BLK_MAGIC        0x4b4c4258U /* "XBLK" little endian */
#define XW_BLK_VERSION      1U
#define XW_BLK_SECTOR_SHIFT 9
#define XW_BLK_SECTOR_SIZE  512U
#define XW_BLK_MAX_SEGS     32U /* data segments per request */
#define XW_BLK_MAX_QUEUES   8U
#define XW_BLK_MAX_DEPTH    64U
#define XW_BLK_MAX_REGION   (1U << 20) /* bytes */

/* Request operations */
#define XW_BLK_OP_READ      0U
#define XW_BLK_OP_WRITE     1U
#define XW_BLK_OP_FLUSH     2U /* everything completed before reaches stable storage */
#define XW_BLK_OP_DISCARD   3U /* sectors [sector, sector + nsectors) may read as anything */
/* Request flags */
#define XW_BLK_F_FUA        0x01U /* write: stable when completed */

/* Disk flags (XW_SMC_BLK_INFO x2 bits 0..15) */
#define XW_BLK_DISK_RO      0x0001U
#define XW_BLK_DISK_FLUSH   0x0002U /* has a volatile cache: FLUSH and FUA mean something */
#define XW_BLK_DISK_DISCARD 0x0004U
#define XW_BLK_DISK_VIRTIO  0x0100U /* informational: a device only the secure world drives */
#define XW_BLK_DISK_RAM     0x0200U /* informational: secure RAM */

/** A data segment: normal-world physical memory, 512-byte aligned and sized. */
struct xw_blk_seg {
	uint64_t pa;
	uint32_t len;
	uint32_t reserved; /* zero */
};

/** A request, in slot req[tag] of its queue. */
struct xw_blk_req {
	uint64_t sector;
	uint32_t nsectors; /* read/write: sum of segment lengths / 512; discard: count */
	uint8_t op;
	uint8_t flags;
	uint16_t nseg;     /* read/write: 1..XW_BLK_MAX_SEGS; others: 0 */
	uint64_t reserved; /* zero */
	struct xw_blk_seg seg[XW_BLK_MAX_SEGS];
};

/** A completion: the tag and 0 or a negative XW_E* (include/xw/err.h). */
struct xw_blk_cqe {
	uint32_t tag;
	int32_t status;
};

/** Region header. */
struct xw_blk_hdr {
	uint32_t magic;   /* XW_BLK_MAGIC */
	uint32_t version; /* XW_BLK_VERSION */
	uint32_t nqueues; /* 1..XW_BLK_MAX_QUEUES */
	uint32_t depth;   /* power of two, 1..XW_BLK_MAX_DEPTH */
	uint32_t reserved[12];
};

_Static_assert(sizeof(struct xw_blk_seg) == 16, "docs/block.md: seg is 16 bytes");
_Static_assert(sizeof(struct xw_blk_req) == 24 + 16 * XW_BLK_MAX_SEGS, "docs/block.md: req");
_Static_assert(__builtin_offsetof(struct xw_blk_req, seg) == 24, "docs/block.md: req.seg");
_Static_assert(sizeof(struct xw_blk_cqe) == 8, "docs/block.md: cqe is 8 bytes");
_Static_assert(sizeof(struct xw_blk_hdr) == 64, "docs/block.md: hdr is 64 bytes");

#define XW_BLK_HDR_SIZE     4096U
#define XW_BLK_Q_SQ_PROD    0U
#define XW_BLK_Q_SQ_CONS    64U
#define XW_BLK_Q_CQ_PROD    128U
#define XW_BLK_Q_CQ_CONS    192U
#define XW_BLK_Q_SQ         256U
#define XW_BLK_Q_CQ(d)      (XW_BLK_Q_SQ + 4U * (d) + ((4U * (d)) & 4U))
#define XW_BLK_Q_REQ(d)     ((XW_BLK_Q_CQ(d) + 8U * (d) + 63U) & ~63U)
#define XW_BLK_Q_SIZE(d)    ((XW_BLK_Q_REQ(d) + (uint32_t)sizeof(struct xw_blk_req) * (d) + 63U) & ~63U)
#define XW_BLK_Q_OFF(q, d)  (XW_BLK_HDR_SIZE + (q) * XW_BLK_Q_SIZE(d))
/* Smallest region for nqueues x depth (round up to 4 KiB to register it). */
#define XW_BLK_REGION_BYTES(nq, d) (XW_BLK_Q_OFF(nq, d))

#endif /* XW_BLK_ABI_H */
