// SPDX-License-Identifier: BSD-2-Clause
/*
 * Block request checks (secure/services/blk_check.c): every rule, each edge
 * on both sides, and overflow attempts on sectors, lengths and addresses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/core/nsmem.h"
#include "../../secure/services/blk_check.h"
#include "xw/err.h"

static const struct xw_blk_limits lim = {
	.capacity = 1000,
	.flags = XW_BLK_DISK_FLUSH | XW_BLK_DISK_DISCARD,
	.max_bytes = 64 * 1024,
	.max_discard = 100,
};

/* Segments go through the NS gate: install the board's table (no window use). */
void arch_nsmap_set(size_t idx, uint64_t pa)
{
	(void)idx, (void)pa;
	fail();
}

void arch_nsmap_clear(size_t idx)
{
	(void)idx;
	fail();
}

void arch_nsmap_sync_map(void)
{
	fail();
}

void arch_nsmap_sync_unmap(uintptr_t va, size_t n)
{
	(void)va, (void)n;
	fail();
}

void arch_nsmap_sync_unmap_all(void)
{
	fail();
}

static int gate_setup(void **state)
{
	struct xw_nsmem_cfg cfg = { .va_base = 0x1000, .va_pages = 1 };

	(void)state;
	cfg.ram = plat_ns_ram_ranges(&cfg.nram);
	cfg.rsv = plat_reserved_ranges(&cfg.nrsv);
	return xw_nsmem_init(&cfg);
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

static int chk(struct xw_blk_req r)
{
	return xw_blk_check(&r, &lim);
}

static void test_valid(void **s)
{
	struct xw_blk_req r = rw(XW_BLK_OP_WRITE, 0, 0x40000000, 4096);

	(void)s;
	assert_int_equal(chk(r), 0);
	r.flags = XW_BLK_F_FUA;
	assert_int_equal(chk(r), 0);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 992, 0x7ffff000, 4096)), 0); /* last 8 sectors, last page */
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	r.nseg = XW_BLK_MAX_SEGS;
	r.nsectors = XW_BLK_MAX_SEGS;
	for (unsigned i = 0; i < XW_BLK_MAX_SEGS; i++) {
		r.seg[i].pa = 0x50000000 + 4096ULL * i;
		r.seg[i].len = 512;
	}
	assert_int_equal(chk(r), 0);
}

static void test_range(void **s)
{
	(void)s;
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 1000, 0x40000000, 512)), XW_ERANGE);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 999, 0x40000000, 1024)), XW_ERANGE);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, UINT64_MAX, 0x40000000, 512)), XW_ERANGE);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, UINT64_MAX - 1, 0x40000000, 4096)), XW_ERANGE);
}

static void test_lengths(void **s)
{
	struct xw_blk_req r = rw(XW_BLK_OP_READ, 0, 0x40000000, 1024);

	(void)s;
	r.nsectors = 1; /* disagrees with the segments */
	assert_int_equal(chk(r), XW_EINVAL);
	r.nsectors = 0;
	assert_int_equal(chk(r), XW_EINVAL);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x40000000, 0)), XW_EINVAL);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x40000000, 100)), XW_EINVAL);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x40000000, 128 * 1024)), XW_E2BIG);
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	r.nseg = XW_BLK_MAX_SEGS + 1;
	assert_int_equal(chk(r), XW_E2BIG);
	r.nseg = 0xffff;
	assert_int_equal(chk(r), XW_E2BIG);
	/* 32 segments of 4 GiB - 512 would overflow a 32-bit sum: the sum is 64-bit. */
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	r.nseg = 2;
	r.seg[1].pa = 0x40000000;
	r.seg[1].len = 0xfffffe00U;
	r.nsectors = 1;
	assert_int_equal(chk(r), XW_EFAULT);
}

static void test_buffers(void **s)
{
	(void)s;
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x3ffffe00, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x3ffffe00, 1024)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x80000000, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7ffffe00, 1024)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x0e000000, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, UINT64_MAX - 511, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7f000000, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7efffe00, 1024)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7f03fe00, 512)), XW_EFAULT);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7f040000, 512)), 0);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x7efffe00, 512)), 0);
	assert_int_equal(chk(rw(XW_BLK_OP_READ, 0, 0x40000100, 512)), XW_EINVAL);
}

static void test_fields(void **s)
{
	struct xw_blk_req r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);

	(void)s;
	r.reserved = 1;
	assert_int_equal(chk(r), XW_EINVAL);
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	r.seg[0].reserved = 1;
	assert_int_equal(chk(r), XW_EINVAL);
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	r.flags = XW_BLK_F_FUA; /* FUA on a read means nothing: refused */
	assert_int_equal(chk(r), XW_EINVAL);
	r.flags = 0x80;
	assert_int_equal(chk(r), XW_EINVAL);
	assert_int_equal(chk(rw(4, 0, 0x40000000, 512)), XW_EINVAL);
	assert_int_equal(chk(rw(0xff, 0, 0x40000000, 512)), XW_EINVAL);
}

static void test_flush_discard_ro(void **s)
{
	struct xw_blk_req r;
	struct xw_blk_limits ro = lim;

	(void)s;
	memset(&r, 0, sizeof(r));
	r.op = XW_BLK_OP_FLUSH;
	assert_int_equal(chk(r), 0);
	r.sector = 1;
	assert_int_equal(chk(r), XW_EINVAL);
	memset(&r, 0, sizeof(r));
	r.op = XW_BLK_OP_DISCARD;
	r.sector = 900;
	r.nsectors = 100;
	assert_int_equal(chk(r), 0);
	r.nsectors = 101;
	assert_int_equal(chk(r), XW_E2BIG);
	r.sector = 901;
	r.nsectors = 100;
	assert_int_equal(chk(r), XW_ERANGE);
	r.sector = 0;
	r.nseg = 1;
	assert_int_equal(chk(r), XW_EINVAL);
	ro.flags = XW_BLK_DISK_RO;
	r = rw(XW_BLK_OP_WRITE, 0, 0x40000000, 512);
	assert_int_equal(xw_blk_check(&r, &ro), XW_EACCES);
	r = rw(XW_BLK_OP_READ, 0, 0x40000000, 512);
	assert_int_equal(xw_blk_check(&r, &ro), 0);
	memset(&r, 0, sizeof(r));
	r.op = XW_BLK_OP_DISCARD;
	r.nsectors = 1;
	assert_int_equal(xw_blk_check(&r, &ro), XW_ENOTSUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),   cmocka_unit_test(test_range),
		cmocka_unit_test(test_lengths), cmocka_unit_test(test_buffers),
		cmocka_unit_test(test_fields),  cmocka_unit_test(test_flush_discard_ro),
	};

	return cmocka_run_group_tests(tests, gate_setup, NULL);
}
