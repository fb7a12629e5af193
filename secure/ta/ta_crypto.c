// SPDX-License-Identifier: BSD-2-Clause
/*
 * ta_crypto.h over Debian's Mbed TLS: 3.6 from trixie's TA dev kit in the
 * S-EL1 kernel, 2.28 (bookworm's libmbedtls-dev) in hosted builds. Only the
 * names of the digest calls differ between the two; the RSA public operation
 * is the same call in both. The encodings are checked in ta_pkcs1.c.
 */
#include "ta_crypto.h"

#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#include <mbedtls/version.h>

#if MBEDTLS_VERSION_MAJOR < 3
#define XW_SHA256_STARTS mbedtls_sha256_starts_ret
#define XW_SHA256_UPDATE mbedtls_sha256_update_ret
#define XW_SHA256_FINISH mbedtls_sha256_finish_ret
#define XW_SHA512_STARTS mbedtls_sha512_starts_ret
#define XW_SHA512_UPDATE mbedtls_sha512_update_ret
#define XW_SHA512_FINISH mbedtls_sha512_finish_ret
#define XW_RSA_INIT(c) mbedtls_rsa_init((c), MBEDTLS_RSA_PKCS_V15, 0)
#else
#define XW_SHA256_STARTS mbedtls_sha256_starts
#define XW_SHA256_UPDATE mbedtls_sha256_update
#define XW_SHA256_FINISH mbedtls_sha256_finish
#define XW_SHA512_STARTS mbedtls_sha512_starts
#define XW_SHA512_UPDATE mbedtls_sha512_update
#define XW_SHA512_FINISH mbedtls_sha512_finish
#define XW_RSA_INIT(c) mbedtls_rsa_init(c)
#endif

_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(struct xw_sha256), "xw_sha256 too small");
_Static_assert(sizeof(mbedtls_sha512_context) <= sizeof(struct xw_sha512), "xw_sha512 too small");
_Static_assert(_Alignof(mbedtls_sha256_context) <= 16 && _Alignof(mbedtls_sha512_context) <= 16,
	       "digest state alignment");

/*
 * The digest calls only fail on a bad context, which cannot happen here: their
 * results are not propagated (a failure would show as a digest mismatch).
 */
void xw_sha256_init(struct xw_sha256 *c)
{
	mbedtls_sha256_context *m = (mbedtls_sha256_context *)(void *)c->st;

	mbedtls_sha256_init(m);
	(void)XW_SHA256_STARTS(m, 0);
}

void xw_sha256_update(struct xw_sha256 *c, const void *p, size_t n)
{
	(void)XW_SHA256_UPDATE((mbedtls_sha256_context *)(void *)c->st, p, n);
}

void xw_sha256_final(struct xw_sha256 *c, uint8_t out[XW_SHA256_SIZE])
{
	mbedtls_sha256_context *m = (mbedtls_sha256_context *)(void *)c->st;

	(void)XW_SHA256_FINISH(m, out);
	mbedtls_sha256_free(m);
}

void xw_sha256(const void *p, size_t n, uint8_t out[XW_SHA256_SIZE])
{
	struct xw_sha256 c;

	xw_sha256_init(&c);
	xw_sha256_update(&c, p, n);
	xw_sha256_final(&c, out);
}

void xw_sha512_init(struct xw_sha512 *c)
{
	mbedtls_sha512_context *m = (mbedtls_sha512_context *)(void *)c->st;

	mbedtls_sha512_init(m);
	(void)XW_SHA512_STARTS(m, 0);
}

void xw_sha512_update(struct xw_sha512 *c, const void *p, size_t n)
{
	(void)XW_SHA512_UPDATE((mbedtls_sha512_context *)(void *)c->st, p, n);
}

void xw_sha512_final(struct xw_sha512 *c, uint8_t out[XW_SHA512_SIZE])
{
	mbedtls_sha512_context *m = (mbedtls_sha512_context *)(void *)c->st;

	(void)XW_SHA512_FINISH(m, out);
	mbedtls_sha512_free(m);
}

/* Bit length of a big-endian number (leading zero bytes allowed); 0 for zero. */
static size_t be_bits(const uint8_t *p, size_t len)
{
	size_t i = 0;
	unsigned int top;
	size_t bits;

	while (i < len && p[i] == 0) {
		i++;
	}
	if (i == len) {
		return 0;
	}
	bits = (len - i - 1) * 8;
	for (top = p[i]; top != 0; top >>= 1) {
		bits++;
	}
	return bits;
}

int xw_rsa_verify(enum xw_rsa_pad pad, const uint8_t *n, size_t n_len, const uint8_t *e,
		  size_t e_len, const uint8_t hash[XW_SHA256_SIZE], const uint8_t *sig,
		  size_t sig_len)
{
	uint8_t em[XW_RSA_MAX_BITS / 8];
	mbedtls_rsa_context rsa;
	size_t bits = be_bits(n, n_len);
	size_t k = (bits + 7) / 8;
	int rc = -1, ret;

	/* Bounds before the library sees anything: key size, signature length. */
	if (bits < XW_RSA_MIN_BITS || bits > XW_RSA_MAX_BITS || sig_len != k || e_len == 0 ||
	    e_len > 8 || be_bits(e, e_len) < 2 || (e[e_len - 1] & 1) == 0) {
		return -1;
	}
	n += n_len - k; /* drop leading zero bytes: the library's length is k */
	XW_RSA_INIT(&rsa);
	ret = mbedtls_rsa_import_raw(&rsa, n, k, NULL, 0, NULL, 0, NULL, 0, e, e_len);
	if (ret == 0) {
		ret = mbedtls_rsa_complete(&rsa);
	}
	if (ret == 0 && (mbedtls_rsa_check_pubkey(&rsa) != 0 || mbedtls_rsa_get_len(&rsa) != k)) {
		goto out;
	}
	/* em = sig^e mod n; the library refuses sig >= n. */
	if (ret == 0) {
		ret = mbedtls_rsa_public(&rsa, sig, em);
	}
	if (ret != 0) {
		/* A low-level error (bits 0-6) of "allocation failed", alone or
		 * added to the RSA module's own code. */
		rc = ((-ret) & 0x7f) == ((-MBEDTLS_ERR_MPI_ALLOC_FAILED) & 0x7f) ? XW_RSA_NOMEM : -1;
		goto out;
	}
	switch (pad) {
	case XW_RSA_PSS_SHA256:
		rc = xw_emsa_pss_sha256_check(em, k, bits, hash);
		break;
	case XW_RSA_PKCS1_SHA256:
		rc = xw_emsa_pkcs1_sha256_check(em, k, hash);
		break;
	default:
		rc = -1;
		break;
	}
out:
	mbedtls_rsa_free(&rsa);
	return rc;
}
