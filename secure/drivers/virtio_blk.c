// SPDX-License-Identifier: BSD-2-Clause
#include "virtio_blk.h"

#include "virtio_mmio.h"
#include "virtq.h"
#include "xw/err.h"

#define DEVICE_BLOCK   2U

/* virtio-blk feature bits and config offsets (virtio 1.x, 5.2) */
#define F_RO           5
#define F_FLUSH        9
#define F_CONFIG_WCE   11
#define F_DISCARD      13
#define CFG_CAPACITY   0
#define CFG_WCE        32 /* u8 writeback, then u8 unused, u16 num_queues */
#define CFG_MAX_DISCARD 36

#define T_IN           0U
#define T_OUT          1U
#define T_FLUSH        4U
#define T_DISCARD      11U

/* Carve-out: rings, then one 1 KiB area per slot, then a scratch page. */
#define SLOT_AREA      1024U
#define SLOT_HDR       0U   /* struct vblk_hdr, device reads */
#define SLOT_STATUS    16U  /* one byte, device writes */
#define SLOT_DISCARD   32U  /* struct vblk_discard, device reads */
#define SLOT_TABLE     64U  /* indirect descriptors */

struct vblk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};
struct vblk_discard {
	uint64_t sector;
	uint32_t num_sectors;
	uint32_t flags;
};
_Static_assert(SLOT_TABLE + 16 * (XW_BLK_MAX_SEGS + 2) <= SLOT_AREA, "slot area");

static struct {
	struct xw_vq vq;
	uint8_t *slots_va;
	uint64_t slots_pa;
	uint8_t *scratch_va;
	uint64_t scratch_pa;
	uint32_t version;
} vb;

static uint32_t cfg32(uint32_t off)
{
	return arch_vio_read32(R_CONFIG + off);
}

static uint64_t dev_features(void)
{
	uint64_t f;

	arch_vio_write32(R_DEV_FEAT_SEL, 0);
	f = arch_vio_read32(R_DEV_FEAT);
	if (vb.version >= 2) {
		arch_vio_write32(R_DEV_FEAT_SEL, 1);
		f |= (uint64_t)arch_vio_read32(R_DEV_FEAT) << 32;
	}
	return f;
}

static void set_features(uint64_t f)
{
	arch_vio_write32(R_DRV_FEAT_SEL, 0);
	arch_vio_write32(R_DRV_FEAT, (uint32_t)f);
	if (vb.version >= 2) {
		arch_vio_write32(R_DRV_FEAT_SEL, 1);
		arch_vio_write32(R_DRV_FEAT, (uint32_t)(f >> 32));
	}
}

int xw_vblk_init(void *va, uint64_t pa, uint64_t size, struct xw_vblk_info *info)
{
	uint64_t want, have;
	uint32_t max;
	uint16_t num = XW_VBLK_SLOTS;

	if (size < XW_VBLK_CARVE_BYTES || xw_vq_bytes(num) > 0x2000U ||
	    arch_vio_read32(R_MAGIC) != MAGIC_VIRT) {
		return XW_ENOENT;
	}
	vb.version = arch_vio_read32(R_VERSION);
	if ((vb.version != 1 && vb.version != 2) || arch_vio_read32(R_DEVICE_ID) != DEVICE_BLOCK) {
		return XW_ENOENT;
	}
	arch_vio_write32(R_STATUS, 0); /* reset */
	arch_vio_write32(R_STATUS, S_ACK);
	arch_vio_write32(R_STATUS, S_ACK | S_DRIVER);
	have = dev_features();
	if (!(have & (1ULL << F_INDIRECT))) {
		return XW_EIO;
	}
	want = have & ((1ULL << F_RO) | (1ULL << F_FLUSH) | (1ULL << F_CONFIG_WCE) |
		       (1ULL << F_DISCARD) | (1ULL << F_INDIRECT) | (1ULL << F_VERSION_1));
	set_features(want);
	if (vb.version >= 2) {
		arch_vio_write32(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
		if (!(arch_vio_read32(R_STATUS) & S_FEATURES_OK)) {
			return XW_EIO;
		}
	} else {
		arch_vio_write32(R_GUEST_PAGE, 4096);
	}
	arch_vio_write32(R_QUEUE_SEL, 0);
	max = arch_vio_read32(R_QUEUE_MAX);
	if (max == 0) {
		return XW_EIO;
	}
	while (num > max) {
		num /= 2; /* XW_VBLK_SLOTS stays the limit; a smaller queue is refused below */
	}
	if (num != XW_VBLK_SLOTS) {
		return XW_EIO;
	}
	xw_vq_init(&vb.vq, num, va, pa);
	arch_vio_write32(R_QUEUE_NUM, num);
	if (vb.version >= 2) {
		arch_vio_write32(R_DESC_LO, (uint32_t)vb.vq.desc_pa);
		arch_vio_write32(R_DESC_HI, (uint32_t)(vb.vq.desc_pa >> 32));
		arch_vio_write32(R_AVAIL_LO, (uint32_t)vb.vq.avail_pa);
		arch_vio_write32(R_AVAIL_HI, (uint32_t)(vb.vq.avail_pa >> 32));
		arch_vio_write32(R_USED_LO, (uint32_t)vb.vq.used_pa);
		arch_vio_write32(R_USED_HI, (uint32_t)(vb.vq.used_pa >> 32));
		arch_vio_write32(R_QUEUE_READY, 1);
	} else {
		arch_vio_write32(R_QUEUE_ALIGN, 4096);
		arch_vio_write32(R_QUEUE_PFN, (uint32_t)(pa >> 12));
	}
	vb.slots_va = (uint8_t *)va + 0x2000U;
	vb.slots_pa = pa + 0x2000U;
	vb.scratch_va = vb.slots_va + XW_VBLK_SLOTS * SLOT_AREA;
	vb.scratch_pa = vb.slots_pa + XW_VBLK_SLOTS * SLOT_AREA;
	arch_vio_write32(R_STATUS, S_ACK | S_DRIVER | (vb.version >= 2 ? S_FEATURES_OK : 0) |
					   S_DRIVER_OK);

	info->version = vb.version;
	info->capacity = cfg32(CFG_CAPACITY) | (uint64_t)cfg32(CFG_CAPACITY + 4) << 32;
	info->flags = XW_BLK_DISK_VIRTIO;
	info->flags |= (want & (1ULL << F_RO)) ? XW_BLK_DISK_RO : 0;
	info->flags |= (want & (1ULL << F_FLUSH)) ? XW_BLK_DISK_FLUSH : 0;
	info->wce_before = (uint8_t)cfg32(CFG_WCE);
	if ((want & (1ULL << F_FLUSH)) && (want & (1ULL << F_CONFIG_WCE))) {
		/*
		 * We send flushes (FLUSH, and FUA as write + flush), so the device's
		 * cache may stay volatile: say writeback explicitly, so a device that
		 * starts write-through (its drive's cache mode) does not cost a host
		 * sync per write. QEMU 7.2 with FLUSH negotiated is writeback already
		 * (the boot log shows both). Only byte 0 (writeback) of this word is
		 * writable; num_queues is read-only.
		 */
		arch_vio_write32(R_CONFIG + CFG_WCE, cfg32(CFG_WCE) | 1U);
	}
	info->wce = (uint8_t)cfg32(CFG_WCE);
	info->max_discard = 0;
	if (want & (1ULL << F_DISCARD)) {
		info->max_discard = cfg32(CFG_MAX_DISCARD);
		if (info->max_discard != 0) {
			info->flags |= XW_BLK_DISK_DISCARD;
		}
	}
	return XW_OK;
}

static void set_desc(struct xw_vq_desc *d, uint64_t addr, uint32_t len, uint16_t flags,
		     uint16_t next)
{
	d->addr = addr;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

void xw_vblk_submit(uint16_t slot, const struct xw_blk_req *r)
{
	uint8_t *a = vb.slots_va + (uint32_t)slot * SLOT_AREA;
	uint64_t apa = vb.slots_pa + (uint32_t)slot * SLOT_AREA;
	struct vblk_hdr *h = (struct vblk_hdr *)(void *)(a + SLOT_HDR);
	struct xw_vq_desc *t = (struct xw_vq_desc *)(void *)(a + SLOT_TABLE);
	uint16_t n = 0, i, dflags = r->op == XW_BLK_OP_READ ? XW_VQ_DESC_F_WRITE : 0;

	h->reserved = 0;
	h->sector = r->op == XW_BLK_OP_FLUSH ? 0 : r->sector;
	h->type = r->op == XW_BLK_OP_READ    ? T_IN
		  : r->op == XW_BLK_OP_WRITE ? T_OUT
		  : r->op == XW_BLK_OP_FLUSH ? T_FLUSH
					     : T_DISCARD;
	a[SLOT_STATUS] = 0xff; /* the device overwrites it */
	set_desc(&t[n], apa + SLOT_HDR, sizeof(*h), XW_VQ_DESC_F_NEXT, (uint16_t)(n + 1));
	n++;
	if (r->op == XW_BLK_OP_READ || r->op == XW_BLK_OP_WRITE) {
		for (i = 0; i < r->nseg; i++, n++) {
			set_desc(&t[n], r->seg[i].pa, r->seg[i].len,
				 (uint16_t)(dflags | XW_VQ_DESC_F_NEXT), (uint16_t)(n + 1));
		}
	} else if (r->op == XW_BLK_OP_DISCARD) {
		struct vblk_discard *dc = (struct vblk_discard *)(void *)(a + SLOT_DISCARD);

		dc->sector = r->sector;
		dc->num_sectors = r->nsectors;
		dc->flags = 0;
		set_desc(&t[n], apa + SLOT_DISCARD, sizeof(*dc), XW_VQ_DESC_F_NEXT,
			 (uint16_t)(n + 1));
		n++;
	}
	set_desc(&t[n], apa + SLOT_STATUS, 1, XW_VQ_DESC_F_WRITE, 0);
	n++;
	xw_vq_post(&vb.vq, slot, apa + SLOT_TABLE, 16U * n);
}

void xw_vblk_notify(void)
{
	arch_vio_write32(R_NOTIFY, 0);
}

int xw_vblk_reap(uint16_t *slot, int *status)
{
	int rc = xw_vq_reap(&vb.vq, slot);
	uint8_t st;

	if (rc != 1) {
		return rc;
	}
	st = *(volatile uint8_t *)(vb.slots_va + (uint32_t)*slot * SLOT_AREA + SLOT_STATUS);
	*status = st == 0 ? XW_OK : st == 2 ? XW_ENOTSUP : XW_EIO;
	return 1;
}

uint32_t xw_vblk_ack_irq(void)
{
	uint32_t st = arch_vio_read32(R_IRQ_STATUS);

	arch_vio_write32(R_IRQ_ACK, st);
	return st;
}

static int poll_one(uint16_t slot)
{
	unsigned long spins;
	uint16_t got;
	int st;

	for (spins = 0; spins < 400000000UL; spins++) {
		int rc = xw_vblk_reap(&got, &st);

		if (rc < 0 || (rc == 1 && got != slot)) {
			return XW_EIO;
		}
		if (rc == 1) {
			return st;
		}
	}
	return XW_ETIMEDOUT;
}

int xw_vblk_selftest(uint32_t *first_word, int write)
{
	struct xw_blk_req r = { 0 };
	int rc;

	r.nsectors = 1;
	r.nseg = 1;
	r.seg[0].pa = vb.scratch_pa;
	r.seg[0].len = XW_BLK_SECTOR_SIZE;
	r.op = XW_BLK_OP_READ;
	xw_vblk_submit(0, &r);
	xw_vblk_notify();
	rc = poll_one(0);
	if (rc != 0) {
		return rc;
	}
	*first_word = *(volatile uint32_t *)(void *)vb.scratch_va;
	if (!write) {
		xw_vblk_ack_irq();
		return XW_OK;
	}
	r.op = XW_BLK_OP_WRITE;
	xw_vblk_submit(0, &r);
	xw_vblk_notify();
	rc = poll_one(0);
	xw_vblk_ack_irq();
	return rc;
}
