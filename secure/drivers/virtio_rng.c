// SPDX-License-Identifier: BSD-2-Clause
#include "virtio_rng.h"

#include "sk/arch/time.h"
#include "sk/arch/vrng.h"
#include "virtio_mmio.h"
#include "virtq.h"
#include "xw/err.h"

#define DEVICE_ENTROPY 4U

#define QNUM           8U      /* QEMU's entropy queue has 8 entries */
#define TABLE_OFF      0x2000U /* the one indirect descriptor */

static struct {
	struct xw_vq vq;
	volatile uint8_t *buf;
	uint64_t buf_pa;
	uint8_t *table;
	uint64_t table_pa;
	uint32_t ready;
	uint32_t in_flight; /* a request is posted and unanswered: the buffer is the device's */
	uint32_t want;      /* its length */
} vr;

static void wipe(volatile uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p[i] = 0;
	}
}

int xw_vrng_init(void *va, uint64_t pa, uint64_t size, uint32_t *version)
{
	uint32_t ver, max;
	uint64_t have;
	uint16_t num = QNUM;

	vr.ready = 0;
	vr.in_flight = 0;
	if (size < XW_VRNG_CARVE_BYTES || xw_vq_bytes(QNUM) > TABLE_OFF ||
	    arch_vrng_read32(R_MAGIC) != MAGIC_VIRT) {
		return XW_ENOENT;
	}
	ver = arch_vrng_read32(R_VERSION);
	if ((ver != 1 && ver != 2) || arch_vrng_read32(R_DEVICE_ID) != DEVICE_ENTROPY) {
		return XW_ENOENT;
	}
	*version = ver;
	arch_vrng_write32(R_STATUS, 0); /* reset */
	arch_vrng_write32(R_STATUS, S_ACK);
	arch_vrng_write32(R_STATUS, S_ACK | S_DRIVER);
	arch_vrng_write32(R_DEV_FEAT_SEL, 0);
	have = arch_vrng_read32(R_DEV_FEAT);
	if (ver >= 2) {
		arch_vrng_write32(R_DEV_FEAT_SEL, 1);
		have |= (uint64_t)arch_vrng_read32(R_DEV_FEAT) << 32;
	}
	/* The virtqueue posts every request through an indirect table. */
	if (!(have & (1ULL << F_INDIRECT))) {
		return XW_EIO;
	}
	have &= (1ULL << F_INDIRECT) | (1ULL << F_VERSION_1);
	arch_vrng_write32(R_DRV_FEAT_SEL, 0);
	arch_vrng_write32(R_DRV_FEAT, (uint32_t)have);
	if (ver >= 2) {
		arch_vrng_write32(R_DRV_FEAT_SEL, 1);
		arch_vrng_write32(R_DRV_FEAT, (uint32_t)(have >> 32));
		arch_vrng_write32(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
		if (!(arch_vrng_read32(R_STATUS) & S_FEATURES_OK)) {
			return XW_EIO;
		}
	} else {
		arch_vrng_write32(R_GUEST_PAGE, 4096);
	}
	arch_vrng_write32(R_QUEUE_SEL, 0);
	max = arch_vrng_read32(R_QUEUE_MAX);
	while (num > max && num > 1) {
		num /= 2;
	}
	if (max == 0 || num > max) {
		return XW_EIO;
	}
	xw_vq_init(&vr.vq, num, va, pa);
	arch_vrng_write32(R_QUEUE_NUM, num);
	if (ver >= 2) {
		arch_vrng_write32(R_DESC_LO, (uint32_t)vr.vq.desc_pa);
		arch_vrng_write32(R_DESC_HI, (uint32_t)(vr.vq.desc_pa >> 32));
		arch_vrng_write32(R_AVAIL_LO, (uint32_t)vr.vq.avail_pa);
		arch_vrng_write32(R_AVAIL_HI, (uint32_t)(vr.vq.avail_pa >> 32));
		arch_vrng_write32(R_USED_LO, (uint32_t)vr.vq.used_pa);
		arch_vrng_write32(R_USED_HI, (uint32_t)(vr.vq.used_pa >> 32));
		arch_vrng_write32(R_QUEUE_READY, 1);
	} else {
		arch_vrng_write32(R_QUEUE_ALIGN, 4096);
		arch_vrng_write32(R_QUEUE_PFN, (uint32_t)(pa >> 12));
	}
	vr.table = (uint8_t *)va + TABLE_OFF;
	vr.table_pa = pa + TABLE_OFF;
	vr.buf = (volatile uint8_t *)va + XW_VRNG_BUF_OFF;
	vr.buf_pa = pa + XW_VRNG_BUF_OFF;
	wipe(vr.buf, XW_VRNG_BUF_BYTES);
	arch_vrng_write32(R_STATUS, S_ACK | S_DRIVER | (ver >= 2 ? S_FEATURES_OK : 0) |
					    S_DRIVER_OK);
	vr.ready = 1;
	return XW_OK;
}

/*
 * Collect the answer to the request in flight, polling for at most @timeout:
 * the count the device wrote, XW_EAGAIN (not yet: the request stays posted,
 * its buffer the device's, and the next call looks again), or XW_EIO.
 */
static int collect(uint64_t timeout)
{
	uint64_t deadline = arch_now() + timeout;
	uint16_t head, h2;
	uint32_t got, l2;
	int rc;

	for (;;) {
		rc = xw_vq_reap_len(&vr.vq, &head, &got);
		if (rc == 1) {
			/* Close the harvest: one request was in flight, one answer is all. */
			if (xw_vq_reap_len(&vr.vq, &h2, &l2) != 0) {
				return XW_EIO;
			}
			break;
		}
		if (rc < 0) {
			return XW_EIO;
		}
		if (arch_now() >= deadline) {
			return XW_EAGAIN;
		}
	}
	vr.in_flight = 0;
	arch_vrng_write32(R_IRQ_ACK, arch_vrng_read32(R_IRQ_STATUS));
	if (head != 0 || got > vr.want) {
		return XW_EIO;
	}
	return (int)got;
}

int xw_vrng_read(uint8_t *dst, size_t len, uint64_t timeout)
{
	struct xw_vq_desc *t = (struct xw_vq_desc *)(void *)vr.table;
	size_t done = 0, i;
	unsigned int empty = 0;
	int got;

	if (!vr.ready) {
		return XW_ENOENT;
	}
	if (len == 0 || len > XW_VRNG_BUF_BYTES) {
		return XW_EINVAL;
	}
	while (done < len) {
		if (!vr.in_flight) {
			vr.want = (uint32_t)(len - done);
			t->addr = vr.buf_pa;
			t->len = vr.want;
			t->flags = XW_VQ_DESC_F_WRITE;
			t->next = 0;
			xw_vq_post(&vr.vq, 0, vr.table_pa, sizeof(*t));
			vr.in_flight = 1;
			arch_vrng_write32(R_NOTIFY, 0);
		}
		got = collect(timeout);
		if (got < 0) {
			if (got == XW_EIO) {
				/* A broken answer: what the buffer holds is nobody's. */
				wipe(vr.buf, XW_VRNG_BUF_BYTES);
				vr.ready = 0;
			}
			return got;
		}
		/* Only what this call needs; the rest of the answer is dropped. */
		if ((size_t)got > len - done) {
			got = (int)(len - done);
		}
		for (i = 0; i < (size_t)got; i++) {
			dst[done + i] = vr.buf[i];
		}
		/* Raw noise leaves the shared carve-out as soon as it is copied. */
		wipe(vr.buf, XW_VRNG_BUF_BYTES);
		done += (size_t)got;
		/* A device that keeps answering with nothing must not hold us here. */
		if (got == 0 && ++empty >= 16) {
			return XW_EIO;
		}
	}
	return (int)len;
}

int xw_vrng_source(void *ctx, uint8_t *dst, size_t len)
{
	(void)ctx;
	return xw_vrng_read(dst, len, arch_now_freq() / 20);
}
