// SPDX-License-Identifier: BSD-2-Clause
/*
 * Signature encodings of PKCS #1 (RFC 8017) for SHA-256, checked over the
 * recovered message representative EM: EMSA-PSS-VERIFY (section 9.1.2, MGF1
 * with SHA-256, salt as long as the hash, which is how OP-TEE's signing script
 * signs and its loader verifies) and EMSA-PKCS1-v1_5 (section 9.2, compared
 * against the expected encoding). Written here because the Mbed TLS of the
 * TA dev kit is built without PKCS #1 v2.1; fuzzed by fuzz_ta_verify.
 */
#include <string.h>

#include "ta_crypto.h"

#define HLEN XW_SHA256_SIZE
#define SLEN XW_SHA256_SIZE

/* Equality without an early exit (the inputs are public, but it costs nothing). */
static int differs(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		d |= (uint8_t)(a[i] ^ b[i]);
	}
	return d != 0;
}

/* db ^= MGF1-SHA-256(seed, len). */
static void mgf1_xor(uint8_t *db, size_t len, const uint8_t seed[HLEN])
{
	uint8_t t[HLEN], c[4];
	uint32_t counter = 0;
	size_t off = 0, i, take;
	struct xw_sha256 h;

	while (off < len) {
		c[0] = (uint8_t)(counter >> 24);
		c[1] = (uint8_t)(counter >> 16);
		c[2] = (uint8_t)(counter >> 8);
		c[3] = (uint8_t)counter;
		xw_sha256_init(&h);
		xw_sha256_update(&h, seed, HLEN);
		xw_sha256_update(&h, c, sizeof(c));
		xw_sha256_final(&h, t);
		take = len - off < HLEN ? len - off : HLEN;
		for (i = 0; i < take; i++) {
			db[off + i] ^= t[i];
		}
		off += take;
		counter++;
	}
}

int xw_emsa_pss_sha256_check(const uint8_t *em, size_t em_len, size_t mod_bits,
			     const uint8_t hash[XW_SHA256_SIZE])
{
	static const uint8_t zeros[8];
	uint8_t db[XW_RSA_MAX_BITS / 8];
	uint8_t h2[HLEN];
	struct xw_sha256 h;
	size_t em_bits, len, db_len, i;
	unsigned int top_clear;

	if (mod_bits < 2 || mod_bits > XW_RSA_MAX_BITS || em_len != (mod_bits + 7) / 8) {
		return -1;
	}
	/* EM has emBits = modBits - 1 bits in ceil(emBits / 8) octets: when
	 * that is one octet fewer than the modulus, the leading one must be 0. */
	em_bits = mod_bits - 1;
	len = (em_bits + 7) / 8;
	if (len < em_len) {
		if (em[0] != 0) {
			return -1;
		}
		em++;
	}
	if (len < HLEN + SLEN + 2 || em[len - 1] != 0xbc) {
		return -1;
	}
	db_len = len - HLEN - 1;
	top_clear = (unsigned int)(8 * len - em_bits); /* 0..7 leftmost bits that must be 0 */
	if (top_clear != 0 && (em[0] >> (8 - top_clear)) != 0) {
		return -1;
	}
	memcpy(db, em, db_len);
	mgf1_xor(db, db_len, em + db_len);
	if (top_clear != 0) {
		db[0] &= (uint8_t)(0xffU >> top_clear);
	}
	/* DB = PS (zeros) || 0x01 || salt */
	for (i = 0; i < db_len - SLEN - 1; i++) {
		if (db[i] != 0) {
			return -1;
		}
	}
	if (db[db_len - SLEN - 1] != 0x01) {
		return -1;
	}
	xw_sha256_init(&h);
	xw_sha256_update(&h, zeros, sizeof(zeros));
	xw_sha256_update(&h, hash, HLEN);
	xw_sha256_update(&h, db + db_len - SLEN, SLEN);
	xw_sha256_final(&h, h2);
	return differs(h2, em + db_len, HLEN) ? -1 : 0;
}

int xw_emsa_pkcs1_sha256_check(const uint8_t *em, size_t em_len,
			       const uint8_t hash[XW_SHA256_SIZE])
{
	/* DER DigestInfo of SHA-256 (RFC 8017 section 9.2, note 1). */
	static const uint8_t prefix[19] = {
		0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
		0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
	};
	size_t t_len = sizeof(prefix) + HLEN;
	size_t ps_len, i;
	uint8_t bad = 0;

	if (em_len < t_len + 11) { /* 00 01, at least 8 octets of PS, 00 */
		return -1;
	}
	ps_len = em_len - t_len - 3;
	bad |= em[0];
	bad |= (uint8_t)(em[1] ^ 0x01);
	for (i = 0; i < ps_len; i++) {
		bad |= (uint8_t)(em[2 + i] ^ 0xff);
	}
	bad |= em[2 + ps_len];
	if (bad != 0 || differs(em + 3 + ps_len, prefix, sizeof(prefix)) ||
	    differs(em + 3 + ps_len + sizeof(prefix), hash, HLEN)) {
		return -1;
	}
	return 0;
}
