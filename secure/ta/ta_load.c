// SPDX-License-Identifier: BSD-2-Clause
/*
 * Loading a TA instance (ta_int.h): the image through tee-supplicant (RPC
 * LOAD_TA: ask the size, have the driver allocate shared memory, fetch), a
 * private secure copy of every image before anything is checked, the ELF
 * loader (ta_elf.c) for the TA and its DT_NEEDED libraries at a random base,
 * __elf_phdr_info as ldelf fills it, ta_head's identity, flags and stack.
 */
#include <string.h>

#include "ta_int.h"
#include "ta_verify.h"
#include "ta_str.h"

#include "../core/pages.h"
#include "../services/rng_pool.h"
#include "sk/arch/time.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#define RPC_LOAD_TA    0U
#define DLPI_SIZE      64U  /* struct dl_phdr_info (LP64) */
#define PHDR_SIZE      56U

#define mod xw_ta_mod

/* ---- randomness --------------------------------------------------------------- */

/*
 * The entropy pool when it has a source; else a generator seeded from the
 * counter, which is NOT secret: the kernel logs once that TAs then get
 * predictable numbers (a board without an entropy source has no better).
 */
int xw_ta_rng(void *dst, uint64_t n)
{
	static uint64_t s0, s1;
	uint8_t *d = dst;
	uint64_t k, x;

	if (xw_rng_pool_available(&xw_rng_main)) {
		while (n > 0) {
			k = n > 256 ? 256 : n;
			if (xw_rng_get(&xw_rng_main, d, (size_t)k, true) != XW_OK) {
				return XW_EIO;
			}
			d += k;
			n -= k;
		}
		return XW_OK;
	}
	if (s0 == 0 && s1 == 0) {
		arch_app_log("ta", "no entropy source: TA random numbers and ASLR are predictable");
		s0 = arch_now() | 1;
		s1 = 0x9e3779b97f4a7c15ULL ^ arch_now();
	}
	while (n > 0) {
		/* xorshift128+ */
		x = s0;
		s0 = s1;
		x ^= x << 23;
		s1 = x ^ s0 ^ (x >> 17) ^ (s0 >> 26);
		x = s1 + s0;
		k = n > 8 ? 8 : n;
		memcpy(d, &x, (size_t)k);
		d += k;
		n -= k;
	}
	return XW_OK;
}

/* One line on the secure log: "@what 0x@v" for TA @name (why a load or call failed). */
void xw_ta_log_code(const char *name, const char *what, uint64_t v)
{
	char line[96];
	unsigned int i = 0, k;

	while (*what != '\0' && i < sizeof(line) - 20) {
		line[i++] = *what++;
	}
	line[i++] = ' ';
	line[i++] = '0';
	line[i++] = 'x';
	for (k = 0; k < 16; k++) {
		unsigned int d = (unsigned int)(v >> (60 - 4 * k)) & 15;

		if (d != 0 || k == 15 || line[i - 1] != 'x') {
			line[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		}
	}
	line[i] = '\0';
	arch_app_log(name, line);
}

/* ---- loading -------------------------------------------------------------------- */

static void uuid_to_text(char *out, const uint8_t u[16])
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i, k = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) {
			out[k++] = '-';
		}
		out[k++] = hex[u[i] >> 4];
		out[k++] = hex[u[i] & 15];
	}
	out[k] = '\0';
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (a DT_NEEDED name) to octets. */
static int uuid_from_text(const char *s, uint8_t u[16])
{
	unsigned int i = 0, k, v;

	for (k = 0; k < 36; k++) {
		char c = s[k];

		if (k == 8 || k == 13 || k == 18 || k == 23) {
			if (c != '-') {
				return XW_EINVAL;
			}
			continue;
		}
		if (c >= '0' && c <= '9') {
			v = (unsigned int)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			v = (unsigned int)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			v = (unsigned int)(c - 'A' + 10);
		} else {
			return XW_EINVAL;
		}
		u[i / 2] = (uint8_t)(i % 2 ? u[i / 2] | v : v << 4);
		i++;
	}
	return s[36] == '\0' ? XW_OK : XW_EINVAL;
}

void xw_ta_uuid_pack(const uint8_t u[16], uint64_t *a, uint64_t *b)
{
	unsigned int i;

	*a = *b = 0;
	for (i = 0; i < 8; i++) {
		*a |= (uint64_t)u[i] << (8 * i);
		*b |= (uint64_t)u[8 + i] << (8 * i);
	}
}

/*
 * A buffer of @size bytes the supplicant can see (RPC SHM_ALLOC, type APPL),
 * as a per-call object of ours (*@shm) and the driver's cookie (*@cookie).
 */
uint32_t xw_ta_appl_alloc(struct xw_ta *ta, uint64_t size, struct xw_optee_shm **shm,
			   uint64_t *cookie)
{
	uint64_t q[1][4];
	uint32_t ret;
	int rc;

	*shm = 0;
	*cookie = 0;
	memset(q, 0, sizeof(q));
	q[0][0] = XW_OMSG_ATTR_VALUE_IN;
	q[0][1] = XW_TA_SHM_APPL;
	q[0][2] = size;
	if (xw_optee_rpc_cmd(ta->o, ta->t, XW_ORPC_CMD_SHM_ALLOC, 1, q, &ret) != XW_OK || ret != 0) {
		xw_ta_log_code(ta->name, "SHM_ALLOC answered", ret);
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	*cookie = q[0][3];
	if ((q[0][0] & XW_OMSG_ATTR_TYPE_MASK) != XW_OMSG_ATTR_TMEM_OUT || q[0][2] < size) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	rc = (q[0][0] & XW_OMSG_ATTR_NONCONTIG) ?
		     xw_optee_shm_register(ta->o, ta->t->guest, q[0][1], size, 0, true, shm) :
		     xw_optee_shm_contig(ta->o, ta->t->guest, q[0][1], size, shm);
	if (rc != XW_OK) {
		*shm = 0;
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	return XW_TEE_SUCCESS;
}

void xw_ta_appl_free(struct xw_ta *ta, struct xw_optee_shm *shm, uint64_t cookie)
{
	uint64_t q[1][4];
	uint32_t ret;

	if (shm != 0) {
		xw_optee_shm_put(ta->o, shm);
	}
	if (cookie != 0) {
		q[0][0] = XW_OMSG_ATTR_VALUE_IN;
		q[0][1] = XW_TA_SHM_APPL;
		q[0][2] = cookie;
		q[0][3] = 0;
		(void)xw_optee_rpc_cmd(ta->o, ta->t, XW_ORPC_CMD_SHM_FREE, 1, q, &ret);
	}
}

/*
 * The signed image of @uuid from tee-supplicant, as OP-TEE asks for it: LOAD_TA
 * with no buffer (the answer is the size), an APPL buffer from the driver
 * (SHM_ALLOC), LOAD_TA again into it. The bytes are copied once into fresh
 * secure pages (*@pa, @*len) before anything looks at them.
 */
/*
 * The ELF inside the signed image @img of @uuid (16 octets, RFC 4122 order),
 * if the image verifies (ta_verify.h; it takes OP-TEE's in-memory TEE_UUID).
 */
static uint32_t verify(const uint8_t *img, size_t len, const uint8_t uuid[16],
		       const uint8_t **elf, size_t *elf_len)
{
	struct xw_tee_uuid u;
	const void *e = 0;
	uint32_t ret;

	u.time_low = (uint32_t)uuid[0] << 24 | (uint32_t)uuid[1] << 16 | (uint32_t)uuid[2] << 8 |
		     uuid[3];
	u.time_mid = (uint16_t)(uuid[4] << 8 | uuid[5]);
	u.time_hi_ver = (uint16_t)(uuid[6] << 8 | uuid[7]);
	memcpy(u.clock_seq_node, uuid + 8, 8);
	ret = xw_ta_verify(img, len, &u, &e, elf_len);
	*elf = e;
	return ret;
}

static uint32_t fetch(struct xw_ta *ta, const uint8_t uuid[16], uint64_t *pa, uint64_t *len)
{
	struct xw_optee *o = ta->o;
	struct xw_optee_thread *t = ta->t;
	struct xw_optee_shm *shm = 0;
	struct xw_optee_mref m;
	uint64_t p[2][4], size, cookie = 0;
	uint32_t ret;

	memset(p, 0, sizeof(p));
	p[0][0] = XW_OMSG_ATTR_VALUE_IN;
	xw_ta_uuid_pack(uuid, &p[0][1], &p[0][2]);
	/* As OP-TEE: RPC memrefs are registered ones (offset, size, cookie); none yet. */
	p[1][0] = XW_OMSG_ATTR_RMEM_OUT;
	if (xw_optee_rpc_cmd(o, t, RPC_LOAD_TA, 2, p, &ret) != XW_OK) {
		return XW_TEE_ERROR_COMMUNICATION;
	}
	if (ret != 0) {
		if (ret != XW_TEE_ERROR_ITEM_NOT_FOUND) {
			xw_ta_log_code(ta->name, "LOAD_TA (size) answered", ret);
		}
		return ret; /* the supplicant's answer: TEEC_ERROR_ITEM_NOT_FOUND for an unknown TA */
	}
	size = p[1][2];
	if (size == 0 || size > XW_TA_IMG_MAX) {
		return size == 0 ? XW_TEE_ERROR_BAD_FORMAT : XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	ret = xw_ta_appl_alloc(ta, size, &shm, &cookie);
	if (ret != XW_TEE_SUCCESS) {
		goto out;
	}
	/* The buffer as the driver knows it: offset 0 in the object @cookie. */
	p[0][0] = XW_OMSG_ATTR_VALUE_IN;
	xw_ta_uuid_pack(uuid, &p[0][1], &p[0][2]);
	p[0][3] = 0;
	p[1][0] = XW_OMSG_ATTR_RMEM_OUT;
	p[1][1] = 0;
	p[1][2] = size;
	p[1][3] = cookie;
	if (xw_optee_rpc_cmd(o, t, RPC_LOAD_TA, 2, p, &ret) != XW_OK) {
		ret = XW_TEE_ERROR_COMMUNICATION;
		goto out;
	}
	if (ret != 0 || p[1][2] != size) {
		xw_ta_log_code(ta->name, "LOAD_TA (data) answered", ret);
		ret = ret != 0 ? ret : XW_TEE_ERROR_BAD_FORMAT; /* the file changed in between */
		goto out;
	}
	*pa = xw_pages_alloc(xw_ta_pages_of(size));
	if (*pa == 0) {
		ret = XW_TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	m.shm = shm;
	m.offs = 0;
	m.size = size;
	if (xw_optee_mref_read(&m, 0, arch_app_kva(*pa), (size_t)size) != XW_OK) {
		xw_pages_free(*pa, xw_ta_pages_of(size));
		ret = XW_TEE_ERROR_COMMUNICATION;
		goto out;
	}
	*len = size;
	ret = XW_TEE_SUCCESS;
out:
	xw_ta_appl_free(ta, shm, cookie);
	return ret;
}

/* A random page-aligned base for a module of @span bytes at or above @lo. */
static uint64_t random_base(uint64_t lo, uint64_t span)
{
	uint64_t r = 0, room;

	if (lo >= XW_TA_LOAD_HI || span > XW_TA_LOAD_HI - lo) {
		return 0;
	}
	room = (XW_TA_LOAD_HI - lo - span) / XW_PAGE_SIZE;
	/* At most 16 MiB of slack per module: later modules keep room too. */
	if (room > 4096) {
		room = 4096;
	}
	(void)xw_ta_rng(&r, sizeof(r));
	return lo + (room ? r % room : 0) * XW_PAGE_SIZE;
}

/* Fetch, locate, parse, copy and map module @m (not relocated yet) at or above @lo. */
static uint32_t load_module(struct xw_ta *ta, struct mod *m, uint64_t lo, uint8_t *info,
			    uint64_t *info_off, unsigned int idx)
{
	uint64_t pa = 0, len = 0, span_pages, off;
	const uint8_t *elf;
	size_t elf_len;
	uint32_t ret, i, k, mapped;
	int rc;

	ret = fetch(ta, m->uuid, &pa, &len);
	if (ret != XW_TEE_SUCCESS) {
		return ret;
	}
	/*
	 * The signed header (hash, signature, subkey chain, bootstrap UUID) is
	 * checked on the secure copy before anything of the ELF is looked at.
	 */
	ret = verify(arch_app_kva(pa), (size_t)len, m->uuid, &elf, &elf_len);
	if (ret == XW_TEE_SUCCESS &&
	    xw_ta_elf_parse(elf, elf_len, &m->e) != XW_OK) {
		ret = XW_TEE_ERROR_BAD_FORMAT;
	}
	if (ret != XW_TEE_SUCCESS) {
		xw_pages_free(pa, xw_ta_pages_of(len));
		return ret;
	}
	span_pages = m->e.span / XW_PAGE_SIZE;
	m->base = random_base(lo, m->e.span);
	m->pa = xw_pages_alloc(span_pages);
	if (m->base == 0 || m->pa == 0 || ta->app.pages + span_pages > ta->img.quota_pages) {
		if (m->pa != 0) {
			xw_pages_free(m->pa, span_pages);
		}
		m->pa = 0;
		xw_pages_free(pa, xw_ta_pages_of(len));
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	m->img = arch_app_kva(m->pa);
	rc = xw_ta_elf_copy(elf, elf_len, &m->e, m->img);
	/* The program headers, for dl_iterate_phdr (the loader's page). */
	off = *info_off;
	if (rc == XW_OK && off + (uint64_t)m->e.phnum * PHDR_SIZE <= XW_PAGE_SIZE) {
		memcpy(info + off, elf + m->e.phoff, (size_t)m->e.phnum * PHDR_SIZE);
		*info_off += (uint64_t)m->e.phnum * PHDR_SIZE;
		/* dl_phdr_info idx: addr, name (0: patched later), phdr, phnum, adds 1 */
		memcpy(info + idx * DLPI_SIZE + 0, &m->base, 8);
		off += XW_TA_INFO_VA;
		memcpy(info + idx * DLPI_SIZE + 16, &off, 8);
		memcpy(info + idx * DLPI_SIZE + 24, &m->e.phnum, 2);
		info[idx * DLPI_SIZE + 32] = 1;
	} else {
		rc = XW_EINVAL;
	}
	xw_pages_free(pa, xw_ta_pages_of(len)); /* the file copy is not needed any more */
	/* Every segment with its access; pages no mapped segment owns go back. */
	for (i = 0; rc == XW_OK && i < m->e.nseg; i++) {
		const struct xw_ta_seg *s = &m->e.seg[i];

		rc = xw_app_map_run(&ta->app, m->base + s->va, m->pa + s->va, s->pages, s->prot,
				    XW_APP_MAP_IMAGE);
		if (rc == XW_OK && (s->prot & XW_PROT_X)) {
			arch_app_code_written(m->img + s->va, s->pages * XW_PAGE_SIZE);
		}
	}
	mapped = rc == XW_OK ? m->e.nseg : (i > 0 ? i - 1 : 0);
	for (off = 0; off < span_pages; off++) {
		bool owned = false;

		for (k = 0; k < mapped; k++) {
			owned |= off >= m->e.seg[k].va / XW_PAGE_SIZE &&
				 off < m->e.seg[k].va / XW_PAGE_SIZE + m->e.seg[k].pages;
		}
		if (!owned) {
			xw_pages_free(m->pa + off * XW_PAGE_SIZE, 1);
		}
	}
	if (rc != XW_OK) {
		return rc == XW_ENOMEM ? XW_TEE_ERROR_OUT_OF_MEMORY : XW_TEE_ERROR_BAD_FORMAT;
	}
	return XW_TEE_SUCCESS;
}

/* Global symbol lookup: the TA first, then its libraries in load order (as ldelf). */
static int resolve(void *ctx, const char *name, uint64_t *va)
{
	struct xw_ta *ta = ctx;
	unsigned int i;

	for (i = 0; i < ta->nmods; i++) {
		if (xw_ta_elf_lookup(&ta->mods[i].e, ta->mods[i].img, ta->mods[i].base, name, va) ==
		    XW_OK) {
			return XW_OK;
		}
	}
	return XW_ENOENT;
}

/* The module holding the global symbol @name: its index and the symbol's offset in it. */
static int find_sym(struct xw_ta *ta, const char *name, unsigned int *mi, uint64_t *off)
{
	unsigned int i;

	for (i = 0; i < ta->nmods; i++) {
		if (xw_ta_elf_lookup(&ta->mods[i].e, ta->mods[i].img, 0, name, off) == XW_OK) {
			*mi = i;
			return XW_OK;
		}
	}
	return XW_ENOENT;
}

/*
 * __elf_phdr_info, as ldelf fills it: wherever libutee is (the TA or a
 * library), its count and its dl_phdr_info array (on the loader's page).
 */
static uint32_t phdr_info_update(struct xw_ta *ta)
{
	unsigned int mi, i;
	uint64_t off, v;
	uint8_t *pi;

	if (find_sym(ta, "__elf_phdr_info", &mi, &off) != XW_OK) {
		return XW_TEE_SUCCESS; /* an older TA: nothing to fill */
	}
	if (off > ta->mods[mi].e.span - 16 ||
	    xw_app_user(&ta->app, ta->mods[mi].base + off, 16, XW_PROT_W) == 0) {
		return XW_TEE_ERROR_BAD_FORMAT; /* must be writable data of the module */
	}
	pi = ta->mods[mi].img + off;
	if ((pi[0] | pi[1] | pi[2] | pi[3]) != 0) {
		return XW_TEE_ERROR_NOT_SUPPORTED; /* "reserved" set: a layout we do not know */
	}
	pi[4] = (uint8_t)ta->nmods;
	pi[5] = 0;
	v = XW_TA_INFO_VA;
	memcpy(pi + 8, &v, 8);
	for (i = 0; i < ta->nmods; i++) {
		/* name: the module's soname if it has one, else "" */
		v = XW_TA_INFO_VA + XW_TA_MAX_MODS * DLPI_SIZE;
		if (ta->mods[i].e.soname != 0) {
			v = ta->mods[i].base + ta->mods[i].e.strtab + ta->mods[i].e.soname - 1;
		}
		memcpy(ta->info + i * DLPI_SIZE + 8, &v, 8);
	}
	return XW_TEE_SUCCESS;
}

/* A TEE_UUID in memory (ta_head) against octets. */
static bool uuid_matches(const uint8_t *tee_uuid, const uint8_t oct[16])
{
	return tee_uuid[0] == oct[3] && tee_uuid[1] == oct[2] && tee_uuid[2] == oct[1] &&
	       tee_uuid[3] == oct[0] && tee_uuid[4] == oct[5] && tee_uuid[5] == oct[4] &&
	       tee_uuid[6] == oct[7] && tee_uuid[7] == oct[6] && xw_ta_memeq(tee_uuid + 8, oct + 8, 8);
}

/* Module @i's DT_NEEDED libraries: each loaded already (0), or *@u is the next to load (1). */
static int needs_more(struct xw_ta *ta, unsigned int k, uint8_t u[16], uint32_t *err)
{
	unsigned int j, x;
	const char *need;

	for (j = 0; j < ta->mods[k].e.nneeded; j++) {
		need = xw_ta_elf_str(&ta->mods[k].e, ta->mods[k].img, ta->mods[k].e.needed[j]);
		if (need == 0 || uuid_from_text(need, u) != XW_OK) {
			*err = XW_TEE_ERROR_BAD_FORMAT;
			return 0;
		}
		for (x = 0; x < ta->nmods && !xw_ta_memeq(ta->mods[x].uuid, u, 16); x++) {
		}
		if (x == ta->nmods) {
			return 1;
		}
	}
	return 0;
}

/*
 * Load module @uuid and every library it needs (not loaded yet), then
 * relocate the new ones against all (the TA first) and update
 * __elf_phdr_info. Used at load (the TA) and by dlopen.
 */
uint32_t xw_ta_add_modules(struct xw_ta *ta, const uint8_t uuid[16])
{
	unsigned int first = ta->nmods, k, i;
	uint32_t ret = XW_TEE_SUCCESS;
	uint8_t u[16];

	memcpy(u, uuid, 16);
	for (;;) {
		if (ta->nmods == XW_TA_MAX_MODS) {
			return XW_TEE_ERROR_OUT_OF_MEMORY;
		}
		memcpy(ta->mods[ta->nmods].uuid, u, 16);
		ret = load_module(ta, &ta->mods[ta->nmods], ta->next_lo, ta->info, &ta->info_off,
				  ta->nmods);
		if (ret != XW_TEE_SUCCESS) {
			return ret;
		}
		ta->next_lo = ta->mods[ta->nmods].base + ta->mods[ta->nmods].e.span + XW_PAGE_SIZE;
		ta->nmods++;
		/* the next library a new module needs, breadth first */
		for (k = first; k < ta->nmods; k++) {
			if (needs_more(ta, k, u, &ret)) {
				break;
			}
			if (ret != XW_TEE_SUCCESS) {
				return ret;
			}
		}
		if (k == ta->nmods) {
			break;
		}
	}
	for (i = first; i < ta->nmods; i++) {
		if (xw_ta_elf_relocate(&ta->mods[i].e, ta->mods[i].img, ta->mods[i].base, resolve, ta) !=
		    XW_OK) {
			return XW_TEE_ERROR_BAD_FORMAT;
		}
	}
	return phdr_info_update(ta);
}

static uint32_t build(struct xw_ta *ta)
{
	struct xw_ta_head h;
	uint64_t info_pa, va, stack_pages;
	uint32_t ret;

	if (xw_app_map_new(&ta->app, XW_TA_INFO_VA, 1, XW_PROT_R, XW_APP_MAP_IMAGE, &info_pa) !=
	    XW_OK) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	ta->info = arch_app_kva(info_pa);
	ta->info_off = XW_TA_MAX_MODS * DLPI_SIZE + 8; /* [XW_TA_MAX_MODS * 64]: "" */
	ta->nmods = 0;
	ta->next_lo = XW_TA_LOAD_LO;
	/* ta_head's stack size sizes the stack: it is mapped before anything runs. */
	ret = xw_ta_add_modules(ta, ta->uuid);
	if (ret != XW_TEE_SUCCESS) {
		return ret;
	}
	/* ta_head: the TA's identity, stack and flags; its UUID must be the one asked for. */
	if (xw_ta_elf_lookup(&ta->mods[0].e, ta->mods[0].img, 0, "ta_head", &va) != XW_OK ||
	    ta->mods[0].e.span < sizeof(h) || va > ta->mods[0].e.span - sizeof(h) ||
	    ta->mods[0].e.entry == 0) {
		return XW_TEE_ERROR_BAD_FORMAT;
	}
	memcpy(&h, ta->mods[0].img + va, sizeof(h));
	if (!uuid_matches(h.uuid, ta->uuid)) {
		return XW_TEE_ERROR_SECURITY;
	}
	if (h.depr_entry != UINT64_MAX) {
		return XW_TEE_ERROR_NOT_SUPPORTED; /* a legacy TA (entry in ta_head) */
	}
	if (h.stack_size == 0 || h.stack_size > (1U << 20)) {
		return XW_TEE_ERROR_BAD_FORMAT;
	}
	ta->flags = h.flags;
	ta->entry = ta->mods[0].base + ta->mods[0].e.entry;
	/* The stack, plus a page for the entry's struct utee_params; a guard page below. */
	stack_pages = xw_ta_pages_of(h.stack_size) + 1;
	ta->img.stack_pages = (uint32_t)stack_pages;
	ta->stack_top = XW_TA_STACK_TOP;
	if (xw_app_map_new(&ta->app, XW_TA_STACK_TOP - stack_pages * XW_PAGE_SIZE, stack_pages,
			   XW_PROT_R | XW_PROT_W, XW_APP_MAP_STACK, 0) != XW_OK) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	return XW_TEE_SUCCESS;
}


/*
 * Instance @ta (slot @slot, reserved and claimed by the caller) of TA @uuid:
 * its address space, the TA and its libraries, its stack. On an error
 * everything it got is released.
 */
uint32_t xw_ta_load(struct xw_ta *ta, unsigned int slot, const uint8_t uuid[16])
{
	uint32_t ret;

	memcpy(ta->uuid, uuid, 16);
	uuid_to_text(ta->name, uuid);
	memset(ta->cryp, 0, sizeof(ta->cryp)); /* no operation of an earlier instance */
	memset(&ta->img, 0, sizeof(ta->img));
	ta->img.name = ta->name;
	ta->img.service = ta->name;
	ta->img.quota_pages = XW_TA_QUOTA_PAGES;
	ta->img.stack_pages = 1;
	ta->img.personality = 1;
	ta->app.img = &ta->img;
	ta->app.pers = &xw_ta_pers;
	ta->app.id = XW_TA_ASID_BASE - 1 + slot;
	ta->app.fp = &ta->fp;
	memset(&ta->fp, 0, sizeof(ta->fp));
	ta->app.gen++;
	ta->app.kill_why = 0;
	ta->heap_next = XW_TA_HEAP_VA;
	ret = xw_app_space_new(&ta->app) == XW_OK ? build(ta) : XW_TEE_ERROR_OUT_OF_MEMORY;
	if (ret != XW_TEE_SUCCESS && ret != XW_TEE_ERROR_ITEM_NOT_FOUND) {
		xw_ta_log_code(ta->name, "not loaded: TEE_Result", ret);
	}
	if (ret != XW_TEE_SUCCESS) {
		xw_app_release(&ta->app);
		return ret;
	}
	ta->app.state = XW_APP_ST_WAITING;
	xw_ta_log_code(ta->name, "loaded, pages", ta->app.pages);
	return XW_TEE_SUCCESS;
}
