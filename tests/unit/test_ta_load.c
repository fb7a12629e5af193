// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trusted applications end to end, hosted: the OP-TEE front end (driven by
 * the fake Linux driver, optee_nw.c), a fake tee-supplicant answering LOAD_TA
 * and SHM_ALLOC/FREE from Debian's real TA files (and hostile variants of
 * them), the TA loader (secure/ta/ta_load.c) and the runtime. What the TA
 * "does" when entered is scripted (secure/arch/host/app.c): the entry
 * registers are checked against OP-TEE's convention, then it returns, panics
 * or faults. Every path must leave the page pool and the front end as they
 * were (no leak), and a hostile supplicant gets an error, never a crash
 * (make test-asan). Skips (and says so) without build/trixie.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/arch/host/app_host.h"
#include "../../secure/arch/host/optee_host.h"
#include "../../secure/arch/host/time_host.h"
#include "../../secure/core/pages.h"
#include "../../secure/ta/ta.h"
#include "optee_nw.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#define ARG      NW_ARG_PA
#define SUPP_PA  (NW_DATA_PA + 0x01000000ULL) /* where SHM_ALLOC buffers live */
#define POOL_PGS 2048

static struct nw nw;
static uint8_t pool[POOL_PGS * 4096] __attribute__((aligned(4096)));

/* create_fail_test (no libraries) */
static const uint8_t cf_uuid[16] = { 0xc3, 0xf6, 0xe2, 0xc0, 0x35, 0x48, 0x11, 0xe1,
				     0xb8, 0x6c, 0x08, 0x00, 0x20, 0x0c, 0x9a, 0x66 };

/* ---- the fake supplicant --------------------------------------------------- */

static struct {
	uint8_t *img;          /* what LOAD_TA serves for cf_uuid */
	size_t len;
	size_t second_len;     /* != 0: the data LOAD_TA claims this size instead */
	bool shm_fails;
	unsigned int loads, allocs, frees;
	uint64_t cookie;
} supp;

static void fake_supp(struct nw *n, struct xw_omsg_arg *a)
{
	struct xw_omsg_param *p = (struct xw_omsg_param *)(a + 1);

	switch (a->cmd) {
	case 0: /* LOAD_TA */
		supp.loads++;
		if (a->num_params != 2 || memcmp(&p[0].u.value.a, cf_uuid, 8) != 0 ||
		    memcmp(&p[0].u.value.b, cf_uuid + 8, 8) != 0) {
			a->ret = XW_TEEC_ERROR_ITEM_NOT_FOUND;
			return;
		}
		if (p[1].u.rmem.shm_ref == 0) {
			p[1].u.rmem.size = supp.len; /* the size query */
		} else {
			assert_int_equal(p[1].u.rmem.shm_ref, supp.cookie);
			memcpy(nw_va(n, SUPP_PA + p[1].u.rmem.offs), supp.img,
			       supp.len < p[1].u.rmem.size ? supp.len : p[1].u.rmem.size);
			p[1].u.rmem.size = supp.second_len ? supp.second_len : supp.len;
		}
		a->ret = XW_TEEC_SUCCESS;
		return;
	case XW_ORPC_CMD_SHM_ALLOC:
		supp.allocs++;
		if (supp.shm_fails) {
			a->ret = XW_TEEC_ERROR_OUT_OF_MEMORY;
			return;
		}
		assert_true(p[0].u.value.b <= 4U << 20);
		p[0].attr = XW_OMSG_ATTR_TMEM_OUT;
		p[0].u.tmem.buf_ptr = SUPP_PA;
		p[0].u.tmem.size = p[0].u.value.b;
		p[0].u.tmem.shm_ref = supp.cookie = 0xc0de0000ULL + supp.allocs;
		a->ret = XW_TEEC_SUCCESS;
		return;
	case XW_ORPC_CMD_SHM_FREE:
		supp.frees++;
		assert_int_equal(p[0].u.value.b, supp.cookie);
		a->ret = XW_TEEC_SUCCESS;
		return;
	default:
		a->ret = XW_TEEC_ERROR_NOT_SUPPORTED;
	}
}

/* ---- the scripted TA ------------------------------------------------------- */

enum { DO_RETURN, DO_PANIC, DO_FAULT, DO_SPIN };
static unsigned int todo, entries;
static uint32_t return_value;
static struct xw_app_regs first;

static unsigned int ta_run(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			   uint64_t *far)
{
	(void)s;
	entries++;
	first = *r;
	switch (todo) {
	case DO_RETURN:
		r->x[8] = 0; /* TEE_SCN_RETURN */
		r->x[0] = return_value;
		*esr = (uint64_t)XW_EC_SVC64 << 26;
		return XW_APP_EXIT_SYNC;
	case DO_PANIC:
		r->x[8] = 2;
		*esr = (uint64_t)XW_EC_SVC64 << 26;
		return XW_APP_EXIT_SYNC;
	case DO_SPIN:
		return XW_APP_EXIT_IRQ; /* an endless loop, stopped by the timer again and again */
	default:
		*esr = 0x92000046; /* data abort, EL0 */
		*far = 0x10;
		return XW_APP_EXIT_SYNC;
	}
}

/* ---- helpers ---------------------------------------------------------------- */

static bool have_ta(void)
{
	FILE *f = fopen("build/trixie/root/usr/lib/optee_armtz/"
			"c3f6e2c0-3548-11e1-b86c-0800200c9a66.ta", "rb");
	long n;

	if (f == 0) {
		return false;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	free(supp.img);
	supp.img = malloc((size_t)n);
	assert_int_equal(fread(supp.img, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	supp.len = (size_t)n;
	return true;
}

static int setup(void **state)
{
	(void)state;
	host_clock_step(0);
	xw_pages_init((uintptr_t)pool, POOL_PGS);
	assert_int_equal(nw_init(&nw, 2), 0);
	nw.supp = fake_supp;
	xw_optee_set_ta_ops(&nw.o, &xw_ta_ops);
	host_app_run = ta_run;
	memset(&supp, 0, sizeof(supp));
	todo = DO_RETURN;
	return_value = 0;
	entries = 0;
	return 0;
}

/* Nothing left behind: no thread, session or object; every shared buffer freed. */
static int teardown(void **state)
{
	struct xw_optee_stats st;

	(void)state;
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 0);
	assert_int_equal(st.shm_objs, 0);
	assert_int_equal(st.sessions, 0);
	assert_int_equal(supp.allocs, supp.frees);
	free(supp.img);
	supp.img = 0;
	host_app_run = 0;
	return 0;
}

static uint32_t open_cf(uint32_t *sid, uint32_t *origin)
{
	uint64_t out[4];
	struct xw_omsg_arg *a = nw_arg(&nw, ARG, XW_OMSG_CMD_OPEN_SESSION, 0, 0, 3);
	struct xw_omsg_param *p0 = nw_param(&nw, ARG, 0), *p1 = nw_param(&nw, ARG, 1);
	struct xw_omsg_param *p2 = nw_param(&nw, ARG, 2);

	p0->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	memcpy(&p0->u.value.a, cf_uuid, 8);
	memcpy(&p0->u.value.b, cf_uuid + 8, 8);
	p1->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	p1->u.value.c = XW_OMSG_LOGIN_PUBLIC;
	p2->attr = XW_OMSG_ATTR_VALUE_INOUT;
	p2->u.value.a = 41;
	p2->u.value.b = 42;
	assert_int_equal(nw_call(&nw, 0, ARG, out), XW_OPTEE_RET_OK);
	*sid = a->session;
	*origin = a->ret_origin;
	return a->ret;
}

static uint32_t call(uint32_t cmd, uint32_t sid, uint32_t func, uint32_t *origin)
{
	uint64_t out[4];
	struct xw_omsg_arg *a = nw_arg(&nw, ARG, cmd, func, sid, 0);

	assert_int_equal(nw_call(&nw, 0, ARG, out), XW_OPTEE_RET_OK);
	*origin = a->ret_origin;
	return a->ret;
}

#define NEED()                                                      \
	do {                                                        \
		if (!have_ta()) {                                   \
			skip(); /* no trixie root: a skip, not a pass */ \
		}                                                   \
	} while (0)

/* ---- tests ------------------------------------------------------------------- */

/* Loaded through LOAD_TA, entered as OP-TEE enters a TA, closed; nothing leaks. */
static void open_invoke_close(void **state)
{
	uint64_t free0 = xw_pages_free_count(), free1;
	uint32_t sid, origin;

	(void)state;
	NEED();
	assert_int_equal(open_cf(&sid, &origin), XW_TEEC_SUCCESS);
	assert_int_not_equal(sid, 0);
	assert_int_equal(supp.loads, 2);
	assert_int_equal(supp.allocs, 1);
	assert_int_equal(supp.frees, 1);
	/* __ta_entry(OPEN_SESSION, session, utee_params *, 0) on its own stack */
	assert_int_equal(first.x[0], 0);
	assert_int_equal(first.x[1], sid);
	assert_int_equal(first.x[2] % 16, 0);
	assert_int_equal(first.sp, first.x[2]);
	assert_true(first.x[2] < XW_TA_STACK_TOP && first.x[2] > XW_TA_STACK_TOP - 0x10000);
	assert_true(first.elr >= XW_TA_LOAD_LO && first.elr < XW_TA_LOAD_HI);
	return_value = 0;
	assert_int_equal(call(XW_OMSG_CMD_INVOKE, sid, 7, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(origin, XW_TEEC_ORIGIN_TRUSTED_APP);
	assert_int_equal(first.x[0], 2); /* INVOKE_COMMAND */
	assert_int_equal(first.x[3], 7);
	return_value = 0xffff0006;
	assert_int_equal(call(XW_OMSG_CMD_INVOKE, sid, 8, &origin), 0xffff0006);
	assert_int_equal(origin, XW_TEEC_ORIGIN_TRUSTED_APP);
	free1 = xw_pages_free_count();
	assert_true(free1 < free0);
	return_value = 0;
	assert_int_equal(call(XW_OMSG_CMD_CLOSE_SESSION, sid, 0, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(first.x[0], 1); /* CLOSE_SESSION */
	/* everything back (the hosted tables are freed too) */
	assert_int_equal(xw_pages_free_count(), free0);
}

/* A panic or a fault kills the instance: TARGET_DEAD from TEE, then a fresh open reloads. */
static void dies(void **state)
{
	uint32_t sid, origin;
	uint64_t free0 = xw_pages_free_count();

	(void)state;
	NEED();
	assert_int_equal(open_cf(&sid, &origin), XW_TEEC_SUCCESS);
	todo = DO_PANIC;
	assert_int_equal(call(XW_OMSG_CMD_INVOKE, sid, 1, &origin), XW_TEE_ERROR_TARGET_DEAD);
	assert_int_equal(origin, XW_TEEC_ORIGIN_TEE);
	entries = 0;
	assert_int_equal(call(XW_OMSG_CMD_INVOKE, sid, 1, &origin), XW_TEE_ERROR_TARGET_DEAD);
	assert_int_equal(entries, 0); /* not entered again */
	assert_int_equal(call(XW_OMSG_CMD_CLOSE_SESSION, sid, 0, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(xw_pages_free_count(), free0);
	/* fresh open: loaded again; a fault in the open entry: TARGET_DEAD, nothing kept */
	todo = DO_FAULT;
	assert_int_equal(open_cf(&sid, &origin), XW_TEE_ERROR_TARGET_DEAD);
	assert_int_equal(origin, XW_TEEC_ORIGIN_TEE);
	assert_int_equal(supp.loads, 4);
	todo = DO_RETURN;
	assert_int_equal(open_cf(&sid, &origin), XW_TEEC_SUCCESS);
	/* an endless loop: killed after XW_APP_CALL_SPIN_MAX_NS at EL0 (the clock runs 1 s a read) */
	todo = DO_SPIN;
	entries = 0;
	host_clock_step(1000000000ULL);
	assert_int_equal(call(XW_OMSG_CMD_INVOKE, sid, 1, &origin), XW_TEE_ERROR_TARGET_DEAD);
	host_clock_step(0);
	assert_int_equal(origin, XW_TEEC_ORIGIN_TEE);
	assert_true(entries >= 10 && entries <= 40);
	todo = DO_RETURN;
	assert_int_equal(call(XW_OMSG_CMD_CLOSE_SESSION, sid, 0, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(xw_pages_free_count(), free0);
}

/*
 * A changed image is refused: BAD_FORMAT from the header walk or the ELF
 * checks, or SECURITY once the signed header's hash is checked first (the
 * VERIFY call site in ta_load.c). Either way, nothing of it runs.
 */
static bool tampered(uint32_t ret)
{
	return ret == XW_TEE_ERROR_BAD_FORMAT || ret == XW_TEE_ERROR_SECURITY;
}

/* A hostile or broken supplicant: each answer is an error code, nothing runs, nothing leaks. */
static void hostile_supplicant(void **state)
{
	uint32_t sid, origin;
	uint64_t free0 = xw_pages_free_count();
	uint8_t *good;
	size_t len;

	(void)state;
	NEED();
	good = malloc(supp.len);
	memcpy(good, supp.img, supp.len);
	len = supp.len;
	/* an unknown UUID (the supplicant serves only cf_uuid) */
	{
		uint64_t out[4];
		struct xw_omsg_arg *a = nw_arg(&nw, ARG, XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);
		struct xw_omsg_param *p0 = nw_param(&nw, ARG, 0), *p1 = nw_param(&nw, ARG, 1);

		p0->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
		p0->u.value.a = 0x1234;
		p1->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
		assert_int_equal(nw_call(&nw, 0, ARG, out), XW_OPTEE_RET_OK);
		assert_int_equal(a->ret, XW_TEEC_ERROR_ITEM_NOT_FOUND);
	}
	/* no shared memory for the image */
	supp.shm_fails = true;
	assert_int_equal(open_cf(&sid, &origin), XW_TEE_ERROR_OUT_OF_MEMORY);
	supp.shm_fails = false;
	/* the file changes size between the two LOAD_TA calls */
	supp.second_len = len - 1;
	assert_int_equal(open_cf(&sid, &origin), XW_TEE_ERROR_BAD_FORMAT);
	supp.second_len = 0;
	/* truncated: the header's size disagrees with the file (either check may see it first) */
	supp.len = len - 100;
	assert_true(tampered(open_cf(&sid, &origin)));
	/* oversized (> 2 MiB): refused before any buffer is asked for */
	supp.len = (3U << 20);
	supp.allocs = supp.frees = 0;
	assert_int_equal(open_cf(&sid, &origin), XW_TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(supp.allocs, 0);
	supp.len = len;
	/* another TA's UUID in the bootstrap header */
	supp.img[308 + 15] ^= 1;
	assert_int_equal(open_cf(&sid, &origin), XW_TEE_ERROR_SECURITY);
	memcpy(supp.img, good, len);
	/* a broken ELF (its program headers' entry size) */
	supp.img[328 + 54] = 0x20;
	assert_true(tampered(open_cf(&sid, &origin)));
	memcpy(supp.img, good, len);
	assert_int_equal(entries, 0); /* none of them ran */
	assert_int_equal(xw_pages_free_count(), free0);
	/* garbage everywhere after the header, at several seeds */
	for (unsigned int k = 0; k < 8; k++) {
		for (size_t i = 328 + 64 * k; i < len; i += 7 + k) {
			supp.img[i] = (uint8_t)(supp.img[i] * 31 + k);
		}
		(void)open_cf(&sid, &origin); /* any error, or a (scripted) load that works */
		if (origin == XW_TEEC_ORIGIN_TRUSTED_APP) {
			assert_int_equal(call(XW_OMSG_CMD_CLOSE_SESSION, sid, 0, &origin),
					 XW_TEEC_SUCCESS);
		}
		memcpy(supp.img, good, len);
	}
	assert_int_equal(xw_pages_free_count(), free0);
	free(good);
}

static void smc_as(uint16_t client, uint64_t fid, uint64_t a1)
{
	uint64_t x[8] = { fid, a1, 0, 0, 0, 0, 0, 0 }, out[4];

	nw.client[0] = client;
	nw_smc(&nw, 0, x, out);
	nw.client[0] = 0;
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
}

/* A guest with an open TA session goes away: the instance goes with it, nothing leaks. */
static void guest_dropped(void **state)
{
	uint32_t sid, origin;
	uint64_t free0 = xw_pages_free_count();

	(void)state;
	NEED();
	smc_as(0, XW_OPTEE_VM_CREATED, 6); /* a hypervisor: w7 names the client from now on */
	nw.client[0] = 6;
	assert_int_equal(open_cf(&sid, &origin), XW_TEEC_SUCCESS);
	nw.client[0] = 0;
	assert_true(xw_pages_free_count() < free0);
	entries = 0;
	smc_as(0, XW_OPTEE_VM_DESTROYED, 6);
	assert_int_equal(entries, 0); /* no close entry ran: the guest is gone */
	assert_int_equal(xw_pages_free_count(), free0);
	/* the slot is free again: a new open (of the host) loads afresh */
	assert_int_equal(open_cf(&sid, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(call(XW_OMSG_CMD_CLOSE_SESSION, sid, 0, &origin), XW_TEEC_SUCCESS);
	assert_int_equal(xw_pages_free_count(), free0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(open_invoke_close, setup, teardown),
		cmocka_unit_test_setup_teardown(dies, setup, teardown),
		cmocka_unit_test_setup_teardown(hostile_supplicant, setup, teardown),
		cmocka_unit_test_setup_teardown(guest_dropped, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
