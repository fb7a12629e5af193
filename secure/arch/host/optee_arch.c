// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hosted side of the OP-TEE front end's thread contract (optee.h): one
 * pthread per secure thread instead of a stack and a register switch. A
 * baton (turn, under a mutex) says who runs: the entry path that called
 * arch_thread_run() or the thread. Only one of the two runs at a time, as
 * on the target, and the mutex orders their memory accesses (TSan sees the
 * hand-over). A pthread lives across calls: it goes back to waiting for a
 * fresh start when xw_optee_thread_main() returns.
 */
#include "optee_host.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../abi/optee/optee.h"

enum turn { TURN_CALLER, TURN_THREAD };

struct arch_ctx {
	int unused; /* the caller's context is its own pthread's stack */
};

struct hthread {
	pthread_mutex_t m;
	pthread_cond_t cv;
	enum turn turn;
	bool created, in_main, quit, abandon;
	pthread_t tid;
	jmp_buf top; /* where an abandoned call's stack is left (worker) */
	unsigned int idx;
};

static struct arch_ctx cpu_ctx[XW_OPTEE_MAX_CPUS];
static struct hthread th[XW_OPTEE_THREADS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool foreign;
static uint64_t polls;
static host_optee_point_fn *point_fn;
static void *point_arg;

static void init_once(void)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		pthread_mutex_init(&th[i].m, NULL);
		pthread_cond_init(&th[i].cv, NULL);
		th[i].idx = i;
	}
}

/* A broken hand-over is an internal invariant (L9 tier 2): stop at once. */
static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "optee host arch: %s\n", what);
		abort();
	}
}

/* Hand the baton to the other side and wait until it comes back. */
static void hand_over(struct hthread *h, enum turn to)
{
	h->turn = to;
	pthread_cond_broadcast(&h->cv);
	while (h->turn == to) {
		pthread_cond_wait(&h->cv, &h->m);
	}
}

static void *worker(void *arg)
{
	struct hthread *h = arg;

	pthread_mutex_lock(&h->m);
	for (;;) {
		while (h->turn != TURN_THREAD) {
			pthread_cond_wait(&h->cv, &h->m);
		}
		if (h->quit) {
			break;
		}
		h->in_main = true;
		pthread_mutex_unlock(&h->m);
		/*
		 * An abandoned call (arch_thread_abandon) comes back here from
		 * its yield, mutex held, leaving its frames as the target leaves
		 * its stack: nothing of it runs again.
		 */
		if (setjmp(h->top) == 0) {
			xw_optee_thread_main(h->idx);
			pthread_mutex_lock(&h->m);
		}
		h->abandon = false;
		h->in_main = false;
		h->turn = TURN_CALLER;
		pthread_cond_broadcast(&h->cv);
	}
	pthread_mutex_unlock(&h->m);
	return NULL;
}

struct arch_ctx *arch_cpu_ctx(unsigned int cpu)
{
	return &cpu_ctx[cpu];
}

void arch_thread_run(struct arch_ctx *cpu, unsigned int t, bool fresh)
{
	struct hthread *h = &th[t];

	(void)cpu;
	pthread_once(&once, init_once);
	pthread_mutex_lock(&h->m);
	check(fresh != h->in_main, "fresh start of a running thread, or resume of an idle one");
	if (!h->created) {
		check(pthread_create(&h->tid, NULL, worker, h) == 0, "pthread_create");
		h->created = true;
	}
	hand_over(h, TURN_THREAD);
	pthread_mutex_unlock(&h->m);
}

void arch_thread_yield(unsigned int t)
{
	struct hthread *h = &th[t];

	pthread_mutex_lock(&h->m);
	check(h->in_main && h->turn == TURN_THREAD, "yield from a thread that does not run");
	hand_over(h, TURN_CALLER);
	if (h->abandon) {
		longjmp(h->top, 1);
	}
	pthread_mutex_unlock(&h->m);
}

void arch_thread_abandon(unsigned int t)
{
	struct hthread *h = &th[t];

	pthread_mutex_lock(&h->m);
	check(h->in_main && h->turn == TURN_CALLER, "abandon of a thread that is not suspended");
	h->abandon = true;
	hand_over(h, TURN_THREAD); /* it unwinds to the worker and hands back */
	check(!h->in_main, "abandoned thread still in its call");
	pthread_mutex_unlock(&h->m);
}

void host_optee_shutdown(void)
{
	unsigned int i;

	pthread_once(&once, init_once);
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		struct hthread *h = &th[i];

		pthread_mutex_lock(&h->m);
		if (!h->created) {
			pthread_mutex_unlock(&h->m);
			continue;
		}
		check(!h->in_main, "shutdown with a call in flight");
		h->quit = true;
		h->turn = TURN_THREAD;
		pthread_cond_broadcast(&h->cv);
		pthread_mutex_unlock(&h->m);
		pthread_join(h->tid, NULL);
		h->created = h->quit = false;
		h->turn = TURN_CALLER;
	}
}

void host_optee_set_foreign(bool pending)
{
	__atomic_store_n(&foreign, pending, __ATOMIC_RELEASE);
}

uint64_t host_optee_foreign_polls(void)
{
	return __atomic_load_n(&polls, __ATOMIC_RELAXED);
}

bool arch_foreign_pending(void)
{
	__atomic_fetch_add(&polls, 1, __ATOMIC_RELAXED);
	return __atomic_load_n(&foreign, __ATOMIC_ACQUIRE);
}

void host_optee_set_point_hook(host_optee_point_fn *fn, void *arg)
{
	/* Set between calls, while no secure thread runs: the baton orders it. */
	__atomic_store_n(&point_arg, arg, __ATOMIC_RELAXED);
	__atomic_store_n(&point_fn, fn, __ATOMIC_RELEASE);
}

void arch_optee_point(enum xw_optee_point p, uint64_t cookie)
{
	host_optee_point_fn *fn = __atomic_load_n(&point_fn, __ATOMIC_ACQUIRE);

	if (fn != NULL) {
		fn(p, cookie, __atomic_load_n(&point_arg, __ATOMIC_RELAXED));
	}
}
