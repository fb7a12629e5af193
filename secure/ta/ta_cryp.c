// SPDX-License-Identifier: BSD-2-Clause
/*
 * Digest operations for TAs: OP-TEE's system calls 15-20 (facts from its
 * lib/libutee/include/tee_syscall_numbers.h and core/tee/tee_svc_cryp.c),
 * what libutee's TEE_AllocateOperation, TEE_DigestUpdate, TEE_DigestDoFinal
 * and TEE_FreeOperation issue for a digest. A state lives in the instance (struct xw_ta's cryp[]), so it
 * goes with the instance and needs no lock: the caller holds the claim.
 * Handles are small numbers (0x100 + slot), never kernel addresses.
 * Only SHA-256 is offered (what Debian's TAs in xtest ask for); another
 * digest algorithm is NOT_SUPPORTED, a key with a digest BAD_PARAMETERS, an
 * unknown handle BAD_PARAMETERS, update/final before init BAD_STATE.
 */
#include <string.h>

#include "ta_cryp.h"

#include "ta.h"

#define TEE_ALG_SHA256       0x50000004U
#define TEE_OPERATION_DIGEST 5U /* the algorithm's class: bits 28-31 */
#define TEE_MODE_DIGEST      5U /* GP: encrypt 0, decrypt 1, sign 2, verify 3, MAC 4, digest 5 */
#define HANDLE_BASE          0x100U

static struct xw_ta_cryp *state_of(struct xw_app *app, uint64_t h)
{
	struct xw_ta *ta = xw_ta_of(app);

	if (h < HANDLE_BASE || h - HANDLE_BASE >= XW_TA_CRYP_STATES ||
	    !ta->cryp[h - HANDLE_BASE].used) {
		return 0;
	}
	return &ta->cryp[h - HANDLE_BASE];
}

/* cryp_state_alloc(algo, mode, key1, key2, uint32_t *state) */
int64_t xw_ta_sys_cryp_state_alloc(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta *ta = xw_ta_of(app);
	uint8_t *out = xw_app_user(app, a[4], 4, XW_PROT_W);
	uint32_t algo = (uint32_t)a[0], h;
	unsigned int i;

	if (out == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	if (algo >> 28 != TEE_OPERATION_DIGEST) {
		return XW_TEE_ERROR_NOT_SUPPORTED; /* ciphers, MACs, keys: not offered yet */
	}
	if (a[1] != TEE_MODE_DIGEST || a[2] != 0 || a[3] != 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (algo != TEE_ALG_SHA256) {
		return XW_TEE_ERROR_NOT_SUPPORTED;
	}
	for (i = 0; i < XW_TA_CRYP_STATES && ta->cryp[i].used; i++) {
	}
	if (i == XW_TA_CRYP_STATES) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	memset(&ta->cryp[i], 0, sizeof(ta->cryp[i]));
	ta->cryp[i].used = true;
	ta->cryp[i].algo = algo;
	h = HANDLE_BASE + i;
	memcpy(out, &h, 4);
	return XW_TEE_SUCCESS;
}

/* cryp_state_copy(dst, src): the same algorithm only */
int64_t xw_ta_sys_cryp_state_copy(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_cryp *d = state_of(app, a[0]), *s = state_of(app, a[1]);

	if (d == 0 || s == 0 || d->algo != s->algo) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (d != s) {
		*d = *s;
	}
	return XW_TEE_SUCCESS;
}

/* cryp_state_free(state) */
int64_t xw_ta_sys_cryp_state_free(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_cryp *c = state_of(app, a[0]);

	if (c == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	memset(c, 0, sizeof(*c));
	return XW_TEE_SUCCESS;
}

/* hash_init(state, iv, iv_len): a digest has no IV; it starts over. */
int64_t xw_ta_sys_hash_init(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_cryp *c = state_of(app, a[0]);

	if (c == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	xw_sha256_init(&c->h);
	c->init = true;
	return XW_TEE_SUCCESS;
}

/* hash_update(state, chunk, len); the chunk is read once, from the TA's own memory. */
int64_t xw_ta_sys_hash_update(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_cryp *c;
	const void *p;

	if (a[2] == 0) {
		return XW_TEE_SUCCESS; /* as OP-TEE: nothing to do, not even the handle checked */
	}
	p = xw_app_user(app, a[1], a[2], XW_PROT_R);
	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	c = state_of(app, a[0]);
	if (c == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (!c->init) {
		return XW_TEE_ERROR_BAD_STATE;
	}
	xw_sha256_update(&c->h, p, a[2]);
	return XW_TEE_SUCCESS;
}

/*
 * hash_final(state, chunk, len, hash, uint64_t *hash_len): the last chunk,
 * then the digest if *hash_len holds it (else SHORT_BUFFER and the size
 * needed in *hash_len, the state still open). The state then needs an init.
 */
int64_t xw_ta_sys_hash_final(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_cryp *c;
	const void *p = 0;
	uint8_t *lenp = xw_app_user(app, a[4], 8, XW_PROT_W | XW_PROT_R), *out;
	uint64_t len, need = XW_SHA256_SIZE;
	uint8_t d[XW_SHA256_SIZE];

	if (a[2] != 0 && (p = xw_app_user(app, a[1], a[2], XW_PROT_R)) == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	if (lenp == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(&len, lenp, 8); /* one read */
	out = xw_app_user(app, a[3], len, XW_PROT_W);
	if (out == 0 && len != 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	c = state_of(app, a[0]);
	if (c == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (!c->init) {
		return XW_TEE_ERROR_BAD_STATE;
	}
	if (a[2] != 0) {
		xw_sha256_update(&c->h, p, a[2]);
	}
	if (len < need) {
		memcpy(lenp, &need, 8);
		return XW_TEE_ERROR_SHORT_BUFFER;
	}
	xw_sha256_final(&c->h, d);
	memcpy(out, d, need);
	memcpy(lenp, &need, 8);
	c->init = false;
	return XW_TEE_SUCCESS;
}
