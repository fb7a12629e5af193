/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld channel wire layout: the bytes both worlds see in non-secure
 * shared memory. docs/abi.md, section "Channel", is the specification; this
 * header is its C transcription and is included unchanged by the secure
 * kernel, the Linux module, the user library and the hosted port.
 *
 * Rules (export header): fixed-width integer types only, no pointers, size_t,
 * bool or enums in structs, explicit padding, every size and offset asserted.
 * All multi-byte fields are little-endian (both worlds run the same CPU).
 */
#ifndef XW_CHANNEL_ABI_H
#define XW_CHANNEL_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/stddef.h>
#else
#include <stdint.h>
#include <stddef.h>
#endif

/*
 * Granule that separates fields written by different sides. 128 covers every
 * Arm core's cache line (and Linux's ARCH_DMA_MINALIGN), so cleaning or
 * invalidating one side's line on a non-coherent mapping never touches a
 * field the other side writes.
 */
#define XW_CHAN_LINE            128u

#define XW_REGION_MAGIC         0x47525758u /* "XWRG" in memory order */
#define XW_CHAN_MAGIC           0x48435758u /* "XWCH" in memory order */
#define XW_CHAN_VERSION         2u          /* major << 16 | minor; 2: REF records */
/*
 * Channel features (xw_chan_info.features). XW_CHAN_F_REF: the channel has a
 * reference area per ring (bulk_off/bulk_size) and REF records may point
 * into it; without it both bulk fields must be zero.
 */
#define XW_CHAN_F_REF           0x1u
#define XW_CHAN_FEATURES_KNOWN  XW_CHAN_F_REF
#define XW_REGION_FEATURES_KNOWN 0u         /* none defined for the region header */
/* Reference areas: 0, or XW_CHAN_BULK_MIN .. XW_CHAN_RING_MAX, multiple of XW_CHAN_LINE. */
#define XW_CHAN_BULK_MIN        4096u

#define XW_REGION_MAX_CHANS     256u
#define XW_CHAN_RING_MIN        256u        /* bytes, power of two */
#define XW_CHAN_RING_MAX        (1u << 30)  /* bytes, power of two */

/* Records are aligned to, and their header is, this many bytes. */
#define XW_CHAN_REC_ALIGN       16u

/* xw_chan_rec.flags */
#define XW_CHAN_REC_FIRST       0x1u /* first fragment: arg = total length */
#define XW_CHAN_REC_LAST        0x2u /* last fragment of the message */
/* the payload is not in the ring: a struct xw_chan_ref follows the header instead */
#define XW_CHAN_REC_REF         0x4u
#define XW_CHAN_REC_FLAGS_KNOWN 0x7u

/* xw_chan_state.state: 0 while the end is healthy; any other value is sticky. */
#define XW_CHAN_ST_OK           0u
#define XW_CHAN_ST_CLOSED       1u /* orderly close; data already queued stays valid */
#define XW_CHAN_ST_BROKEN       2u /* this end saw a protocol violation or gave up */

/* Ends of a channel. Ring 0 carries end 0 -> end 1, ring 1 end 1 -> end 0. */
#define XW_CHAN_END0            0u
#define XW_CHAN_END1            1u

/*
 * Region header, at offset 0 of a shared region. Written once by the side
 * that formats the region, before the region is handed to the peer; read-only
 * afterwards. Followed at offset XW_CHAN_LINE by nchan table entries.
 */
struct xw_region_hdr {
	uint32_t magic;        /* XW_REGION_MAGIC */
	uint32_t version;      /* XW_CHAN_VERSION */
	uint32_t hdr_size;     /* sizeof(struct xw_region_hdr) */
	uint32_t nchan;        /* 1 .. XW_REGION_MAX_CHANS */
	uint64_t region_size;  /* bytes; must equal the size the opener mapped */
	uint32_t features;     /* must be a subset of XW_CHAN_FEATURES_KNOWN */
	uint32_t table_off;    /* offset of the channel table: XW_CHAN_LINE */
	uint8_t reserved[96];  /* zero */
};

/* One channel table entry: where a channel lives inside the region. */
struct xw_region_ent {
	uint64_t off;          /* from region start; multiple of XW_CHAN_LINE */
	uint64_t size;         /* bytes, header and both rings included */
};

/* Per-channel read-only description: written by the formatter only. */
struct xw_chan_info {
	uint32_t magic;        /* XW_CHAN_MAGIC */
	uint32_t version;      /* XW_CHAN_VERSION */
	uint32_t hdr_size;     /* sizeof(struct xw_chan_hdr) */
	uint32_t features;     /* subset of XW_CHAN_FEATURES_KNOWN */
	uint32_t ring_size[2]; /* data bytes per ring, power of two */
	uint32_t ring_off[2];  /* from channel start, multiple of XW_CHAN_LINE */
	uint64_t chan_size;    /* equals the region table entry's size */
	uint32_t bulk_size[2]; /* reference area of ring r (its producer writes it); 0 = none */
	uint32_t bulk_off[2];  /* from channel start, multiple of XW_CHAN_LINE */
	uint8_t reserved[72];  /* zero */
};

/* Sticky state word of one end: written by that end only. */
struct xw_chan_state {
	uint32_t state;        /* XW_CHAN_ST_* */
	uint32_t reason;       /* diagnostic: negated XW_E* code, or 0 */
	uint8_t reserved[XW_CHAN_LINE - 8];
};

/*
 * Control words of one ring; each on its own line with a single writer.
 * Indices are free-running byte counts (mod 2^32); the ring offset of index i
 * is i & (ring_size - 1).
 */
struct xw_chan_ring_ctl {
	/* producer writes: bytes published so far */
	uint32_t prod;
	uint8_t pad0[XW_CHAN_LINE - 4];
	/* producer writes: "notify me when cons moves past this" (space wanted) */
	uint32_t space_event;
	uint8_t pad1[XW_CHAN_LINE - 4];
	/* consumer writes: bytes consumed so far */
	uint32_t cons;
	uint8_t pad2[XW_CHAN_LINE - 4];
	/* consumer writes: "notify me when prod moves past this" (data wanted) */
	uint32_t data_event;
	uint8_t pad3[XW_CHAN_LINE - 4];
};

/* Channel header at the start of each channel; rings follow at ring_off[]. */
struct xw_chan_hdr {
	struct xw_chan_info info;        /* formatter, read-only afterwards */
	struct xw_chan_state state[2];   /* state[e] written by end e only */
	struct xw_chan_ring_ctl ring[2]; /* ring[r]: producer end r, consumer end 1-r */
};

/*
 * Record header, at a XW_CHAN_REC_ALIGN-aligned ring offset (so it never
 * wraps). The payload follows and may wrap around the ring end; the next
 * record starts at the next aligned offset.
 */
struct xw_chan_rec {
	uint32_t len;          /* payload bytes in this record */
	uint32_t flags;        /* XW_CHAN_REC_*; unknown bits are a violation */
	uint64_t arg;          /* FIRST: message length; else offset in the message */
};

/*
 * Body of a REF record (flags has XW_CHAN_REC_REF): the record's `len`
 * payload bytes are at bulk_off[r] + off of the ring's reference area, not in
 * the ring. The record takes 16 + 16 ring bytes whatever its `len`.
 */
struct xw_chan_ref {
	uint64_t off;          /* from the start of the ring's reference area; off + len <= bulk_size */
	uint64_t reserved;     /* zero */
};

_Static_assert(sizeof(struct xw_region_hdr) == 128, "region header is one line");
_Static_assert(offsetof(struct xw_region_hdr, region_size) == 16, "abi.md: region_size at 16");
_Static_assert(offsetof(struct xw_region_hdr, features) == 24, "abi.md: features at 24");
_Static_assert(offsetof(struct xw_region_hdr, table_off) == 28, "abi.md: table_off at 28");
_Static_assert(sizeof(struct xw_region_ent) == 16, "table entry is 16 bytes");
_Static_assert(sizeof(struct xw_chan_info) == XW_CHAN_LINE, "info is one line");
_Static_assert(offsetof(struct xw_chan_info, ring_size) == 16, "abi.md: ring_size at 16");
_Static_assert(offsetof(struct xw_chan_info, ring_off) == 24, "abi.md: ring_off at 24");
_Static_assert(offsetof(struct xw_chan_info, chan_size) == 32, "abi.md: chan_size at 32");
_Static_assert(offsetof(struct xw_chan_info, bulk_size) == 40, "abi.md: bulk_size at 40");
_Static_assert(offsetof(struct xw_chan_info, bulk_off) == 48, "abi.md: bulk_off at 48");
_Static_assert(sizeof(struct xw_chan_ref) == XW_CHAN_REC_ALIGN, "REF body is 16 bytes");
_Static_assert(sizeof(struct xw_chan_state) == XW_CHAN_LINE, "state is one line");
_Static_assert(sizeof(struct xw_chan_ring_ctl) == 4 * XW_CHAN_LINE, "four lines per ring");
_Static_assert(offsetof(struct xw_chan_ring_ctl, space_event) == 1 * XW_CHAN_LINE, "abi.md");
_Static_assert(offsetof(struct xw_chan_ring_ctl, cons) == 2 * XW_CHAN_LINE, "abi.md");
_Static_assert(offsetof(struct xw_chan_ring_ctl, data_event) == 3 * XW_CHAN_LINE, "abi.md");
_Static_assert(offsetof(struct xw_chan_hdr, state) == 128, "abi.md: state[] at 128");
_Static_assert(offsetof(struct xw_chan_hdr, ring) == 384, "abi.md: ring[] at 384");
_Static_assert(sizeof(struct xw_chan_hdr) == 1408, "abi.md: channel header is 1408 bytes");
_Static_assert(sizeof(struct xw_chan_rec) == XW_CHAN_REC_ALIGN, "record header is 16 bytes");
_Static_assert(offsetof(struct xw_chan_rec, arg) == 8, "abi.md: arg at 8");

#endif /* XW_CHANNEL_ABI_H */
