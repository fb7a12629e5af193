/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure world's entropy pool (portable, host-tested): raw bytes from a
 * noise source only the secure world reaches, checked by the continuous
 * health tests (rng_health.c) a batch at a time before any byte of the batch
 * is served; each byte served once, then wiped. Both normal-world interfaces
 * (SMCCC TRNG, trng.c; the OP-TEE RNG service, secure/abi/optee/pta_rng.c)
 * draw from the one pool, so no byte can reach both. docs/entropy.md.
 *
 * Failures: a batch that fails a health test is wiped and never served (a
 * false alarm at alpha = 2^-20 per sample costs one batch); XW_RNG_BAD_IN_ROW
 * failing batches in a row mark the source failed until reboot (sticky): every
 * request then gets XW_EIO ("no entropy"). A source read error (a device that
 * does not answer in time) fails that request only.
 */
#ifndef XW_SK_RNG_POOL_H
#define XW_SK_RNG_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/spinlock.h"
#include "rng_health.h"

#define XW_RNG_BATCH       1024U /* bytes per source read, tested as a whole */
#define XW_RNG_MAX_REQ     4096U /* largest request (the optee-rng driver's) */
#define XW_RNG_BAD_IN_ROW  3U    /* failing batches in a row: the source is failed */

/*
 * A noise source: fill @dst with @len raw bytes. Return: @len, or an XW_E*
 * code (nothing usable in @dst). Called with the pool's lock held.
 */
typedef int (*xw_rng_source_fn)(void *ctx, uint8_t *dst, size_t len);

struct xw_rng_stats {
	uint64_t served;      /* bytes handed out */
	uint64_t batches;     /* batches read from the source */
	uint64_t alarms;      /* batches that failed a health test (wiped) */
	uint64_t rct_alarms, apt_alarms;
	uint64_t source_errors;
	uint32_t failed;      /* 1: the source is failed (sticky) */
};

struct xw_rng_pool {
	arch_spinlock_t lock;
	uint32_t ready;          /* 0: no source attached (nothing is offered) */
	xw_rng_source_fn source;
	void *ctx;
	struct xw_rng_health h;
	uint32_t rct_cutoff, apt_cutoff;
	uint32_t pos, end;   /* unserved bytes: buf[pos..end) */
	uint32_t bad_in_row;
	uint32_t failed;
	struct xw_rng_stats st;
	uint8_t buf[XW_RNG_BATCH];
};

/**
 * xw_rng_pool_init() - attach @source with the cutoffs for its claimed
 * min-entropy (rng_health.h), and run the start-up test: one batch is read and
 * tested (and kept for serving if it passes). Return: 0, or XW_EIO if the
 * source failed it (the pool then answers XW_EIO, as after any failure).
 */
int xw_rng_pool_init(struct xw_rng_pool *p, xw_rng_source_fn source, void *ctx,
		     uint32_t rct_cutoff, uint32_t apt_cutoff);

/** xw_rng_pool_available() - a source is attached (and the interfaces are offered). */
bool xw_rng_pool_available(struct xw_rng_pool *p);

/**
 * xw_rng_get() - @n (1..XW_RNG_MAX_REQ) fresh bytes into @dst, all or nothing.
 * @wait: spin for the lock if another CPU is refilling (else XW_EBUSY).
 * Return: 0; XW_EINVAL (n out of range); XW_ENOENT (no source); XW_EBUSY;
 * XW_EIO (no entropy: the source failed its health tests or did not answer).
 * On an error @dst is zeroed: nothing from the pool ever reaches a caller
 * that was told "no entropy".
 */
int xw_rng_get(struct xw_rng_pool *p, void *dst, size_t n, bool wait);

/** xw_rng_get_stats() - a snapshot of the counters. */
void xw_rng_get_stats(struct xw_rng_pool *p, struct xw_rng_stats *st);

/* The secure kernel's one pool (rng_pool.c); the arch glue attaches its source. */
extern struct xw_rng_pool xw_rng_main;

#endif
