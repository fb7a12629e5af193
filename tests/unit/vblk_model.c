// SPDX-License-Identifier: BSD-2-Clause
/* A virtio-blk device model for the host tests (vblk_model.h). */
#include "vblk_model.h"

#include <string.h>

#include "../../secure/arch/host/blk_host.h"

#define F_INDIRECT (1ULL << 28)

struct vblk_model vblk_model;

static uint8_t *at(uint64_t pa, uint64_t len)
{
	struct vblk_model *m = &vblk_model;

	if (pa < m->ram_pa || len > m->ram_size || pa - m->ram_pa > m->ram_size - len) {
		m->bad++;
		return 0;
	}
	return m->ram + (pa - m->ram_pa);
}

static uint32_t rd(uint32_t off)
{
	struct vblk_model *m = &vblk_model;

	switch (off) {
	case 0x000: return 0x74726976U;
	case 0x004: return 1;
	case 0x008: return 2;
	case 0x010: return m->feat_sel == 0 ? (uint32_t)m->features : (uint32_t)(m->features >> 32);
	case 0x034: return m->queue_max;
	case 0x040: return m->pfn;
	case 0x060: return m->irq_status;
	case 0x070: return m->status;
	case 0x100: return (uint32_t)m->capacity;
	case 0x104: return (uint32_t)(m->capacity >> 32);
	case 0x100 + 36: return m->max_discard;
	default: return 0;
	}
}

static uint64_t used_off(uint32_t num)
{
	return (16ULL * num + 6 + 2ULL * num + 4095) & ~4095ULL;
}

/* One request: the indirect table at @pa, @len bytes. Return the status byte. */
static void serve(uint16_t head)
{
	struct vblk_model *m = &vblk_model;
	uint8_t *ring = at((uint64_t)m->pfn * m->guest_page, used_off(m->queue_num) + 8ULL * m->queue_num + 6);
	uint8_t *d, *tb, *hdr, *st = 0;
	uint32_t n, i, type = 0xff, written = 0;
	uint64_t sector, off;
	uint8_t status = 0;
	uint16_t uidx;

	if (ring == 0) {
		return;
	}
	d = ring + 16U * head;
	if (!(*(uint16_t *)(d + 12) & 4U) || *(uint32_t *)(d + 8) % 16 != 0 ||
	    *(uint32_t *)(d + 8) < 32) {
		m->bad++;
		return;
	}
	n = *(uint32_t *)(d + 8) / 16;
	tb = at(*(uint64_t *)d, 16ULL * n);
	if (tb == 0) {
		return;
	}
	hdr = at(*(uint64_t *)tb, 16);
	if (hdr == 0 || *(uint32_t *)(tb + 8) != 16 || (*(uint16_t *)(tb + 12) & 2U)) {
		m->bad++;
		return;
	}
	type = *(uint32_t *)hdr;
	sector = *(uint64_t *)(hdr + 8);
	off = sector * 512;
	/* The last descriptor is the status byte; those between are data. */
	for (i = 1; i < n; i++) {
		uint8_t *e = tb + 16U * i;
		uint64_t pa = *(uint64_t *)e;
		uint32_t len = *(uint32_t *)(e + 8);
		uint16_t fl = *(uint16_t *)(e + 12);
		uint8_t *p = at(pa, len);

		if (p == 0) {
			return;
		}
		if (i == n - 1) {
			if (len != 1 || !(fl & 2U) || (fl & 1U)) {
				m->bad++;
				return;
			}
			st = p;
			break;
		}
		if (!(fl & 1U) || *(uint16_t *)(e + 14) != i + 1) {
			m->bad++; /* a chain that does not go on to the next entry */
			return;
		}
		if (type != VBLK_T_DISCARD && m->deny_size != 0 && pa < m->deny_pa + m->deny_size &&
		    m->deny_pa < pa + len) {
			m->bad++; /* the driver let a data buffer into the carve-out */
			return;
		}
		if (type == VBLK_T_DISCARD) {
			uint64_t s = *(uint64_t *)p, c = *(uint32_t *)(p + 8);

			if (s > m->capacity || c > m->capacity - s) {
				status = 1;
			} else {
				memset(m->disk + s * 512, 0, c * 512);
			}
			continue;
		}
		if (type != VBLK_T_IN && type != VBLK_T_OUT) {
			m->bad++;
			return;
		}
		if (((fl & 2U) != 0) != (type == VBLK_T_IN) || len % 512 != 0) {
			m->bad++;
			return;
		}
		if (off > m->capacity * 512 || len > m->capacity * 512 - off) {
			status = 1;
			continue;
		}
		if (type == VBLK_T_IN) {
			memcpy(p, m->disk + off, len);
			written += len;
		} else {
			memcpy(m->disk + off, p, len);
		}
		off += len;
	}
	if (st == 0) {
		m->bad++;
		return;
	}
	*st = status;
	if (type < 16) {
		m->ops[type]++;
	}
	if (m->served < sizeof(m->log)) {
		m->log[m->served] = (uint8_t)type;
	}
	m->served++;
	uidx = *(uint16_t *)(ring + used_off(m->queue_num) + 2);
	d = ring + used_off(m->queue_num) + 4 + 8U * (uidx % m->queue_num);
	*(uint32_t *)d = m->bogus_id ? m->bogus_id : head;
	*(uint32_t *)(d + 4) = written + 1;
	m->bogus_id = 0;
	__atomic_store_n((uint16_t *)(ring + used_off(m->queue_num) + 2), (uint16_t)(uidx + 1),
			 __ATOMIC_RELEASE);
	m->irq_status |= 1;
}

uint32_t vblk_model_run(void)
{
	struct vblk_model *m = &vblk_model;
	uint8_t *ring;
	uint32_t k = 0;

	if (m->pfn == 0 || m->queue_num == 0) {
		return 0;
	}
	ring = at((uint64_t)m->pfn * m->guest_page, used_off(m->queue_num));
	if (ring == 0) {
		return 0;
	}
	while (m->last_avail != __atomic_load_n((uint16_t *)(ring + 16U * m->queue_num + 2),
						__ATOMIC_ACQUIRE)) {
		uint16_t head = *(uint16_t *)(ring + 16U * m->queue_num + 4 +
					       2U * (m->last_avail % m->queue_num));

		m->last_avail++;
		if (head >= m->queue_num) {
			m->bad++;
			continue;
		}
		serve(head);
		k++;
	}
	return k;
}

static void wr(uint32_t off, uint32_t v)
{
	struct vblk_model *m = &vblk_model;

	switch (off) {
	case 0x014: m->feat_sel = v; break;
	case 0x020: m->drv_features = v; break;
	case 0x028: m->guest_page = v; break;
	case 0x038: m->queue_num = v; break;
	case 0x040: m->pfn = v; m->last_avail = 0; break;
	case 0x050:
		m->notifies++;
		if (!m->deferred && vblk_model_run() != 0 && m->irq != 0) {
			m->irq();
		}
		break;
	case 0x064: m->irq_status &= ~v; break;
	case 0x070: m->status = v; break;
	default: break;
	}
}

void vblk_model_attach(void)
{
	static const struct host_vio_dev dev = { rd, wr };
	struct vblk_model *m = &vblk_model;

	m->status = m->feat_sel = m->drv_features = m->queue_num = m->pfn = 0;
	m->guest_page = 4096;
	m->irq_status = 0;
	m->last_avail = 0;
	m->notifies = m->served = m->bad = m->bogus_id = 0;
	memset(m->ops, 0, sizeof(m->ops));
	if (m->features == 0) {
		m->features = F_INDIRECT | 1ULL << 9 | 1ULL << 13;
	}
	host_vio_attach(&dev);
}
