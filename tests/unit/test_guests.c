// SPDX-License-Identifier: BSD-2-Clause
/*
 * Guests (secure/core/guest.c and the OP-TEE front end's ownership checks),
 * hosted: the table's rules on their own, then whole OP-TEE traffic from
 * several clients (w7) against one front end - a guest names only its own
 * sessions, objects and threads; limits bind the guest that hits them; and
 * VM_DESTROYED drops everything a guest held, calls suspended in RPC
 * included, while a call still running defers the drop to its own end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <pthread.h>
#include <sched.h>

#include "../../secure/arch/host/optee_host.h"
#include "../../secure/arch/host/time_host.h"
#include "../../secure/core/guest.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/core/pages.h"
#include "optee_nw.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"

static struct nw nw;
static const uint8_t test_uuid[16] = XW_PTA_TEST_UUID;

#define ARG(cpu) (NW_ARG_PA + (cpu) * 4096ULL)
#define DATA     NW_DATA_PA

static int setup(void **state)
{
	(void)state;
	host_clock_step(0);
	return nw_init(&nw, 4);
}

/* Every guest gone, nothing left behind in the front end or the window. */
static int teardown(void **state)
{
	struct xw_optee_stats st;
	struct xw_guest_stats gs;

	(void)state;
	xw_guest_get_stats(&gs);
	assert_int_equal(gs.live, 0);
	assert_int_equal(gs.dying, 0);
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 0);
	assert_int_equal(st.shm_objs, 0);
	assert_int_equal(st.sessions, 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	host_optee_set_foreign(false);
	return 0;
}

/* ---- the table on its own ------------------------------------------------ */

static unsigned int drops_seen;
static uint16_t last_drop;

static void count_drop(void *ctx, struct xw_guest *g)
{
	(void)ctx;
	drops_seen++;
	last_drop = xw_guest_id(g);
}

static void table_rules(void **state)
{
	struct xw_guest_limits lim = { { [XW_GRES_THREADS] = 2 } };
	struct xw_guest_stats gs;
	struct xw_guest *g, *h;
	unsigned int i;

	(void)state;
	xw_guests_reset(NULL);
	xw_guest_on_drop(XW_GFE_CHAN, count_drop, 0);
	drops_seen = 0;
	assert_int_equal(xw_guest_client(0x10005), XW_GUEST_HOST); /* no hypervisor yet */
	/* the host always exists, is never created or destroyed */
	g = xw_guest_enter(XW_GUEST_HOST);
	assert_non_null(g);
	assert_int_equal(xw_guest_slot(g), 0);
	xw_guest_exit(g);
	assert_int_equal(xw_guest_create(XW_GUEST_HOST, 0), XW_EINVAL);
	assert_int_equal(xw_guest_destroy(XW_GUEST_HOST), XW_EINVAL);
	/* unknown until created; created once */
	assert_null(xw_guest_enter(7));
	assert_int_equal(xw_guest_destroy(7), XW_ENOENT);
	assert_int_equal(xw_guest_create(7, &lim), XW_OK);
	assert_int_equal(xw_guest_client(0x10005), 5); /* w7[15:0] from now on */
	assert_int_equal(xw_guest_create(7, &lim), XW_EEXIST);
	g = xw_guest_enter(7);
	assert_non_null(g);
	assert_int_equal(xw_guest_id(g), 7);
	/* its limit binds it alone */
	assert_int_equal(xw_guest_charge(g, XW_GRES_THREADS, 2), XW_OK);
	assert_int_equal(xw_guest_charge(g, XW_GRES_THREADS, 1), XW_ENOSPC);
	h = xw_guest_enter(XW_GUEST_HOST);
	assert_int_equal(xw_guest_charge(h, XW_GRES_THREADS, 100), XW_OK);
	xw_guest_uncharge(h, XW_GRES_THREADS, 100);
	xw_guest_exit(h);
	xw_guest_uncharge(g, XW_GRES_THREADS, 1);
	assert_int_equal(xw_guest_charge(g, XW_GRES_THREADS, 1), XW_OK);
	/* destroyed while a call of it runs: unknown at once, dropped at the call's end */
	assert_int_equal(xw_guest_destroy(7), XW_OK);
	assert_null(xw_guest_enter(7));
	assert_int_equal(xw_guest_destroy(7), XW_ENOENT);
	assert_int_equal(xw_guest_create(7, 0), XW_EEXIST); /* its drop is pending */
	xw_guest_get_stats(&gs);
	assert_int_equal(gs.dying, 1);
	assert_int_equal(drops_seen, 0);
	xw_guest_exit(g);
	assert_int_equal(drops_seen, 1);
	assert_int_equal(last_drop, 7);
	/* the ID is free again, with fresh charges and default limits */
	assert_int_equal(xw_guest_create(7, 0), XW_OK);
	g = xw_guest_enter(7);
	assert_int_equal(xw_guest_charge(g, XW_GRES_THREADS, 2), XW_OK);
	xw_guest_uncharge(g, XW_GRES_THREADS, 2);
	xw_guest_exit(g);
	/* destroyed with no call running: dropped by VM_DESTROYED itself */
	assert_int_equal(xw_guest_destroy(7), XW_OK);
	assert_int_equal(drops_seen, 2);
	/* a full table says so */
	for (i = 1; i < XW_GUEST_SLOTS; i++) {
		assert_int_equal(xw_guest_create((uint16_t)(100 + i), 0), XW_OK);
	}
	assert_int_equal(xw_guest_create(999, 0), XW_ENOSPC);
	for (i = 1; i < XW_GUEST_SLOTS; i++) {
		assert_int_equal(xw_guest_destroy((uint16_t)(100 + i)), XW_OK);
	}
	xw_guest_get_stats(&gs);
	assert_int_equal(gs.live, 0);
	assert_int_equal(gs.created, 2 + XW_GUEST_SLOTS - 1);
	assert_int_equal(gs.dropped, gs.created);
	xw_guest_on_drop(XW_GFE_CHAN, 0, 0);
}

/* ---- OP-TEE traffic from several clients --------------------------------- */

static void smc_as(uint16_t client, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3,
		   uint64_t out[4])
{
	uint64_t x[8] = { fid, a1, a2, a3, 0, 0, 0, 0 };

	nw.client[0] = client;
	nw_smc(&nw, 0, x, out);
	nw.client[0] = 0;
}

static void vm_created(uint16_t id, uint32_t threads, uint32_t pages)
{
	uint64_t out[4];

	smc_as(XW_GUEST_HOST, XW_OPTEE_VM_CREATED, id, threads, pages, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
}

static void vm_destroyed(uint16_t id)
{
	uint64_t out[4];

	smc_as(XW_GUEST_HOST, XW_OPTEE_VM_DESTROYED, id, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
}

static uint32_t ret_at(uint64_t pa)
{
	return ((struct xw_omsg_arg *)nw_va(&nw, pa))->ret;
}

static void set_param(uint64_t arg_pa, unsigned int i, uint64_t attr, uint64_t a, uint64_t b,
		      uint64_t c)
{
	struct xw_omsg_param *p = nw_param(&nw, arg_pa, i);

	p->attr = attr;
	p->u.value.a = a;
	p->u.value.b = b;
	p->u.value.c = c;
}

/* CALL_WITH_ARG at @pa on @cpu as @client; the SMC result (RPCs answered). */
static uint32_t call_as(uint16_t client, unsigned int cpu, uint64_t pa, uint64_t out[4])
{
	uint32_t r;

	nw.client[cpu] = client;
	r = nw_call(&nw, cpu, pa, out);
	nw.client[cpu] = 0;
	return r;
}

static uint32_t resume_as(uint16_t client, unsigned int cpu, uint64_t t, uint64_t out[4])
{
	uint32_t r;

	nw.client[cpu] = client;
	r = nw_resume(&nw, cpu, t, out);
	nw.client[cpu] = 0;
	return r;
}

/* OPEN_SESSION of the test service as @client; returns the session. */
static uint32_t open_as(uint16_t client)
{
	uint64_t out[4];
	struct xw_omsg_arg *a = nw_arg(&nw, ARG(0), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);

	set_param(ARG(0), 0, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0, 0);
	memcpy(&nw_param(&nw, ARG(0), 0)->u.value.a, test_uuid, 8);
	memcpy(&nw_param(&nw, ARG(0), 0)->u.value.b, test_uuid + 8, 8);
	set_param(ARG(0), 1, XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META, 0, 0,
		  XW_OMSG_LOGIN_PUBLIC);
	assert_int_equal(call_as(client, 0, ARG(0), out), XW_OPTEE_RET_OK);
	assert_int_equal(a->ret, XW_TEEC_SUCCESS);
	assert_int_not_equal(a->session, 0);
	return a->session;
}

/* A one-command call with no or one parameter as @client: its TEEC result. */
static uint32_t cmd_as(uint16_t client, uint32_t cmd, uint32_t func, uint32_t sid,
		       uint64_t attr, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t out[4];

	nw_arg(&nw, ARG(0), cmd, func, sid, attr ? 1 : 0);
	if (attr) {
		set_param(ARG(0), 0, attr, a, b, c);
	}
	assert_int_equal(call_as(client, 0, ARG(0), out), XW_OPTEE_RET_OK);
	return ret_at(ARG(0));
}

static uint32_t reg_as(uint16_t client, uint64_t list, uint64_t size, uint64_t cookie)
{
	return cmd_as(client, XW_OMSG_CMD_REGISTER_SHM, 0, 0,
		      XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG |
		      (uint64_t)XW_OPTEE_SHM_CACHED << XW_OMSG_ATTR_CACHE_SHIFT,
		      list, size, cookie);
}

static uint32_t unreg_as(uint16_t client, uint64_t cookie)
{
	return cmd_as(client, XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, XW_OMSG_ATTR_RMEM_IN, 0, 0,
		      cookie);
}

static uint32_t close_as(uint16_t client, uint32_t sid)
{
	return cmd_as(client, XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0, 0, 0, 0);
}

/* CRC32 over @len bytes of registered @cookie as @client at @pa: result, *crc. */
static uint32_t crc_as(uint16_t client, unsigned int cpu, uint64_t pa, uint32_t sid,
		       uint64_t cookie, uint64_t len, uint64_t out[4])
{
	nw_arg(&nw, pa, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
	set_param(pa, 0, XW_OMSG_ATTR_RMEM_IN, 0, len, cookie);
	set_param(pa, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	return call_as(client, cpu, pa, out);
}

/*
 * The lock-free enter against slot reuse: seven guests fill the table but one
 * slot, which the main thread hands to ID 5 and ID 6 in turn (create, destroy)
 * while two threads enter 5 and 6 as fast as they can. An enter must only ever
 * return a slot that holds the ID asked for, counted in (never dropped under
 * it), and every drop must run with no call of the guest inside.
 */
#define REUSE_ROUNDS 3000
static int reuse_stop;
static unsigned int reuse_inside[XW_GUEST_SLOTS];
static unsigned int reuse_bad;
static unsigned long reuse_hits[2]; /* calls entered, of ID 5 and of ID 6 */

static void reuse_drop(void *ctx, struct xw_guest *g)
{
	(void)ctx;
	if (__atomic_load_n(&reuse_inside[xw_guest_slot(g)], __ATOMIC_ACQUIRE) != 0) {
		__atomic_add_fetch(&reuse_bad, 1, __ATOMIC_RELAXED);
	}
}

static void *reuse_enterer(void *arg)
{
	uint16_t id = (uint16_t)(uintptr_t)arg;
	unsigned long hits = 0;

	while (!__atomic_load_n(&reuse_stop, __ATOMIC_ACQUIRE)) {
		struct xw_guest *g = xw_guest_enter(id);

		if (!g) {
			sched_yield(); /* not there now: leave the CPU to the creator */
			continue;
		}
		__atomic_add_fetch(&reuse_inside[xw_guest_slot(g)], 1, __ATOMIC_ACQ_REL);
		if (xw_guest_id(g) != id) {
			__atomic_add_fetch(&reuse_bad, 1, __ATOMIC_RELAXED);
		}
		__atomic_sub_fetch(&reuse_inside[xw_guest_slot(g)], 1, __ATOMIC_ACQ_REL);
		xw_guest_exit(g);
		__atomic_add_fetch(&reuse_hits[id - 5], 1, __ATOMIC_RELAXED);
		hits++;
	}
	return (void *)hits;
}

static void enter_against_reuse(void **state)
{
	pthread_t th[2];
	void *hits[2];
	unsigned int i;
	uint16_t id;

	(void)state;
	xw_guests_reset(NULL);
	xw_guest_on_drop(XW_GFE_CHAN, reuse_drop, 0);
	reuse_stop = 0;
	reuse_bad = 0;
	reuse_hits[0] = reuse_hits[1] = 0;
	for (id = 10; id < 10 + XW_GUEST_SLOTS - 2; id++) {
		assert_int_equal(xw_guest_create(id, 0), XW_OK);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_create(&th[i], NULL, reuse_enterer,
						(void *)(uintptr_t)(5 + i)), 0);
	}
	for (i = 0; i < REUSE_ROUNDS; i++) {
		id = (uint16_t)(5 + i % 2);
		/* the last slot: EEXIST/ENOSPC only while the other ID's drop runs */
		unsigned long before = __atomic_load_n(&reuse_hits[id - 5], __ATOMIC_RELAXED);
		unsigned int spins = 0;

		while (xw_guest_create(id, 0) != XW_OK) {
		}
		/* let its enterer in (mostly): destroys then race calls in flight */
		while (__atomic_load_n(&reuse_hits[id - 5], __ATOMIC_RELAXED) == before &&
		       spins++ < 1000) {
			sched_yield();
		}
		assert_int_equal(xw_guest_destroy(id), XW_OK);
	}
	__atomic_store_n(&reuse_stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(th[i], &hits[i]), 0);
	}
	assert_int_equal(reuse_bad, 0);
	/* the race was run, not only set up */
	assert_true((unsigned long)hits[0] > REUSE_ROUNDS / 10 &&
		    (unsigned long)hits[1] > REUSE_ROUNDS / 10);
	for (id = 10; id < 10 + XW_GUEST_SLOTS - 2; id++) {
		assert_int_equal(xw_guest_destroy(id), XW_OK);
	}
	xw_guest_on_drop(XW_GFE_CHAN, 0, 0);
	print_message("enter_against_reuse: %lu and %lu calls entered\n", (unsigned long)hits[0],
		      (unsigned long)hits[1]);
}

static void unknown_clients_refused(void **state)
{
	uint64_t out[4];

	(void)state;
	/* no hypervisor yet: w7 means nothing (Linux's SMCCC 1.1 helpers leave it as it was) */
	smc_as(7, XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	vm_created(6, 0, 0); /* a hypervisor: from now on w7 names the client */
	/* no guest 7: every call of it, fast or yielding, gets OP-TEE's code */
	smc_as(7, XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, 0, 1, 0);
	assert_int_equal(call_as(7, 0, ARG(0), out), XW_OPTEE_RET_ENOTAVAIL);
	/* only the hypervisor (client 0) announces guests */
	smc_as(7, XW_OPTEE_VM_CREATED, 7, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	smc_as(XW_GUEST_HOST, XW_OPTEE_VM_CREATED, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	vm_created(7, 0, 0);
	smc_as(XW_GUEST_HOST, XW_OPTEE_VM_CREATED, 7, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL); /* already there */
	smc_as(7, XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	smc_as(7, XW_OPTEE_VM_DESTROYED, 7, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL); /* a guest cannot end itself */
	assert_int_equal(close_as(7, open_as(7)), XW_TEEC_SUCCESS);
	vm_destroyed(7);
	smc_as(7, XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL);
	vm_destroyed(7); /* destroying an unknown guest is harmless, as in OP-TEE */
	vm_destroyed(6);
}

static void guests_name_only_their_own(void **state)
{
	uint8_t *d = nw_va(&nw, DATA);
	uint64_t out[4], pa1 = DATA + 0x10000;
	uint32_t s1, s2, t;

	(void)state;
	vm_created(1, 0, 0);
	vm_created(2, 0, 0);
	s1 = open_as(1);
	s2 = open_as(2);
	nw_pagelist(&nw, NW_LIST_PA, DATA, 1);
	memcpy(d, "123456789", 9);
	assert_int_equal(reg_as(1, NW_LIST_PA, 4096, 0xc0), XW_TEEC_SUCCESS);
	/* guest 2 cannot use, close or unregister guest 1's session and object */
	assert_int_equal(cmd_as(2, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s1, 0, 0, 0, 0),
			 XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(close_as(2, s1), XW_TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(unreg_as(2, 0xc0), XW_TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(crc_as(2, 0, ARG(0), s2, 0xc0, 9, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_at(ARG(0)), XW_TEEC_ERROR_BAD_PARAMETERS);
	/* cookies are each guest's own names: guest 2 may use the same value */
	nw_pagelist(&nw, NW_LIST_PA + 4096, DATA + 4096, 1);
	memcpy(d + 4096, "abc", 3);
	assert_int_equal(reg_as(2, NW_LIST_PA + 4096, 4096, 0xc0), XW_TEEC_SUCCESS);
	assert_int_equal(crc_as(2, 0, ARG(0), s2, 0xc0, 3, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_at(ARG(0)), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 0x352441c2U); /* "abc" */
	assert_int_equal(crc_as(1, 0, ARG(0), s1, 0xc0, 9, out), XW_OPTEE_RET_OK);
	assert_int_equal(nw_param(&nw, ARG(0), 1)->u.value.a, 0xcbf43926U); /* guest 1's */
	/* guest 1's call parked in an RPC cannot be resumed (or cancelled) by guest 2 */
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(crc_as(1, 1, pa1, s1, 0xc0, 9, out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = (uint32_t)out[3];
	host_optee_set_foreign(false);
	nw.stop_at_foreign = false;
	assert_int_equal(resume_as(2, 2, t, out), XW_OPTEE_RET_ERESUME);
	assert_int_equal(resume_as(1, 2, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_at(pa1), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, pa1, 1)->u.value.a, 0xcbf43926U);
	assert_int_equal(unreg_as(1, 0xc0), XW_TEEC_SUCCESS);
	assert_int_equal(unreg_as(2, 0xc0), XW_TEEC_SUCCESS);
	assert_int_equal(close_as(1, s1), XW_TEEC_SUCCESS);
	assert_int_equal(close_as(2, s2), XW_TEEC_SUCCESS);
	vm_destroyed(1);
	vm_destroyed(2);
}

static void limits_bind_one_guest(void **state)
{
	uint64_t out[4], t, pa1 = DATA + 0x10000;
	uint32_t s3, s4, used[XW_GRES_COUNT];

	(void)state;
	vm_created(3, 1, 4); /* one thread, four pages */
	vm_created(4, 0, 0);
	s3 = open_as(3);
	s4 = open_as(4);
	nw_pagelist(&nw, NW_LIST_PA, DATA, 5);
	assert_int_equal(reg_as(3, NW_LIST_PA, 5 * 4096, 0x31), XW_TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(reg_as(3, NW_LIST_PA, 4 * 4096, 0x31), XW_TEEC_SUCCESS);
	assert_int_equal(reg_as(4, NW_LIST_PA, 5 * 4096, 0x41), XW_TEEC_SUCCESS);
	assert_int_equal(xw_guest_get_use(3, used), XW_OK);
	assert_int_equal(used[XW_GRES_SHM_PAGES], 4);
	assert_int_equal(used[XW_GRES_SHM_OBJS], 1);
	assert_int_equal(used[XW_GRES_SESSIONS], 1);
	/* guest 3's one thread parked in an RPC: its next call waits, guest 4's does not */
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(crc_as(3, 1, pa1, s3, 0x31, 9, out), XW_OPTEE_RPC_FOREIGN_INTR);
	t = out[3];
	host_optee_set_foreign(false);
	nw.stop_at_foreign = false;
	nw_arg(&nw, ARG(0), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s3, 0);
	assert_int_equal(call_as(3, 0, ARG(0), out), XW_OPTEE_RET_ETHREAD_LIMIT);
	assert_int_equal(cmd_as(4, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s4, 0, 0, 0, 0),
			 XW_TEEC_SUCCESS);
	assert_int_equal(resume_as(3, 2, t, out), XW_OPTEE_RET_OK);
	assert_int_equal(cmd_as(3, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s3, 0, 0, 0, 0),
			 XW_TEEC_SUCCESS);
	assert_int_equal(xw_guest_get_use(3, used), XW_OK);
	assert_int_equal(used[XW_GRES_THREADS], 0);
	assert_int_equal(unreg_as(3, 0x31), XW_TEEC_SUCCESS);
	assert_int_equal(unreg_as(4, 0x41), XW_TEEC_SUCCESS);
	assert_int_equal(xw_guest_get_use(3, used), XW_OK);
	assert_int_equal(used[XW_GRES_SHM_PAGES], 0);
	assert_int_equal(close_as(3, s3), XW_TEEC_SUCCESS);
	assert_int_equal(close_as(4, s4), XW_TEEC_SUCCESS);
	vm_destroyed(3);
	vm_destroyed(4);
}

/*
 * Guest 5 dies holding a bit of everything: two calls parked in RPCs (one of
 * them holding its registered object), a second registration, an open
 * session, a cached RPC buffer. VM_DESTROYED frees all of it at once; guest
 * 6's objects and calls go on untouched.
 */
static void destroy_drops_everything(void **state)
{
	uint64_t out[4], pa1 = DATA + 0x10000, pa2 = DATA + 0x11000;
	struct xw_optee_stats st;
	uint32_t s5, s6, used[XW_GRES_COUNT];
	uint8_t *d = nw_va(&nw, DATA);

	(void)state;
	vm_created(5, 4, 0);
	vm_created(6, 0, 0);
	s5 = open_as(5);
	(void)open_as(5); /* a second session, never closed by guest 5 */
	s6 = open_as(6);
	memcpy(d, "123456789", 9);
	nw_pagelist(&nw, NW_LIST_PA, DATA, 2);
	assert_int_equal(reg_as(5, NW_LIST_PA, 2 * 4096, 0x51), XW_TEEC_SUCCESS);
	assert_int_equal(reg_as(5, NW_LIST_PA, 4096, 0x52), XW_TEEC_SUCCESS);
	assert_int_equal(reg_as(6, NW_LIST_PA, 4096, 0x61), XW_TEEC_SUCCESS);
	/* object 0x52 read once: its block stays mapped (shm.c) */
	assert_int_equal(crc_as(5, 1, pa1, s5, 0x52, 9, out), XW_OPTEE_RET_OK);
	assert_int_equal(xw_ns_mapped_pages(), 1);
	/* a cached RPC buffer of guest 5 (GET_TIME with its cache on) */
	smc_as(5, XW_OPTEE_ENABLE_SHM_CACHE, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_OK);
	assert_int_equal(cmd_as(5, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_TIME, s5,
				XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0), XW_TEEC_SUCCESS);
	/* two calls of guest 5 parked in RPCs, one of them holding object 0x51 */
	nw.stop_at_foreign = true;
	host_optee_set_foreign(true);
	assert_int_equal(crc_as(5, 1, pa1, s5, 0x51, 9, out), XW_OPTEE_RPC_FOREIGN_INTR);
	nw_arg(&nw, pa2, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_WAIT, s5, 2);
	set_param(pa2, 0, XW_OMSG_ATTR_VALUE_IN, 1, 0, 0);
	set_param(pa2, 1, XW_OMSG_ATTR_VALUE_OUT, 0, 0, 0);
	host_optee_set_foreign(true); /* the driver took the last one */
	assert_int_equal(call_as(5, 2, pa2, out), XW_OPTEE_RPC_FOREIGN_INTR);
	host_optee_set_foreign(false);
	nw.stop_at_foreign = false;
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 2);
	assert_int_equal(st.sessions, 3);
	assert_int_equal(st.shm_objs, 3);

	vm_destroyed(5);
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 0);
	assert_int_equal(st.sessions, 1);
	assert_int_equal(st.shm_objs, 1);
	assert_int_equal(xw_ns_mapped_pages(), 0); /* guest 5's block went; 6's is untouched yet */
	assert_int_equal(xw_pages_free_count(), NW_POOL_PAGES);
	assert_int_equal(xw_guest_get_use(5, used), XW_ENOENT);
	/* guest 6 is untouched */
	assert_int_equal(crc_as(6, 3, ARG(3), s6, 0x61, 9, out), XW_OPTEE_RET_OK);
	assert_int_equal(ret_at(ARG(3)), XW_TEEC_SUCCESS);
	assert_int_equal(nw_param(&nw, ARG(3), 1)->u.value.a, 0xcbf43926U);
	assert_int_equal(xw_ns_mapped_pages(), 1);
	/* a new guest 5 starts empty and its threads run fresh */
	vm_created(5, 0, 0);
	assert_int_equal(cmd_as(5, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s5, 0, 0, 0, 0),
			 XW_TEEC_ERROR_BAD_PARAMETERS);
	s5 = open_as(5);
	assert_int_equal(cmd_as(5, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, s5, 0, 0, 0, 0),
			 XW_TEEC_SUCCESS);
	vm_destroyed(5);
	assert_int_equal(unreg_as(6, 0x61), XW_TEEC_SUCCESS);
	assert_int_equal(close_as(6, s6), XW_TEEC_SUCCESS);
	vm_destroyed(6);
}

/* ---- a drop while a call of the guest runs (forced interleaving) ---------- */

struct hold {
	pthread_mutex_t m;
	pthread_cond_t cv;
	bool armed, held, released, done;
	uint32_t smc;
};

static struct hold hold = { .m = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* The registration of cookie 0x77 stops with its slot taken, until released. */
static void hold_hook(enum xw_optee_point p, uint64_t cookie, void *arg)
{
	struct hold *h = arg;

	pthread_mutex_lock(&h->m);
	if (h->armed && p == XW_OPTEE_PT_SHM_BUILDING && cookie == 0x77) {
		h->armed = false;
		h->held = true;
		pthread_cond_broadcast(&h->cv);
		while (!h->released) {
			pthread_cond_wait(&h->cv, &h->m);
		}
	}
	pthread_mutex_unlock(&h->m);
}

static void *register_on_cpu1(void *arg)
{
	struct hold *h = arg;
	uint64_t out[4];
	uint32_t smc;

	nw_arg(&nw, ARG(1), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	set_param(ARG(1), 0, XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG, NW_LIST_PA, 4096,
		  0x77);
	smc = nw_call(&nw, 1, ARG(1), out);
	pthread_mutex_lock(&h->m);
	h->smc = smc;
	h->done = true;
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->m);
	return NULL;
}

static void destroy_during_call(void **state)
{
	struct xw_guest_stats gs;
	struct xw_optee_stats st;
	uint64_t out[4];
	pthread_t th;

	(void)state;
	vm_created(8, 0, 0);
	nw_pagelist(&nw, NW_LIST_PA, DATA, 1);
	hold.armed = true;
	hold.held = hold.released = hold.done = false;
	host_optee_set_point_hook(hold_hook, &hold);
	nw.client[1] = 8;
	assert_int_equal(pthread_create(&th, NULL, register_on_cpu1, &hold), 0);
	pthread_mutex_lock(&hold.m);
	while (!hold.held && !hold.done) {
		pthread_cond_wait(&hold.cv, &hold.m);
	}
	pthread_mutex_unlock(&hold.m);
	assert_true(hold.held); /* else nothing was forced */

	/* guest 8's registration is on CPU 1 right now: VM_DESTROYED on CPU 0 */
	vm_destroyed(8);
	smc_as(8, XW_OPTEE_GET_THREAD_COUNT, 0, 0, 0, out);
	assert_int_equal(out[0], XW_OPTEE_RET_ENOTAVAIL); /* unknown at once */
	xw_guest_get_stats(&gs);
	assert_int_equal(gs.dying, 1);                    /* but not dropped under the call */
	xw_optee_get_stats(&nw.o, &st);
	assert_int_equal(st.threads, 1);

	pthread_mutex_lock(&hold.m);
	hold.released = true;
	pthread_cond_broadcast(&hold.cv);
	pthread_mutex_unlock(&hold.m);
	pthread_join(th, NULL);
	host_optee_set_point_hook(NULL, NULL);
	nw.client[1] = 0;
	assert_int_equal(hold.smc, XW_OPTEE_RET_OK);
	/* the call's end dropped the guest: nothing of it is left (teardown checks) */
	xw_guest_get_stats(&gs);
	assert_int_equal(gs.dying, 0);
	assert_int_equal(gs.dropped, gs.created);
}

static int group_teardown(void **state)
{
	(void)state;
	host_optee_shutdown();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(table_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(enter_against_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_clients_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(guests_name_only_their_own, setup, teardown),
		cmocka_unit_test_setup_teardown(limits_bind_one_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(destroy_drops_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(destroy_during_call, setup, teardown),
	};

	if (getenv("XW_TEST_FILTER") != NULL) {
		cmocka_set_test_filter(getenv("XW_TEST_FILTER"));
	}
	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
