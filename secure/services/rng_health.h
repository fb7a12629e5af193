/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Continuous health tests of a noise source's raw output (NIST SP 800-90B,
 * section 4.4): the repetition count test and the adaptive proportion test,
 * over 8-bit samples. Portable, host-tested (tests/unit/test_rng_health.c).
 *
 * Cutoffs follow from the claimed min-entropy H per sample and the false
 * positive probability alpha = 2^-20 (docs/entropy.md has the table):
 *   RCT: C = 1 + ceil(20 / H)
 *   APT: window W = 512 (non-binary samples), C = 1 + CRITBINOM(W, 2^-H, 1 - alpha)
 * For H = 8 (the QEMU source's claim): RCT 4, APT 13 of 512.
 */
#ifndef XW_SK_RNG_HEALTH_H
#define XW_SK_RNG_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#define XW_RNG_APT_WINDOW 512U

/* The claim H = 8 bits per byte and its cutoffs (alpha = 2^-20). */
#define XW_RNG_H8_RCT_CUTOFF 4U
#define XW_RNG_H8_APT_CUTOFF 13U

/* What xw_rng_health_feed() found (bit mask; 0 = healthy). */
#define XW_RNG_ALARM_RCT 1U
#define XW_RNG_ALARM_APT 2U

struct xw_rng_health {
	uint32_t rct_cutoff, apt_cutoff; /* the cutoffs in force */
	uint32_t have;                   /* a sample was seen (RCT has a last value) */
	uint8_t rct_last;
	uint32_t rct_run;                /* identical samples in a row, counting rct_last */
	uint8_t apt_first;               /* the window's first sample */
	uint32_t apt_pos;                /* samples of the window seen, 0 = a new window */
	uint32_t apt_count;              /* occurrences of apt_first in the window */
};

/** xw_rng_health_init() - fresh tests with these cutoffs (both >= 2). */
void xw_rng_health_init(struct xw_rng_health *h, uint32_t rct_cutoff, uint32_t apt_cutoff);

/**
 * xw_rng_health_feed() - run both tests over @n more samples, continuing from
 * the samples before. Return: 0, or XW_RNG_ALARM_* bits for the tests that
 * failed somewhere in these samples. After an alarm the caller discards the
 * samples and restarts the tests (xw_rng_health_init()).
 */
uint32_t xw_rng_health_feed(struct xw_rng_health *h, const uint8_t *s, size_t n);

#endif
