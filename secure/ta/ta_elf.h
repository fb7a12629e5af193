/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ELF side of OP-TEE trusted applications (docs/optee.md, "Trusted
 * applications"): a TA is an AArch64 ET_DYN image (a PIE main program or a
 * TA library found by UUID through DT_NEEDED). Portable and pure: the caller
 * hands a private secure copy of the ELF bytes and a flat, zeroed buffer the
 * size of the image's span; this file checks every value of the ELF against
 * the bytes and the span, copies the PT_LOAD segments in, and applies the
 * relocations for a given load base. Nothing here trusts the image: every
 * offset, size, index and address is bounds-checked before use, and a bad
 * one gives XW_EINVAL (never a read or write outside the two buffers).
 * Fuzzed (tests/fuzz/fuzz_ta_elf.c), unit-tested with Debian's real TAs.
 */
#ifndef XW_TA_ELF_H
#define XW_TA_ELF_H

#include <stddef.h>
#include <stdint.h>

#define XW_TA_ELF_MAX_SEGS   8
#define XW_TA_ELF_MAX_NEEDED 4
#define XW_TA_ELF_MAX_PHDRS  16
#define XW_TA_ELF_MAX_RELS   4
#define XW_TA_ELF_MAX_SPAN   (16UL << 20) /* one module's VA span: 16 MiB at most */
#define XW_TA_PAGE           4096UL

/* Access of a mapping (the same bits as XW_PROT_* of sk/arch/app.h) */
#define XW_TA_PROT_R 1u
#define XW_TA_PROT_W 2u
#define XW_TA_PROT_X 4u

/** One page-granular mapping of the image: [va, va + pages * 4 KiB) at the base's offset. */
struct xw_ta_seg {
	uint64_t va;    /* page aligned, from the module's base */
	uint64_t pages;
	uint32_t prot;  /* XW_TA_PROT_*: RX, R or RW (never W and X together) */
};

/** What a parse found; every address is an offset from the module's load base. */
struct xw_ta_elf {
	uint64_t span;   /* bytes of VA from 0 to the last segment's end, page aligned */
	uint64_t entry;  /* e_entry */
	uint32_t nseg;
	struct xw_ta_seg seg[XW_TA_ELF_MAX_SEGS];
	uint64_t phoff;  /* program headers in the file (copied for dl_iterate_phdr) */
	uint16_t phnum;
	/* the dynamic section's facts (0: absent) */
	uint64_t symtab, strtab, strsz, nsyms;
	uint64_t rela, relasz, jmprel, pltrelsz; /* DT_RELA/DT_JMPREL: facts only */
	/*
	 * The tables applied: the SHT_RELA sections, as OP-TEE's ldelf does
	 * (its TAs' DT_RELASZ does not cover .rela.got); without section
	 * headers, DT_RELA and DT_JMPREL.
	 */
	uint32_t nrel;
	struct { uint64_t va, size; } rel[XW_TA_ELF_MAX_RELS];
	uint32_t nneeded;
	uint64_t needed[XW_TA_ELF_MAX_NEEDED]; /* DT_NEEDED: offsets into strtab */
	uint64_t soname;                        /* strtab offset + 1 (0: none) */
};

/* struct ta_head (OP-TEE's user_ta_header.h), as the image holds it */
struct xw_ta_head {
	uint8_t uuid[16];
	uint32_t stack_size;
	uint32_t flags;
	uint64_t depr_entry;
};
#define XW_TA_FLAG_SINGLE_INSTANCE     (1u << 2)
#define XW_TA_FLAG_MULTI_SESSION       (1u << 3)
#define XW_TA_FLAG_INSTANCE_KEEP_ALIVE (1u << 4)
#define XW_TA_FLAG_CONCURRENT          (1u << 8)

/**
 * xw_ta_elf_parse() - check the ELF header, program headers, dynamic section
 * and dynamic symbol table of @elf (@len bytes) and fill @e. Accepts only
 * ELF64 little-endian AArch64 ET_DYN, PT_LOAD segments in ascending,
 * non-overlapping pages whose file bytes lie in @elf, a span of at most
 * XW_TA_ELF_MAX_SPAN. Return: 0 or XW_EINVAL.
 */
int xw_ta_elf_parse(const uint8_t *elf, size_t len, struct xw_ta_elf *e);

/**
 * xw_ta_elf_copy() - copy the file bytes of every PT_LOAD of @e into @img
 * (e->span bytes, zeroed by the caller: bss stays zero). Return: 0 or XW_EINVAL.
 */
int xw_ta_elf_copy(const uint8_t *elf, size_t len, const struct xw_ta_elf *e, uint8_t *img);

/**
 * A symbol resolver for the relocations that name one (GLOB_DAT, JUMP_SLOT,
 * ABS64 with a symbol): @name (NUL-terminated, inside the module's own
 * strtab) to an absolute address. Return: 0 with *@va, or XW_ENOENT.
 */
typedef int (*xw_ta_elf_resolve_fn)(void *ctx, const char *name, uint64_t *va);

/**
 * xw_ta_elf_relocate() - apply the relocation tables of @e (e->rel) to @img
 * (already copied), for a module loaded at @base: R_AARCH64_RELATIVE,
 * GLOB_DAT, JUMP_SLOT, ABS64; R_AARCH64_NONE is skipped. A symbol defined
 * in the module itself resolves to base + its value; an undefined one through
 * @resolve (NULL: none); an undefined weak symbol that nothing defines is 0.
 * Every target must be 8 bytes inside a writable segment of the image; the
 * tables and symbols are read from @img (the loaded copy). Return: 0,
 * XW_EINVAL (a bad table or target, an unknown type), XW_ENOENT (a symbol
 * nobody defines).
 */
int xw_ta_elf_relocate(const struct xw_ta_elf *e, uint8_t *img, uint64_t base,
		       xw_ta_elf_resolve_fn resolve, void *ctx);

/**
 * xw_ta_elf_lookup() - the defined, global or weak symbol @name of the
 * module loaded at @base in @img. Return: 0 with *@va = base + value, or XW_ENOENT.
 */
int xw_ta_elf_lookup(const struct xw_ta_elf *e, const uint8_t *img, uint64_t base,
		     const char *name, uint64_t *va);

/** xw_ta_elf_str() - NUL-terminated string at strtab offset @off inside @img, or NULL. */
const char *xw_ta_elf_str(const struct xw_ta_elf *e, const uint8_t *img, uint64_t off);

#endif
