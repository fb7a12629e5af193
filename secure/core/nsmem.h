/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Normal-world memory in the secure kernel: maps page-aligned non-secure
 * physical ranges (or lists of single pages) into a secure VA window, and
 * unmaps them.
 *
 * How to use it (any CPU, any time after xw_nsmem_init()):
 *
 *     void *va;
 *     int rc = xw_ns_map(pa, size, &va);        // one contiguous NS range
 *     rc = xw_ns_map_pages(pas, n, &va);        // n single NS pages, virtually contiguous
 *     ... read through va: copy in once, validate the copy, use the copy ...
 *     xw_ns_unmap(va, size);                    // the same va and size as mapped
 *
 * Mappings: NS=1, Normal Inner/Outer Write-Back (RA/WA), Inner Shareable,
 * read-write at EL1, execute-never (XN and PXN) - the attributes Linux uses
 * for its own RAM, so that both worlds agree (seeds 000 and 004). Unmap
 * clears every entry and invalidates the TLBs of all CPUs before the VA range
 * is reused: no mapping survives it.
 *
 * The gate (DESIGN.md principle 6): every normal-world address the secure
 * kernel is asked to touch - a channel region, an OP-TEE argument, memref,
 * page list or RPC buffer, a block queue or data segment - goes through
 * xw_ns_gate_check() against one table: it must lie wholly inside one
 * normal-world RAM range and touch no reserved range (secure RAM, carve-outs,
 * device windows, flash: plat_reserved_ranges()). xw_ns_map() and
 * xw_ns_map_pages() call it for every range and page; a front end that does
 * not map (block data segments, handed to a DMA device) calls it directly.
 * No front end keeps a range rule of its own. The secure kernel's own use of
 * a carve-out goes through xw_ns_map_own(), which takes no normal-world
 * address.
 *
 * Errors (negative, include/xw/err.h): XW_EINVAL (zero size, not page aligned,
 * address + size overflows, unmap of something that was not mapped exactly so),
 * XW_EFAULT (a byte outside normal-world RAM or inside a reserved range),
 * XW_ENOMEM (no free VA range of that size), XW_E2BIG (more than the window).
 *
 * The memory behind a mapping belongs to the normal world, which may change it
 * at any time: it is hostile input (DESIGN.md principle 1).
 *
 * Portable: this file and nsmem.c hold the checks and the VA allocator; the
 * page-table writes are the arch_nsmap_* hooks of sk/arch/nsmap.h (secure/arch/aarch64/
 * nsmap.c on the target, a recording fake in the host unit test).
 */
#ifndef XW_SK_NSMEM_H
#define XW_SK_NSMEM_H

#include <stddef.h>
#include <stdint.h>

#include "sk/arch/nsmap.h"

#include "xw/plat/plat.h"

#define XW_NS_PAGE_SHIFT     12
#define XW_NS_PAGE_SIZE      (1UL << XW_NS_PAGE_SHIFT)
/* Largest window the allocator supports: 64 MiB of 4 KiB pages. */
#define XW_NS_WIN_MAX_PAGES  16384UL
/* Largest tables the gate takes (checked by xw_nsmem_init()). */
#define XW_NS_MAX_RANGES     32U

/**
 * The gate's table and the window. The tables are the board's
 * (plat_ns_ram_ranges(), plat_reserved_ranges()); they are referenced, not
 * copied, and must stay constant.
 */
struct xw_nsmem_cfg {
	const struct xw_mem_range *ram; /* normal-world RAM: the only PAs the gate lets through */
	unsigned int nram;
	const struct xw_mem_range *rsv; /* owned or reserved by the secure world: never */
	unsigned int nrsv;
	uintptr_t va_base;              /* window start, page aligned */
	size_t va_pages;                /* window pages, 1..XW_NS_WIN_MAX_PAGES */
};

/**
 * xw_nsmem_init() - install the gate's table and set the window up (boot CPU,
 * once, before any other call here). Return: 0 or XW_EINVAL (bad window, a
 * table too long, an empty or wrapping range).
 */
int xw_nsmem_init(const struct xw_nsmem_cfg *cfg);

/**
 * xw_ns_gate_check() - the NS gate: may the secure world touch [pa, pa+size)
 * on the normal world's behalf? Byte granular (alignment is the caller's
 * rule); reads only the table installed by xw_nsmem_init().
 * Return: 0, XW_EINVAL (size 0, pa + size overflows), XW_EFAULT (not wholly in
 * one normal-world RAM range, or touching any reserved range).
 */
int xw_ns_gate_check(uint64_t pa, uint64_t size);

/** xw_ns_map() - map the NS range [pa, pa+size); *va = its secure address. */
int xw_ns_map(uint64_t pa, uint64_t size, void **va);

/** xw_ns_map_pages() - map @n NS pages (each page aligned) at consecutive VAs. */
int xw_ns_map_pages(const uint64_t *pas, size_t n, void **va);

/**
 * xw_ns_map_own() - map [pa, pa+size), which must lie wholly inside one
 * XW_MEM_CARVE reserved range: the secure kernel's own NS memory (a device's
 * DMA rings). Never call it with an address the normal world gave.
 * Return: as xw_ns_map(); XW_EFAULT if the range is not inside a carve-out.
 */
int xw_ns_map_own(uint64_t pa, uint64_t size, void **va);

/** xw_ns_unmap() - undo one xw_ns_map*() exactly (same va, size = pages * 4 KiB). */
int xw_ns_unmap(void *va, uint64_t size);

/*
 * xw_ns_unmap_batch() - undo @n (<= XW_NS_UNMAP_BATCH) xw_ns_map*()s, each
 * exactly (@vas[i], @sizes[i]; @sizes NULL: one page each), with one TLB
 * invalidation of every CPU instead of one each: for a reader that maps many
 * list pages in turn, and for dropping many objects at once.
 * Return: 0, or XW_EINVAL if any entry was not exactly one live mapping (the
 * others are still unmapped).
 */
#define XW_NS_UNMAP_BATCH 64U
int xw_ns_unmap_batch(void *const *vas, const uint64_t *sizes, size_t n);

/** xw_ns_mapped_pages() - pages mapped now (leak checks, statistics). */
size_t xw_ns_mapped_pages(void);

/* The page-table side is the arch contract sk/arch/nsmap.h. */

#endif
