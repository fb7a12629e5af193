// SPDX-License-Identifier: BSD-2-Clause
/*
 * The echo step (lib/echo.c) under every interleaving of a writer and a
 * reader, up to a depth: no request is ever stranded.
 *
 * One channel in plain memory; its end 1 is echo, run only when end 0's
 * library asks for a doorbell (the notify hook rings at once, inside the
 * call, as xworld.ko's SMC does; "ring again" rings again). End 0 has a
 * writer and a reader "thread", each a state machine of whole calls with a
 * 1 ns timeout, modelled on xworld.ko's blocking calls: a call that times out
 * sleeps until echo notifies (the driver wakes every sleeper of the channel)
 * unless a notification came since the call began (the driver's event-count
 * snapshot). A schedule picks which runnable thread makes the next call; all
 * schedules up to DEPTH choices are replayed from scratch (depth-first over
 * the choice points). At a point of each schedule the writer stops starting
 * messages (the one it is in finishes); from then on the threads run until
 * every reply came back, in order and intact. A state where no thread can
 * run while replies are missing is a stranded request: the test fails and
 * prints the schedule.
 *
 * Shapes: xworld.ko's 1 MiB echo scaled down (one message fits the request
 * area, two the reply area, all by reference), mixed sizes (reference,
 * ring, empty; a small request after large ones while the replies are
 * full), and a ring without areas. Echo runs as the S-EL0 app does (no
 * budget) and as the S-EL1 service does (a budget of one message).
 *
 * Also the cost: with the reader two replies behind (the reply area full),
 * each message takes one doorbell, not two (lib/echo.c, arm_idle()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>
#include <xw/echo.h>

#define DEPTH   12  /* choice points explored per schedule */
#define NMSG    7   /* messages the writer has at most */
#define MAXLEN  8192

struct shape {
	const char *name;
	uint32_t ring, area_req, area_rep, ref_min;
	size_t len[NMSG];
};

/* ring 1 KiB; request area one 4 KiB message, reply area two (as 1 MiB / 2 MiB with 1 MiB messages). */
static const struct shape shapes[] = {
	{ "ref", 1024, 4096, 8192, 2048, { 4096, 4096, 4096, 4096, 4096, 4096, 4096 } },
	{ "mixed", 1024, 4096, 8192, 2048, { 4096, 4096, 100, 6000, 0, 4096, 300 } },
	{ "ring", 1024, 0, 0, 0, { 300, 200, 300, 100, 300, 16, 300 } },
};

struct sim {
	const struct shape *sh;
	void *base;
	size_t size;
	struct xw_chan ns, sec;
	struct xw_echo e;
	uint64_t budget_per_bell; /* 0: none (the S-EL0 app) */
	unsigned events;          /* echo's notifications so far */
	unsigned bells[2];        /* doorbells by the event asked for (DATA, SPACE) */
	unsigned again;           /* rings because echo answered "ring again" */
	int in_bell;
	/* writer */
	unsigned w_next;          /* next message to start (or the one in progress) */
	int w_in, w_sleep, w_stopped;
	unsigned w_seen;
	/* reader */
	unsigned r_next;
	int r_sleep;
	unsigned r_seen;
};

/* The writer's messages (filled once) and the reader's buffer. */
static uint8_t msg[NMSG][MAXLEN];
static uint8_t back[MAXLEN];

/* Echo's end: remember the notification (the doorbell's return carries it). */
static void sec_notify(void *ctx, unsigned ev)
{
	(void)ev;
	((struct sim *)ctx)->events++;
}

static int no_wait(void *ctx, unsigned ev, uint64_t t)
{
	(void)ctx, (void)ev, (void)t;
	return XW_ETIMEDOUT;
}

/* The doorbell: echo steps inside it, again while it answers "ring again". */
static void ns_notify(void *ctx, unsigned ev)
{
	struct sim *s = ctx;
	int rc;

	assert_false(s->in_bell); /* echo never rings the normal world's doorbell */
	s->bells[ev == XW_CHAN_EV_SPACE]++;
	s->in_bell = 1;
	for (;;) {
		uint64_t b = s->budget_per_bell;

		rc = xw_echo_step(&s->sec, &s->e, s->budget_per_bell ? &b : NULL);
		assert_true(rc >= 0);
		if (rc != 1) {
			break;
		}
		s->again++;
	}
	s->in_bell = 0;
}

static const struct xw_chan_ops ns_ops = { .notify = ns_notify, .wait = no_wait };
static const struct xw_chan_ops sec_ops = { .notify = sec_notify, .wait = no_wait };

static void sim_init(struct sim *s, const struct shape *sh, uint64_t budget)
{
	memset(s, 0, sizeof(*s));
	s->sh = sh;
	s->budget_per_bell = budget;
	s->size = sh->area_req ? xw_region_size_ref(1, sh->ring, sh->area_req, sh->area_rep) :
				 xw_region_size(1, sh->ring);
	assert_int_equal(posix_memalign(&s->base, 4096, s->size), 0);
	memset(s->base, 0, s->size);
	assert_int_equal(sh->area_req ? xw_region_init_ref(s->base, s->size, 1, sh->ring,
							   sh->area_req, sh->area_rep) :
					xw_region_init(s->base, s->size, 1, sh->ring),
			 XW_OK);
	assert_int_equal(xw_chan_open(&s->ns, s->base, s->size, 0, XW_CHAN_END0, &ns_ops, s), 0);
	assert_int_equal(xw_chan_open(&s->sec, s->base, s->size, 0, XW_CHAN_END1, &sec_ops, s), 0);
	xw_chan_set_ref_min(&s->ns, sh->ref_min);
	xw_chan_set_ref_min(&s->sec, sh->ref_min);
	if (msg[1][0] == 0) {
		for (unsigned k = 0; k < NMSG; k++) {
			for (size_t i = 0; i < MAXLEN; i++) {
				msg[k][i] = (uint8_t)(k * 37 + i * 11 + (i >> 9));
			}
		}
	}
}

static int writer_runnable(const struct sim *s)
{
	return !s->w_sleep && (s->w_in || (!s->w_stopped && s->w_next < NMSG));
}

/* Replies still owed: every message the writer finished or is in. */
static unsigned owed(const struct sim *s)
{
	return s->w_next + (unsigned)s->w_in - s->r_next;
}

static int reader_runnable(const struct sim *s)
{
	return !s->r_sleep && owed(s) > 0;
}

/* A notification wakes every sleeper (xworld.ko's wake_up_all of the channel). */
static void wake(struct sim *s)
{
	if (s->w_sleep && s->events != s->w_seen) {
		s->w_sleep = 0;
	}
	if (s->r_sleep && s->events != s->r_seen) {
		s->r_sleep = 0;
	}
}

/* One blocking write() call's worth: the whole message, or a timeout (then sleep). */
static void writer_step(struct sim *s)
{
	size_t len = s->sh->len[s->w_next];
	int rc;

	s->w_seen = s->events;
	s->w_in = 1;
	rc = xw_chan_send(&s->ns, msg[s->w_next], len, 1, 0);
	if (rc == XW_OK) {
		s->w_in = 0;
		s->w_next++;
		return;
	}
	assert_int_equal(rc, XW_ETIMEDOUT);
	/* Asleep unless echo notified since the call began (the driver's snapshot). */
	s->w_sleep = s->events == s->w_seen;
}

static void reader_step(struct sim *s)
{
	size_t got = 0, want = s->sh->len[s->r_next];
	int rc;

	s->r_seen = s->events;
	rc = xw_chan_recv(&s->ns, back, sizeof(back), &got, 1, 0);
	if (rc == XW_OK) {
		assert_int_equal(got, want);
		assert_memory_equal(back, msg[s->r_next], want);
		s->r_next++;
		return;
	}
	assert_int_equal(rc, XW_ETIMEDOUT);
	s->r_sleep = s->events == s->r_seen;
}

static void fail_sched(const struct sim *s, const char *why, const int *ch, unsigned n)
{
	char line[DEPTH + 1];

	for (unsigned i = 0; i < n && i < DEPTH; i++) {
		line[i] = ch[i] ? 'R' : 'W';
	}
	line[n < DEPTH ? n : DEPTH] = '\0';
	fail_msg("%s, shape %s, budget %llu, schedule %s (writer stops after choice %u): "
		 "%u sent, %u received, writer %s%s, reader %s", why, s->sh->name,
		 (unsigned long long)s->budget_per_bell, line, n, s->w_next, s->r_next,
		 s->w_in ? "in a message, " : "", s->w_sleep ? "asleep" : "awake",
		 s->r_sleep ? "asleep" : "awake");
}

/*
 * Replays choices ch[0..n) (0 writer, 1 reader, at the points where both can
 * run); the writer stops at choice point `stop` (and at NMSG messages), then
 * the reader goes first. Returns the choice points met (<= n + 1: the caller
 * extends the schedule by one).
 */
static unsigned replay(struct sim *s, const int *ch, unsigned n, unsigned stop)
{
	unsigned points = 0, steps = 0;

	for (;;) {
		int w, r;

		if (points >= stop) {
			s->w_stopped = 1;
		}
		wake(s);
		w = writer_runnable(s);
		r = reader_runnable(s);
		if (!w && !r) {
			if (s->w_in || owed(s) > 0 || (!s->w_stopped && s->w_next < NMSG)) {
				fail_sched(s, "stranded", ch, points);
			}
			return points;
		}
		if (w && r) {
			int pick = points < n ? ch[points] : 1;

			points++;
			if (pick) {
				reader_step(s);
			} else {
				writer_step(s);
			}
		} else if (w) {
			writer_step(s);
		} else {
			reader_step(s);
		}
		if (++steps > 100 * NMSG) {
			fail_sched(s, "no end (livelock)", ch, points);
		}
	}
}

static void explore(const struct shape *sh, uint64_t budget, unsigned *runs)
{
	static struct sim s;
	int ch[DEPTH + 1] = { 0 };
	unsigned n = 0;

	/* Depth-first over the choice points: extend with "writer", then flip the last writer. */
	for (;;) {
		unsigned met;

		for (unsigned stop = 0; stop <= DEPTH; stop += 3) {
			sim_init(&s, sh, budget);
			met = replay(&s, ch, n, stop < n ? stop : n);
			free(s.base);
			(*runs)++;
		}
		sim_init(&s, sh, budget);
		met = replay(&s, ch, n, DEPTH);
		free(s.base);
		(*runs)++;
		if (met > n && n < DEPTH) {
			ch[n++] = 0;
			continue;
		}
		while (n > 0 && ch[n - 1] == 1) {
			n--;
		}
		if (n == 0) {
			return;
		}
		ch[n - 1] = 1;
	}
}

static void test_no_request_stranded(void **state)
{
	unsigned runs = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		explore(&shapes[i], 0, &runs);
		/* The S-EL1 service's budget: one 4 KiB message per doorbell. */
		explore(&shapes[i], 4096, &runs);
	}
	/* The exploration really branched (thousands of distinct schedules). */
	assert_true(runs > 1000);
	print_message("%u schedules replayed\n", runs);
}

/*
 * The reader two replies behind: the writer writes until it blocks, then
 * each step the reader takes one reply and the writer writes one more. The
 * reply area is full whenever the writer's message arrives: one doorbell per
 * message (the reader's, when it frees space; the writer's write does not
 * ring), where arming the data event too cost two.
 */
static void test_lagging_reader_one_doorbell(void **state)
{
	static struct sim s;
	unsigned bells, msgs;

	(void)state;
	for (int budget = 0; budget < 2; budget++) {
		sim_init(&s, &shapes[0], budget ? 4096 : 0);
		/* Three go out (one in the request area, two replies); the fourth blocks. */
		while (!s.w_sleep && s.w_next < NMSG) {
			writer_step(&s);
		}
		assert_int_equal(s.w_next, 3);
		bells = s.bells[0] + s.bells[1];
		/* The steady phase: one reply read, one message written, while the writer has any. */
		while (s.w_next < NMSG) {
			reader_step(&s);
			assert_false(s.r_sleep);
			wake(&s);
			assert_true(writer_runnable(&s));
			writer_step(&s);
			assert_false(s.w_sleep);
		}
		msgs = NMSG - 3;
		bells = s.bells[0] + s.bells[1] + s.again - bells;
		print_message("budget %d: %u doorbells (data %u, space %u, again %u) for %u messages "
			      "with the reader two behind\n", budget, bells, s.bells[0], s.bells[1],
			      s.again, msgs);
		/* One per message, where two were needed before. */
		assert_int_equal(bells, msgs);
		/* The rest comes back with the reader alone. */
		while (s.r_next < NMSG) {
			reader_step(&s);
			assert_false(s.r_sleep);
		}
		free(s.base);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_request_stranded),
		cmocka_unit_test(test_lagging_reader_one_doorbell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
