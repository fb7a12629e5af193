/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A virtio-rng (entropy device, virtio 1.x section 5.4) driver for the secure
 * kernel over virtio-mmio (legacy version 1, QEMU's default, and version 2):
 * the raw noise source of the secure entropy pool (secure/services/rng_pool.c).
 * Like the secure disk, the transport is not in the normal world's device
 * tree and its ring and buffer live in a carve-out of NS RAM Linux never maps.
 * Polled, one request at a time: the pool's lock serialises every call.
 * Portable: registers through sk/arch/vrng.h, time through sk/arch/time.h.
 */
#ifndef XW_SK_VIRTIO_RNG_H
#define XW_SK_VIRTIO_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Carve-out layout: rings (8 KiB for <= 8 entries), the indirect table, the buffer. */
#define XW_VRNG_BUF_OFF     0x3000U
#define XW_VRNG_BUF_BYTES   0x1000U
#define XW_VRNG_CARVE_BYTES (XW_VRNG_BUF_OFF + XW_VRNG_BUF_BYTES)

/**
 * xw_vrng_init() - find and set up the device. @va/@pa: the carve-out, at
 * least XW_VRNG_CARVE_BYTES. *@version: the transport version.
 * Return: 0, XW_ENOENT (no entropy device there), XW_EIO (set-up refused).
 */
int xw_vrng_init(void *va, uint64_t pa, uint64_t size, uint32_t *version);

/**
 * xw_vrng_read() - @len (1..XW_VRNG_BUF_BYTES) raw bytes into @dst, polling
 * the device for at most @timeout counter ticks per request. The device may
 * answer a request with fewer bytes: requests are repeated until @len.
 * Return: @len; XW_EAGAIN (no answer in time: the request stays posted and
 * the next call collects it, so a late answer never lands in a buffer that is
 * someone else's); XW_EIO (a bad answer: wrong head, length beyond the
 * request; the driver stops); XW_ENOENT (not set up); XW_EINVAL (@len).
 * The carve-out buffer is wiped after each copy; bytes of an answer beyond
 * @len are dropped, never kept for a later call.
 */
int xw_vrng_read(uint8_t *dst, size_t len, uint64_t timeout);

/** xw_vrng_source() - xw_rng_source_fn over xw_vrng_read() (@ctx unused), 50 ms per call. */
int xw_vrng_source(void *ctx, uint8_t *dst, size_t len);

#endif
