// SPDX-License-Identifier: BSD-2-Clause
/*
 * TA instances and sessions (ta.h): loading through tee-supplicant (RPC
 * LOAD_TA: ask the size, have the driver allocate shared memory, fetch), a
 * private secure copy of every image before anything is checked, the ELF
 * loader (ta_elf.c) for the TA and its DT_NEEDED libraries at a random base,
 * and the calls: open, invoke, close entered as OP-TEE enters a TA
 * (__ta_entry(func, session, struct utee_params *, cmd) in x0..x3). Memref
 * parameters are copied into secure pages mapped in the TA for the call and
 * copied back (outputs) when it returns: the TA never sees normal-world
 * memory, and the kernel never reads a value the normal world can change.
 */
#include <string.h>

#include "ta_str.h"

#include "ta.h"
#include "ta_elf.h"
#include "ta_shdr.h"

#include "../core/pages.h"
#include "../services/rng_pool.h"
#include "sk/arch/time.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

#define RPC_LOAD_TA    0U
#define SHM_TYPE_APPL  0U
#define FUNC_OPEN      0U
#define FUNC_CLOSE     1U
#define FUNC_INVOKE    2U
#define UP_SIZE        72U  /* struct utee_params: types, then 4 x (a, b) */
#define DLPI_SIZE      64U  /* struct dl_phdr_info (LP64) */
#define PHDR_SIZE      56U

#define mod xw_ta_mod

static struct xw_ta tas[XW_TA_SLOTS];
static struct xw_ta_session sess[XW_OPTEE_SESSIONS];

static uint64_t pages_of(uint64_t n)
{
	return (n + XW_PAGE_SIZE - 1) / XW_PAGE_SIZE;
}

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
static void log_code(const char *name, const char *what, uint64_t v)
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

static void uuid_pack(const uint8_t u[16], uint64_t *a, uint64_t *b)
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
static uint32_t appl_alloc(struct xw_ta *ta, uint64_t size, struct xw_optee_shm **shm,
			   uint64_t *cookie)
{
	uint64_t q[1][4];
	uint32_t ret;
	int rc;

	*shm = 0;
	*cookie = 0;
	memset(q, 0, sizeof(q));
	q[0][0] = XW_OMSG_ATTR_VALUE_IN;
	q[0][1] = SHM_TYPE_APPL;
	q[0][2] = size;
	if (xw_optee_rpc_cmd(ta->o, ta->t, XW_ORPC_CMD_SHM_ALLOC, 1, q, &ret) != XW_OK || ret != 0) {
		log_code(ta->name, "SHM_ALLOC answered", ret);
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

static void appl_free(struct xw_ta *ta, struct xw_optee_shm *shm, uint64_t cookie)
{
	uint64_t q[1][4];
	uint32_t ret;

	if (shm != 0) {
		xw_optee_shm_put(ta->o, shm);
	}
	if (cookie != 0) {
		q[0][0] = XW_OMSG_ATTR_VALUE_IN;
		q[0][1] = SHM_TYPE_APPL;
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
	uuid_pack(uuid, &p[0][1], &p[0][2]);
	/* As OP-TEE: RPC memrefs are registered ones (offset, size, cookie); none yet. */
	p[1][0] = XW_OMSG_ATTR_RMEM_OUT;
	if (xw_optee_rpc_cmd(o, t, RPC_LOAD_TA, 2, p, &ret) != XW_OK) {
		return XW_TEE_ERROR_COMMUNICATION;
	}
	if (ret != 0) {
		if (ret != XW_TEE_ERROR_ITEM_NOT_FOUND) {
			log_code(ta->name, "LOAD_TA (size) answered", ret);
		}
		return ret; /* the supplicant's answer: TEEC_ERROR_ITEM_NOT_FOUND for an unknown TA */
	}
	size = p[1][2];
	if (size == 0 || size > XW_TA_IMG_MAX) {
		return size == 0 ? XW_TEE_ERROR_BAD_FORMAT : XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	ret = appl_alloc(ta, size, &shm, &cookie);
	if (ret != XW_TEE_SUCCESS) {
		goto out;
	}
	/* The buffer as the driver knows it: offset 0 in the object @cookie. */
	p[0][0] = XW_OMSG_ATTR_VALUE_IN;
	uuid_pack(uuid, &p[0][1], &p[0][2]);
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
		log_code(ta->name, "LOAD_TA (data) answered", ret);
		ret = ret != 0 ? ret : XW_TEE_ERROR_BAD_FORMAT; /* the file changed in between */
		goto out;
	}
	*pa = xw_pages_alloc(pages_of(size));
	if (*pa == 0) {
		ret = XW_TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	m.shm = shm;
	m.offs = 0;
	m.size = size;
	if (xw_optee_mref_read(&m, 0, arch_app_kva(*pa), (size_t)size) != XW_OK) {
		xw_pages_free(*pa, pages_of(size));
		ret = XW_TEE_ERROR_COMMUNICATION;
		goto out;
	}
	*len = size;
	ret = XW_TEE_SUCCESS;
out:
	appl_free(ta, shm, cookie);
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
	 * VERIFY: the one call site of the signed-header check. Until
	 * xw_ta_verify() (secure/ta/ta_verify.h) is wired in here, the header's
	 * lengths locate the ELF WITHOUT checking hash or signature.
	 */
	ret = xw_ta_shdr_elf_unverified(arch_app_kva(pa), (size_t)len, m->uuid, &elf, &elf_len);
	if (ret == XW_TEE_SUCCESS &&
	    xw_ta_elf_parse(elf, elf_len, &m->e) != XW_OK) {
		ret = XW_TEE_ERROR_BAD_FORMAT;
	}
	if (ret != XW_TEE_SUCCESS) {
		xw_pages_free(pa, pages_of(len));
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
		xw_pages_free(pa, pages_of(len));
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
	xw_pages_free(pa, pages_of(len)); /* the file copy is not needed any more */
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
static uint32_t add_modules(struct xw_ta *ta, const uint8_t uuid[16])
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
	ret = add_modules(ta, ta->uuid);
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
	stack_pages = pages_of(h.stack_size) + 1;
	ta->img.stack_pages = (uint32_t)stack_pages;
	ta->stack_top = XW_TA_STACK_TOP;
	if (xw_app_map_new(&ta->app, XW_TA_STACK_TOP - stack_pages * XW_PAGE_SIZE, stack_pages,
			   XW_PROT_R | XW_PROT_W, XW_APP_MAP_STACK, 0) != XW_OK) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	return XW_TEE_SUCCESS;
}

/* A fresh instance of TA @uuid in a free slot; the claim is the caller's (thread @t). */
static uint32_t instance_new(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			     struct xw_ta **out)
{
	struct xw_ta *ta = 0;
	unsigned int i;
	uint32_t ret;

	xw_optee_lock(o);
	for (i = 0; i < XW_TA_SLOTS && tas[i].used; i++) {
	}
	if (i < XW_TA_SLOTS) {
		ta = &tas[i];
		ta->used = true;
		ta->dead = false;
		ta->sessions = 1;
		ta->claim = (uint32_t)(t - o->t) + 1;
	}
	xw_optee_unlock(o);
	if (ta == 0) {
		return XW_TEE_ERROR_OUT_OF_MEMORY;
	}
	memcpy(ta->uuid, uuid, 16);
	uuid_to_text(ta->name, uuid);
	memset(&ta->img, 0, sizeof(ta->img));
	ta->img.name = ta->name;
	ta->img.service = ta->name;
	ta->img.quota_pages = XW_TA_QUOTA_PAGES;
	ta->img.stack_pages = 1;
	ta->img.personality = 1;
	ta->app.img = &ta->img;
	ta->app.pers = &xw_ta_pers;
	ta->app.id = XW_TA_ASID_BASE - 1 + i;
	ta->app.fp = &ta->fp;
	memset(&ta->fp, 0, sizeof(ta->fp));
	ta->app.gen++;
	ta->app.kill_why = 0;
	ta->heap_next = XW_TA_HEAP_VA;
	ta->o = o;
	ta->t = t;
	ret = xw_app_space_new(&ta->app) == XW_OK ? build(ta) : XW_TEE_ERROR_OUT_OF_MEMORY;
	if (ret != XW_TEE_SUCCESS && ret != XW_TEE_ERROR_ITEM_NOT_FOUND) {
		log_code(ta->name, "not loaded: TEE_Result", ret);
	}
	if (ret != XW_TEE_SUCCESS) {
		xw_app_release(&ta->app);
		xw_optee_lock(o);
		ta->used = false;
		ta->claim = 0;
		xw_optee_unlock(o);
		return ret;
	}
	ta->app.state = XW_APP_ST_WAITING;
	log_code(ta->name, "loaded, pages", ta->app.pages);
	*out = ta;
	return XW_TEE_SUCCESS;
}

/* ---- calls ------------------------------------------------------------------------ */

/*
 * One call at a time per instance: a busy one makes us give the CPU back and
 * retry. False if this very thread holds it (a TA calling itself): BUSY.
 */
static bool claim(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *ta)
{
	uint32_t me = (uint32_t)(t - o->t) + 1, free_;

	for (;;) {
		free_ = 0;
		if (__atomic_compare_exchange_n(&ta->claim, &free_, me, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST)) {
			return true;
		}
		if (free_ == me) {
			return false;
		}
		xw_optee_rpc(t, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
	}
}

static void unclaim(struct xw_ta *ta)
{
	ta->t = 0;
	__atomic_store_n(&ta->claim, 0, __ATOMIC_SEQ_CST);
}

static void foreign(void *ctx)
{
	xw_optee_rpc(ctx, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
}

/* GP parameter type of call parameter i (from @first): 0 none, 1-3 values, 5-7 memrefs. */
static uint32_t gp_type(const struct xw_optee_call *c, unsigned int first, unsigned int i)
{
	uint32_t t;

	if (first + i >= c->num_params) {
		return 0;
	}
	t = c->p[first + i].type;
	return (t >> 2) == 0 ? t : 4 | (t & 3);
}

/* The call parameters @first.. of a normal-world call, as TA parameters. */
static void params_from_call(struct xw_optee_call *c, unsigned int first, struct xw_ta_param p[4])
{
	unsigned int i;

	memset(p, 0, 4 * sizeof(p[0]));
	for (i = 0; i < 4; i++) {
		struct xw_optee_param *q = &c->p[first + i];

		p[i].type = gp_type(c, first, i);
		if (p[i].type >= 1 && p[i].type <= 3) {
			p[i].a = (uint32_t)q->value.a;
			p[i].b = (uint32_t)q->value.b;
		} else if (p[i].type >= 5) {
			p[i].size = q->mref.size;
			p[i].mref = q->mref.shm != 0 ? &q->mref : 0;
		}
	}
}

static void params_to_call(struct xw_optee_call *c, unsigned int first, const struct xw_ta_param p[4])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		struct xw_optee_param *q = &c->p[first + i];

		if (p[i].type == 2 || p[i].type == 3) {
			q->value.a = p[i].a;
			q->value.b = p[i].b;
		} else if (p[i].type == 6 || p[i].type == 7) {
			q->mref.size = p[i].size;
		}
	}
}

static int param_in(const struct xw_ta_param *p, void *dst, uint64_t n)
{
	if (p->mref != 0) {
		return xw_optee_mref_read(p->mref, 0, dst, (size_t)n);
	}
	memcpy(dst, p->kbuf, n);
	return XW_OK;
}

static int param_out(const struct xw_ta_param *p, const void *src, uint64_t n)
{
	if (p->mref != 0) {
		return xw_optee_mref_write(p->mref, 0, src, (size_t)n);
	}
	memcpy(p->kbuf, src, n);
	return XW_OK;
}

/*
 * Enter @ta for @func with the parameters @p (memrefs copied into secure
 * pages at XW_TA_PARAM_VA + i * span, outputs copied back; values and
 * memref sizes updated in @p). The claim is held. Return: the TA's result;
 * TARGET_DEAD (origin TEE) if it died.
 */
static uint32_t enter(struct xw_ta *ta, struct xw_ta_session *s, uint32_t func, uint32_t cmd,
		      struct xw_ta_param p[4], uint32_t *origin)
{
	struct xw_app *app = &ta->app;
	uint64_t up[UP_SIZE / 8], types = 0, total = 0, pa, up_va, n;
	uint8_t *upk;
	uint32_t ret = XW_TEE_SUCCESS;
	unsigned int i;
	int rc;

	memset(up, 0, sizeof(up));
	for (i = 0; i < 4; i++) {
		types |= (uint64_t)p[i].type << (4 * i);
		if (p[i].type >= 1 && p[i].type <= 3) {
			up[1 + 2 * i] = (uint32_t)p[i].a;
			up[2 + 2 * i] = (uint32_t)p[i].b;
		} else if (p[i].type >= 5) {
			n = p[i].size;
			up[2 + 2 * i] = n;
			if (p[i].mref == 0 && p[i].kbuf == 0) {
				continue; /* a NULL memref: buffer NULL, the size as given */
			}
			up[1 + 2 * i] = XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN;
			if (n == 0) {
				continue;
			}
			total += n;
			if (n > XW_TA_PARAM_SPAN || total > XW_TA_PARAM_MAX) {
				log_code(ta->name, "memref parameters too large, bytes", total);
				ret = XW_TEE_ERROR_OUT_OF_MEMORY;
				break;
			}
			rc = xw_app_map_new(app, up[1 + 2 * i], pages_of(n), XW_PROT_R | XW_PROT_W,
					    XW_APP_MAP_PARAM, &pa);
			if (rc != XW_OK ||
			    ((p[i].type & 1) && param_in(&p[i], arch_app_kva(pa), n) != XW_OK)) {
				ret = rc != XW_OK ? XW_TEE_ERROR_OUT_OF_MEMORY : XW_TEE_ERROR_BAD_PARAMETERS;
				log_code(ta->name, "memref parameter not mapped: error", (uint64_t)(int64_t)rc);
				break;
			}
		}
	}
	up[0] = types;
	up_va = ta->stack_top - 80; /* 16-aligned, the struct above the TA's stack */
	upk = xw_app_user(app, up_va, UP_SIZE, XW_PROT_W);
	if (ret != XW_TEE_SUCCESS || upk == 0) {
		*origin = XW_TEEC_ORIGIN_TEE;
		goto out;
	}
	memcpy(upk, up, UP_SIZE);
	memset(&app->regs, 0, sizeof(app->regs));
	app->regs.x[0] = func;
	app->regs.x[1] = s->id;
	app->regs.x[2] = up_va;
	app->regs.x[3] = cmd;
	app->regs.sp = up_va;
	app->regs.elr = ta->entry;
	app->regs.spsr = arch_app_spsr_el0();
	ta->login = s->login;
	memcpy(ta->client_uuid, s->client_uuid, 16);
	ta->cancel_masked = s->cancel_masked;
	if (xw_app_call(app, foreign, ta->t) != XW_OK) {
		ta->dead = true;
		*origin = XW_TEEC_ORIGIN_TEE;
		return XW_TEE_ERROR_TARGET_DEAD; /* its memory (parameter copies too) is gone */
	}
	s->cancel_masked = ta->cancel_masked;
	*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
	ret = ta->ret;
	/* Results: from our own copy of what the TA left, by the types we gave it. */
	upk = xw_app_user(app, up_va, UP_SIZE, XW_PROT_R);
	if (upk == 0) {
		goto out;
	}
	memcpy(up, upk, UP_SIZE);
	for (i = 0; i < 4; i++) {
		if (p[i].type == 2 || p[i].type == 3) {
			p[i].a = (uint32_t)up[1 + 2 * i];
			p[i].b = (uint32_t)up[2 + 2 * i];
		} else if (p[i].type == 6 || p[i].type == 7) {
			n = up[2 + 2 * i];
			if ((p[i].mref != 0 || p[i].kbuf != 0) && n != 0 && n <= p[i].size) {
				const uint8_t *src = xw_app_user(app, XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN,
								 n, XW_PROT_R);

				if (src == 0 || param_out(&p[i], src, n) != XW_OK) {
					ret = XW_TEE_ERROR_BAD_PARAMETERS;
				}
			}
			p[i].size = n; /* larger than given: the size the TA needs (SHORT_BUFFER) */
		}
	}
out:
	for (i = 0; i < 4; i++) {
		(void)xw_app_unmap_at(app, XW_TA_PARAM_VA + i * XW_TA_PARAM_SPAN);
	}
	return ret;
}

/* The instance goes (its slot is free again); the caller holds its claim, no session is left. */
static void instance_end(struct xw_optee *o, struct xw_ta *ta)
{
	if (!ta->dead) {
		xw_app_release(&ta->app);
	}
	xw_optee_lock(o);
	ta->used = false;
	ta->claim = 0;
	ta->t = 0;
	xw_optee_unlock(o);
}

/*
 * A session to TA @uuid for a client (@owner NULL: the normal world) with
 * @login/@client: an instance to share (single-instance, multi-session) or a
 * new one, then its open entry with @p.
 */
static uint32_t open_core(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			  uint32_t session, struct xw_ta *owner, uint32_t login,
			  const uint8_t client[16], uint64_t cancel_at, struct xw_ta_param p[4],
			  uint32_t *origin, struct xw_ta_session **out)
{
	struct xw_ta *ta = 0;
	struct xw_ta_session *s = 0;
	unsigned int i;
	uint32_t ret;
	bool last;

	*origin = XW_TEEC_ORIGIN_TEE;
	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_SESSIONS && sess[i].used; i++) {
	}
	if (i < XW_OPTEE_SESSIONS) {
		s = &sess[i];
		s->used = true;
		s->ta = 0;
		s->owner = owner;
	}
	/* A live single-instance TA serves every session (if it allows several). */
	for (i = 0; s != 0 && i < XW_TA_SLOTS; i++) {
		if (tas[i].used && !tas[i].dead && xw_ta_memeq(tas[i].uuid, uuid, 16) &&
		    (tas[i].flags & XW_TA_FLAG_SINGLE_INSTANCE)) {
			ta = &tas[i];
			break;
		}
	}
	if (ta != 0 && !(ta->flags & XW_TA_FLAG_MULTI_SESSION)) {
		s->used = false;
		xw_optee_unlock(o);
		return XW_TEE_ERROR_BUSY;
	}
	if (ta != 0) {
		ta->sessions++;
	}
	xw_optee_unlock(o);
	if (s == 0) {
		return XW_TEE_ERROR_BUSY;
	}
	if (ta != 0) {
		if (!claim(o, t, ta)) {
			xw_optee_lock(o);
			ta->sessions--;
			s->used = false;
			xw_optee_unlock(o);
			return XW_TEE_ERROR_BUSY;
		}
		ta->o = o;
		ta->t = t;
	} else {
		ret = instance_new(o, t, uuid, &ta);
		if (ret != XW_TEE_SUCCESS) {
			s->used = false;
			return ret;
		}
	}
	s->ta = ta;
	s->id = session != 0 ? session : (uint32_t)(s - sess) + 1;
	s->login = login;
	memcpy(s->client_uuid, client, 16);
	s->cancel_masked = true; /* GP: cancellation is masked when a session starts */
	ta->cancel_at_ms = cancel_at;
	ret = ta->dead ? XW_TEE_ERROR_TARGET_DEAD : enter(ta, s, FUNC_OPEN, 0, p, origin);
	ta->cancel_at_ms = 0;
	if (ret == XW_TEE_SUCCESS) {
		unclaim(ta);
		*out = s;
		return ret;
	}
	xw_optee_lock(o);
	last = --ta->sessions == 0;
	s->used = false;
	xw_optee_unlock(o);
	if (last && (ta->dead || !(ta->flags & XW_TA_FLAG_INSTANCE_KEEP_ALIVE) ||
		     !(ta->flags & XW_TA_FLAG_SINGLE_INSTANCE))) {
		instance_end(o, ta);
	} else {
		unclaim(ta);
	}
	return ret;
}

static uint32_t ta_open(struct xw_optee *o, struct xw_optee_thread *t, const uint8_t uuid[16],
			uint32_t session, struct xw_optee_call *c, uint32_t *origin, void **out)
{
	struct xw_ta_session *s = 0;
	struct xw_ta_param p[4];
	uint8_t client[16];
	unsigned int i;
	uint32_t ret;

	/* The client's identity: meta parameter 1 (its UUID in a, b; the login method in c). */
	for (i = 0; i < 8; i++) {
		client[i] = (uint8_t)(c->p[1].value.a >> (8 * i));
		client[8 + i] = (uint8_t)(c->p[1].value.b >> (8 * i));
	}
	params_from_call(c, 2, p);
	ret = open_core(o, t, uuid, session, 0, (uint32_t)c->p[1].value.c, client, 0, p, origin,
			&s);
	params_to_call(c, 2, p);
	if (ret == XW_TEE_SUCCESS) {
		*out = s;
	}
	return ret;
}

static uint32_t ta_invoke(struct xw_optee *o, struct xw_optee_thread *t, void *h,
			  struct xw_optee_call *c, uint32_t *origin)
{
	struct xw_ta_session *s = h;
	struct xw_ta *ta = s->ta;
	struct xw_ta_param p[4];
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (ta->dead) {
		return XW_TEE_ERROR_TARGET_DEAD;
	}
	if (!claim(o, t, ta)) {
		return XW_TEE_ERROR_BUSY;
	}
	ta->o = o;
	ta->t = t;
	params_from_call(c, 0, p);
	ret = ta->dead ? XW_TEE_ERROR_TARGET_DEAD : enter(ta, s, FUNC_INVOKE, c->func, p, origin);
	params_to_call(c, 0, p);
	unclaim(ta);
	return ret;
}

static void sessions_of_close(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *owner);

/* Session @s ends: the TA's close entry (if it lives), and the instance when it was the last. */
static void close_core(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta_session *s)
{
	struct xw_ta *ta = s->ta;
	struct xw_ta_param p[4];
	uint32_t origin;
	bool last;

	if (ta == 0) {
		xw_optee_lock(o);
		s->used = false; /* the system pseudo-TA: nothing to end */
		xw_optee_unlock(o);
		return;
	}
	if (!claim(o, t, ta)) {
		return; /* a TA closing a session to itself: cannot happen (the open was BUSY) */
	}
	ta->o = o;
	ta->t = t;
	if (!ta->dead) {
		memset(p, 0, sizeof(p));
		(void)enter(ta, s, FUNC_CLOSE, 0, p, &origin);
	}
	xw_optee_lock(o);
	last = --ta->sessions == 0;
	s->used = false;
	xw_optee_unlock(o);
	if (last && (ta->dead || !(ta->flags & XW_TA_FLAG_INSTANCE_KEEP_ALIVE) ||
		     !(ta->flags & XW_TA_FLAG_SINGLE_INSTANCE))) {
		sessions_of_close(o, t, ta); /* the sessions it opened itself end with it */
		instance_end(o, ta);
	} else {
		unclaim(ta);
	}
}

/* Every session @owner opened (it ends): closed. */
static void sessions_of_close(struct xw_optee *o, struct xw_optee_thread *t, struct xw_ta *owner)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SESSIONS; i++) {
		if (sess[i].used && sess[i].owner == owner) {
			close_core(o, t, &sess[i]);
		}
	}
}

static void ta_close(struct xw_optee *o, struct xw_optee_thread *t, void *h)
{
	close_core(o, t, h);
}

/* ---- TA-to-TA sessions, and the system pseudo-TA ------------------------------- */

static const uint8_t pta_system_uuid[16] = { 0x3a, 0x2f, 0x89, 0x78, 0x5d, 0xc0, 0x11, 0xe8,
					     0x9c, 0x2d, 0xfa, 0x7a, 0xe0, 0x1b, 0xbe, 0xbc };
#define SYS_MAP_ZI 2
#define SYS_UNMAP  3
#define SYS_DLOPEN 10
#define SYS_DLSYM  11
#define SYS_SUPP_PLUGIN_INVOKE 13
#define RPC_SUPP_PLUGIN 12U
#define SUPP_PLUGIN_MAX (64U << 10) /* bytes of plugin data one call moves */

static struct xw_ta_session *handle_of(struct xw_ta *caller, uint32_t h)
{
	struct xw_ta_session *s;

	if (h == 0 || h > XW_OPTEE_SESSIONS) {
		return 0;
	}
	s = &sess[h - 1];
	return s->used && s->owner == caller ? s : 0;
}

static uint64_t deadline(uint32_t timeout_ms)
{
	return timeout_ms == 0xffffffffU ? 0 : xw_ta_now_ms() + timeout_ms + 1;
}

uint32_t xw_ta_sess_open(struct xw_ta *caller, const uint8_t uuid[16], uint32_t timeout_ms,
			 struct xw_ta_param p[4], uint32_t *handle, uint32_t *origin)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = 0;
	unsigned int i;
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (xw_ta_memeq(uuid, pta_system_uuid, 16)) {
		xw_optee_lock(o);
		for (i = 0; i < XW_OPTEE_SESSIONS && sess[i].used; i++) {
		}
		if (i < XW_OPTEE_SESSIONS) {
			s = &sess[i];
			s->used = true;
			s->ta = 0;
			s->owner = caller;
			s->id = i + 1;
		}
		xw_optee_unlock(o);
		if (s == 0) {
			return XW_TEE_ERROR_BUSY;
		}
		*handle = s->id;
		*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
		return XW_TEE_SUCCESS;
	}
	ret = open_core(o, t, uuid, 0, caller, 0xf0000000U /* TEE_LOGIN_TRUSTED_APP */,
			caller->uuid, deadline(timeout_ms), p, origin, &s);
	/* The caller runs on: its claim is this thread's again (open_core took the callee's). */
	caller->t = t;
	caller->o = o;
	if (ret == XW_TEE_SUCCESS) {
		*handle = s->id;
	}
	return ret;
}

/* A TEE_UUID memref (16 bytes of the caller's) as octets. */
static bool uuid_param(const struct xw_ta_param *p, uint8_t oct[16])
{
	const uint8_t *u = p->kbuf;

	if (p->type != 5 || u == 0 || p->size != 16) {
		return false;
	}
	oct[0] = u[3], oct[1] = u[2], oct[2] = u[1], oct[3] = u[0];
	oct[4] = u[5], oct[5] = u[4], oct[6] = u[7], oct[7] = u[6];
	memcpy(oct + 8, u + 8, 8);
	return true;
}

/* dlopen: the library (by UUID) and what it needs, loaded into the running instance. */
static uint32_t sys_dlopen(struct xw_ta *caller, struct xw_ta_param p[4])
{
	uint8_t u[16];
	unsigned int i;

	if (!uuid_param(&p[0], u) || p[1].type != 1) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 0; i < caller->nmods; i++) {
		if (xw_ta_memeq(caller->mods[i].uuid, u, 16)) {
			return XW_TEE_SUCCESS; /* loaded already */
		}
	}
	return add_modules(caller, u);
}

/* dlsym: @name in the library @uuid (nil: the whole TA, in load order). */
static uint32_t sys_dlsym(struct xw_ta *caller, struct xw_ta_param p[4])
{
	static const uint8_t nil[16];
	char name[128];
	uint8_t u[16];
	uint64_t va = 0;
	unsigned int i;
	int rc = XW_ENOENT;

	if (!uuid_param(&p[0], u) || p[1].type != 5 || p[1].kbuf == 0 || p[1].size == 0 ||
	    p[1].size > sizeof(name) || p[2].type != 2) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	memcpy(name, p[1].kbuf, p[1].size);
	name[p[1].size - 1] = '\0';
	for (i = 0; i < caller->nmods && rc != XW_OK; i++) {
		if (xw_ta_memeq(u, nil, 16) || xw_ta_memeq(caller->mods[i].uuid, u, 16)) {
			rc = xw_ta_elf_lookup(&caller->mods[i].e, caller->mods[i].img,
					      caller->mods[i].base, name, &va);
		}
	}
	if (rc != XW_OK) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND;
	}
	p[2].a = va >> 32;
	p[2].b = (uint32_t)va;
	return XW_TEE_SUCCESS;
}

/*
 * A tee-supplicant plugin (by UUID): RPC SUPP_PLUGIN with the data in an APPL
 * buffer, the plugin's answer copied back (up to the length it reports).
 */
static uint32_t sys_supp_plugin(struct xw_ta *caller, struct xw_ta_param p[4])
{
	struct xw_optee_shm *shm = 0;
	struct xw_optee_mref m;
	uint64_t r[4][4], cookie = 0, len = p[2].size, outlen;
	uint32_t ret, w[4];
	uint8_t u[16];
	unsigned int i;

	if (!uuid_param(&p[0], u) || p[1].type != 1 || (p[2].type != 7 && p[2].type != 0) ||
	    (p[3].type != 2 && p[3].type != 0) || len > SUPP_PLUGIN_MAX ||
	    (len != 0 && p[2].kbuf == 0)) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (p[2].type == 0) {
		len = 0;
	}
	if (len != 0) {
		ret = appl_alloc(caller, len, &shm, &cookie);
		m.shm = shm;
		m.offs = 0;
		m.size = len;
		if (ret != XW_TEE_SUCCESS || xw_optee_mref_write(&m, 0, p[2].kbuf, (size_t)len) != XW_OK) {
			appl_free(caller, shm, cookie);
			return ret != XW_TEE_SUCCESS ? ret : XW_TEE_ERROR_COMMUNICATION;
		}
	}
	/* The UUID's octets as four little-endian words, as OP-TEE sends them. */
	for (i = 0; i < 4; i++) {
		w[i] = (uint32_t)u[4 * i] | (uint32_t)u[4 * i + 1] << 8 |
		       (uint32_t)u[4 * i + 2] << 16 | (uint32_t)u[4 * i + 3] << 24;
	}
	memset(r, 0, sizeof(r));
	r[0][0] = XW_OMSG_ATTR_VALUE_IN;
	r[0][1] = 0; /* OPTEE_RPC_SUPP_PLUGIN_INVOKE */
	r[0][2] = w[0];
	r[0][3] = w[1];
	r[1][0] = XW_OMSG_ATTR_VALUE_IN;
	r[1][1] = w[2];
	r[1][2] = w[3];
	r[1][3] = (uint32_t)p[1].a;
	r[2][0] = XW_OMSG_ATTR_VALUE_INOUT;
	r[2][1] = (uint32_t)p[1].b;
	r[3][0] = XW_OMSG_ATTR_RMEM_INOUT;
	r[3][2] = len;
	r[3][3] = cookie;
	if (xw_optee_rpc_cmd(caller->o, caller->t, RPC_SUPP_PLUGIN, 4, r, &ret) != XW_OK) {
		ret = XW_TEE_ERROR_COMMUNICATION;
	}
	outlen = r[2][2];
	if (ret == XW_TEE_SUCCESS && len != 0 && outlen != 0 &&
	    xw_optee_mref_read(&m, 0, p[2].kbuf, (size_t)(outlen < len ? outlen : len)) != XW_OK) {
		ret = XW_TEE_ERROR_COMMUNICATION;
	}
	if (p[3].type == 2) {
		p[3].a = (uint32_t)outlen;
	}
	appl_free(caller, shm, cookie);
	return ret;
}

/* The system pseudo-TA's zero-initialised maps (libutee's heap growth, ldelf's needs). */
static uint32_t system_invoke(struct xw_ta *caller, uint32_t cmd, struct xw_ta_param p[4])
{
	uint64_t len, va, pre, post;
	int rc;

	switch (cmd) {
	case SYS_MAP_ZI:
		/* value in: len, flags; value inout: wanted VA (0: any) -> VA; value in: pads */
		if (p[0].type != 1 || (p[1].type != 3 && p[1].type != 2) ||
		    (p[2].type != 1 && p[2].type != 0) || (p[0].b & ~1ULL) != 0) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		len = p[0].a;
		pre = p[2].type ? (p[2].a + XW_PAGE_SIZE - 1) & ~(XW_PAGE_SIZE - 1) : 0;
		post = p[2].type ? (p[2].b + XW_PAGE_SIZE - 1) & ~(XW_PAGE_SIZE - 1) : 0;
		if (len == 0 || len > XW_TA_HEAP_END - XW_TA_HEAP_VA) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		va = p[1].type == 3 ? (p[1].a << 32) | (uint32_t)p[1].b : 0;
		if (va != 0 && (va % XW_PAGE_SIZE != 0 || va < caller->heap_next)) {
			return XW_TEE_ERROR_BAD_PARAMETERS; /* only above what we handed out so far */
		}
		va = va != 0 ? va : caller->heap_next + pre;
		if (va + len + post > XW_TA_HEAP_END) {
			return XW_TEE_ERROR_OUT_OF_MEMORY;
		}
		rc = xw_app_map_new(&caller->app, va, pages_of(len), XW_PROT_R | XW_PROT_W,
				    XW_APP_MAP_HEAP, 0);
		if (rc != XW_OK) {
			return XW_TEE_ERROR_OUT_OF_MEMORY;
		}
		caller->heap_next = va + pages_of(len) * XW_PAGE_SIZE + post;
		p[1].a = va >> 32;
		p[1].b = (uint32_t)va;
		return XW_TEE_SUCCESS;
	case SYS_UNMAP:
		if (p[0].type != 1 || p[1].type != 1) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		va = (p[1].a << 32) | (uint32_t)p[1].b;
		if (va < XW_TA_HEAP_VA || va >= XW_TA_HEAP_END ||
		    xw_app_unmap_at(&caller->app, va) != XW_OK) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		return XW_TEE_SUCCESS;
	case SYS_DLOPEN:
		return sys_dlopen(caller, p);
	case SYS_DLSYM:
		return sys_dlsym(caller, p);
	case SYS_SUPP_PLUGIN_INVOKE:
		return sys_supp_plugin(caller, p);
	default:
		return XW_TEE_ERROR_NOT_SUPPORTED;
	}
}

uint32_t xw_ta_sess_invoke(struct xw_ta *caller, uint32_t handle, uint32_t timeout_ms, uint32_t cmd,
			   struct xw_ta_param p[4], uint32_t *origin)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = handle_of(caller, handle);
	struct xw_ta *ta;
	uint32_t ret;

	*origin = XW_TEEC_ORIGIN_TEE;
	if (s == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (s->ta == 0) {
		*origin = XW_TEEC_ORIGIN_TRUSTED_APP;
		ret = system_invoke(caller, cmd, p);
		if (ret != XW_TEE_SUCCESS) {
			log_code(caller->name, "system PTA command", cmd);
		}
		return ret;
	}
	ta = s->ta;
	if (ta->dead) {
		return XW_TEE_ERROR_TARGET_DEAD;
	}
	if (!claim(o, t, ta)) {
		return XW_TEE_ERROR_BUSY;
	}
	ta->o = o;
	ta->t = t;
	ta->cancel_at_ms = deadline(timeout_ms);
	ret = enter(ta, s, FUNC_INVOKE, cmd, p, origin);
	ta->cancel_at_ms = 0;
	unclaim(ta);
	caller->t = t;
	caller->o = o;
	return ret;
}

uint32_t xw_ta_sess_close(struct xw_ta *caller, uint32_t handle)
{
	struct xw_optee *o = caller->o;
	struct xw_optee_thread *t = caller->t;
	struct xw_ta_session *s = handle_of(caller, handle);

	if (s == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	close_core(o, t, s);
	caller->t = t;
	caller->o = o;
	return XW_TEE_SUCCESS;
}

/*
 * A session whose guest is gone (o->lock held; none of its calls runs): no
 * close entry runs. The instance ends with its last session, unless a call
 * of another client runs in it (that call's close ends it later). A claim
 * still held by a thread the drop abandoned (now free) is stale: released.
 */
static void ta_drop(struct xw_optee *o, void *h)
{
	struct xw_ta_session *s = h;
	struct xw_ta *ta = s->ta;
	uint32_t c;

	s->used = false;
	if (ta == 0 || --ta->sessions != 0) {
		return;
	}
	c = __atomic_load_n(&ta->claim, __ATOMIC_SEQ_CST);
	if (c != 0 && c <= XW_OPTEE_THREADS && o->t[c - 1].state == XW_OT_FREE) {
		__atomic_store_n(&ta->claim, 0, __ATOMIC_SEQ_CST);
		c = 0;
	}
	if (c == 0 && (ta->dead || !(ta->flags & XW_TA_FLAG_INSTANCE_KEEP_ALIVE) ||
		       !(ta->flags & XW_TA_FLAG_SINGLE_INSTANCE))) {
		/* Its own sessions to other TAs are left to their owners' ends (no thread here). */
		if (!ta->dead) {
			xw_app_release(&ta->app);
		}
		ta->used = false;
		ta->t = 0;
	}
}

const struct xw_optee_ta_ops xw_ta_ops = {
	.open = ta_open,
	.invoke = ta_invoke,
	.close = ta_close,
	.drop = ta_drop,
};
