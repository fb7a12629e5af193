// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE RNG service (pseudo-TA) at the UUID Linux's stock optee-rng
 * driver binds to, served from the secure world's entropy pool
 * (secure/services/rng_pool.c). Listed by device enumeration only while the
 * pool has a source. docs/entropy.md.
 */
#include "optee.h"

#include "../../services/rng_pool.h"
#include "xw/err.h"
#include "xw/optee_pta.h"

/* The parameter's direction bits when it is a memref (type & 3), else 0. */
static uint32_t mref_dir(const struct xw_optee_call *c, unsigned int i)
{
	uint32_t t;

	if (i >= c->num_params) {
		return 0;
	}
	t = c->p[i].type;
	return (t >> 2) == 0 ? 0 : (t & 3U);
}

static bool none_after(const struct xw_optee_call *c, unsigned int first)
{
	unsigned int i;

	for (i = first; i < c->num_params; i++) {
		if (c->p[i].type != XW_OMSG_ATTR_NONE) {
			return false;
		}
	}
	return true;
}

static uint32_t get_entropy(struct xw_optee_call *c)
{
	struct xw_optee_mref *m = &c->p[0].mref;
	uint8_t buf[XW_RNG_BATCH];
	uint64_t size, off, n;
	int rc = XW_OK;

	/* p0 memref out or inout (the driver's is inout), nothing else. */
	if (c->num_params < 1 || (mref_dir(c, 0) & 2U) == 0 || !none_after(c, 1)) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	size = m->size;
	if (size == 0 || m->shm == 0) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	if (size > XW_PTA_RNG_MAX_REQ) {
		return XW_TEEC_ERROR_NOT_SUPPORTED; /* larger than the pool serves at once */
	}
	for (off = 0; off < size && rc == XW_OK; off += n) {
		n = size - off < sizeof(buf) ? size - off : sizeof(buf);
		rc = xw_rng_get(&xw_rng_main, buf, (size_t)n, true);
		if (rc == XW_OK) {
			rc = xw_optee_mref_write(m, off, buf, (size_t)n);
		}
	}
	for (n = 0; n < sizeof(buf); n++) {
		((volatile uint8_t *)buf)[n] = 0;
	}
	if (rc != XW_OK) {
		/* Whatever reached the buffer is not an answer: clear it. */
		for (n = 0; n < off && n < size; n += sizeof(buf)) {
			xw_optee_mref_write(m, n, buf,
					    (size_t)(size - n < sizeof(buf) ? size - n : sizeof(buf)));
		}
		m->size = 0;
		return rc == XW_EFAULT || rc == XW_EINVAL ? XW_TEEC_ERROR_BAD_PARAMETERS
							  : XW_PTA_RNG_ERROR_HEALTH_TEST_FAIL;
	}
	m->size = size;
	return XW_TEEC_SUCCESS;
}

uint32_t xw_optee_pta_rng_invoke(struct xw_optee_call *c)
{
	if (c->num_params > 4) {
		return XW_TEEC_ERROR_BAD_PARAMETERS;
	}
	switch (c->func) {
	case XW_PTA_RNG_CMD_GET_ENTROPY:
		return get_entropy(c);
	case XW_PTA_RNG_CMD_GET_RNG_INFO:
		if (c->num_params < 1 || c->p[0].type != XW_OMSG_ATTR_VALUE_OUT ||
		    !none_after(c, 1)) {
			return XW_TEEC_ERROR_BAD_PARAMETERS;
		}
		c->p[0].value.a = XW_PTA_RNG_RATE;
		c->p[0].value.b = XW_PTA_RNG_QUALITY;
		c->p[0].value.c = 0;
		return XW_TEEC_SUCCESS;
	default:
		return XW_TEEC_ERROR_NOT_SUPPORTED;
	}
}
