/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure kernel's page pool: the free secure RAM above its image, handed
 * out in physically contiguous runs of 4 KiB pages (application images,
 * stacks, heaps, translation tables, the page lists of OP-TEE shared-memory
 * objects: secure/abi/optee/shm.c). First fit over a bitmap; a spinlock,
 * safe on any CPU. Portable: the hosted build gives it a malloc'd pool.
 */
#ifndef XW_SK_PAGES_H
#define XW_SK_PAGES_H

#include <stdint.h>

#define XW_PAGE_SIZE      4096UL
#define XW_PAGES_MAX      4096 /* 16 MiB */

/** xw_pages_init() - the pool is [@pa, @pa + @n pages); forgets earlier state. */
void xw_pages_init(uint64_t pa, uint64_t n);
/** xw_pages_alloc() - @n contiguous pages, zeroed. Return: PA, or 0 if none. */
uint64_t xw_pages_alloc(uint64_t n);
/** xw_pages_free() - give back a run xw_pages_alloc() returned. */
void xw_pages_free(uint64_t pa, uint64_t n);
/** xw_pages_free_count() - pages free now (leak checks). */
uint64_t xw_pages_free_count(void);

#endif
