// SPDX-License-Identifier: BSD-2-Clause
/*
 * Signed TA images (secure/ta/ta_verify.c) against Debian's own TAs (trixie's
 * optee-test-qemu, each under the UUID of its file name, two of them signed
 * through a subkey), and against images this test signs with the dev kit's
 * key through the host's Mbed TLS: PKCS #1 v1.5, encrypted, subkey chains
 * (valid, repeated, too deep, wrong namespace), unsupported algorithms; each
 * defect must map to OP-TEE's code. Without build/trixie the cases skip.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "../../secure/ta/ta_crypto.h"
#include "../../secure/ta/ta_selftest.h"
#include "../../secure/ta/ta_verify.h"

#define TRIXIE "build/trixie/root/usr/lib"
#define TA_DIR TRIXIE "/optee_armtz"
#define DEV_KEY TRIXIE "/optee-os-dev/vexpress-qemu_armv8a/keys/default_ta.pem"
#define OS_TEST "5b9e0e40-2636-11e1-ad9e-0002a5d5c51b"
#define SUBKEY1_TA "5c206987-16a3-59cc-ab0f-64b9cfc9e758"
#define PSS 0x70414930U
#define V15 0x70004830U
#define SEC XW_TA_ERROR_SECURITY

struct buf {
	uint8_t *p;
	size_t n;
};

static struct buf load(const char *path)
{
	struct buf b = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (f == NULL) {
		return b;
	}
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	b.p = malloc((size_t)n + 1);
	assert_non_null(b.p);
	assert_int_equal(fread(b.p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	b.n = (size_t)n;
	return b;
}

static struct buf load_ta(const char *uuid)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s.ta", TA_DIR, uuid);
	return load(path);
}

/* "8-4-4-4-12" hex into the in-memory TEE_UUID and into RFC 4122 octets. */
static void parse_uuid(const char *s, struct xw_tee_uuid *u, uint8_t o[16])
{
	unsigned int v[16];
	uint8_t oct[16];
	int i;

	assert_int_equal(sscanf(s, "%2x%2x%2x%2x-%2x%2x-%2x%2x-%2x%2x-%2x%2x%2x%2x%2x%2x", &v[0],
				&v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10],
				&v[11], &v[12], &v[13], &v[14], &v[15]),
			 16);
	for (i = 0; i < 16; i++) {
		oct[i] = (uint8_t)v[i];
	}
	u->time_low = (uint32_t)oct[0] << 24 | (uint32_t)oct[1] << 16 | (uint32_t)oct[2] << 8 | oct[3];
	u->time_mid = (uint16_t)(oct[4] << 8 | oct[5]);
	u->time_hi_ver = (uint16_t)(oct[6] << 8 | oct[7]);
	memcpy(u->clock_seq_node, oct + 8, 8);
	if (o != NULL) {
		memcpy(o, oct, 16);
	}
}

static uint32_t verify(const struct buf *b, const char *uuid)
{
	struct xw_tee_uuid u;
	const void *elf = NULL;
	size_t elf_len = 0;
	uint32_t rc;

	parse_uuid(uuid, &u, NULL);
	rc = xw_ta_verify(b->p, b->n, &u, &elf, &elf_len);
	if (rc == XW_TA_OK) {
		assert_true((const uint8_t *)elf >= b->p && elf_len <= b->n);
		assert_true((const uint8_t *)elf + elf_len == b->p + b->n);
		assert_memory_equal(elf, "\177ELF", 4);
	}
	return rc;
}

static int have_trixie(void)
{
	FILE *f = fopen(DEV_KEY, "r");

	if (f == NULL) {
		return 0;
	}
	fclose(f);
	return 1;
}

#define NEED_TRIXIE()                                                                   \
	do {                                                                            \
		if (!have_trixie()) {                                                   \
			print_message("build/trixie missing (make fetch-trixie): skip\n"); \
			skip();                                                         \
		}                                                                       \
	} while (0)

static void every_debian_ta_verifies(void **state)
{
	DIR *d;
	struct dirent *e;
	int n = 0, subkeyed = 0;

	(void)state;
	NEED_TRIXIE();
	d = opendir(TA_DIR);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char uuid[37];
		struct buf b;

		if (strlen(e->d_name) != 39 || strcmp(e->d_name + 36, ".ta") != 0) {
			continue;
		}
		memcpy(uuid, e->d_name, 36);
		uuid[36] = 0;
		b = load_ta(uuid);
		assert_non_null(b.p);
		if (verify(&b, uuid) != XW_TA_OK) {
			fail_msg("%s refused", e->d_name);
		}
		subkeyed += b.p[4] == 3; /* SHDR_SUBKEY first */
		n++;
		free(b.p);
	}
	closedir(d);
	assert_int_equal(n, 20); /* optee-test-qemu 4.5 ships 20 TAs */
	assert_int_equal(subkeyed, 2);
}

static void wrong_uuid_is_security(void **state)
{
	struct buf b, s;

	(void)state;
	NEED_TRIXIE();
	b = load_ta(OS_TEST);
	s = load_ta(SUBKEY1_TA);
	assert_int_equal(verify(&b, SUBKEY1_TA), SEC);
	assert_int_equal(verify(&b, "5b9e0e40-2636-11e1-ad9e-0002a5d5c51c"), SEC);
	/* Under a subkey the UUID is the derived one; another TA's is refused. */
	assert_int_equal(verify(&s, OS_TEST), SEC);
	free(b.p);
	free(s.p);
}

/*
 * Every bit flip of the headers (and a sample of the image) is refused, but
 * for a subkey's name after its NUL: neither signed nor used, in OP-TEE too.
 */
static void flips_are_security(const char *uuid, size_t hdr_end, size_t step)
{
	struct buf b = load_ta(uuid);
	size_t i, pad = 0, pad_end = 0;

	assert_non_null(b.p);
	assert_int_equal(verify(&b, uuid), XW_TA_OK);
	if (b.p[4] == 3) { /* a subkey: body at 308, name_size at 16 in it, name after 320 */
		pad_end = 308 + 320 + (b.p[324] | (size_t)b.p[325] << 8);
		pad = 308 + 320 + strnlen((const char *)b.p + 628, pad_end - 628);
		assert_true(pad > 628); /* a name: the TA's UUID derives from it */
	}
	for (i = 0; i < b.n; i += i < hdr_end ? 1 : step) {
		uint8_t bit = (uint8_t)(1U << (i % 8));

		b.p[i] ^= bit;
		if (i > pad && i < pad_end) {
			assert_int_equal(verify(&b, uuid), XW_TA_OK);
		} else if (verify(&b, uuid) != SEC) {
			fail_msg("%s: flip at %zu accepted", uuid, i);
		}
		b.p[i] ^= bit;
	}
	b.p[b.n - 1] ^= 0x80;
	assert_int_equal(verify(&b, uuid), SEC);
	free(b.p);
}

static void flipped_bytes_are_security(void **state)
{
	(void)state;
	NEED_TRIXIE();
	/* shdr 20, hash 32, sig 256, bootstrap 20, then the ELF */
	flips_are_security(OS_TEST, 20 + 32 + 256 + 20 + 64, 997);
}

static void flipped_subkey_bytes_are_security(void **state)
{
	(void)state;
	NEED_TRIXIE();
	/* Subkey: shdr, hash, sig, 320-byte body, name; then the TA's headers. */
	flips_are_security(SUBKEY1_TA, 2 * (20 + 32 + 256) + 320 + 64 + 20 + 64, 4999);
}

/* Every truncation inside the headers, and some in the image, is refused. */
static void truncated_is_security(void **state)
{
	const char *uuids[] = { OS_TEST, SUBKEY1_TA };
	size_t u, n;

	(void)state;
	NEED_TRIXIE();
	for (u = 0; u < 2; u++) {
		struct buf b = load_ta(uuids[u]);
		size_t full = b.n;

		for (n = 0; n < full; n += n < 1200 ? 1 : 4093) {
			b.n = n;
			if (verify(&b, uuids[u]) != SEC) {
				fail_msg("%s: %zu bytes accepted", uuids[u], n);
			}
		}
		b.n = full - 1;
		assert_int_equal(verify(&b, uuids[u]), SEC);
		free(b.p);
	}
}

/* Lengths in the header far beyond the image: refused, nothing read beyond it (ASan). */
static void oversized_lengths_are_security(void **state)
{
	static const struct {
		size_t off, len;
		uint8_t v;
	} f[] = {
		{ 8, 4, 0xff },  /* img_size */
		{ 16, 2, 0xff }, /* hash_size */
		{ 18, 2, 0xff }, /* sig_size */
		{ 18, 2, 0x00 }, /* sig_size 0 */
	};
	struct buf b;
	size_t i;

	(void)state;
	NEED_TRIXIE();
	b = load_ta(OS_TEST);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		uint8_t save[4];

		memcpy(save, b.p + f[i].off, f[i].len);
		memset(b.p + f[i].off, f[i].v, f[i].len);
		assert_int_equal(verify(&b, OS_TEST), SEC);
		memcpy(b.p + f[i].off, save, f[i].len);
	}
	/* A byte more than img_size says. */
	b.p = realloc(b.p, b.n + 1);
	b.p[b.n++] = 0;
	assert_int_equal(verify(&b, OS_TEST), SEC);
	free(b.p);
}

static void bad_parameters(void **state)
{
	struct xw_tee_uuid u = { 0 };
	const void *elf;
	size_t len;
	uint8_t x[32] = { 0 };

	(void)state;
	assert_int_equal(xw_ta_verify(NULL, 0, &u, &elf, &len), XW_TA_ERROR_BAD_PARAMETERS);
	assert_int_equal(xw_ta_verify(x, sizeof(x), NULL, &elf, &len), XW_TA_ERROR_BAD_PARAMETERS);
	assert_int_equal(xw_ta_verify(x, sizeof(x), &u, NULL, &len), XW_TA_ERROR_BAD_PARAMETERS);
	assert_int_equal(xw_ta_verify(x, sizeof(x), &u, &elf, NULL), XW_TA_ERROR_BAD_PARAMETERS);
	assert_int_equal(xw_ta_verify(x, sizeof(x), &u, &elf, &len), SEC);
	/* Encoding checks with lengths that do not fit together (found by fuzz_ta_verify). */
	assert_int_equal(xw_emsa_pss_sha256_check(x, 0, SIZE_MAX - 6, x), -1);
	assert_int_equal(xw_emsa_pss_sha256_check(x, sizeof(x), 8 * sizeof(x), x), -1);
	assert_int_equal(xw_emsa_pkcs1_sha256_check(x, sizeof(x), x), -1);
}

/* ---- Images signed here with the dev kit's key ---- */

static mbedtls_pk_context pk;

static int rng(void *ctx, unsigned char *p, size_t n)
{
	(void)ctx;
	while (n-- > 0) {
		*p++ = (unsigned char)rand();
	}
	return 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

struct img {
	uint8_t p[1 << 16];
	size_t n;
};

static void append(struct img *m, const void *p, size_t n)
{
	assert_true(m->n + n <= sizeof(m->p));
	if (n > 0) {
		memcpy(m->p + m->n, p, n);
	}
	m->n += n;
}

/*
 * Appends a signed header of @type over @body (@extra: bytes hashed between
 * the header and the body - bootstrap/encryption headers - and written there).
 * @hash_algo is the algorithm the header claims, @sign_v15 how it is signed.
 */
static void add_signed(struct img *m, uint32_t type, uint32_t algo, int sign_v15,
		       const void *extra, size_t extra_n, const void *body, size_t body_n)
{
	mbedtls_rsa_context *rsa = mbedtls_pk_rsa(pk);
	uint8_t shdr[20], hash[32], sig[256];
	struct xw_sha256 h;

	put32(shdr, 0x4f545348);
	put32(shdr + 4, type);
	put32(shdr + 8, (uint32_t)body_n);
	put32(shdr + 12, algo);
	shdr[16] = 32;
	shdr[17] = 0;
	shdr[18] = 0;
	shdr[19] = 1; /* 256 */
	xw_sha256_init(&h);
	xw_sha256_update(&h, shdr, sizeof(shdr));
	xw_sha256_update(&h, extra, extra_n);
	xw_sha256_update(&h, body, body_n);
	xw_sha256_final(&h, hash);
	if (sign_v15) {
		mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_SHA256);
		assert_int_equal(mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, rng, NULL, MBEDTLS_RSA_PRIVATE,
								   MBEDTLS_MD_SHA256, 32, hash, sig),
				 0);
	} else {
		mbedtls_rsa_set_padding(rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
		assert_int_equal(mbedtls_rsa_rsassa_pss_sign_ext(rsa, rng, NULL, MBEDTLS_MD_SHA256, 32,
								 hash, 32, sig),
				 0);
	}
	append(m, shdr, sizeof(shdr));
	append(m, hash, sizeof(hash));
	append(m, sig, sizeof(sig));
	append(m, extra, extra_n);
	append(m, body, body_n);
}

/* A subkey (the dev key's own public numbers) for namespace @ns with @name. */
static void add_subkey(struct img *m, const uint8_t ns[16], uint32_t max_depth, const char *name,
		       size_t name_size)
{
	mbedtls_rsa_context *rsa = mbedtls_pk_rsa(pk);
	uint8_t body[36 + 24 + 256 + 4];
	uint8_t nm[64] = { 0 };

	memcpy(body, ns, 16);
	put32(body + 16, (uint32_t)name_size);
	put32(body + 20, 1);
	put32(body + 24, max_depth);
	put32(body + 28, PSS);
	put32(body + 32, 2);
	put32(body + 36, 0xd0000130);
	put32(body + 40, 60);
	put32(body + 44, 256);
	put32(body + 48, 0xd0000230);
	put32(body + 52, 316);
	put32(body + 56, 4);
	assert_int_equal(mbedtls_rsa_export_raw(rsa, body + 60, 256, NULL, 0, NULL, 0, NULL, 0,
						body + 316, 4),
			 0);
	add_signed(m, 3, PSS, 0, NULL, 0, body, sizeof(body));
	strncpy((char *)nm, name, sizeof(nm) - 1);
	assert_true(name_size <= sizeof(nm));
	append(m, nm, name_size);
}

static const uint8_t elf[64] = "\177ELF\2\1\1 a pretend ELF for header tests";

static void add_ta(struct img *m, uint32_t type, uint32_t algo, int v15, const uint8_t uuid[16])
{
	uint8_t bs[20] = { 0 };

	memcpy(bs, uuid, 16);
	add_signed(m, type, algo, v15, bs, type == 0 ? 0 : sizeof(bs), elf, sizeof(elf));
}

static uint32_t verify_img(struct img *m, const uint8_t o[16])
{
	struct xw_tee_uuid u;
	const void *e = NULL;
	size_t n = 0;
	uint32_t rc;

	u.time_low = (uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 | (uint32_t)o[2] << 8 | o[3];
	u.time_mid = (uint16_t)(o[4] << 8 | o[5]);
	u.time_hi_ver = (uint16_t)(o[6] << 8 | o[7]);
	memcpy(u.clock_seq_node, o + 8, 8);
	rc = xw_ta_verify(m->p, m->n, &u, &e, &n);
	if (rc == XW_TA_OK) {
		assert_int_equal(n, sizeof(elf));
		assert_memory_equal(e, elf, sizeof(elf));
	}
	return rc;
}

static int setup_key(void **state)
{
	(void)state;
	mbedtls_pk_init(&pk);
	if (have_trixie()) {
		assert_int_equal(mbedtls_pk_parse_keyfile(&pk, DEV_KEY, NULL), 0);
	}
	return 0;
}

static int teardown_key(void **state)
{
	(void)state;
	mbedtls_pk_free(&pk);
	return 0;
}

static const uint8_t ta_uuid[16] = { 0x8a, 0xaa, 0xf2, 0x00, 0x24, 0x50, 0x11, 0xe4,
				     0xab, 0xe2, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b };

static void own_signatures_verify(void **state)
{
	static struct img m;

	(void)state;
	NEED_TRIXIE();
	m.n = 0;
	add_ta(&m, 1, PSS, 0, ta_uuid);
	assert_int_equal(verify_img(&m, ta_uuid), XW_TA_OK);
	m.n = 0;
	add_ta(&m, 1, V15, 1, ta_uuid); /* PKCS #1 v1.5 */
	assert_int_equal(verify_img(&m, ta_uuid), XW_TA_OK);
	m.p[20 + 32 + 100] ^= 4;
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
	m.n = 0;
	add_ta(&m, 0, PSS, 0, ta_uuid); /* legacy SHDR_TA: no UUID in the header */
	assert_int_equal(verify_img(&m, ta_uuid), XW_TA_OK);
}

static void wrong_algorithms_are_security(void **state)
{
	static const uint32_t algos[] = {
		0x70212930, /* RSASSA_PKCS1_PSS_MGF1_SHA1: weak */
		0x70005830, /* RSASSA_PKCS1_V1_5_SHA384 */
		0x70004041, /* ECDSA_SHA256 */
		0,
	};
	static struct img m;
	size_t i;

	(void)state;
	NEED_TRIXIE();
	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++) {
		m.n = 0;
		add_ta(&m, 1, algos[i], 0, ta_uuid);
		assert_int_equal(verify_img(&m, ta_uuid), SEC);
	}
	/* Claims PSS, signed PKCS #1 v1.5 (and the reverse). */
	m.n = 0;
	add_ta(&m, 1, PSS, 1, ta_uuid);
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
	m.n = 0;
	add_ta(&m, 1, V15, 0, ta_uuid);
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
	/* An unknown image type, validly signed. */
	m.n = 0;
	add_ta(&m, 7, PSS, 0, ta_uuid);
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
}

static void encrypted_ta_is_security(void **state)
{
	/* bootstrap (uuid, version), then enc_algo AES-GCM, flags, iv 12, tag 16 */
	uint8_t hdr[20 + 12 + 12 + 16] = { 0 };
	static struct img m;

	(void)state;
	NEED_TRIXIE();
	memcpy(hdr, ta_uuid, 16);
	put32(hdr + 20, 0x40000810);
	hdr[28] = 0;
	hdr[32] = 12;
	hdr[34] = 16;
	m.n = 0;
	add_signed(&m, 2, PSS, 0, hdr, sizeof(hdr), elf, sizeof(elf));
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
}

/* OP-TEE's rule for the UUID under a named subkey (sign_encrypt.py's uuid_v5_sha512). */
static void derive(uint8_t out[16], const uint8_t ns[16], const char *name)
{
	uint8_t d[64];
	struct xw_sha512 h;

	xw_sha512_init(&h);
	xw_sha512_update(&h, ns, 16);
	xw_sha512_update(&h, name, strlen(name));
	xw_sha512_final(&h, d);
	memcpy(out, d, 16);
	out[6] = (uint8_t)((out[6] & 0x0f) | 0x50);
	out[8] = (uint8_t)((out[8] & 0x3f) | 0x80);
}

static void subkey_chains(void **state)
{
	static const uint8_t ns[16] = { 0xf0, 0x4f, 0xa9, 0x96, 0x14, 0x8a, 0x45, 0x3c,
					0xb0, 0x37, 0x1d, 0xcf, 0xbe, 0xc6, 0x1d, 0x4e };
	uint8_t mid[16], leaf[16];
	static struct img m;
	int i;

	(void)state;
	NEED_TRIXIE();
	/* Two levels: ns --"mid"--> subkey mid --"leaf"--> TA. */
	derive(mid, ns, "mid");
	derive(leaf, mid, "leaf");
	m.n = 0;
	add_subkey(&m, ns, 1, "mid", 16);
	add_subkey(&m, mid, 0, "leaf", 32);
	add_ta(&m, 1, PSS, 0, leaf);
	assert_int_equal(verify_img(&m, leaf), XW_TA_OK);
	assert_int_equal(verify_img(&m, mid), SEC);
	/* Without a name the TA takes the subkey's UUID. */
	m.n = 0;
	add_subkey(&m, ns, 0, "", 0);
	add_ta(&m, 1, PSS, 0, ns);
	assert_int_equal(verify_img(&m, ns), XW_TA_OK);
	/* A TA outside the namespace (its own bootstrap UUID agreeing with the request). */
	m.n = 0;
	add_subkey(&m, ns, 0, "x", 8);
	add_ta(&m, 1, PSS, 0, ta_uuid);
	assert_int_equal(verify_img(&m, ta_uuid), SEC);
	/* The next subkey must be in the namespace too. */
	m.n = 0;
	add_subkey(&m, ns, 1, "mid", 16);
	add_subkey(&m, ns, 0, "leaf", 32);
	derive(leaf, ns, "leaf");
	add_ta(&m, 1, PSS, 0, leaf);
	assert_int_equal(verify_img(&m, leaf), SEC);
	/* The same subkey twice (a "loop"): max_depth must decrease. */
	m.n = 0;
	add_subkey(&m, ns, 1, "", 0);
	add_subkey(&m, ns, 1, "", 0);
	add_ta(&m, 1, PSS, 0, ns);
	assert_int_equal(verify_img(&m, ns), SEC);
	/* A TA under max_depth 0 is fine; a subkey under it is not. */
	m.n = 0;
	add_subkey(&m, ns, 0, "", 0);
	add_subkey(&m, ns, 0, "", 0);
	add_ta(&m, 1, PSS, 0, ns);
	assert_int_equal(verify_img(&m, ns), SEC);
	/* Eight levels pass, nine are too deep whatever max_depth allows. */
	for (int depth = 8; depth <= 9; depth++) {
		m.n = 0;
		for (i = 0; i < depth; i++) {
			add_subkey(&m, ns, (uint32_t)(100 - i), "", 0);
		}
		add_ta(&m, 1, PSS, 0, ns);
		assert_int_equal(verify_img(&m, ns), depth == 8 ? XW_TA_OK : SEC);
	}
	/* A subkey whose name runs past the image. */
	m.n = 0;
	add_subkey(&m, ns, 0, "", 0);
	put32(m.p + 20 + 32 + 256 + 16, 0xfffffff0);
	assert_int_equal(verify_img(&m, ns), SEC);
}

/* ---- The encodings alone (ta_pkcs1.c), on EMs built here by RFC 8017's recipe ---- */

static void mgf1_xor_test(uint8_t *db, size_t len, const uint8_t seed[32])
{
	uint8_t in[36], t[32];
	uint32_t c;
	size_t off, i;

	memcpy(in, seed, 32);
	for (c = 0, off = 0; off < len; c++, off += 32) {
		in[32] = (uint8_t)(c >> 24);
		in[33] = (uint8_t)(c >> 16);
		in[34] = (uint8_t)(c >> 8);
		in[35] = (uint8_t)c;
		xw_sha256(in, sizeof(in), t);
		for (i = 0; i < 32 && off + i < len; i++) {
			db[off + i] ^= t[i];
		}
	}
}

/* EMSA-PSS-ENCODE for a modulus of @bits bits into @em (ceil(bits/8) bytes). */
static void pss_encode(uint8_t *em, size_t bits, const uint8_t mhash[32], const uint8_t salt[32])
{
	size_t k = (bits + 7) / 8, em_bits = bits - 1, len = (em_bits + 7) / 8, db_len = len - 33;
	uint8_t mprime[72], *e = em + (k - len);

	memset(em, 0, k);
	memset(mprime, 0, 8);
	memcpy(mprime + 8, mhash, 32);
	memcpy(mprime + 40, salt, 32);
	xw_sha256(mprime, sizeof(mprime), e + db_len); /* H */
	e[db_len - 33] = 0x01;
	memcpy(e + db_len - 32, salt, 32);
	mgf1_xor_test(e, db_len, e + db_len);
	e[0] &= (uint8_t)(0xff >> (8 * len - em_bits));
	e[len - 1] = 0xbc;
}

static void encodings_refuse_each_defect(void **state)
{
	static const size_t sizes[] = { 2048, 2049, 2047, 4096 };
	uint8_t em[512], mhash[32], salt[32];
	size_t s, i;

	(void)state;
	for (i = 0; i < 32; i++) {
		mhash[i] = (uint8_t)(i * 7 + 1);
		salt[i] = (uint8_t)(i * 13 + 5);
	}
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t bits = sizes[s], k = (bits + 7) / 8, len = (bits - 1 + 7) / 8;
		size_t lead = k - len, db_len = len - 33;
		const size_t spots[] = {
			lead + len - 1,      /* trailer 0xbc */
			lead + db_len,       /* H */
			lead + db_len - 33,  /* the 0x01 separator */
			lead + 5,            /* padding that must be zero */
			lead + db_len - 1,   /* salt */
		};

		pss_encode(em, bits, mhash, salt);
		assert_int_equal(xw_emsa_pss_sha256_check(em, k, bits, mhash), 0);
		mhash[3] ^= 1;
		assert_int_equal(xw_emsa_pss_sha256_check(em, k, bits, mhash), -1);
		mhash[3] ^= 1;
		for (i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
			em[spots[i]] ^= 0x01;
			if (xw_emsa_pss_sha256_check(em, k, bits, mhash) != -1) {
				fail_msg("PSS %zu bits: byte %zu changed, accepted", bits, spots[i]);
			}
			em[spots[i]] ^= 0x01;
		}
		/* The bits above emBits must be zero; so must a leading octet. */
		if (8 * len - (bits - 1) != 0) {
			em[lead] ^= 0x80;
			assert_int_equal(xw_emsa_pss_sha256_check(em, k, bits, mhash), -1);
			em[lead] ^= 0x80;
		}
		if (lead != 0) {
			em[0] ^= 0x01;
			assert_int_equal(xw_emsa_pss_sha256_check(em, k, bits, mhash), -1);
			em[0] ^= 0x01;
		}
		assert_int_equal(xw_emsa_pss_sha256_check(em, k, bits, mhash), 0);
	}
	/* PKCS #1 v1.5: 00 01 FF.. 00 DigestInfo(SHA-256) hash */
	{
		static const uint8_t di[19] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
						0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
						0x01, 0x05, 0x00, 0x04, 0x20 };
		const size_t k = 256, ps = k - 3 - 51;
		const size_t spots[] = { 0, 1, 2, 2 + ps - 1, 2 + ps, 3 + ps, 3 + ps + 18, k - 1 };

		em[0] = 0;
		em[1] = 1;
		memset(em + 2, 0xff, ps);
		em[2 + ps] = 0;
		memcpy(em + 3 + ps, di, sizeof(di));
		memcpy(em + 3 + ps + sizeof(di), mhash, 32);
		assert_int_equal(xw_emsa_pkcs1_sha256_check(em, k, mhash), 0);
		for (i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
			em[spots[i]] ^= 0x01;
			if (xw_emsa_pkcs1_sha256_check(em, k, mhash) != -1) {
				fail_msg("PKCS1 v1.5: byte %zu changed, accepted", spots[i]);
			}
			em[spots[i]] ^= 0x01;
		}
		assert_int_equal(xw_emsa_pkcs1_sha256_check(em, 61, mhash), -1); /* < 8 bytes of PS */
	}
}

/* The secure kernel's boot check, hosted: its known answers hold with the host's library. */
static void boot_selftest_passes(void **state)
{
	(void)state;
	assert_int_equal(xw_ta_selftest(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_parameters),
		cmocka_unit_test(boot_selftest_passes),
		cmocka_unit_test(encodings_refuse_each_defect),
		cmocka_unit_test(every_debian_ta_verifies),
		cmocka_unit_test(wrong_uuid_is_security),
		cmocka_unit_test(flipped_bytes_are_security),
		cmocka_unit_test(flipped_subkey_bytes_are_security),
		cmocka_unit_test(truncated_is_security),
		cmocka_unit_test(oversized_lengths_are_security),
		cmocka_unit_test(own_signatures_verify),
		cmocka_unit_test(wrong_algorithms_are_security),
		cmocka_unit_test(encrypted_ta_is_security),
		cmocka_unit_test(subkey_chains),
	};

	return cmocka_run_group_tests(tests, setup_key, teardown_key);
}
