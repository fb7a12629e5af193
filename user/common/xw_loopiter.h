/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DESIGN.md's benchmark normaliser ("loop iterations"), shared by every
 * benchmark that runs inside QEMU: a time is reported both in µs and in
 * iterations of this xorshift step measured in the same boot, because absolute
 * times under TCG drift with host load.
 */
#ifndef XW_LOOPITER_H
#define XW_LOOPITER_H

#include <stdint.h>
#include <time.h>

#define XW_LOOPITER_N 10000000ULL /* iterations per run (10^7) */

static inline uint64_t xw_loopiter_clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Nanoseconds for one run of XW_LOOPITER_N iterations; callers keep the best of 3. */
static inline uint64_t xw_loopiter_run_ns(void)
{
	uint64_t x = 88172645463325252ULL, t0 = xw_loopiter_clock_ns(), i;

	for (i = 0; i < XW_LOOPITER_N; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		__asm__ volatile("" : "+r"(x));
	}
	return xw_loopiter_clock_ns() - t0;
}

#endif
