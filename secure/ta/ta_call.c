// SPDX-License-Identifier: BSD-2-Clause
/*
 * TA instances, sessions and calls (ta.h): open, invoke and close entered as
 * OP-TEE enters a TA (__ta_entry(func, session, struct utee_params *, cmd) in
 * x0..x3) on the calling secure thread, which holds the instance's claim for
 * the call; a client may be the normal world (the front end's hooks,
 * xw_ta_ops) or another TA (xw_ta_sess_*). Memref parameters are copied into
 * secure pages mapped in the TA for the call and copied back (outputs) when
 * it returns: the TA never sees normal-world memory, and the kernel never
 * reads a value the normal world can change.
 */
#include <string.h>

#include "ta_int.h"
#include "ta_str.h"

#include "xw/err.h"
#include "xw/optee_smc.h"

#define FUNC_OPEN      0U
#define FUNC_CLOSE     1U
#define FUNC_INVOKE    2U
#define UP_SIZE        72U  /* struct utee_params: types, then 4 x (a, b) */

static struct xw_ta tas[XW_TA_SLOTS];
static struct xw_ta_session sess[XW_OPTEE_SESSIONS];

/* A fresh instance of TA @uuid in a free slot; the calling thread @t holds its claim. */
static uint32_t instance_new(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			     struct xw_ta **out)
{
	struct xw_ta *ta = 0;
	unsigned int i;
	uint32_t ret;

	xw_optee_lock(o);
	for (i = 0; i < XW_TA_SLOTS && tas[i].used; i++) {
	}
	if (i < XW_TA_SLOTS) {
		ta = &tas[i];
		ta->used = true;
		ta->dead = false;
		ta->ending = false;
		ta->sessions = 1;
		ta->claim = (uint32_t)(t - o->t) + 1;
	}
	xw_optee_unlock(o);
	if (ta == 0) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	ta->o = o;
	ta->t = t;
	ret = xw_ta_load(ta, i, uuid);
	if (ret != XW_TEE_SUCCESS) {
		xw_optee_lock(o);
		ta->used = false;
		ta->claim = 0;
		xw_optee_unlock(o);
		return ret;
	}
	*out = ta;
	return XW_TEE_SUCCESS;
}

/* ---- calls ------------------------------------------------------------------------ */

/*
 * One call at a time per instance: a busy one makes us give the CPU back and
 * retry. False if this very thread holds it (a TA calling itself): BUSY.
 */
static bool claim(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *ta)
{
	uint32_t me = (uint32_t)(t - o->t) + 1, free_;

	for (;;) {
		free_ = 0;
		if (__atomic_compare_exchange_n(&ta->claim, &free_, me, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			return true;
		}
		if (free_ == me) {
			return false;
		}
		xw_optee_rpc(t, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
	}
}

static void unclaim(struct xw_ta *ta)
{
	ta->t = 0;
	__atomic_store_n(&ta->claim, 0, __ATOMIC_SEQ_CST);
}

static void foreign(void *ctx)
{
	xw_optee_rpc(ctx, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
}

/* GP parameter type of call parameter i (from @first): 0 none, 1-3 values, 5-7 memrefs. */
static uint32_t gp_type(const struct xw_optee_call *c, unsigned int first, unsigned int i)
{
	uint32_t t;

	if (first + i >= c->num_params) {
		return 0;
	}
	t = c->p[first + i].type;
	return (t >> 2) == 0 ? t : 4 | (t & 3);
}

/* The call parameters @first.. of a normal-world call, as TA parameters. */
static void params_from_call(struct xw_optee_call *c, unsigned int first, struct xw_ta_param p[4])
{
	unsigned int i;

	memset(p, 0, 4 * sizeof(p[0]));
	for (i = 0; i < 4; i++) {
		struct xw_optee_param *q = &c->p[first + i];

		p[i].type = gp_type(c, first, i);
		if (p[i].type >= 1 && p[i].type <= 3) {
			p[i].a = (uint32_t)q->value.a;
			p[i].b = (uint32_t)q->value.b;
		} else if (p[i].type >= 5) {
			p[i].size = q->mref.size;
			p[i].mref = q->mref.shm != 0 ? &q->mref : 0;
		}
	}
}

static void params_to_call(struct xw_optee_call *c, unsigned int first,
			   const struct xw_ta_param p[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		struct xw_optee_param *q = &c->p[first + i];

		if (p[i].type == 2 || p[i].type == 3) {
			q->value.a = p[i].a;
			q->value.b = p[i].b;
		} else if (p[i].type == 6 || p[i].type == 7) {
			q->mref.size = p[i].size;
		}
	}
}

static int param_in(const struct xw_ta_param *p, void *dst, uint64_t n)
{
	if (p->mref != 0) {
		return xw_optee_mref_read(p->mref, 0, dst, (size_t)n);
	}
	memcpy(dst, p->kbuf, n);
	return XW_OK;
}

static int param_out(const struct xw_ta_param *p, const void *src, uint64_t n)
{
	if (p->mref != 0) {
		return xw_optee_mref_write(p->mref, 0, src, (size_t)n);
	}
	memcpy(p->kbuf, src, n);
	return XW_OK;
}

/*
 * Enter @ta for @func with the parameters @p (memrefs copied into secure
 * pages at XW_TA_PARAM_VA + i * span, outputs copied back; values and
 * memref sizes updated in @p). The claim is held. Return: the TA's result;
 * TARGET_DEAD (origin TEE) if it died.
 */
static uint32_t enter(struct xw_ta *ta, struct xw_ta_session *s, uint32_t func, uint32_t cmd,
		      struct xw_ta_param p[4], uint32_t *origin)
{
	struct xw_app *app = &ta->app;
	uint64_t up[UP_SIZE / 8], types = 0, total = 0, pa, up_va, n;
	uint8_t *upk;
	uint32_t ret = XW_TEE_SUCCESS;
	unsigned int i;
	int rc;

	memset(up, 0, sizeof(up));
	for (i = 0; i < 4; i++) {
		types |= (uint64_t)p[i].type << (4 * i);
		if (p[i].type >= 1 && p[i].type <= 3) {
			up[1 + 2 * i] = (uint32_t)p[i].a;
			up[2 + 2 * i] = (uint32_t)p[i].b;
		} else if (p[i].type >= 5) {
			n = p[i].size;
			up[2 + 2 * i] = n;
			if (p[i].mref == 0 && p[i].kbuf == 0) {
				continue; /* a NULL memref: buffer NULL, the size as given */
			}
			up[1 + 2 * i] = XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN;
			if (n == 0) {
				continue;
			}
			total += n;
			if (n > XW_TA_PARAM_SPAN || total > XW_TA_PARAM_MAX) {
				xw_ta_log_code(ta->name, "memref parameters too large, bytes", total);
				ret = XW_TEE_ERROR_OUT_OF_MEMORY;
				break;
			}
			rc = xw_app_map_new(app, up[1 + 2 * i], xw_ta_pages_of(n), XW_PROT_R | XW_PROT_W,
					    XW_APP_MAP_PARAM, &pa);
			if (rc != XW_OK ||
			    ((p[i].type & 1) && param_in(&p[i], arch_app_kva(pa), n) != XW_OK)) {
				ret = rc != XW_OK ? XW_TEE_ERROR_OUT_OF_MEMORY : XW_TEE_ERROR_BAD_PARAMETERS;
				xw_ta_log_code(ta->name, "memref parameter not mapped: error", (uint64_t)(int64_t)rc);
				break;
			}
		}
	}
	up[0] = types;
	up_va = ta->stack_top - 80; /* 16-aligned, the struct above the TA's stack */
	upk = xw_app_user(app, up_va, UP_SIZE, XW_PROT_W);
	if (ret == XW_TEE_SUCCESS && upk == 0) {
		ret = XW_TEE_ERROR_TARGET_DEAD; /* no stack: never an instance a session may reach */
	}
	if (ret != XW_TEE_SUCCESS) {
		*origin = XW_TEEC_ORIGIN_TEE;
		goto out;
	}
	memcpy(upk, up, UP_SIZE);
	memset(&app->regs, 0, sizeof(app->regs));
	app->regs.x[0] = func;
	app->regs.x[1] = s->id;
	app->regs.x[2] = up_va;
	app->regs.x[3] = cmd;
	app->regs.sp = up_va;
	app->regs.elr = ta->entry;
	app->regs.spsr = arch_app_spsr_el0();
	ta->login = s->login;
	memcpy(ta->client_uuid, s->client_uuid, 16);
	ta->cancel_masked = s->cancel_masked;
	if (xw_app_call(app, foreign, ta->t) != XW_OK) {
		ta->dead = true;
		*origin = XW_TEEC_ORIGIN_TEE;
		return XW_TEE_ERROR_TARGET_DEAD; /* its memory (parameter copies too) is gone */
	}
	s->cancel_masked = ta->cancel_masked;
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	ret = ta->ret;
	/* Results: from our own copy of what the TA left, by the types we gave it. */
	upk = xw_app_user(app, up_va, UP_SIZE, XW_PROT_R);
	if (upk == 0) {
		goto out;
	}
	memcpy(up, upk, UP_SIZE);
	for (i = 0; i < 4; i++) {
		if (p[i].type == 2 || p[i].type == 3) {
			p[i].a = (uint32_t)up[1 + 2 * i];
			p[i].b = (uint32_t)up[2 + 2 * i];
		} else if (p[i].type == 6 || p[i].type == 7) {
			n = up[2 + 2 * i];
			if ((p[i].mref != 0 || p[i].kbuf != 0) && n != 0 && n <= p[i].size) {
				const uint8_t *src = xw_app_user(app, XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN,
								 n, XW_PROT_R);

				if (src == 0 || param_out(&p[i], src, n) != XW_OK) {
					ret = XW_TEE_ERROR_BAD_PARAMETERS;
				}
			}
			p[i].size = n; /* larger than given: the size the TA needs (SHORT_BUFFER) */
		}
	}
out:
	for (i = 0; i < 4; i++) {
		(void)xw_app_unmap_at(app, XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN);
	}
	return ret;
}

/*
 * One session fewer (o->lock held). True if that was the last one and the
 * instance ends: it is marked "ending" under the lock, so that no open finds
 * it any more while its memory goes back (open_core's lookup).
 */
static bool ends_with_last(struct xw_ta *ta)
{
	if (--ta->sessions != 0 || !(ta->dead || !(ta->flags & XW_TA_FLAG_INSTANCE_KEEP_ALIVE) ||
				     !(ta->flags & XW_TA_FLAG_SINGLE_INSTANCE))) {
		return false;
	}
	ta->ending = true;
	return true;
}

/* The instance goes (its slot is free again); the caller holds its claim, no session is left. */
static void instance_end(struct xw_optee *o, struct xw_ta *ta)
{
	if (!ta->dead) {
		xw_app_release(&ta->app);
	}
	xw_optee_lock(o);
	ta->used = false;
	ta->claim = 0;
	ta->t = 0;
	xw_optee_unlock(o);
}

/* A free session slot for @owner (NULL: the normal world), or NULL. Caller holds o's lock. */
static struct xw_ta_session *sess_alloc(struct xw_ta *owner)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (!sess[i].used) {
			sess[i].used = true;
			sess[i].ta = 0;
			sess[i].owner = owner;
			return &sess[i];
		}
	}
	return 0;
}

/*
 * A session to TA @uuid for a client (@owner NULL: the normal world) with
 * @login/@client: an instance to share (single-instance, multi-session) or a
 * new one, then its open entry with @p.
 */
static uint32_t open_core(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			  uint32_t session, struct xw_ta *owner, uint32_t login,
			  const uint8_t client[16], uint64_t cancel_at, struct xw_ta_param p[4],
			  uint32_t *origin, struct xw_ta_session **out)
{
	struct xw_ta *ta = 0;
	struct xw_ta_session *s = 0;
	unsigned int i;
	uint32_t ret;
	bool last;

	*origin = XW_TEEC_ORIGIN_TEE;
	xw_optee_lock(o);
	s = sess_alloc(owner);
	/* A live single-instance TA serves every session (if it allows several). */
	for (i = 0; s != 0 && i < XW_TA_SLOTS; i++) {
		if (tas[i].used && !tas[i].dead && !tas[i].ending &&
		    xw_ta_memeq(tas[i].uuid, uuid, 16) && (tas[i].flags & XW_TA_FLAG_SINGLE_INSTANCE)) {
			ta = &tas[i];
			break;
		}
	}
	if (ta != 0 && !(ta->flags & XW_TA_FLAG_MULTI_SESSION)) {
		s->used = false;
		xw_optee_unlock(o);
		return XW_TEE_ERROR_BUSY;
	}
	if (ta != 0) {
		ta->sessions++;
	}
	xw_optee_unlock(o);
	if (s == 0) {
		return XW_TEE_ERROR_BUSY;
	}
	if (ta != 0) {
		if (!claim(o, t, ta)) {
			xw_optee_lock(o);
			ta->sessions--;
			s->used = false;
			xw_optee_unlock(o);
			return XW_TEE_ERROR_BUSY;
		}
		ta->o = o;
		ta->t = t;
	} else {
		ret = instance_new(o, t, uuid, &ta);
		if (ret != XW_TEE_SUCCESS) {
			s->used = false;
			return ret;
		}
	}
	s->ta = ta;
	/*
	 * The id the TA knows the session by: the front end's for a client's, a
	 * fresh one from the same counter for a TA's (a single instance serves
	 * both: their ids must not meet in libutee's session list).
	 */
	if (session == 0) {
		xw_optee_lock(o);
		do {
			o->next_session++;
		} while (o->next_session == 0);
		session = o->next_session;
		xw_optee_unlock(o);
	}
	s->id = session;
	s->login = login;
	memcpy(s->client_uuid, client, 16);
	s->cancel_masked = true; /* GP: cancellation is masked when a session starts */
	ta->cancel_at_ms = cancel_at;
	ret = ta->dead ? XW_TEE_ERROR_TARGET_DEAD : enter(ta, s, FUNC_OPEN, 0, p, origin);
	ta->cancel_at_ms = 0;
	if (ret == XW_TEE_SUCCESS) {
		unclaim(ta);
		*out = s;
		return ret;
	}
	xw_optee_lock(o);
	last = ends_with_last(ta);
	s->used = false;
	xw_optee_unlock(o);
	if (last) {
		instance_end(o, ta);
	} else {
		unclaim(ta);
	}
	return ret;
}

static uint32_t ta_open(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			uint32_t session, struct xw_optee_call *c, uint32_t *origin, void **out)
{
	struct xw_ta_session *s = 0;
	struct xw_ta_param p[4];
	uint8_t client[16];
	unsigned int i;
	uint32_t ret;

	/* The client's identity: meta parameter 1 (its UUID in a, b; the login method in c). */
	for (i = 0; i < 8; i++) {
		client[i] = (uint8_t)(c->p[1].value.a >> (8 * i));
		client[8 + i] = (uint8_t)(c->p[1].value.b >> (8 * i));
	}
	params_from_call(c, 2, p);
	ret = open_core(o, t, uuid, session, 0, (uint32_t)c->p[1].value.c, client, 0, p, origin,
			&s);
	params_to_call(c, 2, p);
	if (ret == XW_TEE_SUCCESS) {
		*out = s;
	}
	return ret;
}

static uint32_t ta_invoke(struct xw_optee *o, struct xw_optee_thread *t, void *h,
			  struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_ta_session *s = h;
	struct xw_ta *ta = s->ta;
	struct xw_ta_param p[4];
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (ta->dead) {
		return XW_TEE_ERROR_TARGET_DEAD;
	}
	if (!claim(o, t, ta)) {
		return XW_TEE_ERROR_BUSY;
	}
	ta->o = o;
	ta->t = t;
	params_from_call(c, 0, p);
	ret = ta->dead ? XW_TEE_ERROR_TARGET_DEAD : enter(ta, s, FUNC_INVOKE, c->func, p, origin);
	params_to_call(c, 0, p);
	unclaim(ta);
	return ret;
}

static void sessions_of_close(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *owner);

/* Session @s ends: the TA's close entry (if it lives), and the instance when it was the last. */
static void close_core(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta_session *s)
{
	struct xw_ta *ta = s->ta;
	struct xw_ta_param p[4];
	uint32_t origin;
	bool last;

	if (ta == 0) {
		xw_optee_lock(o);
		s->used = false; /* the system pseudo-TA: nothing to end */
		xw_optee_unlock(o);
		return;
	}
	if (!claim(o, t, ta)) {
		return; /* a TA closing a session to itself: cannot happen (the open was BUSY) */
	}
	ta->o = o;
	ta->t = t;
	if (!ta->dead) {
		memset(p, 0, sizeof(p));
		(void)enter(ta, s, FUNC_CLOSE, 0, p, &origin);
	}
	xw_optee_lock(o);
	last = ends_with_last(ta);
	s->used = false;
	xw_optee_unlock(o);
	if (last) {
		sessions_of_close(o, t, ta); /* the sessions it opened itself end with it */
		instance_end(o, ta);
	} else {
		unclaim(ta);
	}
}

/* Every session @owner opened (it ends): closed. */
static void sessions_of_close(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *owner)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (sess[i].used && sess[i].owner == owner) {
			close_core(o, t, &sess[i]);
		}
	}
}

static void ta_close(struct xw_optee *o, struct xw_optee_thread *t, void *h)
{
	close_core(o, t, h);
}

static struct xw_ta_session *handle_of(struct xw_ta *caller, uint32_t h)
{
	struct xw_ta_session *s;

	if (h == 0 || h > XW_OPTEE_SESSIONS) {
		return 0;
	}
	s = &sess[h - 1];
	return s->used && s->owner == caller ? s : 0;
}

static uint64_t deadline(uint32_t timeout_ms)
{
	return timeout_ms == 0xffffffffU ? 0 : xw_ta_now_ms() + timeout_ms + 1;
}

uint32_t xw_ta_sess_open(struct xw_ta *caller, const uint8_t uuid[16], uint32_t timeout_ms,
			 struct xw_ta_param p[4], uint32_t *handle, uint32_t *origin)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = 0;
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (xw_ta_is_system(uuid)) {
		xw_optee_lock(o);
		s = sess_alloc(caller);
		if (s != 0) {
			s->id = (uint32_t)(s - sess) + 1;
		}
		xw_optee_unlock(o);
		if (s == 0) {
			return XW_TEE_ERROR_BUSY;
		}
		*handle = s->id;
		*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
		return XW_TEE_SUCCESS;
	}
	ret = open_core(o, t, uuid, 0, caller, 0xf0000000U /* TEE_LOGIN_TRUSTED_APP */,
			caller->uuid, deadline(timeout_ms), p, origin, &s);
	/* The caller runs on: its claim is this thread's again (open_core took the callee's). */
	caller->t = t;
	caller->o = o;
	if (ret == XW_TEE_SUCCESS) {
		*handle = (uint32_t)(s - sess) + 1; /* the caller's handle: our slot */
	}
	return ret;
}

uint32_t xw_ta_sess_invoke(struct xw_ta *caller, uint32_t handle, uint32_t timeout_ms, uint32_t cmd,
			   struct xw_ta_param p[4], uint32_t *origin)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = handle_of(caller, handle);
	struct xw_ta *ta;
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (s == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (s->ta == 0) {
		*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
		ret = xw_ta_system_invoke(caller, cmd, p);
		if (ret != XW_TEE_SUCCESS) {
			xw_ta_log_code(caller->name, "system PTA command", cmd);
		}
		return ret;
	}
	ta = s->ta;
	if (ta->dead) {
		return XW_TEE_ERROR_TARGET_DEAD;
	}
	if (!claim(o, t, ta)) {
		return XW_TEE_ERROR_BUSY;
	}
	ta->o = o;
	ta->t = t;
	ta->cancel_at_ms = deadline(timeout_ms);
	ret = enter(ta, s, FUNC_INVOKE, cmd, p, origin);
	ta->cancel_at_ms = 0;
	unclaim(ta);
	caller->t = t;
	caller->o = o;
	return ret;
}

uint32_t xw_ta_sess_close(struct xw_ta *caller, uint32_t handle)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = handle_of(caller, handle);

	if (s == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	close_core(o, t, s);
	caller->t = t;
	caller->o = o;
	return XW_TEE_SUCCESS;
}

/*
 * A session whose guest is gone (o->lock held; none of its calls runs): no
 * close entry runs. The instance ends with its last session, unless a call
 * of another client runs in it (that call's close ends it later). A claim
 * still held by a thread the drop abandoned (now free) is stale: released.
 */
static void ta_drop(struct xw_optee *o, void *h)
{
	struct xw_ta_session *s = h;
	struct xw_ta *ta = s->ta;
	uint32_t c;

	s->used = false;
	if (ta == 0 || !ends_with_last(ta)) {
		return;
	}
	c = __atomic_load_n(&ta->claim, __ATOMIC_SEQ_CST);
	if (c != 0 && c <= XW_OPTEE_THREADS && o->t[c - 1].state == XW_OT_FREE) {
		__atomic_store_n(&ta->claim, 0, __ATOMIC_SEQ_CST);
		c = 0;
	}
	/* Claimed by a live thread (a nested call of another client): that slot stays (rare). */
	if (c == 0) {
		/* Its own sessions to other TAs are left to their owners' ends (no thread here). */
		if (!ta->dead) {
			xw_app_release(&ta->app);
		}
		ta->used = false;
		ta->t = 0;
	}
}

const struct xw_optee_ta_ops xw_ta_ops = {
	.open = ta_open,
	.invoke = ta_invoke,
	.close = ta_close,
	.drop = ta_drop,
};

