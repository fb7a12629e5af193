// SPDX-License-Identifier: BSD-2-Clause
/*
 * A standard call, as a secure thread serves it: the argument structure is
 * copied once from normal-world memory, decoded from the private copy
 * (msg.c), its command run - open/invoke/close with their memrefs bound to
 * shm objects (pta.c runs the service), cancel, register/unregister shm
 * (shm.c) - and the results encoded into the private bytes and copied back
 * once.
 */
#include <string.h>

#include "optee.h"

#include "../../core/nsmem.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#define PAGE        XW_OMSG_PAGE_SIZE

/* ---- normal-world memory: copy in once, copy out once ------------------- */

int xw_optee_ns_copy(uint64_t pa, void *buf, size_t len, bool in)
{
	uint64_t base = pa & ~(uint64_t)(PAGE - 1);
	uint64_t span;
	void *va;
	int rc;

	if (len == 0 || pa + len < pa) {
		return XW_EFAULT;
	}
	span = (pa + len - base + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	rc = xw_ns_map(base, span, &va);
	if (rc != XW_OK) {
		return XW_EFAULT;
	}
	if (in) {
		memcpy(buf, (uint8_t *)va + (pa - base), len);
	} else {
		memcpy((uint8_t *)va + (pa - base), buf, len);
	}
	xw_ns_unmap(va, span);
	return XW_OK;
}

/* ---- message commands --------------------------------------------------- */

static uint32_t teec_from(int rc)
{
	switch (rc) {
	case XW_OK:
		return XW_TEEC_SUCCESS;
	case XW_ENOMEM:
		return XW_TEEC_ERROR_OUT_OF_MEMORY;
	case XW_ENOENT:
		return XW_TEEC_ERROR_ITEM_NOT_FOUND;
	default:
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
}

/* Memrefs of a call: look up or create their objects; take references. */
static uint32_t bind_mrefs(struct xw_optee *o, struct xw_guest *g, struct xw_optee_call *c,
			   unsigned int first)
{
	unsigned int i;
	int rc;

	for (i = first; i < c->num_params; i++) {
		struct xw_optee_param *p = &c->p[i];
		uint32_t kind = p->type >> 2;

		if (kind == 1) { /* RMEM */
			struct xw_optee_shm *s = xw_optee_shm_get(o, g, p->shm_ref);

			if (!s) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
			p->mref.shm = s;
			p->mref.offs = p->rmem_offs;
			if (p->rmem_offs > s->size || p->mref.size > s->size - p->rmem_offs) {
				return XW_TEEC_ERROR_BAD_PARAMETERS;
			}
		} else if (kind == 2 && p->tmem_pa != 0 && p->mref.size != 0) { /* TMEM */
			rc = p->noncontig ?
				xw_optee_shm_register(o, g, p->tmem_pa, p->mref.size, 0, true,
						      &p->mref.shm) :
				xw_optee_shm_contig(o, g, p->tmem_pa, p->mref.size, &p->mref.shm);
			if (rc != XW_OK) {
				p->mref.shm = 0;
				return teec_from(rc);
			}
		}
		/* TMEM with address 0 (or size 0): a NULL memref, shm stays 0. */
	}
	return XW_TEEC_SUCCESS;
}

static void unbind_mrefs(struct xw_optee *o, struct xw_optee_call *c)
{
	unsigned int i;

	for (i = 0; i < c->num_params; i++) {
		if (c->p[i].mref.shm) {
			xw_optee_shm_put(o, c->p[i].mref.shm);
			c->p[i].mref.shm = 0;
		}
	}
}

static void cancel(struct xw_optee *o, const struct xw_guest *g, const struct xw_optee_call *c)
{
	unsigned int i;

	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		struct xw_optee_thread *t = &o->t[i];

		if (t->state != XW_OT_FREE && t->guest == g && t->session == c->session &&
		    t->cancel_id == c->cancel_id) {
			__atomic_store_n(&t->cancel, true, __ATOMIC_RELAXED);
		}
	}
	xw_optee_unlock(o);
}

static uint32_t do_command(struct xw_optee *o, struct xw_optee_thread *t,
			   struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_optee_shm *s;
	uint32_t ret;
	int rc;

	*origin = XW_TEEC_ORIGIN_TEE;
	switch (c->cmd) {
	case XW_OMSG_CMD_OPEN_SESSION:
	case XW_OMSG_CMD_INVOKE:
	case XW_OMSG_CMD_CLOSE_SESSION:
		/*
		 * Under the lock: a CANCEL on another CPU reads these of every
		 * busy thread (cancel()); unlocked, the two raced (found by the
		 * threaded fuzzer's TSan build).
		 */
		xw_optee_lock(o);
		t->session = c->session;
		t->cancel_id = c->cancel_id;
		xw_optee_unlock(o);
		ret = bind_mrefs(o, t->guest, c, c->cmd == XW_OMSG_CMD_OPEN_SESSION ? 2 : 0);
		if (ret == XW_TEEC_SUCCESS) {
			ret = xw_optee_pta_call(o, t, c, origin);
		}
		unbind_mrefs(o, c);
		return ret;
	case XW_OMSG_CMD_CANCEL:
		cancel(o, t->guest, c);
		return XW_TEEC_SUCCESS;
	case XW_OMSG_CMD_REGISTER_SHM:
		if (c->num_params != 1 || (c->p[0].type >> 2) != 2) {
			return XW_TEEC_ERROR_BAD_PARAMETERS;
		}
		rc = c->p[0].noncontig ?
			xw_optee_shm_register(o, t->guest, c->p[0].tmem_pa, c->p[0].mref.size,
					      c->p[0].shm_ref, false, &s) :
			XW_EINVAL; /* contiguous registration: not offered (the driver never asks) */
		return teec_from(rc);
	case XW_OMSG_CMD_UNREGISTER_SHM:
		if (c->num_params != 1 || (c->p[0].type >> 2) != 1) {
			return XW_TEEC_ERROR_BAD_PARAMETERS;
		}
		return teec_from(xw_optee_shm_unregister(o, t->guest, c->p[0].shm_ref));
	default:
		return XW_TEEC_ERROR_NOT_SUPPORTED;
	}
}

/* Results back into the private bytes, then one copy out. */
static void encode_results(uint8_t *raw, const struct xw_optee_call *c, uint32_t ret,
			   uint32_t origin)
{
	unsigned int i;

	xw_optee_put32(raw + 8, c->session);
	xw_optee_put32(raw + 20, ret);
	xw_optee_put32(raw + 24, origin);
	for (i = 0; i < c->num_params; i++) {
		uint8_t *p = raw + XW_OMSG_ARG_SIZE(i);
		const struct xw_optee_param *q = &c->p[i];

		if (q->type == XW_OMSG_ATTR_VALUE_OUT || q->type == XW_OMSG_ATTR_VALUE_INOUT) {
			xw_optee_put64(p + 8, q->value.a);
			xw_optee_put64(p + 16, q->value.b);
			xw_optee_put64(p + 24, q->value.c);
		} else if ((q->type >> 2) != 0 && (q->type & 2) != 0) {
			xw_optee_put64(p + 16, q->mref.size); /* output memrefs: the size written */
		}
	}
}

uint32_t xw_optee_serve(struct xw_optee *o, struct xw_optee_thread *t)
{
	uint8_t raw[XW_OMSG_ARG_SIZE(XW_OPTEE_MAX_PARAMS)];
	struct xw_optee_call c;
	uint64_t pa = t->arg_pa;
	size_t len = sizeof(raw);
	uint32_t ret, origin = XW_TEEC_ORIGIN_COMMS;
	uint32_t nparams;
	int rc;

	if ((pa & 7) != 0) {
		return XW_OPTEE_RET_EBADADDR;
	}
	/* One copy when the largest argument fits in the page; else header first. */
	if ((pa & (PAGE - 1)) + len > PAGE) {
		if (xw_optee_ns_copy(pa, raw, sizeof(struct xw_omsg_arg), true) != XW_OK) {
			return XW_OPTEE_RET_EBADADDR;
		}
		memcpy(&nparams, raw + 28, 4);
		len = XW_OMSG_ARG_SIZE(nparams <= XW_OPTEE_MAX_PARAMS ? nparams : 0);
	}
	if (xw_optee_ns_copy(pa, raw, len, true) != XW_OK) {
		return XW_OPTEE_RET_EBADADDR;
	}
	rc = xw_optee_decode_arg(raw, len, &c);
	if (rc != XW_OK) {
		/* Bad arguments are the call's result, not the SMC's. */
		memset(&c, 0, sizeof(c));
		memcpy(&c.session, raw + 8, 4);
		encode_results(raw, &c, XW_TEEC_ERROR_BAD_PARAMETERS, XW_TEEC_ORIGIN_TEE);
		return xw_optee_ns_copy(pa, raw, sizeof(struct xw_omsg_arg), false) == XW_OK ?
			XW_OPTEE_RET_OK : XW_OPTEE_RET_EBADADDR;
	}
	ret = do_command(o, t, &c, &origin);
	encode_results(raw, &c, ret, origin);
	return xw_optee_ns_copy(pa, raw, XW_OMSG_ARG_SIZE(c.num_params), false) == XW_OK ?
		XW_OPTEE_RET_OK : XW_OPTEE_RET_EBADADDR;
}
