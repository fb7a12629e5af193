// SPDX-License-Identifier: BSD-2-Clause
/*
 * sk/arch/time.h for the hosted build: CLOCK_MONOTONIC in nanoseconds, or a
 * virtual clock that advances by a fixed step at every read when a test sets
 * one (host_clock_step()), so that timeouts are bounded by reads, not by time.
 */
#include <time.h>

#include "sk/arch/time.h"
#include "time_host.h"

static uint64_t vstep, vclock;

void host_clock_step(uint64_t ns_per_read)
{
	__atomic_store_n(&vstep, ns_per_read, __ATOMIC_RELAXED);
}

uint64_t arch_now(void)
{
	struct timespec ts;
	uint64_t step = __atomic_load_n(&vstep, __ATOMIC_RELAXED);

	if (step != 0) {
		return __atomic_add_fetch(&vclock, step, __ATOMIC_RELAXED);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t arch_now_freq(void)
{
	return 1000000000ULL;
}
