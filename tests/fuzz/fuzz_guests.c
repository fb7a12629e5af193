// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: several clients (w7) against one hosted OP-TEE front end,
 * with the hypervisor's VM_CREATED / VM_DESTROYED at any point (docs/guests.md).
 * An input is a list of operations: announce or destroy a guest, register or
 * unregister shared memory, open or close a session (naming any session of
 * any guest), a CRC32 invoke that may park in an RPC, a resume of any thread -
 * each as one of the host (0) and guests 1..4, on one of the CPUs.
 *
 * Built twice (secure/abi/optee/optee.mk): FUZZ_THREADS=1 checks after every
 * operation; FUZZ_THREADS=N>1 cuts the input into N slices run at once by N
 * pthreads (one CPU each), with VM_DESTROYED racing the other CPUs' calls, and
 * checks at the end of the input.
 *
 * Invariants (the guest table against the front end's pools):
 *  - every object (shm, session, busy thread) belongs to a live guest: nothing
 *    of a destroyed guest survives;
 *  - each live guest is charged exactly what it holds (pages of its objects,
 *    its sessions, its busy threads), so no drop or failure path leaks or
 *    double-returns a charge;
 *  - single-threaded: a call naming another guest's session gets
 *    BAD_PARAMETERS, a resume of another guest's thread ERESUME, any call of
 *    a guest nobody announced ENOTAVAIL (before the first VM_CREATED, w7 means
 *    nothing and every caller is the host).
 * At the end every guest is destroyed and the host's leftovers are closed:
 * nothing may remain, no window page mapped.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../secure/arch/host/optee_host.h"
#include "../../secure/arch/host/time_host.h"
#include "../../secure/core/guest.h"
#include "../../secure/core/nsmem.h"
#include "../../secure/core/pages.h"
#include "../unit/optee_nw.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef FUZZ_THREADS
#define FUZZ_THREADS 1
#endif
#define CPUS    (FUZZ_THREADS > 1 ? FUZZ_THREADS : 2)
#define GUESTS  4   /* client IDs 1..4; 0 is the host */
#define ARGPA(cpu) (NW_ARG_PA + (cpu) * 4096ULL)
#define LISTPA(cpu) (NW_LIST_PA + (cpu) * 4096ULL)

static struct nw nw;
static int ready;
static const uint8_t test_uuid[16] = XW_PTA_TEST_UUID;

struct in {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct in *in, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes-- && in->n) {
		v = v << 8 | *in->p++;
		in->n--;
	}
	return v;
}

static void trap_if(int bad)
{
	if (bad) {
		__builtin_trap();
	}
}

static bool live(uint16_t id)
{
	uint32_t used[XW_GRES_COUNT];

	return id == XW_GUEST_HOST || xw_guest_get_use(id, used) == XW_OK;
}

/* The guest table against the pools (no call runs now). */
static void check_owners(void)
{
	uint32_t want[GUESTS + 1][XW_GRES_COUNT], used[XW_GRES_COUNT];
	uint32_t mapped[GUESTS + 1];
	struct xw_optee *o = &nw.o;
	unsigned int i, id;
	uint64_t pool;
	size_t pages;

	memset(want, 0, sizeof(want));
	memset(mapped, 0, sizeof(mapped));
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		if (o->shm[i].used) {
			id = xw_guest_id(o->shm[i].guest);
			trap_if(id > GUESTS || !live((uint16_t)id));
			want[id][XW_GRES_SHM_PAGES] += o->shm[i].npages;
			want[id][XW_GRES_SHM_OBJS]++;
			mapped[id] += o->shm[i].map_va ? o->shm[i].map_n : 0;
		}
	}
	/*
	 * Nothing of a dropped guest in the window or the secure pool: exactly
	 * the live objects' cached blocks and page lists, and each guest's
	 * mapping budget counts exactly its own blocks.
	 */
	nw_shm_footprint(&nw, &pages, &pool);
	trap_if(xw_ns_mapped_pages() != pages || NW_POOL_PAGES - xw_pages_free_count() != pool);
	for (i = 0; i < XW_GUEST_SLOTS; i++) {
		pages -= o->shm_mapped[i]; /* a dropped guest's slot keeps no budget */
	}
	trap_if(pages != 0);
	for (id = 0; id <= GUESTS; id++) {
		struct xw_guest *g = id == 0 || live((uint16_t)id) ? xw_guest_enter((uint16_t)id) : 0;

		if (g) {
			trap_if(o->shm_mapped[xw_guest_slot(g)] != mapped[id]);
			xw_guest_exit(g);
		}
	}
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (o->s[i].used) {
			id = xw_guest_id(o->s[i].guest);
			trap_if(id > GUESTS || !live((uint16_t)id));
			want[id][XW_GRES_SESSIONS]++;
		}
	}
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		if (o->t[i].state != XW_OT_FREE) {
			id = xw_guest_id(o->t[i].guest);
			trap_if(id > GUESTS || !live((uint16_t)id));
			want[id][XW_GRES_THREADS]++;
		}
	}
	for (id = 1; id <= GUESTS; id++) {
		if (xw_guest_get_use((uint16_t)id, used) == XW_OK) {
			/* all but the channel regions, which this harness does not use */
			trap_if(used[XW_GRES_THREADS] != want[id][XW_GRES_THREADS] ||
				used[XW_GRES_SESSIONS] != want[id][XW_GRES_SESSIONS] ||
				used[XW_GRES_SHM_PAGES] != want[id][XW_GRES_SHM_PAGES] ||
				used[XW_GRES_SHM_OBJS] != want[id][XW_GRES_SHM_OBJS]);
		}
	}
}

static void smc(unsigned int cpu, uint16_t client, uint64_t fid, uint64_t a1, uint64_t a3,
		uint64_t out[4])
{
	uint64_t x[8] = { fid, a1, 0, a3, 0, 0, 0, 0 };

	nw.client[cpu] = client;
	nw_smc(&nw, cpu, x, out);
}

/* CALL_WITH_ARG (or a resume of @t) as @client; RPCs answered, foreign interrupts may park it. */
static uint32_t call(unsigned int cpu, uint16_t client, bool resume, uint64_t t, uint64_t out[4])
{
	nw.client[cpu] = client;
	return resume ? nw_resume(&nw, cpu, t, out) : nw_call(&nw, cpu, ARGPA(cpu), out);
}

static struct xw_omsg_param *param(unsigned int cpu, unsigned int i)
{
	return nw_param(&nw, ARGPA(cpu), i);
}

static uint32_t ret_of(unsigned int cpu)
{
	return ((struct xw_omsg_arg *)nw_va(&nw, ARGPA(cpu)))->ret;
}

/* The owner of session @sid now (-1: none). */
static int session_owner(uint32_t sid)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (nw.o.s[i].used && !nw.o.s[i].closing && nw.o.s[i].id == sid) {
			return xw_guest_id(nw.o.s[i].guest);
		}
	}
	return -1;
}

static void op(struct in *in, unsigned int cpu)
{
	uint8_t k = (uint8_t)take(in, 1), b = (uint8_t)take(in, 1);
	uint16_t client = (uint16_t)(b % (GUESTS + 1)), id = (uint16_t)(1 + (b >> 4) % GUESTS);
	uint64_t out[4], cookie = 1 + ((b >> 3) & 3);
	uint32_t sid = (uint32_t)take(in, 1) % 40, r;
	/* 1..3 pages (kept in the object), or 65..1,313 (a list in secure pool pages) */
	uint32_t npages = (k >> 6) < 3 ? 1 + (k >> 6) : 65 + sid * 32;
	/* whom the secure side takes the caller for (the host until a hypervisor shows) */
	uint16_t eff = xw_guest_client(client);
	bool known = live(eff);
	int owner = session_owner(sid);

	switch (k % 8) {
	case 0: /* the hypervisor announces a guest */
		smc(cpu, XW_GUEST_HOST, XW_OPTEE_VM_CREATED, id, 0, out);
		break;
	case 1: /* ... or destroys one, whatever it is doing */
		smc(cpu, XW_GUEST_HOST, XW_OPTEE_VM_DESTROYED, id, 0, out);
		trap_if(FUZZ_THREADS == 1 && live(id));
		break;
	case 2: /* REGISTER_SHM of 1..3 or 65..1,313 pages under a small cookie */
		nw_pagelist(&nw, LISTPA(cpu), NW_DATA_PA + cpu * 0x10000ULL, npages);
		nw_arg(&nw, ARGPA(cpu), XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
		param(cpu, 0)->attr = XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG;
		param(cpu, 0)->u.tmem.buf_ptr = LISTPA(cpu);
		param(cpu, 0)->u.tmem.size = npages * 4096ULL;
		param(cpu, 0)->u.tmem.shm_ref = cookie;
		r = call(cpu, client, false, 0, out);
		trap_if(FUZZ_THREADS == 1 && !known && r != XW_OPTEE_RET_ENOTAVAIL);
		break;
	case 3:
		nw_arg(&nw, ARGPA(cpu), XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
		param(cpu, 0)->attr = XW_OMSG_ATTR_RMEM_IN;
		param(cpu, 0)->u.rmem.shm_ref = cookie;
		call(cpu, client, false, 0, out);
		break;
	case 4: /* OPEN_SESSION of the test service */
		nw_arg(&nw, ARGPA(cpu), XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);
		param(cpu, 0)->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
		memcpy(&param(cpu, 0)->u.value.a, test_uuid, 8);
		memcpy(&param(cpu, 0)->u.value.b, test_uuid + 8, 8);
		param(cpu, 1)->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
		call(cpu, client, false, 0, out);
		break;
	case 5: /* CLOSE_SESSION of any session id, anyone's */
		nw_arg(&nw, ARGPA(cpu), XW_OMSG_CMD_CLOSE_SESSION, 0, sid, 0);
		r = call(cpu, client, false, 0, out);
		trap_if(FUZZ_THREADS == 1 && known && owner >= 0 && owner != eff &&
			(r != XW_OPTEE_RET_OK || ret_of(cpu) != XW_TEEC_ERROR_BAD_PARAMETERS));
		break;
	case 6: /* CRC32 over an object, in any session; may park in a foreign RPC */
		nw_arg(&nw, ARGPA(cpu), XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, sid, 2);
		param(cpu, 0)->attr = XW_OMSG_ATTR_RMEM_IN;
		param(cpu, 0)->u.rmem.size = 64;
		/* at the start, or across the end of block 1..3 (objects past 64 pages) */
		param(cpu, 0)->u.rmem.offs = (sid & 3) * XW_OPTEE_SHM_SPAN * 4096ULL - (sid & 3) * 30;
		param(cpu, 0)->u.rmem.shm_ref = cookie;
		param(cpu, 1)->attr = XW_OMSG_ATTR_VALUE_OUT;
		host_optee_set_foreign(k & 0x20);
		nw.stop_at_foreign = (k & 0x10) != 0;
		r = call(cpu, client, false, 0, out);
		nw.stop_at_foreign = false;
		host_optee_set_foreign(false);
		trap_if(FUZZ_THREADS == 1 && known && owner >= 0 && owner != eff &&
			r == XW_OPTEE_RET_OK && ret_of(cpu) != XW_TEEC_ERROR_BAD_PARAMETERS);
		break;
	default: { /* resume any thread as anyone */
		uint64_t t = take(in, 1) % XW_OPTEE_THREADS;
		bool theirs = nw.o.t[t].state == XW_OT_SUSPENDED &&
			      xw_guest_id(nw.o.t[t].guest) != eff;

		r = call(cpu, client, true, t, out);
		trap_if(FUZZ_THREADS == 1 && known && theirs && r != XW_OPTEE_RET_ERESUME);
		break;
	}
	}
	nw.client[cpu] = 0;
#if FUZZ_THREADS == 1
	check_owners();
#endif
}

struct slice {
	struct in in;
	unsigned int cpu;
};

static void *cpu_main(void *arg)
{
	struct slice *s = arg;

	while (s->in.n >= 3) {
		op(&s->in, s->cpu);
	}
	return NULL;
}

/* Every guest destroyed, the host's parked calls finished and its leftovers closed. */
static void finish(void)
{
	uint64_t out[4];
	unsigned int i, id;

	for (id = 1; id <= GUESTS; id++) {
		smc(0, XW_GUEST_HOST, XW_OPTEE_VM_DESTROYED, id, 0, out);
	}
	check_owners();
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		if (nw.o.t[i].state == XW_OT_SUSPENDED) {
			trap_if(call(0, XW_GUEST_HOST, true, i, out) != XW_OPTEE_RET_OK);
		}
	}
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		if (nw.o.shm[i].used) {
			trap_if(xw_optee_shm_unregister(&nw.o, nw.o.shm[i].guest,
							nw.o.shm[i].cookie) != XW_OK);
		}
	}
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (nw.o.s[i].used) {
			nw_arg(&nw, ARGPA(0), XW_OMSG_CMD_CLOSE_SESSION, 0, nw.o.s[i].id, 0);
			trap_if(call(0, XW_GUEST_HOST, false, 0, out) != XW_OPTEE_RET_OK ||
				ret_of(0) != XW_TEEC_SUCCESS);
		}
	}
	nw.client[0] = 0;
	check_owners();
	{
		struct xw_optee_stats st;
		struct xw_guest_stats gs;

		xw_optee_get_stats(&nw.o, &st);
		xw_guest_get_stats(&gs);
		trap_if(st.threads || st.shm_objs || st.sessions || xw_ns_mapped_pages() ||
			xw_pages_free_count() != NW_POOL_PAGES || gs.live || gs.dying);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slice s[FUZZ_THREADS];
	unsigned int t;

	if (!ready) {
		trap_if(nw_init(&nw, CPUS) != 0);
		host_clock_step(1000000);
		ready = 1;
	}
	for (t = 0; t < FUZZ_THREADS; t++) {
		s[t].in.p = data + size * t / FUZZ_THREADS;
		s[t].in.n = size * (t + 1) / FUZZ_THREADS - size * t / FUZZ_THREADS;
		s[t].cpu = t;
	}
#if FUZZ_THREADS > 1
	{
		pthread_t th[FUZZ_THREADS];

		for (t = 0; t < FUZZ_THREADS; t++) {
			trap_if(pthread_create(&th[t], NULL, cpu_main, &s[t]) != 0);
		}
		for (t = 0; t < FUZZ_THREADS; t++) {
			pthread_join(th[t], NULL);
		}
	}
#else
	cpu_main(&s[0]);
#endif
	finish();
	/* A fresh front end and guest table for the next input. */
	memset(nw.rpc_cookie, 0, sizeof(nw.rpc_cookie));
	xw_guests_reset(NULL);
	trap_if(xw_optee_init(&nw.o, CPUS) != XW_OK);
	return 0;
}
