// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TA ELF loader (secure/ta/ta_elf.c) on Debian's real trusted
 * applications (build/trixie/root/usr/lib/optee_armtz, make fetch-trixie;
 * XW_TA_DIR overrides; absent: those cases are skipped, and say so), and on
 * hostile variants of them: every header field that bounds something,
 * truncation at every length, relocation tables pointing outside.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/ta/ta_elf.h"
#include "ta_shdr_walk.h"
#include "xw/err.h"

#define BASE 0x40100000ULL

/* os_test, its library, and create_fail_test (xtest's UUIDs) */
static const char *const os_test = "5b9e0e40-2636-11e1-ad9e-0002a5d5c51b";
static const char *const os_test_lib = "ffd2bded-ab7d-4988-95ee-e4962fff7154";
static const char *const create_fail = "c3f6e2c0-3548-11e1-b86c-0800200c9a66";

static void uuid_octets(const char *s, uint8_t u[16])
{
	unsigned int i = 0, v;

	for (; *s && i < 16; s++) {
		if (*s == '-') {
			continue;
		}
		sscanf(s, "%2x", &v);
		u[i++] = (uint8_t)v;
		s++;
	}
}

/* The whole .ta file, or NULL (no trixie root here). */
static uint8_t *read_ta(const char *uuid, size_t *len)
{
	const char *dir = getenv("XW_TA_DIR");
	char path[512];
	uint8_t *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s.ta", dir ? dir : "build/trixie/root/usr/lib/optee_armtz",
		 uuid);
	f = fopen(path, "rb");
	if (!f) {
		return 0;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The ELF of TA @uuid as a malloc'd copy, or NULL (skip). */
static uint8_t *ta_elf(const char *uuid, size_t *len)
{
	uint8_t u[16], *copy;
	const uint8_t *elf;
	size_t n, elen;
	uint8_t *img = read_ta(uuid, &n);

	if (!img) {
		return 0;
	}
	uuid_octets(uuid, u);
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n, u, &elf, &elen), 0);
	copy = malloc(elen);
	memcpy(copy, elf, elen);
	free(img);
	*len = elen;
	return copy;
}

#define NEED(p)                                                                   \
	do {                                                                      \
		if (!(p)) {                                                       \
			skip(); /* no trixie root: reported as a skip, not a pass */ \
		}                                                                 \
	} while (0)

struct mod {
	struct xw_ta_elf e;
	uint8_t *img;
	uint64_t base;
};

static struct mod mods[2];
static unsigned int nmods;

static int resolve(void *ctx, const char *name, uint64_t *va)
{
	unsigned int i;

	(void)ctx;
	for (i = 0; i < nmods; i++) {
		if (xw_ta_elf_lookup(&mods[i].e, mods[i].img, mods[i].base, name, va) == XW_OK) {
			return XW_OK;
		}
	}
	return XW_ENOENT;
}

static void load_mod(struct mod *m, const uint8_t *elf, size_t len, uint64_t base)
{
	assert_int_equal(xw_ta_elf_parse(elf, len, &m->e), XW_OK);
	m->img = calloc(1, m->e.span);
	assert_non_null(m->img);
	assert_int_equal(xw_ta_elf_copy(elf, len, &m->e, m->img), XW_OK);
	m->base = base;
}

static void check_ta_head(const struct mod *m, const char *uuid)
{
	uint64_t va;
	struct xw_ta_head h;
	uint8_t u[16];

	assert_int_equal(xw_ta_elf_lookup(&m->e, m->img, 0, "ta_head", &va), XW_OK);
	assert_true(va + sizeof(h) <= m->e.span);
	memcpy(&h, m->img + va, sizeof(h));
	/* ta_head's UUID is a TEE_UUID: time_low, mid, hi little-endian */
	uuid_octets(uuid, u);
	assert_int_equal(h.uuid[0], u[3]);
	assert_int_equal(h.uuid[3], u[0]);
	assert_int_equal(h.uuid[4], u[5]);
	assert_memory_equal(h.uuid + 8, u + 8, 8);
	assert_int_equal(h.depr_entry, UINT64_MAX);
	assert_true(h.stack_size >= 2048 && h.stack_size <= (1U << 20));
}

static void test_create_fail(void **state)
{
	size_t len;
	uint8_t *elf = ta_elf(create_fail, &len);
	uint64_t v, got;
	unsigned int i, k, n = 0;

	(void)state;
	NEED(elf);
	nmods = 0;
	load_mod(&mods[0], elf, len, BASE);
	nmods = 1;
	assert_int_equal(mods[0].e.nseg, 2);
	assert_int_equal(mods[0].e.seg[0].prot, XW_TA_PROT_R | XW_TA_PROT_X);
	assert_int_equal(mods[0].e.seg[1].prot, XW_TA_PROT_R | XW_TA_PROT_W);
	assert_int_equal(mods[0].e.nneeded, 0);
	assert_true(mods[0].e.entry > 0 && mods[0].e.entry < mods[0].e.seg[0].pages * 4096);
	check_ta_head(&mods[0], create_fail);
	assert_int_equal(xw_ta_elf_relocate(&mods[0].e, mods[0].img, BASE, resolve, 0), XW_OK);
	/* Every RELATIVE target now holds an address inside the module. */
	assert_int_equal(mods[0].e.nrel, 2); /* .rela.dyn and .rela.got */
	for (k = 0; k < mods[0].e.nrel; k++) {
		for (i = 0; i < mods[0].e.rel[k].size / 24; i++) {
			const uint8_t *r = mods[0].img + mods[0].e.rel[k].va + i * 24;

			memcpy(&got, r, 8);
			memcpy(&v, mods[0].img + got, 8);
			assert_true(v >= BASE && v < BASE + mods[0].e.span);
			n++;
		}
	}
	assert_int_equal(n, 56);
	assert_int_equal(xw_ta_elf_lookup(&mods[0].e, mods[0].img, BASE, "__elf_phdr_info", &v),
			 XW_OK);
	assert_true(v > BASE && v < BASE + mods[0].e.span);
	assert_int_equal(xw_ta_elf_lookup(&mods[0].e, mods[0].img, BASE, "no_such", &v), XW_ENOENT);
	free(mods[0].img);
	free(elf);
}

/* os_test needs its library (DT_NEEDED by UUID): symbols resolve across both. */
static void test_os_test_with_lib(void **state)
{
	size_t len, llen;
	uint8_t *elf = ta_elf(os_test, &len), *lib = ta_elf(os_test_lib, &llen);
	const char *need;
	uint64_t libbase, v, off;
	unsigned int i;

	(void)state;
	NEED(elf && lib);
	nmods = 0;
	load_mod(&mods[0], elf, len, BASE);
	assert_int_equal(mods[0].e.nneeded, 1);
	need = xw_ta_elf_str(&mods[0].e, mods[0].img, mods[0].e.needed[0]);
	assert_non_null(need);
	assert_string_equal(need, os_test_lib);
	check_ta_head(&mods[0], os_test);
	libbase = BASE + mods[0].e.span + 0x10000;
	load_mod(&mods[1], lib, llen, libbase);
	nmods = 2;
	assert_true(mods[1].e.soname != 0);
	/* Without the library, the main program's imports do not resolve. */
	nmods = 1;
	assert_int_equal(xw_ta_elf_relocate(&mods[0].e, mods[0].img, BASE, resolve, 0), XW_ENOENT);
	nmods = 2;
	assert_int_equal(xw_ta_elf_relocate(&mods[0].e, mods[0].img, BASE, resolve, 0), XW_OK);
	assert_int_equal(xw_ta_elf_relocate(&mods[1].e, mods[1].img, libbase, resolve, 0), XW_OK);
	/* The main program's PLT slots all point into the library (or itself). */
	for (i = 0; i < mods[0].e.pltrelsz / 24; i++) {
		memcpy(&off, mods[0].img + mods[0].e.jmprel + i * 24, 8);
		memcpy(&v, mods[0].img + off, 8);
		assert_true((v >= libbase && v < libbase + mods[1].e.span) ||
			    (v >= BASE && v < BASE + mods[0].e.span));
	}
	assert_int_equal(resolve(0, "TEE_Panic", &v), XW_OK);
	assert_true(v >= libbase && v < libbase + mods[1].e.span);
	free(mods[0].img);
	free(mods[1].img);
	free(elf);
	free(lib);
}

/* Every Debian TA whose image is a bootstrap one parses and loads alone or with os_test's lib. */
static void test_all_debian_tas(void **state)
{
	static const char *const tas[] = {
		"02a42f43-d8b7-4a57-aa4d-87bd9b5587cb", "25497083-a58a-4fc5-8a72-1ad7b69b8562",
		"380231ac-fb99-47ad-a689-9e017eb6e78a", "528938ce-fc59-11e8-8eb2-f2801f1b9fd1",
		"5ce0c432-0ab0-40e5-a056-782ca0e6aba2", "731e279e-aafb-4575-a771-38caa6f0cca6",
		"873bcd08-c2c3-11e6-a937-d0bf9c45c61c", "a4c04d50-f180-11e8-8eb2-f2801f1b9fd1",
		"b689f2a7-8adf-477a-9f99-32e90c0ad0a2", "c3f6e2c0-3548-11e1-b86c-0800200c9a66",
		"cb3e5ba0-adf1-11e0-998b-0002a5d5c51b", "d17f73a0-36ef-11e1-984a-0002a5d5c51b",
		"e13010e0-2ae1-11e5-896a-0002a5d5c51b", "e6a33ed4-562b-463a-bb7e-ff5e15a493c8",
		"f157cda0-550c-11e5-a6fa-0002a5d5c51b",
	};
	unsigned int i, n = 0;

	(void)state;
	for (i = 0; i < sizeof(tas) / sizeof(tas[0]); i++) {
		size_t len;
		uint8_t *elf = ta_elf(tas[i], &len);

		if (!elf) {
			continue;
		}
		nmods = 0;
		load_mod(&mods[0], elf, len, BASE);
		nmods = 1;
		check_ta_head(&mods[0], tas[i]);
		assert_int_equal(xw_ta_elf_relocate(&mods[0].e, mods[0].img, BASE, resolve, 0),
				 XW_OK);
		free(mods[0].img);
		free(elf);
		n++;
	}
	NEED(n > 0);
	assert_int_equal(n, sizeof(tas) / sizeof(tas[0]));
}

/* ---- hostile images ------------------------------------------------------- */

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

static uint64_t get(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		v |= (uint64_t)p[i] << (8 * i);
	}
	return v;
}

/* Parse (and if it parses, copy and relocate) a mutated copy: never out of bounds (ASan build). */
static int try_load(const uint8_t *elf, size_t len)
{
	struct xw_ta_elf e;
	uint8_t *img;
	int rc = xw_ta_elf_parse(elf, len, &e);

	if (rc != XW_OK) {
		return rc;
	}
	img = calloc(1, e.span);
	assert_non_null(img);
	rc = xw_ta_elf_copy(elf, len, &e, img);
	if (rc == XW_OK) {
		rc = xw_ta_elf_relocate(&e, img, BASE, 0, 0);
	}
	free(img);
	return rc;
}

static void test_hostile_headers(void **state)
{
	size_t len;
	uint8_t *elf = ta_elf(create_fail, &len), *m;
	uint64_t phoff, ph1;

	(void)state;
	NEED(elf);
	m = malloc(len);
	phoff = get(elf + 32, 8);
	ph1 = phoff + 56;
#define MUT(off, val, n)                                         \
	do {                                                     \
		memcpy(m, elf, len);                             \
		put(m + (off), (val), (n));                      \
		assert_int_equal(try_load(m, len), XW_EINVAL);   \
	} while (0)
	MUT(0, 0x7e, 1);                        /* magic */
	MUT(4, 1, 1);                           /* ELF32 */
	MUT(16, 2, 2);                          /* ET_EXEC */
	MUT(18, 62, 2);                         /* x86-64 */
	MUT(54, 32, 2);                         /* phentsize */
	MUT(56, 0, 2);                          /* no program headers */
	MUT(56, 0xffff, 2);                     /* too many */
	MUT(32, len - 10, 8);                   /* phdrs past the end */
	MUT(32, UINT64_MAX - 8, 8);             /* wrapping */
	MUT(phoff + 8, len, 8);                 /* segment bytes past the end */
	MUT(phoff + 32, UINT64_MAX, 8);         /* filesz huge */
	MUT(phoff + 40, 0, 8);                  /* memsz 0 */
	MUT(phoff + 40, 1ULL << 40, 8);         /* span too large */
	MUT(phoff + 16, 0x123, 8);              /* va and offset disagree modulo the page */
	MUT(phoff + 4, 7, 4);                   /* RWX */
	MUT(ph1 + 16, 0x1000, 8);               /* second segment overlaps the first */
	MUT(24, 0x1a100, 8);                    /* entry in the data segment */
	MUT(ph1, 7, 4);                         /* PT_TLS */
	MUT(40, len, 8);                        /* section headers past the end */
	/* truncated at every length up to the program headers' end, and some beyond */
	for (size_t n = 0; n < ph1 + 56 + 4096 && n < len; n += n < 256 ? 1 : 97) {
		assert_int_not_equal(xw_ta_elf_parse(elf, n, &(struct xw_ta_elf){ 0 }), XW_OK);
	}
	free(m);
	free(elf);
}

/* The dynamic section and relocations: every pointer they hold is checked. */
static void test_hostile_dynamic(void **state)
{
	size_t len;
	uint8_t *elf = ta_elf(create_fail, &len), *m;
	struct xw_ta_elf e;
	uint64_t dyn = 0, phoff, i, rela_file = 0;
	unsigned int k;

	(void)state;
	NEED(elf);
	m = malloc(len);
	assert_int_equal(xw_ta_elf_parse(elf, len, &e), XW_OK);
	phoff = get(elf + 32, 8);
	for (k = 0; k < e.phnum; k++) {
		if (get(elf + phoff + k * 56, 4) == 2) {
			dyn = get(elf + phoff + k * 56 + 8, 8);
		}
	}
	assert_true(dyn != 0);
	/* the file offset of RELA: in the first segment, file offset = va + 0x1000 */
	rela_file = e.rela + get(elf + phoff + 8, 8) - get(elf + phoff + 16, 8);
	for (i = 0; get(elf + dyn + i * 16, 8) != 0; i++) {
		uint64_t tag = get(elf + dyn + i * 16, 8);
		uint64_t bad[] = { 0, e.span, UINT64_MAX - 4, 0x10 };

		for (k = 0; k < 4; k++) {
			memcpy(m, elf, len);
			put(m + dyn + i * 16 + 8, bad[k], 8);
			(void)try_load(m, len); /* whatever it answers: no bad access (ASan) */
		}
		if (tag == 6 /* SYMTAB */) {
			memcpy(m, elf, len);
			put(m + dyn + i * 16 + 8, e.span, 8);
			assert_int_equal(try_load(m, len), XW_EINVAL);
		}
	}
	/* A relocation whose target is in the text, outside the image, or of an unknown type. */
	memcpy(m, elf, len);
	put(m + rela_file, 0x100, 8);
	assert_int_equal(try_load(m, len), XW_EINVAL);
	memcpy(m, elf, len);
	put(m + rela_file, e.span - 4, 8);
	assert_int_equal(try_load(m, len), XW_EINVAL);
	memcpy(m, elf, len);
	put(m + rela_file + 8, 1024 /* R_AARCH64_COPY */, 8);
	assert_int_equal(try_load(m, len), XW_EINVAL);
	memcpy(m, elf, len);
	put(m + rela_file + 8, 1025 | (1ULL << 40), 8); /* GLOB_DAT, symbol index far out */
	assert_int_equal(try_load(m, len), XW_EINVAL);
	free(m);
	free(elf);
}

/* The temporary signed-header walk: wrong UUID, wrong magic, truncation, subkeys. */
static void test_shdr(void **state)
{
	size_t n;
	uint8_t *img = read_ta(create_fail, &n), u[16], o[16];
	const uint8_t *elf;
	size_t elen;

	(void)state;
	NEED(img);
	uuid_octets(create_fail, u);
	uuid_octets(os_test, o);
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n, u, &elf, &elen), 0);
	assert_int_equal(elen, n - 328);
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n, o, &elf, &elen), 0xffff000fU);
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n - 1, u, &elf, &elen), 0xffff0005U);
	assert_int_equal(xw_ta_shdr_elf_unverified(img, 10, u, &elf, &elen), 0xffff0005U);
	img[0] ^= 1;
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n, u, &elf, &elen), 0xffff0005U);
	img[0] ^= 1;
	img[4] = 3;
	assert_int_equal(xw_ta_shdr_elf_unverified(img, n, u, &elf, &elen), 0xffff000aU);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_fail),
		cmocka_unit_test(test_os_test_with_lib),
		cmocka_unit_test(test_all_debian_tas),
		cmocka_unit_test(test_hostile_headers),
		cmocka_unit_test(test_hostile_dynamic),
		cmocka_unit_test(test_shdr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
