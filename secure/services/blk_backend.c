// SPDX-License-Identifier: BSD-2-Clause
#include "blk_backend.h"

#include <stddef.h>

#include "arch/spinlock.h"

#include "../core/nsmem.h"
#include "xw/err.h"
#include "xw/smc_status.h"

#define KIND_NONE   0
#define KIND_VIRTIO 1
#define KIND_RAM    2

struct bq {
	uint8_t *base;     /* the queue in the mapped region (hostile memory) */
	uint32_t sq_cons;  /* private: next submission to take */
	uint32_t cq_prod;  /* private: next completion to write */
	uint64_t inflight; /* private: tags taken and not yet completed */
	uint8_t broken;
};

struct bdisk {
	uint8_t kind;
	uint8_t registered;
	struct xw_blk_limits lim;
	uint8_t *ram;
	void *va;          /* the region, mapped */
	uint64_t pa, size;
	uint32_t nq, depth;
	struct bq q[XW_BLK_MAX_QUEUES];
	uint64_t done, rejected, irqs;
	/* Where the time goes (BLK_STATS pages 1 and 2, docs/block.md). */
	uint64_t dev_reqs, dev_ticks;      /* device requests, their summed latency */
	uint64_t reaped_kick, reaped_irq;  /* found by a doorbell / by the device interrupt */
	uint32_t dev_inflight, dev_inflight_max;
};

struct bslot {
	uint8_t used, disk, queue, fua;
	uint32_t tag;
	uint64_t t0; /* arch_now() at submission */
};

static struct {
	arch_spinlock_t lock;
	unsigned int ndisks;
	struct bdisk disk[XW_BLKB_MAX_DISKS];
	struct bslot slot[XW_VBLK_SLOTS];
	uint32_t posted; /* completions since the last notification */
	uint32_t want_harvest; /* the device interrupted while the lock was busy */
	uint8_t has_virtio;
} bk;

static void lock(void)
{
	arch_spin_lock(&bk.lock);
}

/*
 * trylock() and unlock() are the two halves of the want_harvest handshake
 * (xw_blkb_device_irq(), unlock_and_harvest()): "set want_harvest, then try
 * the lock" against "release the lock, then look at want_harvest". Either the
 * trier gets the lock or the holder sees the flag - never neither - which
 * needs both sides fully ordered (the flag is accessed sequentially
 * consistent too).
 */
static int trylock(void)
{
	return arch_spin_trylock_full(&bk.lock);
}

static void unlock(void)
{
	arch_spin_unlock_full(&bk.lock);
}

static volatile uint32_t *qword(const struct bq *q, uint32_t off)
{
	return (volatile uint32_t *)(void *)(q->base + off);
}

void xw_blkb_init(void)
{
	unsigned int i;
	uint8_t *p = (uint8_t *)&bk;

	for (i = 0; i < sizeof(bk); i++) {
		p[i] = 0;
	}
}

static int add_disk(uint8_t kind, const struct xw_blk_limits *lim, uint8_t *ram)
{
	struct bdisk *d;

	if (bk.ndisks >= XW_BLKB_MAX_DISKS) {
		return XW_ENOSPC;
	}
	d = &bk.disk[bk.ndisks];
	d->kind = kind;
	d->lim = *lim;
	d->ram = ram;
	return (int)bk.ndisks++;
}

int xw_blkb_add_virtio(const struct xw_vblk_info *info)
{
	struct xw_blk_limits lim = {
		.capacity = info->capacity,
		.flags = info->flags,
		.max_bytes = XW_BLKB_MAX_BYTES,
		.max_discard = info->max_discard,
	};

	int rc = add_disk(KIND_VIRTIO, &lim, 0);

	bk.has_virtio |= rc >= 0;
	return rc;
}

int xw_blkb_add_ram(uint8_t *ram, uint64_t bytes)
{
	struct xw_blk_limits lim = {
		.capacity = bytes >> XW_BLK_SECTOR_SHIFT,
		.flags = XW_BLK_DISK_RAM | XW_BLK_DISK_DISCARD,
		.max_bytes = XW_BLKB_MAX_BYTES,
		.max_discard = (uint32_t)(bytes >> XW_BLK_SECTOR_SHIFT),
	};

	if (bytes == 0 || bytes % XW_BLK_SECTOR_SIZE != 0) {
		return XW_EINVAL;
	}
	return add_disk(KIND_RAM, &lim, ram);
}

static struct bdisk *disk_of(uint64_t index)
{
	return index < bk.ndisks ? &bk.disk[index] : 0;
}

void xw_blkb_info(uint64_t disk, uint64_t out[4])
{
	struct bdisk *d = disk_of(disk);

	if (d == 0) {
		out[0] = xw_smc_status(XW_ENOENT);
		return;
	}
	out[0] = XW_OK;
	out[1] = d->lim.capacity;
	out[2] = d->lim.flags | (uint64_t)XW_BLK_MAX_QUEUES << 16 |
		 (uint64_t)XW_BLK_MAX_DEPTH << 24 | (uint64_t)XW_BLK_MAX_SEGS << 32 |
		 (uint64_t)(d->kind == KIND_VIRTIO ? XW_VBLK_SLOTS : 0xffffU) << 40;
	out[3] = d->lim.max_bytes | (uint64_t)d->lim.max_discard << 32;
}

void xw_blkb_register(uint64_t disk, uint64_t pa, uint64_t size, uint64_t out[4])
{
	struct bdisk *d;
	struct xw_blk_hdr h;
	void *va = 0;
	uint32_t q;
	int rc;

	lock();
	d = disk_of(disk);
	if (d == 0) {
		rc = XW_ENOENT;
		goto out;
	}
	if (d->registered) {
		rc = XW_EEXIST;
		goto out;
	}
	if (size == 0 || size > XW_BLK_MAX_REGION || pa + size < pa) {
		rc = size == 0 ? XW_EINVAL : XW_E2BIG;
		goto out;
	}
	/* The NS gate: inside NS RAM, outside every reserved range (nsmem.h). */
	rc = xw_ns_map(pa, size, &va);
	if (rc != 0) {
		goto out;
	}
	/* The header once, into secure memory; only the copy is checked and used. */
	h = *(volatile struct xw_blk_hdr *)va;
	if (h.magic != XW_BLK_MAGIC || h.version != XW_BLK_VERSION || h.nqueues == 0 ||
	    h.nqueues > XW_BLK_MAX_QUEUES || h.depth == 0 || h.depth > XW_BLK_MAX_DEPTH ||
	    (h.depth & (h.depth - 1)) != 0) {
		rc = XW_EINVAL;
	} else if (XW_BLK_REGION_BYTES(h.nqueues, h.depth) > size) {
		rc = XW_EMSGSIZE;
	} else if (d->kind == KIND_VIRTIO && h.nqueues * h.depth > XW_VBLK_SLOTS) {
		rc = XW_E2BIG; /* every request in flight must have a device slot */
	}
	if (rc != 0) {
		xw_ns_unmap(va, size);
		goto out;
	}
	d->va = va;
	d->pa = pa;
	d->size = size;
	d->nq = h.nqueues;
	d->depth = h.depth;
	for (q = 0; q < d->nq; q++) {
		struct bq *bq = &d->q[q];

		bq->base = (uint8_t *)va + XW_BLK_Q_OFF(q, d->depth);
		bq->sq_cons = 0;
		bq->cq_prod = 0;
		bq->inflight = 0;
		bq->broken = 0;
		*qword(bq, XW_BLK_Q_SQ_CONS) = 0;
		*qword(bq, XW_BLK_Q_CQ_PROD) = 0;
	}
	d->registered = 1;
	out[1] = disk + 1;
out:
	unlock();
	out[0] = xw_smc_status(rc);
}

static struct bdisk *registered(uint64_t handle)
{
	struct bdisk *d = handle >= 1 ? disk_of(handle - 1) : 0;

	return d != 0 && d->registered ? d : 0;
}

void xw_blkb_unregister(uint64_t handle, uint64_t out[4])
{
	struct bdisk *d;
	uint32_t q;
	int rc = XW_OK;

	lock();
	d = registered(handle);
	if (d == 0) {
		rc = XW_ENOENT;
		goto out;
	}
	for (q = 0; q < d->nq; q++) {
		if (d->q[q].inflight != 0) {
			rc = XW_EBUSY;
			goto out;
		}
	}
	xw_ns_unmap(d->va, d->size);
	d->registered = 0;
	d->va = 0;
out:
	unlock();
	out[0] = xw_smc_status(rc);
}

/* Publish one completion (lock held). */
static void complete(struct bdisk *d, uint32_t qi, uint32_t tag, int status)
{
	struct bq *q = &d->q[qi];
	volatile struct xw_blk_cqe *e = (volatile struct xw_blk_cqe *)(void *)(
		q->base + XW_BLK_Q_CQ(d->depth) + 8U * (q->cq_prod & (d->depth - 1)));

	e->tag = tag;
	e->status = status;
	q->cq_prod++;
	q->inflight &= ~(1ULL << tag);
	/* The entry before the index: pairs with xwblk.ko's acquire of cq_prod. */
	__atomic_store_n(qword(q, XW_BLK_Q_CQ_PROD), q->cq_prod, __ATOMIC_RELEASE);
	d->done++;
	bk.posted++;
}

/* RAM disk: move the data through short-lived mappings of the NS pages. */
static int ram_rw(struct bdisk *d, const struct xw_blk_req *r)
{
	uint64_t off = r->sector << XW_BLK_SECTOR_SHIFT;
	unsigned int i;

	if (r->op == XW_BLK_OP_DISCARD) {
		uint64_t n = (uint64_t)r->nsectors << XW_BLK_SECTOR_SHIFT, k;

		for (k = 0; k < n; k++) {
			d->ram[off + k] = 0;
		}
		return XW_OK;
	}
	if (r->op == XW_BLK_OP_FLUSH) {
		return XW_OK;
	}
	for (i = 0; i < r->nseg; i++) {
		uint64_t pa = r->seg[i].pa, first = pa & ~(XW_NS_PAGE_SIZE - 1);
		uint64_t span = ((pa + r->seg[i].len + XW_NS_PAGE_SIZE - 1) & ~(XW_NS_PAGE_SIZE - 1)) - first;
		uint8_t *va, *p;
		uint32_t k;
		int rc = xw_ns_map(first, span, (void **)&va);

		if (rc != 0) {
			return rc;
		}
		p = va + (pa - first);
		if (r->op == XW_BLK_OP_READ) {
			for (k = 0; k < r->seg[i].len; k++) {
				p[k] = d->ram[off + k];
			}
		} else {
			for (k = 0; k < r->seg[i].len; k++) {
				d->ram[off + k] = p[k];
			}
		}
		xw_ns_unmap(va, span);
		off += r->seg[i].len;
	}
	return XW_OK;
}

static int slot_alloc(uint8_t disk, uint32_t q, uint32_t tag, uint8_t fua)
{
	unsigned int i;

	for (i = 0; i < XW_VBLK_SLOTS; i++) {
		if (!bk.slot[i].used) {
			bk.slot[i].used = 1;
			bk.slot[i].disk = disk;
			bk.slot[i].queue = (uint8_t)q;
			bk.slot[i].tag = tag;
			bk.slot[i].fua = fua;
			return (int)i;
		}
	}
	return -1;
}

/* Take what the virtio device finished (lock held); @irq: from the device interrupt. */
static void harvest(int irq)
{
	struct bdisk *d;
	uint16_t s;
	int st, kicked = 0;

	if (!bk.has_virtio) {
		return;
	}
	while (xw_vblk_reap(&s, &st) == 1) {
		struct bslot *sl = &bk.slot[s];

		if (!sl->used) {
			continue; /* a completion we never asked for: ignore it */
		}
		if (st == XW_OK && sl->fua) {
			/* FUA = the write, then a flush before it completes. */
			struct xw_blk_req fl = { .op = XW_BLK_OP_FLUSH };

			sl->fua = 0;
			xw_vblk_submit(s, &fl);
			kicked = 1;
			continue;
		}
		sl->used = 0;
		d = &bk.disk[sl->disk];
		d->dev_ticks += arch_now() - sl->t0;
		d->dev_inflight--;
		if (irq) {
			d->reaped_irq++;
		} else {
			d->reaped_kick++;
		}
		complete(d, sl->queue, sl->tag, st);
	}
	if (kicked) {
		xw_vblk_notify();
	}
}

/*
 * Unlock, then take any harvest a device interrupt asked for while the lock
 * was held. Sequentially consistent: either the interrupt's trylock sees this
 * unlock, or this load sees its request.
 */
static uint32_t unlock_and_harvest(int irq)
{
	uint32_t posted, total = 0;

	for (;;) {
		posted = bk.posted;
		bk.posted = 0;
		total += posted;
		unlock();
		if (posted != 0) {
			arch_blk_notify();
		}
		if (!__atomic_load_n(&bk.want_harvest, __ATOMIC_SEQ_CST) || !trylock()) {
			return total;
		}
		__atomic_store_n(&bk.want_harvest, 0, __ATOMIC_SEQ_CST);
		harvest(irq);
	}
}

void xw_blkb_kick(uint64_t handle, uint64_t queue, uint64_t out[4])
{
	struct bdisk *d;
	struct bq *q;
	uint32_t prod, taken = 0, posted;
	int rc = XW_OK, submitted = 0;

	lock();
	bk.posted = 0;
	d = registered(handle);
	if (d == 0 || queue >= d->nq) {
		rc = d == 0 ? XW_ENOENT : XW_EINVAL;
		goto out;
	}
	q = &d->q[queue];
	if (q->broken) {
		rc = XW_EPIPE;
		goto out;
	}
	prod = __atomic_load_n(qword(q, XW_BLK_Q_SQ_PROD), __ATOMIC_ACQUIRE);
	/*
	 * At most depth entries can be outstanding (one per tag). A producer
	 * further ahead is hostile: without this bound a rejected request frees its
	 * tag at once and one doorbell would loop up to 2^32 times (fuzz_blk).
	 */
	if (prod - q->sq_cons > d->depth) {
		q->broken = 1;
		rc = XW_EPIPE;
		goto out;
	}
	while (q->sq_cons != prod) {
		struct xw_blk_req r;
		uint32_t tag = *qword(q, XW_BLK_Q_SQ + 4U * (q->sq_cons & (d->depth - 1)));
		const volatile uint8_t *src;
		uint8_t *dst = (uint8_t *)&r;
		unsigned int i;
		int slot;

		/* A tag out of range or already ours: the normal world broke the protocol. */
		if (tag >= d->depth || (q->inflight & (1ULL << tag))) {
			q->broken = 1;
			rc = XW_EPIPE;
			break;
		}
		src = q->base + XW_BLK_Q_REQ(d->depth) + sizeof(r) * tag;
		for (i = 0; i < sizeof(r); i++) {
			dst[i] = src[i]; /* copy in once; only the copy is checked and used */
		}
		q->sq_cons++;
		q->inflight |= 1ULL << tag;
		taken++;
		rc = xw_blk_check(&r, &d->lim);
		if (rc != 0) {
			d->rejected++;
			complete(d, (uint32_t)queue, tag, rc);
			rc = XW_OK;
			continue;
		}
		if (d->kind == KIND_RAM ||
		    (r.op == XW_BLK_OP_FLUSH && !(d->lim.flags & XW_BLK_DISK_FLUSH))) {
			complete(d, (uint32_t)queue, tag, d->kind == KIND_RAM ? ram_rw(d, &r) : XW_OK);
			continue;
		}
		slot = slot_alloc((uint8_t)(d - bk.disk), (uint32_t)queue, tag,
				  (r.flags & XW_BLK_F_FUA) && (d->lim.flags & XW_BLK_DISK_FLUSH));
		if (slot < 0) {
			complete(d, (uint32_t)queue, tag, XW_EBUSY); /* cannot happen: registration budget */
			continue;
		}
		bk.slot[slot].t0 = arch_now();
		d->dev_reqs++;
		if (++d->dev_inflight > d->dev_inflight_max) {
			d->dev_inflight_max = d->dev_inflight;
		}
		xw_vblk_submit((uint16_t)slot, &r);
		submitted = 1;
	}
	*qword(q, XW_BLK_Q_SQ_CONS) = q->sq_cons;
out:
	posted = unlock_and_harvest(0);
	/*
	 * The doorbell to the device outside the lock: under QEMU it is the
	 * slowest step (an exit into the device model, which may wait for its big
	 * lock), and a holder descheduled there kept another CPU's doorbell
	 * spinning (docs/benchmarks.md). Concurrent notifies are harmless.
	 */
	if (submitted) {
		xw_vblk_notify();
	}
	/* Reap what the device already finished: now, or by the lock's holder. */
	if (bk.has_virtio) {
		__atomic_store_n(&bk.want_harvest, 1, __ATOMIC_SEQ_CST);
		if (trylock()) {
			posted += unlock_and_harvest(0);
		}
	}
	out[0] = xw_smc_status(rc);
	if (rc == XW_OK) {
		out[1] = taken;
		out[2] = posted;
	}
}

/*
 * The device interrupt never spins on the lock. Under QEMU all CPUs can share
 * one host core: a CPU spinning here while the holder (a doorbell on another
 * CPU) is descheduled by the host burnt a whole host time slice, ~1-3 ms per
 * request (docs/benchmarks.md). Instead: acknowledge the device (its registers
 * need no lock; whatever it finishes after this raises a new interrupt), ask
 * for a harvest, and leave it to the holder, which looks again after
 * unlocking (unlock_and_harvest()).
 */
void xw_blkb_device_irq(void)
{
	unsigned int i;

	if (!bk.has_virtio) {
		return;
	}
	xw_vblk_ack_irq();
	for (i = 0; i < bk.ndisks; i++) {
		if (bk.disk[i].kind == KIND_VIRTIO) {
			__atomic_fetch_add(&bk.disk[i].irqs, 1, __ATOMIC_RELAXED);
		}
	}
	__atomic_store_n(&bk.want_harvest, 1, __ATOMIC_SEQ_CST);
	if (trylock()) {
		unlock_and_harvest(1);
	}
}

void xw_blkb_stats(uint64_t disk, uint64_t page, uint64_t out[4])
{
	struct bdisk *d = disk_of(disk);

	if (d == 0 || page > 2) {
		out[0] = xw_smc_status(d == 0 ? XW_ENOENT : XW_EINVAL);
		return;
	}
	/* Counters are read without the lock: each is a single aligned word. */
	out[0] = XW_OK;
	out[1] = page == 0 ? d->done : page == 1 ? d->dev_reqs : d->reaped_kick;
	out[2] = page == 0 ? d->rejected : page == 1 ? d->dev_ticks : d->reaped_irq;
	out[3] = page == 0 ? d->irqs : page == 1 ? d->dev_inflight_max : arch_now();
}
