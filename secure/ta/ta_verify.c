// SPDX-License-Identifier: BSD-2-Clause
/*
 * Signed TA images (ta_verify.h), with OP-TEE's layout and rules as its
 * loader applies them to a TA from the normal world's file system:
 *
 *   [subkey chain]  shdr(SUBKEY) hash sig | shdr_subkey attrs key | name
 *                   ... each signed by the key before it, the first by ours
 *   shdr            magic img_type img_size algo hash_size sig_size
 *   hash, sig       hash_size, sig_size bytes
 *   bootstrap       uuid (RFC 4122 octets), ta_version   (BOOTSTRAP/ENCRYPTED)
 *   [encrypted hdr] enc_algo flags iv_size tag_size iv tag (ENCRYPTED)
 *   image           img_size bytes: the ELF
 *
 * The hash is SHA-256 over the 20 header bytes, the bootstrap header and the
 * image; the signature (RSA-PSS or PKCS #1 v1.5, SHA-256) is over the hash.
 * Like OP-TEE, every defect of the image is TEE_ERROR_SECURITY.
 */
#include <string.h>

#include "ta_crypto.h"
#include "ta_key.h"
#include "ta_verify.h"

#define SHDR_MAGIC        0x4f545348U /* "HSTO" */
#define SHDR_TA           0U
#define SHDR_BOOTSTRAP_TA 1U
#define SHDR_ENCRYPTED_TA 2U
#define SHDR_SUBKEY       3U
#define SHDR_SIZE         20U /* magic, img_type, img_size, algo, hash_size, sig_size */
#define BS_SIZE           20U /* uuid, ta_version */
#define EHDR_SIZE         12U /* enc_algo, flags, iv_size, tag_size */
/* uuid, then at 16 name_size, 20 version, 24 max_depth, 28 algo, 32 attr_count; attributes */
#define SUBKEY_SIZE       36U
#define ATTR_SIZE         12U /* id, offs, size */
#define UUID_SIZE         16U

/* TEE_ALG_* (GlobalPlatform) the signing script emits. */
#define ALG_RSASSA_PSS_SHA256 0x70414930U
#define ALG_RSASSA_V15_SHA256 0x70004830U
#define ALG_MAIN(a)           ((a) & 0xffU)
#define ALG_MAIN_RSA          0x30U
/* TEE_ATTR_* of a subkey's public key. */
#define ATTR_RSA_MODULUS  0xd0000130U
#define ATTR_RSA_EXPONENT 0xd0000230U

/*
 * Subkeys in one image. OP-TEE bounds a chain only by each subkey's
 * max_depth being smaller than the one before; a chain is signed, so it
 * cannot loop, but a bound keeps the cost of a hostile image fixed.
 */
#define XW_TA_MAX_SUBKEYS 8U

struct key {
	const uint8_t *n, *e;
	size_t n_len, e_len;
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* [off, off + n) lies within len, without overflow. */
static int fits(size_t off, size_t n, size_t len)
{
	return off <= len && n <= len - off;
}

/* RFC 4122 octets (as in the image) against the caller's in-memory TEE_UUID. */
static int uuid_matches(const uint8_t o[UUID_SIZE], const struct xw_tee_uuid *u)
{
	return ((uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 | (uint32_t)o[2] << 8 | o[3]) ==
		       u->time_low &&
	       (uint16_t)(o[4] << 8 | o[5]) == u->time_mid &&
	       (uint16_t)(o[6] << 8 | o[7]) == u->time_hi_ver &&
	       memcmp(o + 8, u->clock_seq_node, 8) == 0;
}

/* A signed header at @p, known to fit, checked against @k. */
static uint32_t check_sig(const struct key *k, const uint8_t *p)
{
	uint32_t algo = le32(p + 12);
	uint16_t hash_size = le16(p + 16), sig_size = le16(p + 18);
	enum xw_rsa_pad pad;
	int rc;

	if (le32(p) != SHDR_MAGIC || hash_size != XW_SHA256_SIZE) {
		return XW_TA_ERROR_SECURITY;
	}
	if (algo == ALG_RSASSA_PSS_SHA256) {
		pad = XW_RSA_PSS_SHA256;
	} else if (algo == ALG_RSASSA_V15_SHA256) {
		pad = XW_RSA_PKCS1_SHA256;
	} else {
		return XW_TA_ERROR_SECURITY; /* another or a weak hash, another key type */
	}
	rc = xw_rsa_verify(pad, k->n, k->n_len, k->e, k->e_len, p + SHDR_SIZE,
			   p + SHDR_SIZE + hash_size, sig_size);
	if (rc == XW_RSA_NOMEM) {
		return XW_TA_ERROR_OUT_OF_MEMORY;
	}
	return rc == 0 ? XW_TA_OK : XW_TA_ERROR_SECURITY;
}

/*
 * The UUID the next subkey or TA must have: the subkey's own without a name;
 * with one, OP-TEE's version 5 UUID in the subkey's namespace, SHA-512 in
 * place of SHA-1: the first 16 octets of SHA-512(namespace octets || name up
 * to its first NUL), version 5, variant RFC 4122.
 */
static void next_uuid(uint8_t out[UUID_SIZE], const uint8_t ns[UUID_SIZE], const uint8_t *name,
		      size_t name_size)
{
	uint8_t d[XW_SHA512_SIZE];
	struct xw_sha512 h;
	size_t n = 0;

	if (name_size == 0) {
		memcpy(out, ns, UUID_SIZE);
		return;
	}
	while (n < name_size && name[n] != 0) {
		n++;
	}
	xw_sha512_init(&h);
	xw_sha512_update(&h, ns, UUID_SIZE);
	xw_sha512_update(&h, name, n);
	xw_sha512_final(&h, d);
	memcpy(out, d, UUID_SIZE);
	out[6] = (uint8_t)((out[6] & 0x0f) | 0x50);
	out[8] = (uint8_t)((out[8] & 0x3f) | 0x80);
}

/* The attribute @id of a subkey body @sk (@size bytes, attributes checked to fit). */
static const uint8_t *subkey_attr(const uint8_t *sk, uint32_t count, uint32_t id, size_t *len)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		const uint8_t *a = sk + SUBKEY_SIZE + (size_t)i * ATTR_SIZE;

		if (le32(a) == id) {
			*len = le32(a + 8);
			return sk + le32(a + 4);
		}
	}
	return NULL;
}

struct chain {
	struct key key;       /* verifies the next signed header */
	uint8_t uuid[UUID_SIZE]; /* what the next one must be, if @bound */
	int bound;
	uint32_t max_depth;
};

/*
 * The subkey whose signed header (already verified by c->key) is at @hdr and
 * whose body follows at @off: check it and make it the chain's key.
 * *@next is set to the offset of the next signed header.
 */
static uint32_t take_subkey(struct chain *c, const uint8_t *img, size_t len, const uint8_t *hdr,
			    size_t off, size_t *next)
{
	uint8_t digest[XW_SHA256_SIZE];
	uint32_t img_size = le32(hdr + 8), count, max_depth, i;
	const uint8_t *sk = img + off;
	struct xw_sha256 h;
	size_t name_size;

	if (img_size < SUBKEY_SIZE || !fits(off, img_size, len)) {
		return XW_TA_ERROR_SECURITY;
	}
	/* The subkey's hash covers the signed header's fields and its body. */
	xw_sha256_init(&h);
	xw_sha256_update(&h, hdr, SHDR_SIZE);
	xw_sha256_update(&h, sk, img_size);
	xw_sha256_final(&h, digest);
	if (memcmp(digest, hdr + SHDR_SIZE, sizeof(digest)) != 0) {
		return XW_TA_ERROR_SECURITY;
	}
	count = le32(sk + 32);
	if (count > (img_size - SUBKEY_SIZE) / ATTR_SIZE) {
		return XW_TA_ERROR_SECURITY;
	}
	for (i = 0; i < count; i++) {
		const uint8_t *a = sk + SUBKEY_SIZE + (size_t)i * ATTR_SIZE;

		if (!fits(le32(a + 4), le32(a + 8), img_size)) {
			return XW_TA_ERROR_SECURITY;
		}
	}
	max_depth = le32(sk + 24);
	if (max_depth >= c->max_depth || ALG_MAIN(le32(sk + 28)) != ALG_MAIN_RSA) {
		return XW_TA_ERROR_SECURITY;
	}
	if (c->bound && memcmp(c->uuid, sk, UUID_SIZE) != 0) {
		return XW_TA_ERROR_SECURITY;
	}
	name_size = le32(sk + 16);
	if (!fits(off + img_size, name_size, len)) {
		return XW_TA_ERROR_SECURITY;
	}
	c->key.n = subkey_attr(sk, count, ATTR_RSA_MODULUS, &c->key.n_len);
	c->key.e = subkey_attr(sk, count, ATTR_RSA_EXPONENT, &c->key.e_len);
	if (c->key.n == NULL || c->key.e == NULL) {
		return XW_TA_ERROR_SECURITY;
	}
	next_uuid(c->uuid, sk, sk + img_size, name_size);
	c->bound = 1;
	c->max_depth = max_depth;
	*next = off + img_size + name_size;
	return XW_TA_OK;
}

uint32_t xw_ta_verify(const void *image, size_t len, const struct xw_tee_uuid *uuid,
		      const void **elf, size_t *elf_len)
{
	uint8_t e_be[4], digest[XW_SHA256_SIZE];
	const uint8_t *img = image, *hdr;
	struct chain c;
	struct xw_sha256 h;
	size_t off = 0, hdr_size;
	uint32_t type, img_size, rc;
	unsigned int subkeys = 0;

	if (img == NULL || uuid == NULL || elf == NULL || elf_len == NULL) {
		return XW_TA_ERROR_BAD_PARAMETERS;
	}
	e_be[0] = (uint8_t)(xw_ta_root_exponent >> 24);
	e_be[1] = (uint8_t)(xw_ta_root_exponent >> 16);
	e_be[2] = (uint8_t)(xw_ta_root_exponent >> 8);
	e_be[3] = (uint8_t)xw_ta_root_exponent;
	c.key = (struct key){ xw_ta_root_modulus, e_be, xw_ta_root_modulus_len, sizeof(e_be) };
	c.bound = 0;
	c.max_depth = UINT32_MAX;
	for (;;) {
		if (!fits(off, SHDR_SIZE, len)) {
			return XW_TA_ERROR_SECURITY;
		}
		hdr = img + off;
		hdr_size = SHDR_SIZE + (size_t)le16(hdr + 16) + le16(hdr + 18);
		if (!fits(off, hdr_size, len)) {
			return XW_TA_ERROR_SECURITY;
		}
		rc = check_sig(&c.key, hdr);
		if (rc != XW_TA_OK) {
			return rc;
		}
		off += hdr_size;
		if (le32(hdr + 4) != SHDR_SUBKEY) {
			break;
		}
		if (++subkeys > XW_TA_MAX_SUBKEYS) {
			return XW_TA_ERROR_SECURITY;
		}
		rc = take_subkey(&c, img, len, hdr, off, &off);
		if (rc != XW_TA_OK) {
			return rc;
		}
	}
	type = le32(hdr + 4);
	img_size = le32(hdr + 8);
	if (type != SHDR_TA && type != SHDR_BOOTSTRAP_TA && type != SHDR_ENCRYPTED_TA) {
		return XW_TA_ERROR_SECURITY;
	}
	/* Under a subkey, the TA's UUID is the one the chain derived. */
	if (c.bound && !uuid_matches(c.uuid, uuid)) {
		return XW_TA_ERROR_SECURITY;
	}
	xw_sha256_init(&h);
	xw_sha256_update(&h, hdr, SHDR_SIZE);
	if (type == SHDR_BOOTSTRAP_TA || type == SHDR_ENCRYPTED_TA) {
		if (!fits(off, BS_SIZE, len) || !uuid_matches(img + off, uuid)) {
			return XW_TA_ERROR_SECURITY;
		}
		xw_sha256_update(&h, img + off, BS_SIZE);
		off += BS_SIZE;
	}
	if (type == SHDR_ENCRYPTED_TA) {
		/*
		 * The hash covers the plaintext and the key is derived from
		 * the device's hardware unique key, which this machine does
		 * not have: refused as OP-TEE refuses a TA it cannot decrypt.
		 */
		xw_sha256_final(&h, digest);
		return XW_TA_ERROR_SECURITY;
	}
	if (len - off != img_size) {
		xw_sha256_final(&h, digest);
		return XW_TA_ERROR_SECURITY;
	}
	xw_sha256_update(&h, img + off, img_size);
	xw_sha256_final(&h, digest);
	if (memcmp(digest, hdr + SHDR_SIZE, sizeof(digest)) != 0) {
		return XW_TA_ERROR_SECURITY;
	}
	*elf = img + off;
	*elf_len = img_size;
	return XW_TA_OK;
}
