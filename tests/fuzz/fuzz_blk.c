// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target of the secure block path (docs/block.md).
 *   data[0] even: one request of arbitrary bytes through xw_blk_check() under
 *     limits taken from the input; when it passes, every promise of the check
 *     is asserted (segments inside NS RAM, outside every reserved range of the
 *     board's table - data[0] bit 1 aims them at those ranges' edges - lengths
 *     consistent, range inside the disk).
 *   data[0] odd: the whole hosted backend (blk_backend.c, virtio_blk.c,
 *     virtq.c, nsmem.c) with tests/unit/vblk_model.c as the device: a region
 *     whose queues hold the input's bytes, a script of doorbells, device runs,
 *     device interrupts, structured submissions and unregisters. On every way
 *     out of the input (a failed registration, an unregister in the script,
 *     the end) the device must never have seen a bad descriptor or a data
 *     buffer outside NS RAM or inside the carve-out, and no window page but the
 *     carve-out's may be mapped; at the end the region must unregister
 *     (nothing left in flight).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../secure/arch/host/blk_host.h"
#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/services/blk_backend.h"
#include "../../plat/qemu-virt/plat_memmap.h"
#include "../unit/vblk_model.h"
#include "xw/err.h"

/* RAM around the board's real carve-out, which the NS gate refuses. */
#define CARVE_PA   ((uint64_t)XW_BLK_CARVE_BASE)
#define CARVE_SIZE XW_BLK_CARVE_SIZE
#define RAM_PA     (CARVE_PA - 0x600000)
#define RAM_SIZE   (8U << 20)
#define REGION_PA  (RAM_PA + 0x100000)
#define DATA_PA    (RAM_PA + 0x300000)
#define CAP        4096U

#define CHECK(c) do { if (!(c)) { abort(); } } while (0)

static void check_one(const uint8_t *data, size_t size)
{
	struct xw_blk_req r;
	struct xw_blk_limits lim;
	const struct xw_mem_range *rsv;
	uint64_t sum = 0;
	unsigned int i, k, nrsv;
	uint8_t flags;

	if (size < 1 + sizeof(lim)) {
		return;
	}
	flags = data[0];
	memcpy(&lim, data + 1, sizeof(lim));
	data += 1 + sizeof(lim);
	size -= 1 + sizeof(lim);
	memset(&r, 0, sizeof(r));
	memcpy(&r, data, size < sizeof(r) ? size : sizeof(r));
	rsv = plat_reserved_ranges(&nrsv);
	if (flags & 2) {
		/* Segments at the edges of reserved ranges more often than chance would. */
		for (i = 0; i < XW_BLK_MAX_SEGS; i++) {
			const struct xw_mem_range *e = &rsv[(r.seg[i].pa >> 32) % nrsv];
			uint64_t off = (r.seg[i].pa & 0x3fff) - 0x2000;

			r.seg[i].pa = ((r.seg[i].pa & 0x8000 ? e->base + e->size : e->base) + off) & ~511ULL;
		}
	}
	if (xw_blk_check(&r, &lim) != 0) {
		return;
	}
	CHECK(r.flags == 0 || (r.op == XW_BLK_OP_WRITE && r.flags == XW_BLK_F_FUA));
	CHECK(r.reserved == 0 && r.op <= XW_BLK_OP_DISCARD);
	CHECK(r.sector < lim.capacity && r.nsectors <= lim.capacity - r.sector);
	if (r.op != XW_BLK_OP_READ && r.op != XW_BLK_OP_WRITE) {
		CHECK(r.nseg == 0);
		CHECK(r.op != XW_BLK_OP_DISCARD ||
		      ((lim.flags & XW_BLK_DISK_DISCARD) && r.nsectors <= lim.max_discard));
		return;
	}
	CHECK(r.op == XW_BLK_OP_READ || !(lim.flags & XW_BLK_DISK_RO));
	CHECK(r.nseg >= 1 && r.nseg <= XW_BLK_MAX_SEGS);
	for (i = 0; i < r.nseg; i++) {
		uint64_t pa = r.seg[i].pa, len = r.seg[i].len;

		CHECK(len != 0 && len % 512 == 0 && pa % 512 == 0 && r.seg[i].reserved == 0);
		/* The gate's promise, recomputed here: the memfd RAM, no reserved byte. */
		CHECK(pa >= RAM_PA && pa - RAM_PA <= RAM_SIZE && len <= RAM_SIZE - (pa - RAM_PA));
		for (k = 0; k < nrsv; k++) {
			CHECK(pa >= rsv[k].base + rsv[k].size || rsv[k].base >= pa + len);
		}
		sum += len;
	}
	CHECK(sum == (uint64_t)r.nsectors * 512 && sum <= lim.max_bytes);
}

static uint8_t *ram;
static void *carve;
static size_t carve_pages; /* window pages of the carve-out, mapped once for good */
static uint8_t secram[32 << 10];

/*
 * What the header promises, on every way out of backend() (an early one
 * included: the next input resets the model and the backend, so anything not
 * checked here is never checked): the device saw no bad descriptor, and no
 * window page is mapped but the carve-out's (a region that failed to register
 * or was unregistered holds none; one page leaked per input would only show
 * as a full window thousands of inputs later, as a silent register failure).
 */
static void backend_done(void)
{
	CHECK(vblk_model.bad == 0);
	CHECK(xw_ns_mapped_pages() == carve_pages);
}

static void backend(const uint8_t *data, size_t size)
{
	struct xw_vblk_info info;
	struct xw_blk_hdr h = { .magic = XW_BLK_MAGIC, .version = XW_BLK_VERSION };
	uint64_t out[4], handle, region;
	uint32_t sq_prod[XW_BLK_MAX_QUEUES] = { 0 };
	size_t pos = 4, nops, i;
	uint8_t disk;

	if (size < 4) {
		return;
	}
	if (carve == NULL) {
		CHECK(xw_ns_map(CARVE_PA, CARVE_SIZE, &carve) == XW_EFAULT);
		CHECK(xw_ns_map_own(CARVE_PA, CARVE_SIZE, &carve) == 0);
		carve_pages = xw_ns_mapped_pages();
		CHECK(carve_pages == CARVE_SIZE / 4096);
		vblk_model.disk = calloc(CAP, 512);
	}
	memset(ram, 0, RAM_SIZE);
	vblk_model.ram = ram;
	vblk_model.ram_pa = RAM_PA;
	vblk_model.ram_size = RAM_SIZE;
	vblk_model.capacity = CAP;
	vblk_model.queue_max = 128;
	vblk_model.max_discard = 256;
	vblk_model.deny_pa = CARVE_PA;
	vblk_model.deny_size = CARVE_SIZE;
	vblk_model.features = 0;
	vblk_model_attach();
	vblk_model.deferred = data[1] & 1;
	xw_blkb_init();
	CHECK(xw_vblk_init(carve, CARVE_PA, CARVE_SIZE, &info) == 0);
	CHECK(xw_blkb_add_virtio(&info) == 0);
	CHECK(xw_blkb_add_ram(secram, sizeof(secram)) == 1);
	disk = (data[1] >> 1) & 1;
	h.nqueues = 1 + ((data[2] >> 4) & 1);
	h.depth = 1U << (data[2] % 7);
	nops = data[3] % 64;
	if (data[1] & 0x80) {
		h.nqueues = data[2] >> 4; /* also bad headers */
		h.depth = data[2] & 0x7f;
	}
	region = (XW_BLK_REGION_BYTES(h.nqueues < 9 ? h.nqueues : 1, h.depth < 129 ? h.depth : 1) + 4095U) & ~4095ULL;
	memcpy(ram + (REGION_PA - RAM_PA), &h, sizeof(h));
	/* The rest of the input past the script: queue memory, hostile. */
	if (size > 4 + 3 * nops) {
		size_t n = size - 4 - 3 * nops;

		memcpy(ram + (REGION_PA - RAM_PA) + XW_BLK_HDR_SIZE, data + 4 + 3 * nops,
		       n < region - XW_BLK_HDR_SIZE ? n : region - XW_BLK_HDR_SIZE);
	}
	xw_blkb_register(disk, REGION_PA, region, out);
	if (out[0] != 0) {
		backend_done();
		return;
	}
	handle = out[1];
	for (i = 0; i < nops && pos + 3 <= size; i++, pos += 3) {
		uint8_t op = data[pos], a = data[pos + 1], b = data[pos + 2];
		uint32_t q = op & 7;

		switch (op >> 4) {
		case 0:
			xw_blkb_kick(handle, q, out);
			break;
		case 1:
			vblk_model_run();
			break;
		case 2:
			xw_blkb_device_irq();
			break;
		case 3:
			xw_blkb_unregister(handle, out);
			if (out[0] == 0) {
				backend_done();
				return;
			}
			break;
		default: { /* a plausible request: tag a, shaped by b, submitted on queue q */
			struct xw_blk_req r;
			uint32_t tag = a % h.depth;
			uint8_t *qb;

			if (q >= h.nqueues) {
				break;
			}
			qb = ram + (REGION_PA - RAM_PA) + XW_BLK_Q_OFF(q, h.depth);
			memset(&r, 0, sizeof(r));
			r.op = b & 3;
			r.flags = (b >> 2) & 1;
			r.sector = (uint64_t)a * 8;
			r.nsectors = 1 + ((b >> 3) & 7);
			r.nseg = r.op <= XW_BLK_OP_WRITE;
			r.seg[0].pa = DATA_PA + (uint64_t)(op & 0x0f) * 4096 - (b >> 7) * 512;
			r.seg[0].len = r.nsectors * 512;
			if (r.op == XW_BLK_OP_FLUSH) {
				r.sector = r.nsectors = 0;
			}
			memcpy(qb + XW_BLK_Q_REQ(h.depth) + sizeof(r) * tag, &r, sizeof(r));
			sq_prod[q] = *(volatile uint32_t *)(qb + XW_BLK_Q_SQ_PROD);
			memcpy(qb + XW_BLK_Q_SQ + 4 * (sq_prod[q] % h.depth), &tag, 4);
			*(volatile uint32_t *)(qb + XW_BLK_Q_SQ_PROD) = sq_prod[q] + 1;
			break;
		}
		}
	}
	/* Everything taken completes; then the region goes away. */
	for (i = 0; i < 4; i++) {
		vblk_model_run();
		xw_blkb_device_irq();
	}
	CHECK(vblk_model.bad == 0);
	xw_blkb_unregister(handle, out);
	CHECK(out[0] == 0);
	backend_done();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) {
		return 0;
	}
	if (ram == NULL) {
		/* The NS gate: this RAM, minus the board's reserved ranges. */
		ram = host_ns_init(RAM_PA, RAM_SIZE, XW_NS_WIN_MAX_PAGES);
		CHECK(ram != NULL);
	}
	if (data[0] & 1) {
		backend(data, size);
	} else {
		check_one(data, size);
	}
	return 0;
}
