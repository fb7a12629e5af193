// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer over the OP-TEE TA personality's system calls (secure/ta/ta_sys.c
 * on the real hosted runtime: app.c, app_sys.c, pages.c). Each input is a
 * sequence of 68-byte records: a call number (OP-TEE's, any of 0..71 and a
 * few past the table), a byte of circumstances (the client cancels, the
 * normal world's RPC fails, the entropy pool fails, cancellation masked), a
 * 16-bit mask and x0..x7: two bits of the mask per argument turn it into a
 * pointer at an edge of the TA's mappings, of ANOTHER TA's mappings, of
 * kernel memory (plus a small offset; the table has page lengths too), into a
 * small length, or into a value next to 2^64 (wrapping ranges). Record number 254 is not a call: it stores its
 * 64 argument bytes into the TA's data (utee_params, UUIDs, property names,
 * TEE_Time values for the calls that follow).
 *
 * Checked after every call:
 *  - no bad access (ASan/UBSan; the pool is the only "secure RAM");
 *  - x0 is a TEE_Result the personality defines, the control is the call's
 *    (RETURN only for return, KILL only for panic);
 *  - what a call accepted the TA owns (log, random, access rights, the TEE_Time
 *    and cancellation outputs, the memrefs handed to another TA: inside this
 *    TA's own pages, never another's), and what it owns is not refused;
 *  - a wait ends with SUCCESS or CANCEL.
 * After every input: every TA instance released, the page pool back to its
 * start, no TA-to-TA session left open (the boundary's table).
 *
 * FUZZ_THREADS=N>1 (fuzz_ta_sys_mt): N instances, one pthread (one CPU)
 * each, run their slices of the input at once: the calls share the page
 * pool, the TA persistent time table (two instances share a UUID, as two
 * instances of a multi-instance TA do) and the front end's lock.
 *
 * The calls that leave the personality (a session to another TA, an RPC, the
 * entropy pool) are served by models at the boundary (ta.h, optee.h): a
 * handle table per TA with OP-TEE's answers to unknown handles, the RPC
 * SUSPEND checked for its step (1..100 ms).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../secure/core/pages.h"
#include "../../secure/ta/ta.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#ifndef FUZZ_THREADS
#define FUZZ_THREADS 1
#endif
#define NTA      (FUZZ_THREADS > 1 ? FUZZ_THREADS : 2) /* one TA runs, the other is "foreign" */
#define POOL_PGS 256
#define DATA_VA(i)  (0x48000000UL + (uint64_t)(i) * 0x100000UL) /* 2 pages RW */
#define TEXT_VA(i)  (DATA_VA(i) + 0x10000UL)                   /* 1 page RX */
#define PARAM_VA    XW_TA_PARAM_VA                             /* 1 page RW, shared with the client */
#define REC         68
#define REC_STORE   254
#define MAX_HANDLES 4

#define TEE_ERROR_TIME_NOT_SET 0xffff5000U
#define TEE_ERROR_OVERFLOW     0xffff300fU

static uint8_t pool[POOL_PGS * 4096] __attribute__((aligned(4096)));
static uint64_t free_start;
static pthread_mutex_t olock = PTHREAD_MUTEX_INITIALIZER;

/* One TA instance and what the boundary knows of it. */
struct inst {
	struct xw_ta ta;
	struct xw_optee_thread thr;
	uint8_t *data, *text, *param; /* kernel views */
	uint32_t handles[MAX_HANDLES]; /* open TA-to-TA sessions (0: free) */
	uint32_t next_handle;
	unsigned int suspends;
	bool rpc_fail, rng_fail;
};

static struct xw_optee o;
static struct inst inst[NTA];

static uint64_t edges[6 * NTA + 16];
static size_t nedges;

/* ---- the boundary --------------------------------------------------------------- */

static struct inst *inst_of(struct xw_ta *ta)
{
	return (struct inst *)(void *)ta; /* ta is the first member */
}

void xw_optee_lock(struct xw_optee *x)
{
	if (x != &o) {
		abort();
	}
	pthread_mutex_lock(&olock);
}

void xw_optee_unlock(struct xw_optee *x)
{
	(void)x;
	pthread_mutex_unlock(&olock);
}

/* A buffer handed to another TA: inside this TA's own pages, with the access its type needs. */
static void check_params(struct inst *in, const struct xw_ta_param p[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		const uint8_t *k = p[i].kbuf;
		uint64_t n = p[i].size;

		if (p[i].type == 4 || p[i].type > 7 || p[i].mref != 0) {
			abort();
		}
		if (p[i].type < 5 || k == 0 || n == 0) {
			continue;
		}
		if ((k >= in->data && n <= 8192 && k + n <= in->data + 8192) ||
		    (k >= in->param && n <= 4096 && k + n <= in->param + 4096)) {
			continue;
		}
		if (p[i].type == 5 && k >= in->text && n <= 4096 && k + n <= in->text + 4096) {
			continue; /* input only: the text may be read */
		}
		abort();
	}
}

static int handle_slot(struct inst *in, uint32_t h)
{
	int i;

	for (i = 0; h != 0 && i < MAX_HANDLES; i++) {
		if (in->handles[i] == h) {
			return i;
		}
	}
	return -1;
}

uint32_t xw_ta_sess_open(struct xw_ta *caller, const uint8_t uuid[16], uint32_t timeout_ms,
			 struct xw_ta_param p[4], uint32_t *handle, uint32_t *origin)
{
	struct inst *in = inst_of(caller);
	int s;

	(void)timeout_ms;
	check_params(in, p);
	*origin = XW_TEEC_ORIGIN_TEE;
	for (s = 0; s < MAX_HANDLES && in->handles[s] != 0; s++) {
	}
	if (uuid[0] & 1) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND; /* no such TA */
	}
	if (s == MAX_HANDLES) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	in->handles[s] = ++in->next_handle;
	*handle = in->handles[s];
	if (p[1].type == 2 || p[1].type == 3) {
		p[1].a = 77; /* a value output comes back */
	}
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	return XW_TEE_SUCCESS;
}

uint32_t xw_ta_sess_invoke(struct xw_ta *caller, uint32_t handle, uint32_t timeout_ms, uint32_t cmd,
			   struct xw_ta_param p[4], uint32_t *origin)
{
	struct inst *in = inst_of(caller);
	unsigned int i;

	(void)timeout_ms;
	check_params(in, p);
	*origin = XW_TEEC_ORIGIN_TEE;
	if (handle_slot(in, handle) < 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 0; i < 4; i++) {
		if ((p[i].type == 6 || p[i].type == 7) && p[i].kbuf != 0 && p[i].size != 0) {
			p[i].kbuf[p[i].size - 1] ^= 0x5a; /* the callee writes the last byte */
			if (cmd & 1) {
				p[i].size += 8; /* a SHORT_BUFFER answer: the size needed */
			}
		}
	}
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	return (cmd & 1) ? XW_TEE_ERROR_SHORT_BUFFER : XW_TEE_SUCCESS;
}

uint32_t xw_ta_sess_close(struct xw_ta *caller, uint32_t handle)
{
	struct inst *in = inst_of(caller);
	int s = handle_slot(in, handle);

	if (s < 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	in->handles[s] = 0;
	return XW_TEE_SUCCESS;
}

static __thread struct inst *cur; /* the instance this pthread runs */

/* The entropy pool: fills the TA's buffer (its own: ASan and the oracle check it). */
int xw_ta_rng(void *dst, uint64_t n)
{
	if (cur->rng_fail) {
		return XW_EIO;
	}
	memset(dst, 0xa5, n);
	return XW_OK;
}

int xw_optee_rpc_cmd(struct xw_optee *x, struct xw_optee_thread *t, uint32_t cmd, unsigned int n,
		     uint64_t p[][4], uint32_t *ret)
{
	struct inst *in = cur;

	if (x != &o || t != &in->thr || n != 1 || cmd != XW_ORPC_CMD_SUSPEND) {
		abort(); /* the only RPC CMD the personality sends itself: SUSPEND for wait */
	}
	if (p[0][0] != XW_OMSG_ATTR_VALUE_IN || p[0][1] == 0 || p[0][1] > 100) {
		abort();
	}
	in->suspends++;
	if (in->rpc_fail) {
		return XW_EIO;
	}
	t->cancel = true; /* the client gives up: a waiting TA sees CANCEL */
	*ret = 0;
	return XW_OK;
}

void xw_optee_rpc(struct xw_optee_thread *t, uint32_t a0, uint64_t a1, uint64_t a2)
{
	(void)a1, (void)a2;
	if (t != &cur->thr || a0 != XW_OPTEE_RPC_FOREIGN_INTR) {
		abort();
	}
	t->cancel = true;
}

int xw_optee_rpc_get_time(struct xw_optee *x, struct xw_optee_thread *t, uint64_t *sec,
			  uint64_t *nsec)
{
	if (x != &o || t != &cur->thr) {
		abort();
	}
	if (cur->rpc_fail) {
		return XW_EIO;
	}
	*sec = 1700000000ULL + cur->suspends * 9999999999ULL; /* sometimes past 2^32 s */
	*nsec = 999999999;
	return XW_OK;
}

/* ---- the instances --------------------------------------------------------------- */

static void inst_new(unsigned int i)
{
	struct inst *in = &inst[i];
	uint64_t pa;

	memset(in, 0, sizeof(*in));
	in->ta.img.name = "fuzz-ta";
	in->ta.img.quota_pages = 64;
	in->ta.img.stack_pages = 1;
	in->ta.app.img = &in->ta.img;
	in->ta.app.pers = &xw_ta_pers;
	in->ta.app.id = 10 + i;
	in->ta.o = &o;
	in->ta.t = &in->thr;
	memset(in->ta.uuid, 0x11 + (int)(i / 2), 16); /* pairs share a UUID (a multi-instance TA) */
	if (xw_app_space_new(&in->ta.app) != XW_OK ||
	    xw_app_map_new(&in->ta.app, DATA_VA(i), 2, XW_PROT_R | XW_PROT_W, XW_APP_MAP_IMAGE, &pa) !=
		    XW_OK) {
		abort();
	}
	in->data = (uint8_t *)(uintptr_t)pa;
	if (xw_app_map_new(&in->ta.app, TEXT_VA(i), 1, XW_PROT_R | XW_PROT_X, XW_APP_MAP_IMAGE, &pa) !=
	    XW_OK) {
		abort();
	}
	in->text = (uint8_t *)(uintptr_t)pa;
	if (xw_app_map_new(&in->ta.app, PARAM_VA, 1, XW_PROT_R | XW_PROT_W, XW_APP_MAP_PARAM, &pa) !=
	    XW_OK) {
		abort();
	}
	in->param = (uint8_t *)(uintptr_t)pa;
	memcpy(in->data + 512, "gpd.tee.apiversion", 19); /* a name the fuzzer need not find */
}

static void init(void)
{
	unsigned int i;

	xw_pages_init((uintptr_t)pool, POOL_PGS);
	free_start = xw_pages_free_count();
	for (i = 0; i < NTA; i++) {
		const uint64_t e[] = { DATA_VA(i),	    DATA_VA(i) + 0x1000, DATA_VA(i) + 0x1fe0,
				       DATA_VA(i) + 0x2000, TEXT_VA(i),		 TEXT_VA(i) + 0xfe0 };

		memcpy(edges + nedges, e, sizeof(e));
		nedges += sizeof(e) / sizeof(e[0]);
	}
	edges[nedges++] = PARAM_VA;
	edges[nedges++] = PARAM_VA + 0xfe0;
	edges[nedges++] = 0x1000; /* lengths: a page, two, a byte more */
	edges[nedges++] = 0x2000;
	edges[nedges++] = 0x2001;
	edges[nedges++] = 0;
	edges[nedges++] = 0x1000;
	edges[nedges++] = (uintptr_t)pool; /* kernel memory */
	edges[nedges++] = XW_TA_STACK_TOP - 8;
	edges[nedges++] = UINT64_MAX - 7;
}

/* The oracle: is [va, va + len) inside one of TA i's mappings, with write access (w)? */
static bool owns(unsigned int i, uint64_t va, uint64_t len, bool w, bool param)
{
	const uint64_t r[][3] = {
		{ DATA_VA(i), DATA_VA(i) + 0x2000, 1 },
		{ TEXT_VA(i), TEXT_VA(i) + 0x1000, 0 },
		{ PARAM_VA, param ? PARAM_VA + 0x1000 : PARAM_VA, 1 },
	};
	size_t k;

	if (len == 0) {
		len = 1;
	}
	for (k = 0; k < 3; k++) {
		if (va >= r[k][0] && va < r[k][1] && len <= r[k][1] - va && (!w || r[k][2])) {
			return true;
		}
	}
	return false;
}

static bool defined_result(uint32_t r)
{
	switch (r) {
	case XW_TEE_SUCCESS:
	case XW_TEE_ERROR_GENERIC:
	case XW_TEE_ERROR_ACCESS_DENIED:
	case XW_TEE_ERROR_CANCEL:
	case XW_TEE_ERROR_BAD_PARAMETERS:
	case XW_TEE_ERROR_BAD_STATE: /* a digest updated before its init */
	case XW_TEE_ERROR_ITEM_NOT_FOUND:
	case XW_TEE_ERROR_NOT_SUPPORTED:
	case XW_TEE_ERROR_OUT_OF_MEMORY:
	case XW_TEE_ERROR_SHORT_BUFFER:
	case XW_TEE_ERROR_COMMUNICATION: /* the normal world did not answer an RPC */
	case XW_TEE_ERROR_TARGET_DEAD:
	case TEE_ERROR_TIME_NOT_SET:
	case TEE_ERROR_OVERFLOW:
		return true;
	default:
		return false;
	}
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Runs one record on instance i; aborts on any broken invariant. */
static void one(unsigned int i, const uint8_t *d)
{
	struct inst *in = &inst[i];
	struct xw_app *app = &in->ta.app;
	uint64_t a[8], nr;
	uint32_t r;
	int64_t ctl;
	int k;

	for (k = 0; k < 8; k++) {
		uint64_t v = get64(d + 4 + 8 * k);

		/* two bits of the record's mask per argument: as given, an edge, a length, a wrap */
		switch ((d[2] | d[3] << 8) >> (2 * k) & 3) {
		case 0:
			a[k] = v;
			break;
		case 1:
			a[k] = edges[(v & 0xff) % nedges] + ((v >> 8) & 0x1f);
			break;
		case 2:
			a[k] = v & 0x3f; /* a struct's length (or a page's, from the edges) */
			break;
		default:
			a[k] = UINT64_MAX - (v & 0xfff);
			break;
		}
	}
	if (d[0] == REC_STORE) {
		memcpy(in->data + (d[1] % 128) * 64, d + 4, 64);
		return;
	}
	nr = d[0] < 72 ? d[0] : d[0] == 255 ? 0xffffffffULL : (uint64_t)d[0] << 24;
	in->thr.cancel = d[1] & 1;
	in->rpc_fail = d[1] & 2;
	in->rng_fail = d[1] & 4;
	in->ta.cancel_masked = d[1] & 8;
	in->suspends = 0;
	if (nr == 12) {
		a[0] = (in->ta.cancel_masked || in->rpc_fail) ? a[0] % 3 : a[0]; /* a masked wait waits */
	}
	memcpy(app->regs.x, a, sizeof(a));
	app->regs.x[8] = nr;
	ctl = xw_app_syscall(app);
	r = (uint32_t)app->regs.x[0];
	if (app->regs.x[0] != r) {
		abort(); /* a TEE_Result is 32 bits */
	}
	if (nr == 0) {
		if (ctl != XW_APP_SYS_RETURN || in->ta.ret != (uint32_t)a[0]) {
			abort();
		}
		return;
	}
	if (nr == 2 ? ctl != XW_APP_SYS_KILL : ctl != 0) {
		abort();
	}
	if (!defined_result(r)) {
		fprintf(stderr, "call %llu: result %#x\n", (unsigned long long)nr, r);
		abort();
	}
	if (nr >= 71 && r != XW_TEE_ERROR_NOT_SUPPORTED) {
		abort();
	}
	switch (nr) {
	case 1: /* log(buf, len): at most a line is read */
		if ((r == XW_TEE_SUCCESS) != owns(i, a[0], a[1] > 256 ? 256 : a[1], false, true)) {
			abort();
		}
		break;
	case 8: { /* check_access_rights(flags, buf, len) */
		bool any = a[0] & 4, w = a[0] & 2;

		if (a[2] != 0 && (r == XW_TEE_SUCCESS) != owns(i, a[1], a[2], w, any)) {
			abort();
		}
		break;
	}
	case 9: case 10: case 11: /* cancellation flag / (un)mask: a u32 out */
		if ((r == XW_TEE_SUCCESS) != owns(i, a[0], 4, true, true)) {
			abort();
		}
		break;
	case 12:
		if (r != XW_TEE_SUCCESS && r != XW_TEE_ERROR_CANCEL) {
			abort();
		}
		break;
	case 13: /* get_time(cat, TEE_Time *) */
		if (r == XW_TEE_SUCCESS && !owns(i, a[1], 8, true, true)) {
			abort();
		}
		if (r == XW_TEE_ERROR_ACCESS_DENIED && owns(i, a[1], 8, true, true)) {
			abort();
		}
		break;
	case 14: /* set_ta_time(const TEE_Time *) */
		if (r == XW_TEE_SUCCESS && !owns(i, a[0], 8, false, true)) {
			abort();
		}
		break;
	case 33: /* random(buf, len) */
		if (a[1] != 0 && (r == XW_TEE_SUCCESS) != owns(i, a[0], a[1], true, true) &&
		    r != XW_TEE_ERROR_GENERIC) {
			abort();
		}
		break;
	case 5: /* open_ta_session(dest, to, params, sess *, orig *) */
		if (r != XW_TEE_ERROR_ACCESS_DENIED && (!owns(i, a[0], 16, false, true) ||
							!owns(i, a[3], 4, true, true))) {
			abort();
		}
		break;
	case 15: /* cryp_state_alloc(algo, mode, key1, key2, uint32_t *state) */
		if (r == XW_TEE_SUCCESS && !owns(i, a[4], 4, true, true)) {
			abort();
		}
		break;
	case 19: /* hash_update(state, chunk, len) */
		if (r == XW_TEE_SUCCESS && a[2] != 0 && !owns(i, a[1], a[2], false, true)) {
			abort();
		}
		break;
	case 20: { /* hash_final(state, chunk, len, hash, uint64_t *len): 32 bytes out */
		uint64_t n;

		if (r == XW_TEE_SUCCESS && ((a[2] != 0 && !owns(i, a[1], a[2], false, true)) ||
					    !owns(i, a[4], 8, true, true) || !owns(i, a[3], 32, true, true))) {
			abort();
		}
		if (r == XW_TEE_SUCCESS || r == XW_TEE_ERROR_SHORT_BUFFER) {
			memcpy(&n, (uint8_t *)xw_app_user(app, a[4], 8, XW_PROT_R), 8);
			if (n != 32) {
				abort(); /* the digest's size, or the size needed */
			}
		}
		break;
	}
	default:
		break;
	}
}

/* Ends an instance: its sessions closed through the call, its pages back. */
static void inst_end(unsigned int i)
{
	struct inst *in = &inst[i];
	int s;

	for (s = 0; s < MAX_HANDLES; s++) {
		if (in->handles[s] != 0) {
			in->ta.app.regs.x[0] = in->handles[s];
			in->ta.app.regs.x[8] = 6;
			if (xw_app_syscall(&in->ta.app) != 0 || in->ta.app.regs.x[0] != 0 ||
			    in->handles[s] != 0) {
				abort();
			}
		}
	}
	xw_app_release(&in->ta.app);
}

struct slice {
	unsigned int i;
	const uint8_t *d;
	size_t n;
};

static void *run(void *arg)
{
	const struct slice *s = arg;
	size_t off;

	cur = &inst[s->i];
	for (off = 0; off + REC <= s->n; off += REC) {
		one(s->i, s->d + off);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct slice s[NTA];
	unsigned int i;

	if (nedges == 0) {
		init();
	}
	for (i = 0; i < NTA; i++) {
		inst_new(i);
	}
	if (FUZZ_THREADS == 1) {
		s[0] = (struct slice){ 0, data, size };
		(void)run(&s[0]);
	} else {
		pthread_t th[NTA];
		size_t recs = size / REC, per = recs / NTA;

		for (i = 0; i < NTA; i++) {
			s[i] = (struct slice){ i, data + i * per * REC,
					       (i == NTA - 1 ? recs - i * per : per) * REC };
			if (pthread_create(&th[i], 0, run, &s[i]) != 0) {
				abort();
			}
		}
		for (i = 0; i < NTA; i++) {
			pthread_join(th[i], 0);
		}
	}
	for (i = 0; i < NTA; i++) {
		inst_end(i);
	}
	if (xw_pages_free_count() != free_start) {
		abort(); /* a page of some instance was not given back */
	}
	return 0;
}
