// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure block backend hosted (secure/services/blk_backend.c with the real
 * virtq.c and virtio_blk.c): the test plays xwblk.ko over the memfd "NS RAM"
 * (region, rings, requests, data pages) and tests/unit/vblk_model.c plays
 * QEMU's virtio-blk. Data round trips on both disks, every registration
 * error, rejected requests, protocol breaks (sticky EPIPE), FUA ordering,
 * unregister while busy, a runaway producer, completions harvested by a later doorbell when the
 * device interrupt is not taken (CPU 0 offline), a broken device.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/arch/host/blk_host.h"
#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/services/blk_backend.h"
#include "../../plat/qemu-virt/plat_memmap.h"
#include "vblk_model.h"
#include "xw/err.h"

/* RAM placed around the board's real carve-out: the NS gate refuses it to the
 * normal world, and the backend maps it as its own (xw_ns_map_own()). */
#define CARVE_PA   ((uint64_t)XW_BLK_CARVE_BASE)
#define CARVE_SIZE XW_BLK_CARVE_SIZE
#define RAM_PA     (CARVE_PA - 0xc00000)
#define RAM_SIZE   (16U << 20)
#define REGION_PA  (RAM_PA + 0x100000)
#define DATA_PA    (RAM_PA + 0x400000)
#define CAP        2048U /* virtio disk sectors */
#define NQ         2U
#define DEPTH      32U
#define REGION_SIZE ((XW_BLK_REGION_BYTES(NQ, DEPTH) + 4095U) & ~4095U)

static uint8_t *ram;
static uint8_t secram[64 << 10];
static void *carve;
static uint32_t sq_prod[XW_BLK_MAX_QUEUES], cq_cons[XW_BLK_MAX_QUEUES];

static uint8_t *nw(uint64_t pa)
{
	return ram + (pa - RAM_PA);
}

static uint8_t *qbase(uint32_t q)
{
	return nw(REGION_PA) + XW_BLK_Q_OFF(q, DEPTH);
}

static void write_hdr(uint32_t magic, uint32_t nq, uint32_t depth)
{
	struct xw_blk_hdr h = { .magic = magic, .version = XW_BLK_VERSION, .nqueues = nq, .depth = depth };

	memset(nw(REGION_PA), 0, REGION_SIZE);
	memcpy(nw(REGION_PA), &h, sizeof(h));
}

/* Backend with a virtio disk (0, the model) and a RAM disk (1). */
static int setup(void **s)
{
	struct xw_vblk_info info;

	(void)s;
	if (ram == NULL) {
		ram = host_ns_init(RAM_PA, RAM_SIZE, XW_NS_WIN_MAX_PAGES);
		assert_non_null(ram);
	}
	memset(ram, 0, RAM_SIZE);
	memset(secram, 0, sizeof(secram));
	memset(sq_prod, 0, sizeof(sq_prod));
	memset(cq_cons, 0, sizeof(cq_cons));
	free(vblk_model.disk);
	memset(&vblk_model, 0, sizeof(vblk_model));
	vblk_model.ram = ram;
	vblk_model.ram_pa = RAM_PA;
	vblk_model.ram_size = RAM_SIZE;
	vblk_model.capacity = CAP;
	vblk_model.disk = calloc(CAP, 512);
	vblk_model.queue_max = 256;
	vblk_model.max_discard = 64;
	vblk_model_attach();
	xw_blkb_init();
	assert_int_equal(xw_ns_map(CARVE_PA, CARVE_SIZE, &carve), XW_EFAULT);
	assert_int_equal(xw_ns_map_own(CARVE_PA, CARVE_SIZE, &carve), 0);
	assert_int_equal(xw_vblk_init(carve, CARVE_PA, CARVE_SIZE, &info), 0);
	assert_int_equal(info.capacity, CAP);
	assert_int_equal(info.flags, XW_BLK_DISK_VIRTIO | XW_BLK_DISK_FLUSH | XW_BLK_DISK_DISCARD);
	assert_int_equal(xw_blkb_add_virtio(&info), 0);
	assert_int_equal(xw_blkb_add_ram(secram, sizeof(secram)), 1);
	return 0;
}

static int teardown(void **s)
{
	uint64_t out[4];

	(void)s;
	xw_blkb_unregister(1, out);
	xw_blkb_unregister(2, out);
	xw_ns_unmap(carve, CARVE_SIZE);
	host_vio_attach(NULL);
	return 0;
}

static uint64_t reg(uint64_t disk)
{
	uint64_t out[4] = { 0 };

	write_hdr(XW_BLK_MAGIC, NQ, DEPTH);
	xw_blkb_register(disk, REGION_PA, REGION_SIZE, out);
	assert_int_equal((int64_t)out[0], 0);
	return out[1];
}

static void submit(uint32_t q, uint32_t tag, const struct xw_blk_req *r)
{
	memcpy(qbase(q) + XW_BLK_Q_REQ(DEPTH) + sizeof(*r) * tag, r, sizeof(*r));
	memcpy(qbase(q) + XW_BLK_Q_SQ + 4 * (sq_prod[q] % DEPTH), &tag, 4);
	sq_prod[q]++;
	__atomic_store_n((uint32_t *)(qbase(q) + XW_BLK_Q_SQ_PROD), sq_prod[q], __ATOMIC_RELEASE);
}

static int64_t kick(uint64_t h, uint32_t q, uint64_t *taken, uint64_t *posted)
{
	uint64_t out[4] = { 0 };

	xw_blkb_kick(h, q, out);
	if (taken) {
		*taken = out[1];
	}
	if (posted) {
		*posted = out[2];
	}
	return (int64_t)out[0];
}

/* The next completion of queue @q: 1 and its tag/status, or 0. */
static int pop(uint32_t q, uint32_t *tag, int32_t *status)
{
	uint32_t prod = __atomic_load_n((uint32_t *)(qbase(q) + XW_BLK_Q_CQ_PROD), __ATOMIC_ACQUIRE);
	struct xw_blk_cqe e;

	if (prod == cq_cons[q]) {
		return 0;
	}
	memcpy(&e, qbase(q) + XW_BLK_Q_CQ(DEPTH) + 8 * (cq_cons[q] % DEPTH), sizeof(e));
	cq_cons[q]++;
	*tag = e.tag;
	*status = e.status;
	return 1;
}

static void expect(uint32_t q, uint32_t tag, int32_t status)
{
	uint32_t t;
	int32_t st;

	assert_int_equal(pop(q, &t, &st), 1);
	assert_int_equal(t, tag);
	assert_int_equal(st, status);
}

static struct xw_blk_req rw(uint8_t op, uint64_t sector, uint64_t pa, uint32_t len)
{
	struct xw_blk_req r;

	memset(&r, 0, sizeof(r));
	r.op = op;
	r.sector = sector;
	r.nsectors = len / 512;
	r.nseg = 1;
	r.seg[0].pa = pa;
	r.seg[0].len = len;
	return r;
}

static void fill(uint64_t pa, uint32_t len, uint32_t seed)
{
	uint32_t i;

	for (i = 0; i < len; i++) {
		nw(pa)[i] = (uint8_t)(i * 7 + seed * 13 + (i >> 9));
	}
}

/* Write 3 segments, read them back into other pages, on disk @disk. */
static void roundtrip(uint64_t disk)
{
	uint64_t h = reg(disk), taken, posted;
	struct xw_blk_req w = rw(XW_BLK_OP_WRITE, 8, DATA_PA, 4096), r;
	unsigned long before = host_blk_notifies;

	fill(DATA_PA, 16384, 1);
	w.nseg = 3;
	w.seg[1].pa = DATA_PA + 8192;
	w.seg[1].len = 512;
	w.seg[2].pa = DATA_PA + 12288;
	w.seg[2].len = 1024;
	w.nsectors = (4096 + 512 + 1024) / 512;
	submit(1, 5, &w);
	assert_int_equal(kick(h, 1, &taken, &posted), 0);
	assert_int_equal(taken, 1);
	assert_int_equal(posted, 1);
	expect(1, 5, 0);
	assert_true(host_blk_notifies > before);
	r = rw(XW_BLK_OP_READ, 8, DATA_PA + 0x10000, 4096 + 512 + 1024);
	submit(1, 6, &r);
	assert_int_equal(kick(h, 1, NULL, NULL), 0);
	expect(1, 6, 0);
	assert_memory_equal(nw(DATA_PA + 0x10000), nw(DATA_PA), 4096);
	assert_memory_equal(nw(DATA_PA + 0x10000 + 4096), nw(DATA_PA + 8192), 512);
	assert_memory_equal(nw(DATA_PA + 0x10000 + 4608), nw(DATA_PA + 12288), 1024);
	assert_int_equal(*(uint32_t *)(qbase(1) + XW_BLK_Q_SQ_CONS), 2);
}

static void test_ram_roundtrip(void **s)
{
	(void)s;
	roundtrip(1);
	assert_memory_equal(secram + 8 * 512, nw(DATA_PA), 4096);
}

static void test_virtio_roundtrip(void **s)
{
	uint64_t out[4];

	(void)s;
	roundtrip(0);
	assert_memory_equal(vblk_model.disk + 8 * 512, nw(DATA_PA), 4096);
	assert_int_equal(vblk_model.ops[VBLK_T_OUT], 1);
	assert_int_equal(vblk_model.ops[VBLK_T_IN], 1);
	assert_int_equal(vblk_model.bad, 0);
	xw_blkb_stats(0, 0, out);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	assert_int_equal(out[2], 0);
	xw_blkb_stats(0, 1, out); /* device requests, their latency, most in flight */
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	assert_true(out[2] > 0);
	assert_int_equal(out[3], 1);
	xw_blkb_stats(0, 2, out); /* reaped by a doorbell, by the interrupt */
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1] + out[2], 2);
	xw_blkb_stats(0, 3, out);
	assert_int_equal((int64_t)out[0], XW_EINVAL);
}

static void test_info(void **s)
{
	uint64_t out[4];

	(void)s;
	xw_blkb_info(0, out);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], CAP);
	assert_int_equal(out[2] & 0xffff, XW_BLK_DISK_VIRTIO | XW_BLK_DISK_FLUSH | XW_BLK_DISK_DISCARD);
	assert_int_equal((out[2] >> 40) & 0xffff, XW_VBLK_SLOTS);
	assert_int_equal(out[3] & 0xffffffff, XW_BLKB_MAX_BYTES);
	xw_blkb_info(1, out);
	assert_int_equal(out[1], sizeof(secram) / 512);
	xw_blkb_info(2, out);
	assert_int_equal((int64_t)out[0], XW_ENOENT);
	xw_blkb_info(~0ULL, out);
	assert_int_equal((int64_t)out[0], XW_ENOENT);
	xw_blkb_stats(7, 0, out);
	assert_int_equal((int64_t)out[0], XW_ENOENT);
}

static int64_t reg_err(uint64_t disk, uint64_t pa, uint64_t size)
{
	uint64_t out[4] = { 0 };

	xw_blkb_register(disk, pa, size, out);
	return (int64_t)out[0];
}

static void test_register_errors(void **s)
{
	uint64_t out[4];

	(void)s;
	write_hdr(XW_BLK_MAGIC, NQ, DEPTH);
	assert_int_equal(reg_err(2, REGION_PA, REGION_SIZE), XW_ENOENT);
	assert_int_equal(reg_err(0, REGION_PA, 0), XW_EINVAL);
	assert_int_equal(reg_err(0, REGION_PA, XW_BLK_MAX_REGION + 4096), XW_E2BIG);
	assert_int_equal(reg_err(0, ~0ULL - 4095, 8192), XW_E2BIG);
	assert_int_equal(reg_err(0, CARVE_PA - 4096, 8192), XW_EFAULT);
	assert_int_equal(reg_err(0, 0x0e000000, 8192), XW_EFAULT);
	assert_int_equal(reg_err(0, RAM_PA + RAM_SIZE, 8192), XW_EFAULT);
	assert_int_equal(reg_err(0, REGION_PA, 4096), XW_EMSGSIZE);
	write_hdr(XW_BLK_MAGIC ^ 1, NQ, DEPTH);
	assert_int_equal(reg_err(0, REGION_PA, REGION_SIZE), XW_EINVAL);
	write_hdr(XW_BLK_MAGIC, 0, DEPTH);
	assert_int_equal(reg_err(0, REGION_PA, REGION_SIZE), XW_EINVAL);
	write_hdr(XW_BLK_MAGIC, XW_BLK_MAX_QUEUES + 1, DEPTH);
	assert_int_equal(reg_err(0, REGION_PA, XW_BLK_MAX_REGION), XW_EINVAL);
	write_hdr(XW_BLK_MAGIC, 1, 24);
	assert_int_equal(reg_err(0, REGION_PA, REGION_SIZE), XW_EINVAL);
	write_hdr(XW_BLK_MAGIC, 1, XW_BLK_MAX_DEPTH * 2);
	assert_int_equal(reg_err(0, REGION_PA, XW_BLK_MAX_REGION), XW_EINVAL);
	/* Every request in flight needs a device slot: 4 x 64 > 128 on virtio, fine on RAM. */
	write_hdr(XW_BLK_MAGIC, 4, 64);
	assert_int_equal(reg_err(0, REGION_PA, XW_BLK_MAX_REGION), XW_E2BIG);
	assert_int_equal(reg_err(1, REGION_PA, XW_BLK_MAX_REGION), 0);
	assert_int_equal(reg_err(1, REGION_PA, XW_BLK_MAX_REGION), XW_EEXIST);
	xw_blkb_unregister(2, out);
	assert_int_equal(out[0], 0);
	xw_blkb_unregister(2, out);
	assert_int_equal((int64_t)out[0], XW_ENOENT);
	xw_blkb_unregister(0, out);
	assert_int_equal((int64_t)out[0], XW_ENOENT);
	assert_int_equal(kick(2, 0, NULL, NULL), XW_ENOENT);
}

/* Bad requests complete with their codes; the queue and the disk keep working. */
static void test_rejected(void **s)
{
	uint64_t h, out[4];
	struct xw_blk_req r;

	(void)s;
	h = reg(0);
	r = rw(XW_BLK_OP_READ, CAP - 1, DATA_PA, 1024);
	submit(0, 0, &r);
	r = rw(XW_BLK_OP_WRITE, 0, CARVE_PA, 512);
	submit(0, 1, &r);
	r = rw(XW_BLK_OP_WRITE, 0, DATA_PA, 512);
	r.reserved = 1;
	submit(0, 2, &r);
	r = rw(9, 0, DATA_PA, 512);
	submit(0, 3, &r);
	r = rw(XW_BLK_OP_READ, 0, DATA_PA, 512);
	submit(0, 4, &r);
	assert_int_equal(kick(h, 0, NULL, NULL), 0);
	expect(0, 0, XW_ERANGE);
	expect(0, 1, XW_EFAULT);
	expect(0, 2, XW_EINVAL);
	expect(0, 3, XW_EINVAL);
	expect(0, 4, 0);
	xw_blkb_stats(0, 0, out);
	assert_int_equal(out[1], 5);
	assert_int_equal(out[2], 4);
	assert_int_equal(vblk_model.served, 1);
	assert_int_equal(kick(h, 3, NULL, NULL), XW_EINVAL); /* queue past nqueues */
}

/* A tag out of range or already in flight breaks that queue for good, not the others. */
static void test_protocol_break(void **s)
{
	uint64_t h, taken;
	struct xw_blk_req r = rw(XW_BLK_OP_READ, 0, DATA_PA, 512);
	uint32_t bad = DEPTH;

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	submit(0, 7, &r);
	submit(0, 7, &r);
	assert_int_equal(kick(h, 0, &taken, NULL), XW_EPIPE);
	assert_int_equal(kick(h, 0, NULL, NULL), XW_EPIPE);
	/* Out-of-range tag on queue 1. */
	memcpy(qbase(1) + XW_BLK_Q_SQ, &bad, 4);
	__atomic_store_n((uint32_t *)(qbase(1) + XW_BLK_Q_SQ_PROD), 1, __ATOMIC_RELEASE);
	assert_int_equal(kick(h, 1, NULL, NULL), XW_EPIPE);
	/* The request taken before the break still completes. */
	vblk_model_run();
	xw_blkb_device_irq();
	expect(0, 7, 0);
	assert_int_equal(kick(h, 0, NULL, NULL), XW_EPIPE);
}

/* A producer more than depth ahead (fuzz_blk's hang: 2^32 rejected requests per doorbell). */
static void test_producer_runaway(void **s)
{
	uint64_t h, taken;

	(void)s;
	h = reg(1);
	__atomic_store_n((uint32_t *)(qbase(0) + XW_BLK_Q_SQ_PROD), 0xf7010000U, __ATOMIC_RELEASE);
	assert_int_equal(kick(h, 0, &taken, NULL), XW_EPIPE);
	__atomic_store_n((uint32_t *)(qbase(1) + XW_BLK_Q_SQ_PROD), DEPTH + 1, __ATOMIC_RELEASE);
	assert_int_equal(kick(h, 1, &taken, NULL), XW_EPIPE);
}

/* Device-served requests: in flight until the device answers; unregister waits. */
static void test_inflight_and_unregister(void **s)
{
	uint64_t h, taken, posted, out[4];
	struct xw_blk_req r = rw(XW_BLK_OP_WRITE, 100, DATA_PA, 8192);
	uint32_t t;
	int32_t st;

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	fill(DATA_PA, 8192, 3);
	submit(0, 31, &r);
	assert_int_equal(kick(h, 0, &taken, &posted), 0);
	assert_int_equal(taken, 1);
	assert_int_equal(posted, 0);
	assert_int_equal(pop(0, &t, &st), 0);
	xw_blkb_unregister(h, out);
	assert_int_equal((int64_t)out[0], XW_EBUSY);
	assert_int_equal(vblk_model_run(), 1);
	xw_blkb_device_irq();
	expect(0, 31, 0);
	assert_memory_equal(vblk_model.disk + 100 * 512, nw(DATA_PA), 8192);
	xw_blkb_stats(0, 0, out);
	assert_int_equal(out[3], 1); /* device interrupts */
	xw_blkb_stats(0, 2, out);
	assert_int_equal(out[2], 1); /* reaped by the interrupt */
	xw_blkb_unregister(h, out);
	assert_int_equal(out[0], 0);
}

/* No device interrupt taken (its CPU offline): the next doorbell harvests. */
static void test_kick_harvests(void **s)
{
	uint64_t h, posted;
	struct xw_blk_req r = rw(XW_BLK_OP_READ, 0, DATA_PA, 4096);

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	submit(0, 1, &r);
	submit(1, 2, &r);
	assert_int_equal(kick(h, 0, NULL, &posted), 0);
	assert_int_equal(posted, 0);
	vblk_model_run();
	/* A doorbell on queue 1 finds queue 0's completion too. */
	assert_int_equal(kick(h, 1, NULL, &posted), 0);
	assert_int_equal(posted, 1);
	expect(0, 1, 0);
	vblk_model_run();
	assert_int_equal(kick(h, 1, NULL, &posted), 0);
	expect(1, 2, 0);
}

/* FUA: the write, then a flush, and only then the completion. */
/*
 * The device interrupt comes while the backend lock is held (FUA: the flush is
 * notified from the harvest, and this model interrupts at once). It must not
 * spin (on one CPU that is a deadlock); the holder harvests for it, and the
 * completion is published once.
 */
static void test_irq_while_locked(void **s)
{
	uint64_t h;
	struct xw_blk_req r = rw(XW_BLK_OP_WRITE, 12, DATA_PA, 512);
	uint64_t taken, posted, out[4];
	unsigned long notifies;
	uint32_t t;
	int32_t st;

	(void)s;
	h = reg(0);
	notifies = host_blk_notifies;
	vblk_model.irq = xw_blkb_device_irq;
	r.flags = XW_BLK_F_FUA;
	submit(0, 6, &r);
	assert_int_equal(kick(h, 0, &taken, &posted), 0);
	assert_int_equal(taken, 1);
	expect(0, 6, 0);
	assert_int_equal(pop(0, &t, &st), 0); /* exactly once */
	assert_int_equal(vblk_model.log[0], VBLK_T_OUT);
	assert_int_equal(vblk_model.log[1], VBLK_T_FLUSH);
	(void)posted; /* published by the interrupt, not by this doorbell */
	xw_blkb_stats(0, 2, out);
	assert_int_equal(out[1], 0); /* reaped by a doorbell */
	assert_int_equal(out[2], 1); /* by the interrupt (or its holder) */
	assert_true(host_blk_notifies > notifies);
	vblk_model.irq = NULL;
}

static void test_fua(void **s)
{
	uint64_t h;
	struct xw_blk_req r = rw(XW_BLK_OP_WRITE, 10, DATA_PA, 512);
	uint32_t t;
	int32_t st;

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	r.flags = XW_BLK_F_FUA;
	submit(0, 3, &r);
	assert_int_equal(kick(h, 0, NULL, NULL), 0);
	vblk_model_run();
	xw_blkb_device_irq();
	assert_int_equal(pop(0, &t, &st), 0); /* written, not yet flushed */
	assert_int_equal(vblk_model_run(), 1);
	xw_blkb_device_irq();
	expect(0, 3, 0);
	assert_int_equal(vblk_model.log[0], VBLK_T_OUT);
	assert_int_equal(vblk_model.log[1], VBLK_T_FLUSH);
	/* A plain flush and a discard. */
	vblk_model.deferred = 0;
	r = rw(XW_BLK_OP_FLUSH, 0, 0, 0);
	r.nseg = 0;
	r.seg[0].pa = 0;
	submit(0, 4, &r);
	memset(vblk_model.disk, 0xaa, 4096);
	r.op = XW_BLK_OP_DISCARD;
	r.sector = 2;
	r.nsectors = 4;
	submit(0, 5, &r);
	assert_int_equal(kick(h, 0, NULL, NULL), 0);
	expect(0, 4, 0);
	expect(0, 5, 0);
	assert_int_equal(vblk_model.ops[VBLK_T_FLUSH], 2);
	assert_int_equal(vblk_model.ops[VBLK_T_DISCARD], 1);
	assert_int_equal(vblk_model.disk[2 * 512 - 1], 0xaa);
	assert_int_equal(vblk_model.disk[2 * 512], 0);
	assert_int_equal(vblk_model.disk[6 * 512 - 1], 0);
	assert_int_equal(vblk_model.disk[6 * 512], 0xaa);
	assert_int_equal(vblk_model.bad, 0);
}

/* A device that returns a slot we never used: ignored, nothing completes twice. */
static void test_bogus_device(void **s)
{
	uint64_t h, posted;
	struct xw_blk_req r = rw(XW_BLK_OP_READ, 0, DATA_PA, 512);
	uint32_t t;
	int32_t st;

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	submit(0, 0, &r);
	assert_int_equal(kick(h, 0, NULL, NULL), 0);
	vblk_model.bogus_id = 77; /* a free slot */
	vblk_model_run();
	xw_blkb_device_irq();
	assert_int_equal(pop(0, &t, &st), 0);
	vblk_model.bogus_id = 5000; /* out of the ring */
	submit(0, 1, &r);
	assert_int_equal(kick(h, 0, NULL, &posted), 0);
	vblk_model_run();
	xw_blkb_device_irq();
	assert_int_equal(pop(0, &t, &st), 0);
}

/* Every tag of both queues in flight at once (64 of 128 device slots), answered in bulk. */
static void test_full_depth(void **s)
{
	uint64_t h, taken;
	uint32_t q, tag, n = 0, t;
	int32_t st;

	(void)s;
	h = reg(0);
	vblk_model.deferred = 1;
	for (q = 0; q < NQ; q++) {
		for (tag = 0; tag < DEPTH; tag++) {
			struct xw_blk_req r = rw(XW_BLK_OP_WRITE, (q * DEPTH + tag) * 8,
						 DATA_PA + (q * DEPTH + tag) * 4096ULL, 4096);

			fill(r.seg[0].pa, 4096, q * DEPTH + tag);
			submit(q, tag, &r);
		}
		assert_int_equal(kick(h, q, &taken, NULL), 0);
		assert_int_equal(taken, DEPTH);
	}
	assert_int_equal(vblk_model_run(), NQ * DEPTH);
	xw_blkb_device_irq();
	for (q = 0; q < NQ; q++) {
		while (pop(q, &t, &st)) {
			assert_int_equal(st, 0);
			n++;
		}
	}
	assert_int_equal(n, NQ * DEPTH);
	assert_memory_equal(vblk_model.disk, nw(DATA_PA), NQ * DEPTH * 4096);
	assert_int_equal(vblk_model.bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_info, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ram_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_virtio_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_protocol_break, setup, teardown),
		cmocka_unit_test_setup_teardown(test_producer_runaway, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inflight_and_unregister, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kick_harvests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fua, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_while_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bogus_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_depth, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
