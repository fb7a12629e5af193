// SPDX-License-Identifier: BSD-2-Clause
/*
 * Physical limits the channel is held against:
 *   memcpy   one core copying messages between two private buffers: no queue
 *            can move bytes faster than the copy it has to make;
 *   pingpong one cache line bounced between the two cores: no queue can answer
 *            faster than one line transfer each way.
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bc.h"

double bc_memcpy_rate(size_t msg, double secs)
{
	uint8_t *src = aligned_alloc(64, msg), *dst = aligned_alloc(64, msg);
	uint64_t n = 0, t0, t1, deadline;

	if (!src || !dst) {
		free(src);
		free(dst);
		return 0;
	}
	memset(src, 0x5a, msg);
	memset(dst, 0, msg);
	t0 = bc_now_ns();
	deadline = t0 + (uint64_t)(secs * 1e9);
	do {
		unsigned k;

		for (k = 0; k < 16; k++) {
			memcpy(dst, src, msg);
			/* The copy must happen: pretend dst escapes. */
			__asm__ volatile("" : : "r"(dst) : "memory");
		}
		n += 16;
		t1 = bc_now_ns();
	} while (t1 < deadline);
	free(src);
	free(dst);
	return (double)n * 1e9 / (double)(t1 - t0);
}

#define PP_STOP UINT64_MAX

struct pp_line {
	_Alignas(128) _Atomic uint64_t x;
};

double bc_pingpong_us(double secs)
{
	struct pp_line *l = bc_shared_alloc(sizeof(*l));
	uint64_t i, t0, t1, deadline;
	pid_t pid;
	int st;

	if (!l)
		return 0;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		uint64_t expect = 1, v;

		alarm(30);
		bc_pin(1);
		for (;;) {
			while ((v = atomic_load_explicit(&l->x, memory_order_acquire)) != expect &&
			       v != PP_STOP)
				bc_relax();
			if (v == PP_STOP)
				break;
			atomic_store_explicit(&l->x, v + 1, memory_order_release);
			expect += 2;
		}
		_exit(0);
	}
	t0 = bc_now_ns();
	deadline = t0 + (uint64_t)(secs * 1e9);
	for (i = 0;; i++) {
		atomic_store_explicit(&l->x, 2 * i + 1, memory_order_release);
		while (atomic_load_explicit(&l->x, memory_order_acquire) != 2 * i + 2)
			bc_relax();
		if (i % 64 == 63 && bc_now_ns() >= deadline)
			break;
	}
	t1 = bc_now_ns();
	atomic_store_explicit(&l->x, PP_STOP, memory_order_release);
	waitpid(pid, &st, 0);
	bc_shared_free(l, sizeof(*l));
	return (double)(t1 - t0) / 1e3 / (double)(i + 1);
}
