/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Digests and RSA signature checks for the secure kernel (portable,
 * host-tested; docs/optee.md "TA verification"). The arithmetic and the hash
 * functions are Debian's Mbed TLS: the static library of trixie's TA dev kit
 * (optee-os-dev) in the S-EL1 kernel, the native libmbedtls-dev in hosted
 * builds. The signature encodings (EMSA-PSS, EMSA-PKCS1-v1_5) are checked
 * here, on top of the library's raw RSA public operation, because the dev
 * kit's library is built without PKCS#1 v2.1.
 */
#ifndef XW_TA_CRYPTO_H
#define XW_TA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define XW_SHA256_SIZE 32U
#define XW_SHA512_SIZE 64U
/* Largest RSA modulus accepted (bits); OP-TEE's own keys are 2048 or 4096. */
#define XW_RSA_MAX_BITS 4096U
#define XW_RSA_MIN_BITS 2048U /* OP-TEE refuses smaller keys as weak */

/* Opaque digest state, large enough for the library's context (checked at build time). */
struct xw_sha256 { _Alignas(16) uint8_t st[256]; };
struct xw_sha512 { _Alignas(16) uint8_t st[320]; };

void xw_sha256_init(struct xw_sha256 *c);
void xw_sha256_update(struct xw_sha256 *c, const void *p, size_t n);
void xw_sha256_final(struct xw_sha256 *c, uint8_t out[XW_SHA256_SIZE]);
void xw_sha256(const void *p, size_t n, uint8_t out[XW_SHA256_SIZE]);

void xw_sha512_init(struct xw_sha512 *c);
void xw_sha512_update(struct xw_sha512 *c, const void *p, size_t n);
void xw_sha512_final(struct xw_sha512 *c, uint8_t out[XW_SHA512_SIZE]);

enum xw_rsa_pad {
	XW_RSA_PSS_SHA256,    /* EMSA-PSS, MGF1-SHA-256, salt length 32 (OP-TEE's shdr rule) */
	XW_RSA_PKCS1_SHA256,  /* EMSA-PKCS1-v1_5 with SHA-256's DigestInfo */
};

/*
 * xw_rsa_verify() - check @sig (@sig_len bytes, big-endian) is a signature of
 * the SHA-256 digest @hash under the public key (@n, @n_len; @e, @e_len; both
 * big-endian, leading zeros allowed) with padding @pad.
 * Return: 0 if it is; XW_RSA_NOMEM if the library ran out of memory; -1 if not, or the key or lengths are unacceptable
 * (modulus outside [XW_RSA_MIN_BITS, XW_RSA_MAX_BITS], @sig_len not the
 * modulus' length, even or tiny exponent).
 */
#define XW_RSA_NOMEM (-2)
int xw_rsa_verify(enum xw_rsa_pad pad, const uint8_t *n, size_t n_len, const uint8_t *e,
		  size_t e_len, const uint8_t hash[XW_SHA256_SIZE], const uint8_t *sig,
		  size_t sig_len);

/* The encoding checks alone (ta_pkcs1.c), over EM = sig^e mod n (@em_len bytes, @mod_bits). */
int xw_emsa_pss_sha256_check(const uint8_t *em, size_t em_len, size_t mod_bits,
			     const uint8_t hash[XW_SHA256_SIZE]);
int xw_emsa_pkcs1_sha256_check(const uint8_t *em, size_t em_len,
			       const uint8_t hash[XW_SHA256_SIZE]);

#endif
