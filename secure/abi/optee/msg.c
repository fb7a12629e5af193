// SPDX-License-Identifier: BSD-2-Clause
/*
 * Decoding of struct optee_msg_arg and of page-list pages. Pure functions on a
 * private copy of the normal world's bytes: the unit tests and the fuzzer call
 * them directly. The first violation wins; nothing is half-decoded on error.
 */
#include "optee.h"

#include "xw/err.h"

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool type_ok(uint32_t type)
{
	switch (type) {
	case XW_OMSG_ATTR_NONE:
	case XW_OMSG_ATTR_VALUE_IN:
	case XW_OMSG_ATTR_VALUE_OUT:
	case XW_OMSG_ATTR_VALUE_INOUT:
	case XW_OMSG_ATTR_RMEM_IN:
	case XW_OMSG_ATTR_RMEM_OUT:
	case XW_OMSG_ATTR_RMEM_INOUT:
	case XW_OMSG_ATTR_TMEM_IN:
	case XW_OMSG_ATTR_TMEM_OUT:
	case XW_OMSG_ATTR_TMEM_INOUT:
		return true;
	default:
		return false;
	}
}

static int decode_param(const uint8_t *b, unsigned int idx, uint32_t cmd,
			struct xw_optee_param *p)
{
	uint64_t attr = le64(b);
	uint32_t type = (uint32_t)(attr & XW_OMSG_ATTR_TYPE_MASK);
	uint32_t cache = (uint32_t)(attr >> XW_OMSG_ATTR_CACHE_SHIFT) & XW_OMSG_ATTR_CACHE_MASK;
	bool is_tmem = type >= XW_OMSG_ATTR_TMEM_IN;
	bool meta = (attr & XW_OMSG_ATTR_META) != 0;

	if ((attr & ~(uint64_t)XW_OMSG_ATTR_KNOWN) != 0 || !type_ok(type)) {
		return XW_EINVAL;
	}
	/* Only "as registered" or write-back cached: what both worlds map (seed 004). */
	if (cache != 0 && cache != 1) {
		return XW_EINVAL;
	}
	if ((attr & XW_OMSG_ATTR_NONCONTIG) && !is_tmem) {
		return XW_EINVAL;
	}
	/* Meta parameters: exactly open-session's first two, both value inputs. */
	if (cmd == XW_OMSG_CMD_OPEN_SESSION && idx < 2) {
		if (!meta || type != XW_OMSG_ATTR_VALUE_IN) {
			return XW_EINVAL;
		}
	} else if (meta) {
		return XW_EINVAL;
	}
	p->type = type;
	p->noncontig = (attr & XW_OMSG_ATTR_NONCONTIG) != 0;
	p->value.a = le64(b + 8);
	p->value.b = le64(b + 16);
	p->value.c = le64(b + 24);
	/* The same three words, named per type. */
	p->tmem_pa = p->value.a;
	p->rmem_offs = p->value.a;
	p->mref.size = p->value.b;
	p->shm_ref = p->value.c;
	p->mref.shm = 0;
	p->mref.offs = 0;
	return XW_OK;
}

int xw_optee_decode_arg(const void *buf, size_t len, struct xw_optee_call *c)
{
	const uint8_t *b = buf;
	struct xw_optee_call tmp;
	unsigned int i;
	int rc;

	if (len < sizeof(struct xw_omsg_arg)) {
		return XW_EINVAL;
	}
	tmp.cmd = le32(b + 0);
	tmp.func = le32(b + 4);
	tmp.session = le32(b + 8);
	tmp.cancel_id = le32(b + 12);
	tmp.num_params = le32(b + 28);
	if (tmp.num_params > XW_OPTEE_MAX_PARAMS) {
		return XW_E2BIG;
	}
	if (len < XW_OMSG_ARG_SIZE(tmp.num_params)) {
		return XW_EINVAL;
	}
	if (tmp.cmd == XW_OMSG_CMD_OPEN_SESSION && tmp.num_params < 2) {
		return XW_EINVAL;
	}
	for (i = 0; i < tmp.num_params; i++) {
		rc = decode_param(b + XW_OMSG_ARG_SIZE(i), i, tmp.cmd, &tmp.p[i]);
		if (rc != XW_OK) {
			return rc;
		}
	}
	*c = tmp;
	return XW_OK;
}

int xw_optee_pagelist_check(const uint64_t *entries, size_t want, bool more)
{
	size_t i, n = want < XW_OMSG_PAGELIST_ENTRIES ? want : XW_OMSG_PAGELIST_ENTRIES;

	for (i = 0; i < n; i++) {
		if ((entries[i] & (XW_OMSG_PAGE_SIZE - 1)) != 0) {
			return XW_EINVAL;
		}
	}
	if (more && (entries[XW_OMSG_PAGELIST_ENTRIES] & (XW_OMSG_PAGE_SIZE - 1)) != 0) {
		return XW_EINVAL;
	}
	return XW_OK;
}
