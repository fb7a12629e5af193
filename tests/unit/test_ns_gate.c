// SPDX-License-Identifier: BSD-2-Clause
/*
 * Every front end against every reserved range of the board's table
 * (plat_reserved_ranges(), plat/qemu-virt/memmap.c): channel regions, block
 * regions and block data segments (the crossworld calls, through the call
 * table), and OP-TEE's argument struct, temporary memrefs, page-list entries
 * of temporary memrefs and of registered memory, page lists and RPC buffers (the OP-TEE front end, played by optee_nw.c).
 *
 * "RAM" here is a sparse memfd over [0, 2 GiB): every reserved range of the
 * board lies inside it, so a refusal can only come from the NS gate's
 * reserved table, not from "outside RAM" (a board whose RAM covers a device
 * or a carve-out, as QEMU's covers the block carve-out). For each range an
 * object is placed inside it, across its bottom edge and across its top edge
 * (each must get the front end's defined error, and the reserved bytes must
 * be left as they were: the secure side wrote nothing there), and just below
 * and just above it (accepted, unless another reserved range is there). A
 * new table entry is a new set of cases; nothing here names a range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#include "../../secure/arch/host/optee_host.h"
#include "../../secure/core/calls.h"
#include "../../secure/core/chan_svc.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/services/blk_backend.h"
#include "optee_nw.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"
#include "xw/smc.h"

#define PG       4096ULL
#define RAM_TOP  0x80000000ULL /* the memfd "RAM": [0, 2 GiB) */
/* Where the valid objects live: NS RAM on the board, touching nothing reserved. */
#define ARG_PA   0x40000000ULL /* OP-TEE arguments, one page per CPU */
#define LIST_PA  0x40100000ULL /* page lists */
#define DATA_PA  0x40200000ULL /* memref pages */
#define BLK_PA   0x40400000ULL /* a valid block region */
#define CHAN_PA  0x40800000ULL /* a valid channel region */
#define S64(v)   ((uint64_t)(int64_t)(v))

static struct nw nw;
static struct xw_sk_core core;
static uint8_t secram[64 << 10];
static const uint8_t test_uuid[16] = XW_PTA_TEST_UUID;

enum where { INSIDE, BOTTOM, TOP, BELOW, ABOVE, NWHERE };
static const char *const where_name[NWHERE] = { "inside", "across bottom", "across top",
						"just below", "just above" };

static uint64_t down(uint64_t v, uint64_t a)
{
	return v & ~(a - 1);
}

static uint64_t up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Does [pa, pa + n) touch any reserved byte? Written apart from the gate. */
static int touches_reserved(uint64_t pa, uint64_t n)
{
	unsigned int i, nr;
	const struct xw_mem_range *r = plat_reserved_ranges(&nr);

	for (i = 0; i < nr; i++) {
		if (pa < r[i].base + r[i].size && r[i].base < pa + n) {
			return 1;
		}
	}
	return 0;
}

/*
 * Where an object of @n bytes (@align aligned) goes against range @r. Returns 0 if that placement does not exist (below address 0, or
 * past the test RAM). The placements that touch the range cross an edge by
 * at least one aligned unit on each side.
 */
static int place(const struct xw_mem_range *r, enum where w, uint64_t n, uint64_t align,
		 uint64_t *pa)
{
	uint64_t b = down(r->base, align), e = up(r->base + r->size, align);

	switch (w) {
	case INSIDE:
		*pa = down(r->base + r->size / 2, align);
		break;
	case BOTTOM:
		if (b < align || n < 2 * align) {
			return 0; /* a one-unit object cannot cross an edge */
		}
		*pa = b - align;
		break;
	case TOP:
		*pa = down(r->base + r->size - 1, align);
		break;
	case BELOW:
		if (b < up(n, align)) {
			return 0;
		}
		*pa = b - up(n, align);
		break;
	default:
		*pa = e;
		break;
	}
	if (*pa == 0) {
		*pa = align; /* PA 0 means "no buffer" to OP-TEE; stay inside */
	}
	return *pa + n <= RAM_TOP;
}

/*
 * Expected: refused where a page the object lies in touches a reserved byte,
 * else accepted. Every front end maps whole pages (a page holding device
 * registers or carve-out bytes is never mapped as normal memory), so an
 * object next to a range that is not page aligned is refused with it.
 */
static int refused(enum where w, uint64_t pa, uint64_t n)
{
	if (w == INSIDE || w == BOTTOM || w == TOP) {
		assert_true(touches_reserved(pa, n)); /* the placement is what it claims */
	}
	return touches_reserved(down(pa, PG), up(pa + n, PG) - down(pa, PG));
}

/* For each range and placement: @fn(pa, n, expect_refused). */
static void each(const char *front, uint64_t n, uint64_t align,
		 void (*fn)(uint64_t pa, uint64_t n, int refuse))
{
	unsigned int i, nr, cases = 0;
	const struct xw_mem_range *r = plat_reserved_ranges(&nr);
	enum where w;
	uint64_t pa;

	for (i = 0; i < nr; i++) {
		for (w = INSIDE; w < NWHERE; w++) {
			if (!place(&r[i], w, n, align, &pa)) {
				continue;
			}
			print_message("%s: %s %s, pa 0x%llx + 0x%llx\n", front, where_name[w], r[i].name,
				      (unsigned long long)pa, (unsigned long long)n);
			fn(pa, n, refused(w, pa, n));
			cases++;
		}
	}
	assert_true(cases >= 3 * nr);
}

/* The bytes at [pa, pa + n) before a call, to prove nobody wrote there. */
static uint8_t *snap(uint64_t pa, uint64_t n)
{
	uint8_t *s = malloc(n);

	assert_non_null(s);
	memcpy(s, nw_va(&nw, pa), n);
	return s;
}

static void same(uint8_t *s, uint64_t pa, uint64_t n)
{
	assert_memory_equal(s, nw_va(&nw, pa), n);
	free(s);
}

static void smc(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t o[4])
{
	uint64_t x[8] = { x0, x1, x2, x3, 0, 0, 0, 0 };

	xw_sk_handle_call(&core, 0, false, x, o);
}

static int setup(void **state)
{
	(void)state;
	host_clock_step(0);
	if (nw_init_ram(&nw, 4, 0, RAM_TOP) != 0) {
		return -1;
	}
	xw_csvc_reset();
	xw_blkb_init();
	if (xw_blkb_add_ram(secram, sizeof(secram)) != 0) {
		return -1;
	}
	return xw_sk_core_init(&core, 2, 100);
}

/* Nothing left behind; and the secure side still serves a valid request. */
static int teardown(void **state)
{
	struct xw_optee_stats st;
	uint64_t o[4];

	(void)state;
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 0);
	assert_int_equal(st.shm_objs, 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	smc(XW_SMC_CHAN_STATS, 0, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	return 0;
}

/* ---- channel regions (CHAN_REGISTER) ------------------------------------- */

static uint64_t chan_format(uint64_t pa)
{
	size_t sz = up(xw_region_size(1, 4096), PG);

	memset(nw_va(&nw, pa), 0, sz);
	assert_int_equal(xw_region_init(nw_va(&nw, pa), sz, 1, 4096), XW_OK);
	return sz;
}

static void chan_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t o[4];
	uint8_t *s;

	assert_int_equal(chan_format(pa), n);
	s = snap(pa, n);
	smc(XW_SMC_CHAN_REGISTER, pa, n, 0, o);
	if (refuse) {
		assert_int_equal(o[0], S64(XW_EFAULT));
		same(s, pa, n);
	} else {
		free(s);
		assert_int_equal(o[0], XW_SMC_OK);
		smc(XW_SMC_CHAN_UNREGISTER, o[1], 0, 0, o);
		assert_int_equal(o[0], XW_SMC_OK);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

static void chan_regions(void **state)
{
	uint64_t n = up(xw_region_size(1, 4096), PG), o[4];

	(void)state;
	assert_true(n >= 2 * PG);
	each("channel region", n, PG, chan_one);
	/* Still serving: a valid region registers, binds, unregisters. */
	assert_int_equal(chan_format(CHAN_PA), n);
	smc(XW_SMC_CHAN_REGISTER, CHAN_PA, n, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	smc(XW_SMC_CHAN_UNREGISTER, o[1], 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
}

/* ---- block regions (BLK_REGISTER) and data segments (BLK_KICK) ------------ */

#define BLK_DEPTH 4U
#define BLK_SIZE  up(XW_BLK_REGION_BYTES(1, BLK_DEPTH), PG)

static void blk_hdr(uint64_t pa)
{
	struct xw_blk_hdr h = { .magic = XW_BLK_MAGIC, .version = XW_BLK_VERSION,
				.nqueues = 1, .depth = BLK_DEPTH };

	memset(nw_va(&nw, pa), 0, BLK_SIZE);
	memcpy(nw_va(&nw, pa), &h, sizeof(h));
}

static void blk_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t o[4];
	uint8_t *s;

	blk_hdr(pa);
	/* Queue indices poisoned: a registration would zero sq_cons and cq_prod. */
	memset((uint8_t *)nw_va(&nw, pa) + XW_BLK_Q_OFF(0, BLK_DEPTH), 0xa5, 256);
	s = snap(pa, n);
	smc(XW_SMC_BLK_REGISTER, 0, pa, n, o);
	if (refuse) {
		assert_int_equal(o[0], S64(XW_EFAULT));
		same(s, pa, n);
	} else {
		free(s);
		assert_int_equal(o[0], XW_SMC_OK);
		smc(XW_SMC_BLK_UNREGISTER, o[1], 0, 0, o);
		assert_int_equal(o[0], XW_SMC_OK);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

static void blk_regions(void **state)
{
	(void)state;
	assert_true(BLK_SIZE >= 2 * PG);
	each("block region", BLK_SIZE, PG, blk_one);
}

static uint64_t blk_handle;
static uint32_t blk_prod, blk_cons;

/* One READ of @n bytes into @pa through the valid region; its completion status. */
static int32_t blk_read(uint64_t pa, uint64_t n)
{
	uint8_t *q = (uint8_t *)nw_va(&nw, BLK_PA) + XW_BLK_Q_OFF(0, BLK_DEPTH);
	struct xw_blk_req r;
	struct xw_blk_cqe e;
	uint32_t tag = 0, prod;
	uint64_t o[4];

	memset(&r, 0, sizeof(r));
	r.op = XW_BLK_OP_READ;
	r.nsectors = (uint32_t)(n / 512);
	r.nseg = 1;
	r.seg[0].pa = pa;
	r.seg[0].len = (uint32_t)n;
	memcpy(q + XW_BLK_Q_REQ(BLK_DEPTH), &r, sizeof(r));
	memcpy(q + XW_BLK_Q_SQ + 4 * (blk_prod % BLK_DEPTH), &tag, 4);
	blk_prod++;
	__atomic_store_n((uint32_t *)(q + XW_BLK_Q_SQ_PROD), blk_prod, __ATOMIC_RELEASE);
	smc(XW_SMC_BLK_KICK, blk_handle, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	assert_int_equal(o[1], 1);
	prod = __atomic_load_n((uint32_t *)(q + XW_BLK_Q_CQ_PROD), __ATOMIC_ACQUIRE);
	assert_int_equal(prod, blk_cons + 1);
	memcpy(&e, q + XW_BLK_Q_CQ(BLK_DEPTH) + 8 * (blk_cons % BLK_DEPTH), sizeof(e));
	blk_cons++;
	assert_int_equal(e.tag, tag);
	return e.status;
}

static void seg_one(uint64_t pa, uint64_t n, int refuse)
{
	uint8_t *s = snap(pa, n);
	int32_t st = blk_read(pa, n);

	if (refuse) {
		assert_int_equal(st, XW_EFAULT);
		same(s, pa, n); /* the disk's bytes went nowhere */
	} else {
		free(s);
		assert_int_equal(st, XW_OK);
	}
	assert_int_equal(xw_ns_mapped_pages(), BLK_SIZE / PG);
}

static void blk_segments(void **state)
{
	uint64_t o[4];

	(void)state;
	memset(secram, 0x5a, sizeof(secram));
	blk_hdr(BLK_PA);
	smc(XW_SMC_BLK_REGISTER, 0, BLK_PA, BLK_SIZE, o);
	assert_int_equal(o[0], XW_SMC_OK);
	blk_handle = o[1];
	blk_prod = blk_cons = 0;
	each("block data segment", 1024, 512, seg_one);
	/* Still serving: a read into plain NS RAM completes. */
	assert_int_equal(blk_read(DATA_PA, 4096), XW_OK);
	assert_int_equal(*(uint8_t *)nw_va(&nw, DATA_PA + 4095), 0x5a);
	smc(XW_SMC_BLK_UNREGISTER, blk_handle, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
}

/* ---- OP-TEE --------------------------------------------------------------- */

static void set_param(uint64_t arg, unsigned int i, uint64_t attr, uint64_t a, uint64_t b,
		      uint64_t c)
{
	struct xw_omsg_param *p = nw_param(&nw, arg, i);

	p->attr = attr;
	p->u.value.a = a;
	p->u.value.b = b;
	p->u.value.c = c;
}

static uint32_t ret_of(uint64_t arg)
{
	return ((struct xw_omsg_arg *)nw_va(&nw, arg))->ret;
}

static uint32_t open_test(void)
{
	uint64_t out[4];
	struct xw_omsg_arg *a = nw_arg(&nw, ARG_PA, XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);

	set_param(ARG_PA, 0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	memcpy(&nw_param(&nw, ARG_PA, 0)->u.value.a, test_uuid, 8);
	memcpy(&nw_param(&nw, ARG_PA, 0)->u.value.b, test_uuid + 8, 8);
	set_param(ARG_PA, 1, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, XW_OMSG_LOGIN_PUBLIC);
	assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
	assert_int_equal(a->ret, XW_TEEC_SUCCESS);
	return a->session;
}

static void close_test(uint32_t sid)
{
	uint64_t out[4];

	nw_arg(&nw, ARG_PA, XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
	assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_of(ARG_PA), XW_TEEC_SUCCESS);
}

static uint32_t sid;

/* FILL of @n bytes through a temporary memref at @pa. */
static uint32_t fill(uint64_t pa, uint64_t n, uint64_t attr)
{
	nw_arg(&nw, ARG_PA, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_FILL, sid, 2);
	set_param(ARG_PA, 0, attr, pa, n, 0);
	set_param(ARG_PA, 1, XW_OMSG_ATTR_VALUE_IN, 0x11, 0, 0);
	{
		uint64_t out[4];

		assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
	}
	return ret_of(ARG_PA);
}

/* The argument struct itself (CALL_WITH_ARG): EBADADDR, and no result written. */
static void arg_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t out[4];
	uint8_t *s;

	nw_arg(&nw, pa, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, sid, 0);
	s = snap(pa, n);
	if (refuse) {
		assert_int_equal(nw_call(&nw, 0, pa, out), XW_OPTEE_RET_EBADADDR);
		same(s, pa, n);
	} else {
		free(s);
		assert_int_equal(nw_call(&nw, 0, pa, out), XW_OPTEE_RET_OK);
		assert_int_equal(ret_of(pa), XW_TEEC_SUCCESS);
	}
}

static void tmem_one(uint64_t pa, uint64_t n, int refuse)
{
	uint8_t *s = snap(pa, n);

	if (refuse) {
		assert_int_equal(fill(pa, n, XW_OMSG_ATTR_TMEM_OUT), XW_TEEC_ERROR_BAD_PARAMETERS);
		same(s, pa, n);
	} else {
		free(s);
		assert_int_equal(fill(pa, n, XW_OMSG_ATTR_TMEM_OUT), XW_TEEC_SUCCESS);
		assert_int_equal(*(uint8_t *)nw_va(&nw, pa + 1), 0x12);
	}
}

/* A non-contiguous temporary memref whose page list names page @pa. */
static void entry_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t *l = nw_va(&nw, LIST_PA);
	uint8_t *s = snap(pa, n);

	l[0] = DATA_PA;
	l[1] = pa;
	l[2] = DATA_PA + PG;
	if (refuse) {
		assert_int_equal(fill(LIST_PA, 3 * PG, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG),
				 XW_TEEC_ERROR_BAD_PARAMETERS);
		same(s, pa, n);
	} else {
		free(s);
		assert_int_equal(fill(LIST_PA, 3 * PG, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG),
				 XW_TEEC_SUCCESS);
		assert_int_equal(*(uint8_t *)nw_va(&nw, pa), 0x11 + PG % 256);
	}
}

/* REGISTER_SHM of @size bytes from the page list at @list; then UNREGISTER if it worked. */
static uint32_t reg_shm(uint64_t list, uint64_t size)
{
	uint64_t out[4];
	uint32_t ret;

	nw_arg(&nw, ARG_PA, XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	set_param(ARG_PA, 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG |
		  (uint64_t)XW_OPTEE_SHM_CACHED << XW_OMSG_ATTR_CACHE_SHIFT, list, size, 77);
	assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
	ret = ret_of(ARG_PA);
	if (ret == XW_TEEC_SUCCESS) {
		nw_arg(&nw, ARG_PA, XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
		set_param(ARG_PA, 0, XW_OMSG_ATTR_RMEM_IN, 0, 0, 77);
		assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
		assert_int_equal(ret_of(ARG_PA), XW_TEEC_SUCCESS);
	}
	return ret;
}

/* A registered page (REGISTER_SHM) at @pa: the list names it among good pages. */
static void page_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t *l = nw_va(&nw, LIST_PA);

	(void)n;
	l[0] = DATA_PA;
	l[1] = pa;
	l[2] = DATA_PA + PG;
	assert_int_equal(reg_shm(LIST_PA, 3 * PG),
			 refuse ? XW_TEEC_ERROR_BAD_PARAMETERS : XW_TEEC_SUCCESS);
}

/* REGISTER_SHM of one page whose page list sits at @pa (n = 1 page). */
static void list_one(uint64_t pa, uint64_t n, int refuse)
{
	(void)n;
	((uint64_t *)nw_va(&nw, pa))[0] = DATA_PA;
	assert_int_equal(reg_shm(pa, PG), refuse ? XW_TEEC_ERROR_BAD_PARAMETERS : XW_TEEC_SUCCESS);
}

/* An RPC argument buffer the driver hands out at @pa (ALLOC): the call fails, nothing written. */
static void rpc_one(uint64_t pa, uint64_t n, int refuse)
{
	uint64_t out[4];
	uint8_t *s = snap(pa, n);

	nw.rpc_pa = pa;
	nw.time_s = 42;
	nw_arg(&nw, ARG_PA, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_TIME, sid, 1);
	set_param(ARG_PA, 0, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	assert_int_equal(nw_call(&nw, 0, ARG_PA, out), XW_OPTEE_RET_OK);
	nw.rpc_pa = 0;
	if (refuse) {
		assert_int_equal(ret_of(ARG_PA), XW_TEEC_ERROR_COMMUNICATION);
		same(s, pa, n);
		assert_int_equal(nw.cmds, 0); /* the driver was never asked to use it */
	} else {
		free(s);
		assert_int_equal(ret_of(ARG_PA), XW_TEEC_SUCCESS);
		assert_int_equal(nw_param(&nw, ARG_PA, 0)->u.value.a, 42);
		nw.cmds = 0;
	}
	assert_int_equal(nw.allocs, nw.frees); /* the buffer went back to the driver */
}

static void optee_fronts(void **state)
{
	(void)state;
	sid = open_test();
	each("OP-TEE argument", XW_OMSG_ARG_SIZE(0), 8, arg_one);
	each("OP-TEE temporary memref", 64, 8, tmem_one);
	each("OP-TEE page-list entry", PG, PG, entry_one);
	each("OP-TEE registered page", PG, PG, page_one);
	each("OP-TEE page list", PG, PG, list_one);
	each("OP-TEE RPC buffer", XW_OMSG_ARG_SIZE(2), 8, rpc_one);
	/* Still serving: a memref in plain NS RAM works. */
	assert_int_equal(fill(DATA_PA, 64, XW_OMSG_ATTR_TMEM_OUT), XW_TEEC_SUCCESS);
	close_test(sid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(chan_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(blk_regions, setup, teardown),
		cmocka_unit_test_setup_teardown(blk_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(optee_fronts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
