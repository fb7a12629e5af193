/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm SMCCC TRNG (DEN0098 1.0) served from the secure world's entropy pool
 * (portable, host-tested and fuzzed). The monitor forwards the TRNG function
 * numbers (owner 4, 0x50..0x5f) to the secure kernel's fast-call entry;
 * docs/entropy.md.
 */
#ifndef XW_SK_TRNG_H
#define XW_SK_TRNG_H

#include <stdint.h>

#include "rng_pool.h"

/**
 * xw_trng_handle_call() - answer one TRNG call from pool @p.
 * @x: the caller's x0..x7 (a private copy); @out: the caller's new x0..x3.
 * Every input gets a defined answer: NOT_SUPPORTED for an unknown function
 * (and for all of them when @p has no source), INVALID_PARAMETERS for a bit
 * count of 0 or above the convention's maximum, NO_ENTROPY when the pool has
 * none; x1..x3 are zero on every error.
 */
void xw_trng_handle_call(struct xw_rng_pool *p, const uint64_t x[8], uint64_t out[4]);

#endif
