// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trusted-application ELF images (ta_elf.h): parse, copy, relocate, look up.
 * Field offsets are those of the ELF64 specification (read byte-wise, so an
 * unaligned or truncated header is just a bad value); every value read from
 * the image is checked against the file length or the image span before it
 * is used as an offset.
 */
#include "ta_elf.h"

#include <string.h>

#include "ta_str.h"

#include "xw/err.h"

#define EHDR_SIZE  64
#define PHDR_SIZE  56
#define SHDR_SIZE  64
#define SYM_SIZE   24
#define RELA_SIZE  24
#define DYN_SIZE   16

#define PT_LOAD    1
#define PT_DYNAMIC 2
#define PT_TLS     7
#define PF_X       1
#define PF_W       2
#define PF_R       4
#define SHT_RELA   4
#define SHT_DYNSYM 11

#define DT_NULL     0
#define DT_NEEDED   1
#define DT_PLTRELSZ 2
#define DT_STRTAB   5
#define DT_SYMTAB   6
#define DT_RELA     7
#define DT_RELASZ   8
#define DT_RELAENT  9
#define DT_STRSZ    10
#define DT_SYMENT   11
#define DT_SONAME   14
#define DT_PLTREL   20
#define DT_TEXTREL  22
#define DT_JMPREL   23

#define R_AARCH64_NONE      0
#define R_AARCH64_ABS64     257
#define R_AARCH64_GLOB_DAT  1025
#define R_AARCH64_JUMP_SLOT 1026
#define R_AARCH64_RELATIVE  1027

#define STB_LOCAL 0
#define STB_GLOBAL 1
#define STB_WEAK  2
#define SHN_UNDEF 0
#define SHN_ABS   0xfff1

#define DYN_MAX 256 /* entries of the dynamic section we read at most */

static uint64_t rd(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		v |= (uint64_t)p[i] << (8 * i);
	}
	return v;
}

static void wr64(uint8_t *p, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

/* [off, off + n) inside [0, len) without overflow */
static int in(uint64_t off, uint64_t n, uint64_t len)
{
	return off <= len && n <= len - off;
}

static uint64_t page_down(uint64_t v)
{
	return v & ~(XW_TA_PAGE - 1);
}

static int page_up(uint64_t v, uint64_t *out)
{
	if (v > UINT64_MAX - (XW_TA_PAGE - 1)) {
		return XW_EINVAL;
	}
	*out = (v + XW_TA_PAGE - 1) & ~(XW_TA_PAGE - 1);
	return XW_OK;
}

static int check_ehdr(const uint8_t *elf, size_t len, struct xw_ta_elf *e)
{
	static const uint8_t ident[7] = { 0x7f, 'E', 'L', 'F', 2 /* 64 */, 1 /* LE */, 1 };

	if (len < EHDR_SIZE || !xw_ta_memeq(elf, ident, sizeof(ident))) {
		return XW_EINVAL;
	}
	/* e_type ET_DYN, e_machine EM_AARCH64, e_version 1, e_phentsize */
	if (rd(elf + 16, 2) != 3 || rd(elf + 18, 2) != 183 || rd(elf + 20, 4) != 1 ||
	    rd(elf + 54, 2) != PHDR_SIZE) {
		return XW_EINVAL;
	}
	e->entry = rd(elf + 24, 8);
	e->phoff = rd(elf + 32, 8);
	e->phnum = (uint16_t)rd(elf + 56, 2);
	if (e->phnum == 0 || e->phnum > XW_TA_ELF_MAX_PHDRS ||
	    !in(e->phoff, (uint64_t)e->phnum * PHDR_SIZE, len)) {
		return XW_EINVAL;
	}
	return XW_OK;
}

/* The PT_LOAD segments: page ranges ascending, disjoint, bytes in the file. */
static int parse_loads(const uint8_t *elf, size_t len, struct xw_ta_elf *e)
{
	uint64_t end = 0, lo, hi;
	unsigned int i;

	for (i = 0; i < e->phnum; i++) {
		const uint8_t *ph = elf + e->phoff + (uint64_t)i * PHDR_SIZE;
		uint64_t type = rd(ph, 4), flags = rd(ph + 4, 4), off = rd(ph + 8, 8);
		uint64_t va = rd(ph + 16, 8), filesz = rd(ph + 32, 8), memsz = rd(ph + 40, 8);
		struct xw_ta_seg *s;

		if (type == PT_TLS) {
			return XW_EINVAL; /* thread-local storage: not offered */
		}
		if (type != PT_LOAD) {
			continue;
		}
		if (e->nseg == XW_TA_ELF_MAX_SEGS || memsz == 0 || filesz > memsz ||
		    !in(off, filesz, len) || va % XW_TA_PAGE != off % XW_TA_PAGE ||
		    va > XW_TA_ELF_MAX_SPAN || memsz > XW_TA_ELF_MAX_SPAN - va) {
			return XW_EINVAL;
		}
		if ((flags & PF_W) && (flags & PF_X)) {
			return XW_EINVAL; /* never writable and executable */
		}
		lo = page_down(va);
		if (page_up(va + memsz, &hi) != XW_OK || lo < end) {
			return XW_EINVAL; /* out of order or sharing a page with the previous */
		}
		s = &e->seg[e->nseg++];
		s->va = lo;
		s->pages = (hi - lo) / XW_TA_PAGE;
		s->prot = XW_TA_PROT_R | ((flags & PF_W) ? XW_TA_PROT_W : 0) |
			  ((flags & PF_X) ? XW_TA_PROT_X : 0);
		end = hi;
	}
	if (e->nseg == 0) {
		return XW_EINVAL;
	}
	e->span = end;
	/* The entry point, when there is one, is in an executable segment. */
	for (i = 0; e->entry != 0 && i < e->nseg; i++) {
		if ((e->seg[i].prot & XW_TA_PROT_X) && e->entry >= e->seg[i].va &&
		    e->entry < e->seg[i].va + e->seg[i].pages * XW_TA_PAGE) {
			break;
		}
	}
	return e->entry != 0 && i == e->nseg ? XW_EINVAL : XW_OK;
}

/* The segment holding [va, va + n) of the image, or NULL. */
static const struct xw_ta_seg *seg_of(const struct xw_ta_elf *e, uint64_t va, uint64_t n)
{
	unsigned int i;

	for (i = 0; i < e->nseg; i++) {
		const struct xw_ta_seg *s = &e->seg[i];

		if (va >= s->va && in(va - s->va, n, s->pages * XW_TA_PAGE)) {
			return s;
		}
	}
	return 0;
}

/* The dynamic section's entries we use; addresses must lie in the image. */
static int parse_dynamic(const uint8_t *elf, size_t len, struct xw_ta_elf *e)
{
	uint64_t off = 0, sz = 0, i, n, tag, val, relaent = RELA_SIZE, syment = SYM_SIZE;
	uint64_t pltrel = 7;
	unsigned int k;

	for (k = 0; k < e->phnum; k++) {
		const uint8_t *ph = elf + e->phoff + (uint64_t)k * PHDR_SIZE;

		if (rd(ph, 4) == PT_DYNAMIC) {
			off = rd(ph + 8, 8);
			sz = rd(ph + 32, 8);
			break;
		}
	}
	if (k == e->phnum) {
		return XW_OK; /* no dynamic section: nothing to relocate */
	}
	if (!in(off, sz, len)) {
		return XW_EINVAL;
	}
	n = sz / DYN_SIZE;
	for (i = 0; i < n && i < DYN_MAX; i++) {
		tag = rd(elf + off + i * DYN_SIZE, 8);
		val = rd(elf + off + i * DYN_SIZE + 8, 8);
		switch (tag) {
		case DT_NULL:
			i = n;
			break;
		case DT_NEEDED:
			if (e->nneeded == XW_TA_ELF_MAX_NEEDED) {
				return XW_EINVAL;
			}
			e->needed[e->nneeded++] = val;
			break;
		case DT_SONAME:
			e->soname = val + 1;
			break;
		case DT_STRTAB:
			e->strtab = val;
			break;
		case DT_STRSZ:
			e->strsz = val;
			break;
		case DT_SYMTAB:
			e->symtab = val;
			break;
		case DT_SYMENT:
			syment = val;
			break;
		case DT_RELA:
			e->rela = val;
			break;
		case DT_RELASZ:
			e->relasz = val;
			break;
		case DT_RELAENT:
			relaent = val;
			break;
		case DT_JMPREL:
			e->jmprel = val;
			break;
		case DT_PLTRELSZ:
			e->pltrelsz = val;
			break;
		case DT_PLTREL:
			pltrel = val;
			break;
		case DT_TEXTREL:
			return XW_EINVAL; /* text is never written */
		default:
			break;
		}
	}
	if (relaent != RELA_SIZE || syment != SYM_SIZE || pltrel != 7 /* DT_RELA */) {
		return XW_EINVAL;
	}
	if (e->relasz % RELA_SIZE || e->pltrelsz % RELA_SIZE) {
		return XW_EINVAL;
	}
	if (e->strtab && (e->strsz == 0 || !seg_of(e, e->strtab, e->strsz))) {
		return XW_EINVAL;
	}
	for (k = 0; k < e->nneeded; k++) {
		if (e->strtab == 0 || e->needed[k] >= e->strsz) {
			return XW_EINVAL;
		}
	}
	if (e->soname && (e->strtab == 0 || e->soname - 1 >= e->strsz)) {
		return XW_EINVAL;
	}
	return XW_OK;
}

/*
 * From the section headers: how many dynamic symbols (the SHT_DYNSYM section
 * at DT_SYMTAB) and which relocation tables (SHT_RELA sections using it).
 */
static int parse_sections(const uint8_t *elf, size_t len, struct xw_ta_elf *e)
{
	uint64_t shoff = rd(elf + 40, 8), shentsize = rd(elf + 58, 2), shnum = rd(elf + 60, 2), i;

	if (shnum == 0) {
		/* No section headers: the dynamic section's tables. */
		if (e->relasz) {
			e->rel[e->nrel].va = e->rela;
			e->rel[e->nrel++].size = e->relasz;
		}
		if (e->pltrelsz) {
			e->rel[e->nrel].va = e->jmprel;
			e->rel[e->nrel++].size = e->pltrelsz;
		}
		for (i = 0; i < e->nrel; i++) {
			if (!seg_of(e, e->rel[i].va, e->rel[i].size)) {
				return XW_EINVAL;
			}
		}
		return e->symtab == 0 || e->nrel == 0 ? XW_OK : XW_EINVAL; /* symbols uncounted */
	}
	if (shentsize != SHDR_SIZE || !in(shoff, shnum * SHDR_SIZE, len)) {
		return XW_EINVAL;
	}
	for (i = 0; i < shnum; i++) {
		const uint8_t *sh = elf + shoff + i * SHDR_SIZE;

		if (e->symtab && rd(sh + 4, 4) == SHT_DYNSYM && rd(sh + 16, 8) == e->symtab) {
			e->nsyms = rd(sh + 32, 8) / SYM_SIZE;
		}
	}
	if (e->symtab && (e->nsyms == 0 || e->nsyms > e->span / SYM_SIZE ||
			  !seg_of(e, e->symtab, e->nsyms * SYM_SIZE))) {
		return XW_EINVAL;
	}
	for (i = 0; i < shnum; i++) {
		const uint8_t *sh = elf + shoff + i * SHDR_SIZE;
		uint64_t va = rd(sh + 16, 8), size = rd(sh + 32, 8);

		if (rd(sh + 4, 4) != SHT_RELA || size == 0) {
			continue;
		}
		if (e->nrel == XW_TA_ELF_MAX_RELS || rd(sh + 56, 8) != RELA_SIZE ||
		    size % RELA_SIZE || !seg_of(e, va, size)) {
			return XW_EINVAL;
		}
		e->rel[e->nrel].va = va;
		e->rel[e->nrel++].size = size;
	}
	/* A relocation names symbols: only with a symbol table. */
	return e->nrel != 0 && e->nsyms == 0 && e->symtab != 0 ? XW_EINVAL : XW_OK;
}

int xw_ta_elf_parse(const uint8_t *elf, size_t len, struct xw_ta_elf *e)
{
	int rc;

	memset(e, 0, sizeof(*e));
	rc = check_ehdr(elf, len, e);
	if (rc == XW_OK) {
		rc = parse_loads(elf, len, e);
	}
	if (rc == XW_OK) {
		rc = parse_dynamic(elf, len, e);
	}
	if (rc == XW_OK) {
		rc = parse_sections(elf, len, e);
	}
	return rc;
}

int xw_ta_elf_copy(const uint8_t *elf, size_t len, const struct xw_ta_elf *e, uint8_t *img)
{
	unsigned int i;

	for (i = 0; i < e->phnum; i++) {
		const uint8_t *ph = elf + e->phoff + (uint64_t)i * PHDR_SIZE;
		uint64_t off = rd(ph + 8, 8), va = rd(ph + 16, 8), filesz = rd(ph + 32, 8);

		if (rd(ph, 4) != PT_LOAD) {
			continue;
		}
		/* Checked by the parse; again here, as @e is the caller's. */
		if (!in(off, filesz, len) || !in(va, filesz, e->span)) {
			return XW_EINVAL;
		}
		memcpy(img + va, elf + off, filesz);
	}
	return XW_OK;
}

const char *xw_ta_elf_str(const struct xw_ta_elf *e, const uint8_t *img, uint64_t off)
{
	uint64_t i;

	if (e->strtab == 0 || off >= e->strsz || !in(e->strtab, e->strsz, e->span)) {
		return 0;
	}
	/* NUL-terminated inside the table */
	for (i = off; i < e->strsz; i++) {
		if (img[e->strtab + i] == 0) {
			return (const char *)img + e->strtab + off;
		}
	}
	return 0;
}

int xw_ta_elf_lookup(const struct xw_ta_elf *e, const uint8_t *img, uint64_t base,
		     const char *name, uint64_t *va)
{
	uint64_t i;

	if (e->nsyms == 0 || !in(e->symtab, e->nsyms * SYM_SIZE, e->span)) {
		return XW_ENOENT;
	}
	for (i = 1; i < e->nsyms; i++) {
		const uint8_t *s = img + e->symtab + i * SYM_SIZE;
		unsigned int bind = s[4] >> 4;
		uint64_t shndx = rd(s + 6, 2);
		const char *n;

		if ((bind != STB_GLOBAL && bind != STB_WEAK) || shndx == SHN_UNDEF) {
			continue;
		}
		n = xw_ta_elf_str(e, img, rd(s, 4));
		if (n != 0 && xw_ta_streq(n, name)) {
			*va = shndx == SHN_ABS ? rd(s + 8, 8) : base + rd(s + 8, 8);
			return XW_OK;
		}
	}
	return XW_ENOENT;
}

/* The value symbol @idx stands for: its own definition, else the resolver's. */
static int sym_value(const struct xw_ta_elf *e, const uint8_t *img, uint64_t base, uint64_t idx,
		     xw_ta_elf_resolve_fn resolve, void *ctx, uint64_t *v)
{
	const uint8_t *s;
	unsigned int bind;
	uint64_t shndx;
	const char *n;

	if (idx == 0 || idx >= e->nsyms) {
		return XW_EINVAL;
	}
	s = img + e->symtab + idx * SYM_SIZE;
	bind = s[4] >> 4;
	shndx = rd(s + 6, 2);
	if (bind == STB_LOCAL || (shndx != SHN_UNDEF && resolve == 0)) {
		if (shndx == SHN_UNDEF) {
			return XW_EINVAL;
		}
		*v = shndx == SHN_ABS ? rd(s + 8, 8) : base + rd(s + 8, 8);
		return XW_OK;
	}
	n = xw_ta_elf_str(e, img, rd(s, 4));
	if (n == 0) {
		return XW_EINVAL;
	}
	/* Global lookup order (the main program first, then its libraries), as ldelf. */
	if (resolve != 0 && resolve(ctx, n, v) == XW_OK) {
		return XW_OK;
	}
	if (shndx != SHN_UNDEF) {
		*v = shndx == SHN_ABS ? rd(s + 8, 8) : base + rd(s + 8, 8);
		return XW_OK;
	}
	if (bind == STB_WEAK) {
		*v = 0;
		return XW_OK;
	}
	return XW_ENOENT;
}

static int apply(const struct xw_ta_elf *e, uint8_t *img, uint64_t base, uint64_t tab,
		 uint64_t size, xw_ta_elf_resolve_fn resolve, void *ctx)
{
	uint64_t i, off, info, type, v = 0;
	int64_t add;
	const struct xw_ta_seg *s;
	int rc;

	if (size == 0) {
		return XW_OK;
	}
	if (!in(tab, size, e->span)) {
		return XW_EINVAL;
	}
	for (i = 0; i < size / RELA_SIZE; i++) {
		const uint8_t *r = img + tab + i * RELA_SIZE;

		off = rd(r, 8);
		info = rd(r + 8, 8);
		add = (int64_t)rd(r + 16, 8);
		type = info & 0xffffffffU;
		if (type == R_AARCH64_NONE) {
			continue;
		}
		s = seg_of(e, off, 8);
		if (s == 0 || !(s->prot & XW_TA_PROT_W)) {
			return XW_EINVAL;
		}
		switch (type) {
		case R_AARCH64_RELATIVE:
			v = base + (uint64_t)add;
			break;
		case R_AARCH64_GLOB_DAT:
		case R_AARCH64_JUMP_SLOT:
		case R_AARCH64_ABS64:
			rc = sym_value(e, img, base, info >> 32, resolve, ctx, &v);
			if (rc != XW_OK) {
				return rc;
			}
			v += (uint64_t)add;
			break;
		default:
			return XW_EINVAL;
		}
		wr64(img + off, v);
	}
	return XW_OK;
}

int xw_ta_elf_relocate(const struct xw_ta_elf *e, uint8_t *img, uint64_t base,
		       xw_ta_elf_resolve_fn resolve, void *ctx)
{
	unsigned int i;
	int rc = XW_OK;

	for (i = 0; i < e->nrel && i < XW_TA_ELF_MAX_RELS && rc == XW_OK; i++) {
		rc = apply(e, img, base, e->rel[i].va, e->rel[i].size, resolve, ctx);
	}
	return rc;
}
