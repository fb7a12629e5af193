/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted arch layer of the NS memory window (host unit tests): "normal-world
 * RAM" is a memfd, and the window's pages really alias it (mmap MAP_FIXED), so
 * the secure code reads and writes what the normal-world side wrote, and an
 * unmapped window page faults like on the target.
 */
#ifndef XW_SK_NSMAP_HOST_H
#define XW_SK_NSMAP_HOST_H

#include <stddef.h>
#include <stdint.h>

/**
 * host_ns_init() - NS RAM of @ram_size bytes at PA @ram_base, a window of
 * @win_pages pages; initialises nsmem, whose gate then lets through that RAM
 * minus the reference board's reserved ranges (plat/qemu-virt/memmap.c): a
 * test whose RAM covers one sees it refused as on QEMU. Return: the normal
 * world's view of that RAM (PA ram_base + x is at returned + x), or NULL.
 */
uint8_t *host_ns_init(uint64_t ram_base, size_t ram_size, size_t win_pages);

/** Notification interrupts raised so far (arch_ns_notify() calls). */
extern unsigned long host_ns_notifies;

#endif
