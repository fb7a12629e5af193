/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: the page-table side of the NS window
 * (secure/core/nsmem.c holds the checks and the VA allocator). Called with the
 * window lock held. @idx is a page index in the window: VA = va_base + idx * 4 KiB.
 */
#ifndef XW_SK_ARCH_NSMAP_H
#define XW_SK_ARCH_NSMAP_H

#include <stddef.h>
#include <stdint.h>

/** arch_nsmap_set() - write the entry of window page @idx for NS page @pa. */
void arch_nsmap_set(size_t idx, uint64_t pa);
/** arch_nsmap_clear() - make window page @idx invalid. */
void arch_nsmap_clear(size_t idx);
/** arch_nsmap_sync_map() - new entries are visible to every CPU's table walks. */
void arch_nsmap_sync_map(void);
/** arch_nsmap_sync_unmap() - no CPU's TLB holds [va, va + n pages) any more. */
void arch_nsmap_sync_unmap(uintptr_t va, size_t n);
/** arch_nsmap_sync_unmap_all() - no CPU's TLB holds any cleared window entry. */
void arch_nsmap_sync_unmap_all(void);

#endif
