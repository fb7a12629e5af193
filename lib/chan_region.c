// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channel regions: formatting (by the side that owns the memory) and opening
 * (by either side, which must treat every header byte as hostile: one copy
 * into private memory, checks on the copy, nothing re-read afterwards).
 */
#include "chan_priv.h"

#define CHAN_HDR_BYTES ((uint32_t)sizeof(struct xw_chan_hdr))

static bool is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

static uint64_t table_end(unsigned nchan)
{
	uint64_t end = XW_CHAN_LINE + (uint64_t)nchan * sizeof(struct xw_region_ent);

	return (end + XW_CHAN_LINE - 1) & ~(uint64_t)(XW_CHAN_LINE - 1);
}

static uint64_t round_to(uint64_t x, uint32_t align)
{
	return (x + align - 1) & ~(uint64_t)(align - 1);
}

static uint32_t bulk_round(uint32_t bulk)
{
	return (bulk + XW_CHAN_LINE - 1) & ~(XW_CHAN_LINE - 1);
}

static bool bulk_ok(uint32_t bulk)
{
	return bulk == 0 || (bulk >= XW_CHAN_BULK_MIN && bulk <= XW_CHAN_RING_MAX);
}

/*
 * Header, ring 0, ring 1, then (XW_CHAN_F_REF) the reference areas of ring 0
 * and 1. With `align` above XW_CHAN_LINE each area starts, and the channel
 * ends, on an `align` boundary of the channel (which starts on one): a page
 * `align` lets a driver map exactly an area into a process (zero-copy).
 */
static uint64_t bulk_at(uint32_t ring_size, uint32_t align)
{
	return round_to(CHAN_HDR_BYTES + 2 * (uint64_t)ring_size, align);
}

static uint64_t chan_bytes_al(uint32_t ring_size, const uint32_t bulk[2], uint32_t align)
{
	return round_to(bulk_at(ring_size, align) + round_to(bulk[0], align) + bulk[1], align);
}

size_t xw_region_size(unsigned nchan, uint32_t ring_size)
{
	return xw_region_size_ref(nchan, ring_size, 0, 0);
}

size_t xw_region_size_ref(unsigned nchan, uint32_t ring_size, uint32_t bulk0, uint32_t bulk1)
{
	return xw_region_size_ref_al(nchan, ring_size, bulk0, bulk1, XW_CHAN_LINE);
}

size_t xw_region_size_ref_al(unsigned nchan, uint32_t ring_size, uint32_t bulk0, uint32_t bulk1,
			     uint32_t align)
{
	uint32_t bulk[2] = { bulk_round(bulk0), bulk_round(bulk1) };
	uint64_t total;

	if (nchan == 0 || nchan > XW_REGION_MAX_CHANS || !is_pow2(ring_size) ||
	    ring_size < XW_CHAN_RING_MIN || ring_size > XW_CHAN_RING_MAX || !bulk_ok(bulk0) ||
	    !bulk_ok(bulk1) || !is_pow2(align) || align < XW_CHAN_LINE || align > (1u << 20))
		return 0;
	total = round_to(table_end(nchan), align) + nchan * chan_bytes_al(ring_size, bulk, align);
	/* 0 tells a 32-bit caller that the region cannot be addressed. */
	if (total > (size_t)-1)
		return 0;
	return (size_t)total;
}

static void format_chan(volatile uint8_t *c, uint64_t csize, uint32_t ring_size,
			const uint32_t bulk[2], uint32_t align)
{
	struct xw_chan_hdr h;

	XW_CHAN_MEMSET(&h, 0, sizeof(h));
	h.info.magic = XW_CHAN_MAGIC;
	h.info.version = XW_CHAN_VERSION;
	h.info.hdr_size = CHAN_HDR_BYTES;
	h.info.features = 0;
	h.info.ring_size[0] = ring_size;
	h.info.ring_size[1] = ring_size;
	h.info.ring_off[0] = CHAN_HDR_BYTES;
	h.info.ring_off[1] = CHAN_HDR_BYTES + ring_size;
	h.info.chan_size = csize;
	if (bulk[0] || bulk[1]) {
		h.info.features = XW_CHAN_F_REF;
		h.info.bulk_size[0] = bulk[0];
		h.info.bulk_size[1] = bulk[1];
		h.info.bulk_off[0] = bulk[0] ? (uint32_t)bulk_at(ring_size, align) : 0;
		h.info.bulk_off[1] = bulk[1] ? (uint32_t)(bulk_at(ring_size, align) +
							  round_to(bulk[0], align)) : 0;
	}
	XW_CHAN_MEMCPY(xw_unvol(c), &h, sizeof(h));
	/* Make the header visible before anyone learns the region exists (pairs with the opener's read after handoff). */
	atomic_thread_fence(memory_order_release);
}

int xw_region_init(void *base, size_t size, unsigned nchan, uint32_t ring_size)
{
	return xw_region_init_ref(base, size, nchan, ring_size, 0, 0);
}

int xw_region_init_ref(void *base, size_t size, unsigned nchan, uint32_t ring_size,
		       uint32_t bulk0, uint32_t bulk1)
{
	return xw_region_init_ref_al(base, size, nchan, ring_size, bulk0, bulk1, XW_CHAN_LINE);
}

int xw_region_init_ref_al(void *base, size_t size, unsigned nchan, uint32_t ring_size,
			  uint32_t bulk0, uint32_t bulk1, uint32_t align)
{
	uint8_t *r = base;
	size_t need = xw_region_size_ref_al(nchan, ring_size, bulk0, bulk1, align);
	uint32_t bulk[2] = { bulk_round(bulk0), bulk_round(bulk1) };
	struct xw_region_hdr rh;
	uint64_t off;
	unsigned i;

	if (!base || ((uintptr_t)base & (XW_CHAN_LINE - 1)) || need == 0 || size < need)
		return XW_EINVAL;

	XW_CHAN_MEMSET(&rh, 0, sizeof(rh));
	rh.magic = XW_REGION_MAGIC;
	rh.version = XW_CHAN_VERSION;
	rh.hdr_size = sizeof(rh);
	rh.nchan = nchan;
	rh.region_size = size;
	rh.table_off = XW_CHAN_LINE;

	off = round_to(table_end(nchan), align);
	for (i = 0; i < nchan; i++) {
		struct xw_region_ent e = { .off = off, .size = chan_bytes_al(ring_size, bulk, align) };

		XW_CHAN_MEMCPY(r + XW_CHAN_LINE + i * sizeof(e), &e, sizeof(e));
		format_chan(r + off, e.size, ring_size, bulk, align);
		off += e.size;
	}
	XW_CHAN_MEMCPY(r, &rh, sizeof(rh));
	atomic_thread_fence(memory_order_release);
	return XW_OK;
}

/*
 * Reads and checks the region header and the table entry of channel `idx`;
 * on success *off and *csize locate the channel inside [0, size).
 */
static int locate_chan(const volatile uint8_t *r, size_t size, unsigned idx, uint64_t *off,
		       uint64_t *csize)
{
	struct xw_region_hdr rh;
	struct xw_region_ent e, nb;
	uint64_t tend;

	if (size < sizeof(rh))
		return XW_EINVAL;
	XW_CHAN_MEMCPY(&rh, (const void *)(uintptr_t)r, sizeof(rh));
	if (rh.magic != XW_REGION_MAGIC)
		return XW_EPROTO;
	if ((rh.version >> 16) != (XW_CHAN_VERSION >> 16))
		return XW_ENOTSUP;
	if (rh.features & ~XW_REGION_FEATURES_KNOWN)
		return XW_ENOTSUP;
	if (rh.hdr_size != sizeof(rh) || rh.table_off != XW_CHAN_LINE || rh.nchan == 0 ||
	    rh.nchan > XW_REGION_MAX_CHANS || rh.region_size != size)
		return XW_EPROTO;
	if (idx >= rh.nchan)
		return XW_ENOENT;
	tend = table_end(rh.nchan);
	if (tend > size)
		return XW_EPROTO;

	XW_CHAN_MEMCPY(&e, (const void *)(uintptr_t)(r + XW_CHAN_LINE + idx * sizeof(e)), sizeof(e));
	if ((e.off & (XW_CHAN_LINE - 1)) || e.off < tend || e.off > size ||
	    e.size > size - e.off || e.size < CHAN_HDR_BYTES)
		return XW_EPROTO;
	/* Neighbours must not overlap this channel (ascending table). */
	if (idx > 0) {
		XW_CHAN_MEMCPY(&nb, (const void *)(uintptr_t)(r + XW_CHAN_LINE + (idx - 1) * sizeof(nb)),
			       sizeof(nb));
		if (nb.off > e.off || nb.size > e.off - nb.off)
			return XW_EPROTO;
	}
	if (idx + 1 < rh.nchan) {
		XW_CHAN_MEMCPY(&nb, (const void *)(uintptr_t)(r + XW_CHAN_LINE + (idx + 1) * sizeof(nb)),
			       sizeof(nb));
		if (nb.off < e.off + e.size)
			return XW_EPROTO;
	}
	*off = e.off;
	*csize = e.size;
	return XW_OK;
}

/* Does [a, a+an) overlap [b, b+bn)? (64-bit sums: no wrap.) */
static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return an && bn && a < b + bn && b < a + an;
}

/*
 * Reference areas: none without XW_CHAN_F_REF; with it each is 0 or
 * XW_CHAN_BULK_MIN..XW_CHAN_RING_MAX bytes, line aligned, inside the channel
 * after the header, and overlapping neither ring nor the other area.
 */
static int check_bulk(const struct xw_chan_info *in, uint64_t csize)
{
	unsigned i, j;

	if (!(in->features & XW_CHAN_F_REF))
		return (in->bulk_size[0] | in->bulk_size[1] | in->bulk_off[0] | in->bulk_off[1]) ?
			       XW_EPROTO : XW_OK;
	for (i = 0; i < 2; i++) {
		uint32_t sz = in->bulk_size[i], off = in->bulk_off[i];

		if (sz == 0) {
			if (off != 0)
				return XW_EPROTO;
			continue;
		}
		if (sz < XW_CHAN_BULK_MIN || sz > XW_CHAN_RING_MAX || (sz & (XW_CHAN_LINE - 1)) ||
		    (off & (XW_CHAN_LINE - 1)) || off < CHAN_HDR_BYTES || off > csize ||
		    sz > csize - off)
			return XW_EPROTO;
		for (j = 0; j < 2; j++) {
			if (overlaps(off, sz, in->ring_off[j], in->ring_size[j]))
				return XW_EPROTO;
		}
		if (overlaps(off, sz, in->bulk_off[1 - i], in->bulk_size[1 - i]))
			return XW_EPROTO;
	}
	return XW_OK;
}

static int check_info(const struct xw_chan_info *in, uint64_t csize)
{
	unsigned i;

	if (in->magic != XW_CHAN_MAGIC)
		return XW_EPROTO;
	if ((in->version >> 16) != (XW_CHAN_VERSION >> 16) || (in->features & ~XW_CHAN_FEATURES_KNOWN))
		return XW_ENOTSUP;
	if (in->hdr_size != CHAN_HDR_BYTES || in->chan_size != csize)
		return XW_EPROTO;
	for (i = 0; i < 2; i++) {
		uint32_t sz = in->ring_size[i], off = in->ring_off[i];

		if (!is_pow2(sz) || sz < XW_CHAN_RING_MIN || sz > XW_CHAN_RING_MAX)
			return XW_EPROTO;
		if ((off & (XW_CHAN_LINE - 1)) || off < CHAN_HDR_BYTES || off > csize ||
		    sz > csize - off)
			return XW_EPROTO;
	}
	/* Disjoint rings: one must end before the other starts. */
	if (!((uint64_t)in->ring_off[0] + in->ring_size[0] <= in->ring_off[1] ||
	      (uint64_t)in->ring_off[1] + in->ring_size[1] <= in->ring_off[0]))
		return XW_EPROTO;
	return check_bulk(in, csize);
}

int xw_region_reset_chan(void *base, size_t size, unsigned idx)
{
	volatile uint8_t *c;
	struct xw_chan_info info;
	uint64_t off, csize;
	int rc;

	if (!base || ((uintptr_t)base & (XW_CHAN_LINE - 1)))
		return XW_EINVAL;
	rc = locate_chan(base, size, idx, &off, &csize);
	if (rc)
		return rc;
	c = (volatile uint8_t *)base + off;
	XW_CHAN_MEMCPY(&info, xw_unvol(c), sizeof(info));
	rc = check_info(&info, csize);
	if (rc)
		return rc;
	/* Keep the validated description; zero every word the ends write. */
	XW_CHAN_MEMSET(xw_unvol(c + sizeof(info)), 0, sizeof(struct xw_chan_hdr) - sizeof(info));
	atomic_thread_fence(memory_order_release);
	return XW_OK;
}

int xw_chan_open(struct xw_chan *ch, void *base, size_t size, unsigned idx, unsigned end,
		 const struct xw_chan_ops *ops, void *ctx)
{
	volatile uint8_t *c;
	volatile struct xw_chan_hdr *h;
	struct xw_chan_info info;
	uint64_t off, csize;
	unsigned peer = 1 - end;
	int rc;

	if (!ch || !base || end > XW_CHAN_END1 || ((uintptr_t)base & (XW_CHAN_LINE - 1)))
		return XW_EINVAL;
	XW_CHAN_MEMSET(ch, 0, sizeof(*ch));
	ch->ops = ops;
	ch->ctx = ctx;
	/* The platform's default; only the hosted port, where both ends share one scheduler, sets one. */
	ch->spin_ns = ops ? ops->spin_ns : 0;
	/* Only with both hooks: a light publisher relies on the peer's fence_peer before it sleeps. */
	ch->light_publish = ops && ops->fence_setup && ops->fence_peer && ops->fence_setup(ctx) == 0;
	xw_inval(ch, base, size < 4096 ? size : 4096);
	rc = locate_chan(base, size, idx, &off, &csize);
	if (rc)
		return rc;
	c = (volatile uint8_t *)base + off;
	xw_inval(ch, c, sizeof(struct xw_chan_hdr));
	XW_CHAN_MEMCPY(&info, xw_unvol(c), sizeof(info));
	rc = check_info(&info, csize);
	if (rc)
		return rc;

	h = (volatile struct xw_chan_hdr *)c;
	/* A channel is opened fresh: both states healthy, our own indices untouched. */
	if (atomic_load_explicit(xw_sh32(&h->state[end].state), memory_order_acquire) != XW_CHAN_ST_OK ||
	    atomic_load_explicit(xw_sh32(&h->state[peer].state), memory_order_acquire) != XW_CHAN_ST_OK)
		return XW_EPIPE;
	if (atomic_load_explicit(xw_sh32(&h->ring[end].prod), memory_order_relaxed) != 0 ||
	    atomic_load_explicit(xw_sh32(&h->ring[peer].cons), memory_order_relaxed) != 0)
		return XW_EBUSY;

	ch->hdr = h;
	ch->end = end;
	ch->tx_ring = c + info.ring_off[end];
	ch->rx_ring = c + info.ring_off[peer];
	ch->tx_mask = info.ring_size[end] - 1;
	ch->rx_mask = info.ring_size[peer] - 1;
	ch->rx.max_msg = XW_CHAN_DEFAULT_MAX_MSG;
	if (info.bulk_size[end]) {
		ch->tx_bulk = c + info.bulk_off[end];
		ch->tx_bulk_size = info.bulk_size[end];
	}
	if (info.bulk_size[peer]) {
		ch->rx_bulk = c + info.bulk_off[peer];
		ch->rx_bulk_size = info.bulk_size[peer];
	}
	ch->ref_min = XW_CHAN_REF_MIN_DEFAULT;
	atomic_store_explicit(&ch->broken, 0, memory_order_relaxed);
	return XW_OK;
}
