// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench-channel driver: forks the peer onto the other core and runs the same
 * streaming and round-trip loops over any contender (bc.h). Runs are bounded
 * by time, not by count, so that a slow contender (a pipe at 64 B) and a fast
 * one (ck_ring) both get a run long enough to time and short enough to keep the
 * whole benchmark under two minutes.
 */
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bc.h"

/* First word of the message that ends a run (all other messages carry their sequence number). */
#define BC_LAST UINT64_MAX
/* A run that does not end in this many seconds is a bug in a contender: kill it. */
#define BC_HANG_S 30

uint64_t bc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int bc_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

void *bc_shared_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void bc_shared_free(void *p, size_t size)
{
	if (p)
		munmap(p, size);
}

uint64_t bc_sum(const void *p, size_t n)
{
	const uint64_t *w = p;
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < n / 8; i++)
		s += w[i];
	return s;
}

/* What the child reports back through shared memory. */
struct bc_ctl {
	_Atomic uint32_t ready;
	uint64_t t_end;  /* stream: when the last message was received */
	uint64_t sum;    /* sum of every word received */
	uint64_t msgs;
	uint64_t notif;  /* doorbells the child rang */
	uint64_t base;   /* sum of a message's words but the first (recv_sum's end test) */
};

/* The message the sender sends: a fixed pattern, first word = sequence number. */
static uint8_t *msg_alloc(size_t msg, uint64_t *base)
{
	uint8_t *b = aligned_alloc(64, msg);
	size_t i;

	if (!b)
		return NULL;
	for (i = 0; i < msg; i++)
		b[i] = (uint8_t)(i * 131 + 7);
	/* The receiver's sum of a message is base + its first word. */
	*base = bc_sum(b + 8, msg - 8);
	return b;
}

/* How often the sender reads the clock: about every 64 KiB, at most every 64 messages. */
static uint64_t clock_every(size_t msg)
{
	size_t e = (64u << 10) / msg;

	return e < 1 ? 1 : e > 64 ? 64 : e;
}

static int child_stream(const struct bc_ops *o, void *ctx, struct bc_ctl *ctl, size_t msg,
			enum bc_wait w)
{
	uint8_t *buf = aligned_alloc(64, msg);
	uint64_t sum = 0, n = 0;

	if (!buf)
		return -1;
	atomic_store(&ctl->ready, 1);
	for (;;) {
		uint64_t s;

		if (o->recv_sum) {
			/* In place: the sum of a message is base + its first word, so the last one shows in it. */
			if (o->recv_sum(ctx, msg, w, &s))
				return -1;
			sum += s;
			n++;
			if (s - ctl->base == BC_LAST)
				break;
			continue;
		}
		if (o->recv(ctx, buf, msg, w))
			return -1;
		sum += bc_sum(buf, msg);
		n++;
		if (((uint64_t *)buf)[0] == BC_LAST)
			break;
	}
	ctl->t_end = bc_now_ns();
	ctl->sum = sum;
	ctl->msgs = n;
	free(buf);
	return 0;
}

static int child_echo(const struct bc_ops *o, void *ctx, struct bc_ctl *ctl, size_t msg,
		      enum bc_wait w)
{
	uint8_t *buf = aligned_alloc(64, msg);
	uint64_t sum = 0, n = 0;

	if (!buf)
		return -1;
	atomic_store(&ctl->ready, 1);
	for (;;) {
		if (o->recv(ctx, buf, msg, w))
			return -1;
		sum += bc_sum(buf, msg);
		n++;
		if (o->send(ctx, buf, msg, w))
			return -1;
		if (((uint64_t *)buf)[0] == BC_LAST)
			break;
	}
	ctl->sum = sum;
	ctl->msgs = n;
	free(buf);
	return 0;
}

struct run {
	const struct bc_ops *o;
	void *ctx;
	struct bc_ctl *ctl;
	pid_t pid;
	size_t msg;
	enum bc_wait w;
};

static int run_start(struct run *r, const struct bc_ops *o, size_t msg, enum bc_wait w, bool echo,
		     uint64_t base)
{
	int rc;

	r->o = o;
	r->msg = msg;
	r->w = w;
	r->ctl = bc_shared_alloc(sizeof(*r->ctl));
	if (!r->ctl)
		return -1;
	r->ctl->base = base;
	r->ctx = o->setup(msg);
	if (!r->ctx) {
		bc_shared_free(r->ctl, sizeof(*r->ctl));
		return -1;
	}
	fflush(NULL);
	r->pid = fork();
	if (r->pid < 0)
		return -1;
	if (r->pid == 0) {
		alarm(BC_HANG_S);
		if (bc_pin(1) || o->attach(r->ctx, 1))
			_exit(2);
		rc = echo ? child_echo(o, r->ctx, r->ctl, msg, w) : child_stream(o, r->ctx, r->ctl, msg, w);
		r->ctl->notif = o->notifications ? o->notifications(r->ctx) : 0;
		o->detach(r->ctx);
		_exit(rc ? 1 : 0);
	}
	alarm(BC_HANG_S);
	if (o->attach(r->ctx, 0))
		return -1;
	while (!atomic_load(&r->ctl->ready))
		bc_relax();
	return 0;
}

/* Waits for the child; returns its voluntary context switches, or -1 if it failed. */
static long run_finish(struct run *r, uint64_t *notif)
{
	struct rusage ru;
	int st = 0;

	*notif = r->o->notifications ? r->o->notifications(r->ctx) : 0;
	r->o->detach(r->ctx);
	if (wait4(r->pid, &st, 0, &ru) < 0)
		st = -1;
	alarm(0);
	*notif += r->ctl->notif;
	r->o->teardown(r->ctx);
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "bench-channel: %s: peer failed (status %#x)\n", r->o->name, st);
		return -1;
	}
	return ru.ru_nvcsw;
}

int bc_stream(const struct bc_ops *o, size_t msg, enum bc_wait w, double secs,
	      struct bc_result *res)
{
	uint64_t base, expect = 0, n = 0, i, t0, deadline, every = clock_every(msg), notif;
	uint8_t *buf = msg_alloc(msg, &base);
	struct run r;
	long csw;
	int rc = 0;

	if (!buf || run_start(&r, o, msg, w, false, base)) {
		free(buf);
		return -1;
	}
	t0 = bc_now_ns();
	deadline = t0 + (uint64_t)(secs * 1e9);
	for (i = 0;; i++) {
		bool last = i % every == 0 && bc_now_ns() >= deadline;
		uint64_t seq = last ? BC_LAST : i;

		((uint64_t *)buf)[0] = seq;
		if (o->send(r.ctx, buf, msg, w)) {
			rc = -1;
			break;
		}
		expect += base + seq;
		n++;
		if (last)
			break;
	}
	if (!rc && o->flush && o->flush(r.ctx))
		rc = -1;
	csw = run_finish(&r, &notif);
	if (csw < 0 || rc)
		rc = -1;
	else if (r.ctl->msgs != n || r.ctl->sum != expect) {
		fprintf(stderr, "bench-channel: %s stream: received %llu msgs, bad checksum\n",
			o->name, (unsigned long long)r.ctl->msgs);
		rc = -1;
	} else {
		res->rate = (double)n * 1e9 / (double)(r.ctl->t_end - t0);
		res->notif = o->notifications ? (double)notif / (double)n : -1;
		res->rx_csw = (double)csw / (double)n;
	}
	bc_shared_free(r.ctl, sizeof(*r.ctl));
	free(buf);
	return rc;
}

int bc_rtt(const struct bc_ops *o, size_t msg, enum bc_wait w, double secs, struct bc_result *res)
{
	uint64_t base, expect = 0, sum = 0, n = 0, i, t0, t1, deadline, notif;
	uint8_t *buf = msg_alloc(msg, &base), *back = aligned_alloc(64, msg);
	struct run r;
	long csw;
	int rc = 0;

	if (!buf || !back || run_start(&r, o, msg, w, true, base)) {
		free(buf);
		free(back);
		return -1;
	}
	t0 = bc_now_ns();
	deadline = t0 + (uint64_t)(secs * 1e9);
	for (i = 0;; i++) {
		bool last = bc_now_ns() >= deadline;
		uint64_t seq = last ? BC_LAST : i;

		((uint64_t *)buf)[0] = seq;
		if (o->send(r.ctx, buf, msg, w) || o->recv(r.ctx, back, msg, w)) {
			rc = -1;
			break;
		}
		sum += bc_sum(back, msg);
		expect += base + seq;
		n++;
		if (last)
			break;
	}
	t1 = bc_now_ns();
	csw = run_finish(&r, &notif);
	if (csw < 0 || rc)
		rc = -1;
	else if (r.ctl->msgs != n || r.ctl->sum != expect || sum != expect) {
		fprintf(stderr, "bench-channel: %s rtt: bad echo checksum\n", o->name);
		rc = -1;
	} else {
		res->rtt_us = (double)(t1 - t0) / 1e3 / (double)n;
		res->notif = o->notifications ? (double)notif / (double)n : -1;
		res->rx_csw = (double)csw / (double)n;
	}
	bc_shared_free(r.ctl, sizeof(*r.ctl));
	free(buf);
	free(back);
	return rc;
}
