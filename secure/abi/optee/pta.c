// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sessions and the built-in services (pseudo-TAs), found by UUID:
 *  - device enumeration (the UUID the Linux driver probes): the RNG service
 *    when the entropy pool has a source, else no devices;
 *  - the Crossworld test service (docs/optee.md lists its commands);
 *  - the RNG service for Linux's optee-rng driver (pta_rng.c, docs/entropy.md).
 * A session in use by a call is never freed under it: close marks it
 * closing and the last call frees it.
 */
#include "optee.h"

#include "../../services/rng_pool.h"
#include "xw/err.h"
#include "xw/optee_pta.h"
#include "xw/optee_smc.h"

enum { PTA_DEVENUM, PTA_TEST, PTA_RNG, PTA_COUNT };

static const uint8_t pta_uuid[PTA_COUNT][16] = {
	[PTA_DEVENUM] = XW_PTA_DEVENUM_UUID,
	[PTA_TEST] = XW_PTA_TEST_UUID,
	[PTA_RNG] = XW_PTA_RNG_UUID,
};

/* The RNG service exists only while the entropy pool has a source. */
static bool pta_present(unsigned int k)
{
	return k != PTA_RNG || xw_rng_pool_available(&xw_rng_main);
}

#define T_NONE  XW_OMSG_ATTR_NONE
#define T_VIN   XW_OMSG_ATTR_VALUE_IN
#define T_VOUT  XW_OMSG_ATTR_VALUE_OUT
#define T_MIN   1U /* memref directions, from type & 3 */
#define T_MOUT  2U
#define T_MINOUT 3U
#define CHUNK   1024U

/* Type of TA parameter i as the service sees it: values as is, memrefs by direction. */
static uint32_t ptype(const struct xw_optee_call *c, unsigned int first, unsigned int i)
{
	const struct xw_optee_param *p;

	if (first + i >= c->num_params) {
		return T_NONE;
	}
	p = &c->p[first + i];
	return (p->type >> 2) == 0 ? p->type : 0x10 | (p->type & 3);
}

static bool types_are(const struct xw_optee_call *c, unsigned int first, uint32_t t0,
		      uint32_t t1)
{
	unsigned int i;

	for (i = 2; i < 4; i++) {
		if (ptype(c, first, i) != T_NONE) {
			return false;
		}
	}
	return ptype(c, first, 0) == t0 && ptype(c, first, 1) == t1 &&
	       c->num_params <= first + 4;
}

#define MREF(d) (0x10 | (d))

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++) {
			crc = (crc >> 1) ^ (0xedb88320U & (0U - (crc & 1U)));
		}
	}
	return crc;
}

/*
 * Long copies give the CPU back whenever the normal world has an interrupt
 * waiting (the secure kernel runs with interrupts masked). The call keeps its
 * memrefs' references across the RPC: an unregister meanwhile is deferred.
 */
static void poll_foreign(struct xw_optee_thread *t)
{
	if (arch_foreign_pending()) {
		xw_optee_rpc(t, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
	}
}

static uint32_t test_invoke(struct xw_optee *o, struct xw_optee_thread *t,
			    struct xw_optee_session *s, struct xw_optee_call *c)
{
	struct xw_optee_param *p0 = &c->p[0], *p1 = &c->p[1];
	uint8_t buf[CHUNK];
	uint64_t off, n, end, now;
	uint32_t crc;
	struct xw_optee_stats st;

	switch (c->func) {
	case XW_PTA_TEST_CMD_ADD:
		if (!types_are(c, 0, T_VIN, T_VOUT)) {
			break;
		}
		p1->value.a = p0->value.a + p0->value.b;
		p1->value.b = ++s->counter;
		p1->value.c = p0->value.c;
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_FILL:
		if (!types_are(c, 0, MREF(T_MOUT), T_VIN)) {
			break;
		}
		for (off = 0; off < p0->mref.size; off += n) {
			n = p0->mref.size - off < CHUNK ? p0->mref.size - off : CHUNK;
			poll_foreign(t);
			for (end = 0; end < n; end++) {
				buf[end] = (uint8_t)(p1->value.a + off + end);
			}
			if (xw_optee_mref_write(&p0->mref, off, buf, (size_t)n) != XW_OK) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
		}
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_INC:
		if (!types_are(c, 0, MREF(T_MINOUT), T_NONE)) {
			break;
		}
		for (off = 0; off < p0->mref.size; off += n) {
			n = p0->mref.size - off < CHUNK ? p0->mref.size - off : CHUNK;
			poll_foreign(t);
			if (xw_optee_mref_read(&p0->mref, off, buf, (size_t)n) != XW_OK) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
			for (end = 0; end < n; end++) {
				buf[end]++;
			}
			xw_optee_mref_write(&p0->mref, off, buf, (size_t)n);
		}
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_CRC32:
		if (!types_are(c, 0, MREF(T_MIN), T_VOUT)) {
			break;
		}
		crc = 0xffffffffU;
		for (off = 0; off < p0->mref.size; off += n) {
			n = p0->mref.size - off < CHUNK ? p0->mref.size - off : CHUNK;
			poll_foreign(t);
			if (xw_optee_mref_read(&p0->mref, off, buf, (size_t)n) != XW_OK) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
			crc = crc32_update(crc, buf, (size_t)n);
		}
		p1->value.a = ~crc;
		p1->value.b = p0->mref.size;
		p1->value.c = 0;
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_COPY:
		if (!types_are(c, 0, MREF(T_MIN), MREF(T_MOUT))) {
			break;
		}
		if (p1->mref.size < p0->mref.size) {
			p1->mref.size = p0->mref.size; /* the size it needs */
			return XW_TEEC_ERROR_SHORT_BUFFER;
		}
		for (off = 0; off < p0->mref.size; off += n) {
			n = p0->mref.size - off < CHUNK ? p0->mref.size - off : CHUNK;
			poll_foreign(t);
			if (xw_optee_mref_read(&p0->mref, off, buf, (size_t)n) != XW_OK ||
			    xw_optee_mref_write(&p1->mref, off, buf, (size_t)n) != XW_OK) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
		}
		p1->mref.size = p0->mref.size;
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_WAIT:
		if (!types_are(c, 0, T_VIN, T_VOUT) || p0->value.a > 60000) {
			break;
		}
		/* Busy for a0 ms, giving the CPU back whenever the normal world has an IRQ. */
		now = arch_now();
		end = now + p0->value.a * (arch_now_freq() / 1000);
		while (arch_now() < end) {
			if (__atomic_load_n(&t->cancel, __ATOMIC_RELAXED)) {
				p1->value.a = t->foreign_rpcs;
				return XW_TEEC_ERROR_CANCEL;
			}
			if (arch_foreign_pending()) {
				xw_optee_rpc(t, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
			}
		}
		p1->value.a = t->foreign_rpcs;
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_STATS:
		if (!types_are(c, 0, T_VOUT, T_VOUT) && !types_are(c, 0, T_VOUT, T_NONE)) {
			break;
		}
		xw_optee_get_stats(o, &st);
		p0->value.a = st.sessions;
		p0->value.b = st.shm_objs;
		p0->value.c = st.threads;
		p1->value.a = st.busy;
		p1->value.b = st.foreign_rpcs;
		p1->value.c = st.calls;
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_TIME:
		if (!types_are(c, 0, T_VOUT, T_NONE)) {
			break;
		}
		if (xw_optee_rpc_get_time(o, t, &p0->value.a, &p0->value.b) != XW_OK) {
			return XW_TEEC_ERROR_COMMUNICATION;
		}
		return XW_TEEC_SUCCESS;
	case XW_PTA_TEST_CMD_NOP:
		return XW_TEEC_SUCCESS;
	default:
		return XW_TEEC_ERROR_NOT_SUPPORTED;
	}
	return XW_TEEC_ERROR_BAD_PARAMETERS;
}

static uint32_t devenum_invoke(struct xw_optee_call *c)
{
	if (c->func > XW_PTA_DEVENUM_CMD_MAX) {
		return XW_TEEC_ERROR_NOT_SUPPORTED;
	}
	if (c->num_params < 1 || ptype(c, 0, 0) != MREF(T_MOUT)) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	/*
	 * GET_DEVICES lists the services that need no supplicant: the RNG
	 * service's UUID (16 octets) when it is present. The other two lists
	 * are empty. A buffer too small gets SHORT_BUFFER and the size needed
	 * (the driver asks with none first).
	 */
	if (c->func != XW_PTA_DEVENUM_CMD_GET_DEVICES || !pta_present(PTA_RNG)) {
		c->p[0].mref.size = 0;
		return XW_TEEC_SUCCESS;
	}
	if (c->p[0].mref.shm == 0 || c->p[0].mref.size < 16) {
		c->p[0].mref.size = 16;
		return XW_TEEC_ERROR_SHORT_BUFFER;
	}
	if (xw_optee_mref_write(&c->p[0].mref, 0, pta_uuid[PTA_RNG], 16) != XW_OK) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	c->p[0].mref.size = 16;
	return XW_TEEC_SUCCESS;
}

/* @g's session @id: another guest's session is "not found", never a way in. */
static struct xw_optee_session *session_get(struct xw_optee *o, struct xw_guest *g, uint32_t id)
{
	struct xw_optee_session *r = 0;
	unsigned int i;

	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (o->s[i].used && !o->s[i].closing && o->s[i].id == id && o->s[i].guest == g) {
			r = &o->s[i];
			r->refs++;
			break;
		}
	}
	xw_optee_unlock(o);
	return r;
}

static void session_put(struct xw_optee *o, struct xw_optee_session *s)
{
	struct xw_guest *g = s->guest;
	bool freed;

	xw_optee_lock(o);
	freed = --s->refs == 0 && s->closing;
	if (freed) {
		s->used = false;
		s->guest = 0;
	}
	xw_optee_unlock(o);
	if (freed) {
		xw_guest_uncharge(g, XW_GRES_SESSIONS, 1);
	}
}

void xw_optee_sessions_drop(struct xw_optee *o, struct xw_guest *g)
{
	unsigned int i;

	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (o->s[i].used && o->s[i].guest == g) {
			/* A trusted application's session ends without its close entry. */
			if (o->s[i].pta == XW_OPTEE_PTA_TA && o->s[i].ta != 0) {
				o->ta_ops->drop(o, o->s[i].ta);
				o->s[i].ta = 0;
			}
			/* References of abandoned calls die with them. */
			o->s[i].used = false;
			o->s[i].refs = 0;
			o->s[i].guest = 0;
		}
	}
	xw_optee_unlock(o);
}

static bool uuid_eq(const uint8_t *a, const uint8_t *b)
{
	unsigned int i;

	for (i = 0; i < 16 && a[i] == b[i]; i++) {
	}
	return i == 16;
}

static uint32_t open_session(struct xw_optee *o, struct xw_optee_thread *t,
			     struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_guest *g = t->guest;
	uint8_t uuid[16];
	unsigned int i, k;
	uint32_t ret, id;
	void *ta = 0;

	/* The UUID's 16 octets are params[0].u.value.a..b, in memory order. */
	for (i = 0; i < 8; i++) {
		uuid[i] = (uint8_t)(c->p[0].value.a >> (8 * i));
		uuid[8 + i] = (uint8_t)(c->p[0].value.b >> (8 * i));
	}
	for (k = 0; k < PTA_COUNT && !(uuid_eq(uuid, pta_uuid[k]) && pta_present(k)); k++) {
	}
	if (k == PTA_COUNT && o->ta_ops == 0) {
		return XW_TEEC_ERROR_ITEM_NOT_FOUND;
	}
	if (c->num_params > 2 + 4) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	if (xw_guest_charge(g, XW_GRES_SESSIONS, 1) != XW_OK) {
		return XW_TEEC_ERROR_BUSY; /* this guest's limit; the others are not affected */
	}
	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_SESSIONS && o->s[i].used; i++) {
	}
	if (i == XW_OPTEE_SESSIONS) {
		xw_optee_unlock(o);
		xw_guest_uncharge(g, XW_GRES_SESSIONS, 1);
		return XW_TEEC_ERROR_BUSY;
	}
	o->s[i].used = true;
	o->s[i].guest = g;
	/* A trusted application's session is invisible until its open succeeded. */
	o->s[i].closing = k == PTA_COUNT;
	o->s[i].refs = 0;
	o->s[i].pta = k == PTA_COUNT ? XW_OPTEE_PTA_TA : k;
	o->s[i].counter = 0;
	o->s[i].ta = 0;
	do {
		o->next_session++;
	} while (o->next_session == 0);
	o->s[i].id = id = o->next_session;
	xw_optee_unlock(o);
	if (k < PTA_COUNT) {
		c->session = id;
		return XW_TEEC_SUCCESS;
	}
	/* No lock across the TA's open: it loads the TA (RPCs) and runs it. */
	ret = o->ta_ops->open(o, t, uuid, id, c, origin, &ta);
	xw_optee_lock(o);
	if (ret == XW_TEEC_SUCCESS) {
		o->s[i].ta = ta;
		o->s[i].closing = false;
		c->session = id;
	} else {
		o->s[i].used = false;
		o->s[i].guest = 0;
	}
	xw_optee_unlock(o);
	if (ret != XW_TEEC_SUCCESS) {
		xw_guest_uncharge(g, XW_GRES_SESSIONS, 1);
	}
	return ret;
}

uint32_t xw_optee_pta_call(struct xw_optee *o, struct xw_optee_thread *t,
			   struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_optee_session *s;
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (c->cmd == XW_OMSG_CMD_OPEN_SESSION) {
		return open_session(o, t, c, origin);
	}
	s = session_get(o, t->guest, c->session);
	if (!s) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	if (c->cmd == XW_OMSG_CMD_CLOSE_SESSION) {
		if (s->pta == XW_OPTEE_PTA_TA) {
			o->ta_ops->close(o, t, s->ta);
		}
		xw_optee_lock(o);
		s->closing = true; /* freed now or by the last call using it */
		xw_optee_unlock(o);
		session_put(o, s);
		return XW_TEEC_SUCCESS;
	}
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	if (c->num_params > 4) {
		ret = XW_TEEC_ERROR_BAD_PARAMETERS;
	} else if (s->pta == XW_OPTEE_PTA_TA) {
		ret = o->ta_ops->invoke(o, t, s->ta, c, origin);
	} else if (s->pta == PTA_DEVENUM) {
		ret = devenum_invoke(c);
	} else if (s->pta == PTA_RNG) {
		ret = xw_optee_pta_rng_invoke(c);
	} else {
		ret = test_invoke(o, t, s, c);
	}
	session_put(o, s);
	return ret;
}
