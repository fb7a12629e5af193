// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench-channel: the channel against a pipe, a UNIX socket pair, POSIX message
 * queues and a ck_ring queue, and against the physical limits (memcpy, a cache
 * line ping-pong), two processes pinned on CPUs 0 and 1, all in one run.
 *
 * Every measurement is repeated `reps` times, the repetitions interleaved (one
 * round of every contender, then the next round) so that a burst of load from
 * elsewhere hits contenders alike; the best of the rounds is reported on the
 * BENCH lines and the spread (best .. worst) on "#" lines after them.
 *
 * "channel" on a BENCH line is always the library's default configuration;
 * a tuned variant carries its tuning in its name (channel-spin20us,
 * channel-batch16), and a batched contender meets batched anchors only
 * (pipe-writev16, unix-writev16, mq-bulk16; ck_ring, which has no bulk form).
 *
 * usage: xw-bench-channel [seconds_per_run [reps [only]]]   (default 0.05 s, 6)
 * `only` (for quick experiments) runs just the measurements whose label, as on
 * the "# spread" lines (e.g. "channel 64B stream"), contains it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bc.h"

#define MAX_REPS 16
/*
 * Round trips run as RTT_SPLIT runs of a quarter of the time each: a mean over
 * one run is ruined by a single descheduling of either process (the other
 * engineers' QEMU shares our two cores), and more, shorter runs give the best
 * of them a better chance to fall between such events. Same total time.
 */
#define RTT_SPLIT 4
#define MAX_MEAS 64

enum kind { K_STREAM, K_RTT, K_MEMCPY, K_PINGPONG };

struct meas {
	const struct bc_ops *o; /* NULL for the limits */
	enum kind k;
	enum bc_wait w;
	size_t msg;
	double v[MAX_REPS * RTT_SPLIT]; /* msgs/s (stream, memcpy) or us (rtt, pingpong); 0 = failed */
	double notif_max;       /* worst doorbells per message seen */
	double csw_max;         /* worst receiver sleeps per message seen */
	int n;
};

static struct meas meas[MAX_MEAS];
static int nmeas;

static const size_t sizes[] = { 64, 4096, 1u << 20 };

static const char *only;

static const char *size_name(size_t msg);

static const char *who(const struct meas *m);

static void label(const struct meas *m, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s %s %s", who(m),
		 m->k == K_PINGPONG ? "64B" : size_name(m->msg),
		 m->k == K_STREAM || m->k == K_MEMCPY ? "stream" : "rtt",
		 m->o && m->w == BC_POLL ? "poll" : m->o ? "sleep" : "-");
}

static void add(const struct bc_ops *o, enum kind k, enum bc_wait w, size_t msg)
{
	char l[96];

	meas[nmeas] = (struct meas){ .o = o, .k = k, .w = w, .msg = msg };
	label(&meas[nmeas], l, sizeof(l));
	if (!only || strstr(l, only))
		nmeas++;
}

static void run_one(struct meas *m, double secs);

static void run(struct meas *m, double secs)
{
	int i;

	if (m->k == K_RTT || m->k == K_PINGPONG)
		for (i = 0; i < RTT_SPLIT; i++)
			run_one(m, secs / RTT_SPLIT);
	else
		run_one(m, secs);
}

static void run_one(struct meas *m, double secs)
{
	struct bc_result r = { 0 };
	double v = 0;

	switch (m->k) {
	case K_STREAM:
		if (!bc_stream(m->o, m->msg, m->w, secs, &r))
			v = r.rate;
		break;
	case K_RTT:
		if (!bc_rtt(m->o, m->msg, m->w, secs, &r))
			v = r.rtt_us;
		break;
	case K_MEMCPY:
		v = bc_memcpy_rate(m->msg, secs);
		break;
	case K_PINGPONG:
		v = bc_pingpong_us(secs);
		break;
	}
	if (v > 0 && r.notif > m->notif_max)
		m->notif_max = r.notif;
	if (v > 0 && r.rx_csw > m->csw_max)
		m->csw_max = r.rx_csw;
	m->v[m->n++] = v;
}

static bool lower_better(const struct meas *m)
{
	return m->k == K_RTT || m->k == K_PINGPONG;
}

/* Best and worst of the successful repetitions; false if none succeeded. */
static bool best_worst(const struct meas *m, double *best, double *worst)
{
	bool any = false;
	int i;

	for (i = 0; i < m->n; i++) {
		double v = m->v[i];

		if (v <= 0)
			continue;
		if (!any) {
			*best = *worst = v;
			any = true;
		} else if (lower_better(m) ? v < *best : v > *best) {
			*best = v;
		} else if (lower_better(m) ? v > *worst : v < *worst) {
			*worst = v;
		}
	}
	return any;
}

static struct meas *find(const struct bc_ops *o, enum kind k, enum bc_wait w, size_t msg)
{
	int i;

	for (i = 0; i < nmeas; i++)
		if (meas[i].o == o && meas[i].k == k && (o == NULL || meas[i].w == w) &&
		    (k == K_PINGPONG || meas[i].msg == msg))
			return &meas[i];
	return NULL;
}

static const char *size_name(size_t msg)
{
	return msg == 64 ? "64B" : msg == 4096 ? "4KiB" : "1MiB";
}

/* Streams of large messages read better as bandwidth. */
static bool in_mbs(size_t msg)
{
	return msg >= (1u << 20);
}

static double scaled(const struct meas *m, double v)
{
	return m->k == K_STREAM || m->k == K_MEMCPY ? (in_mbs(m->msg) ? v * (double)m->msg / 1e6 : v)
						    : v;
}

static const char *who(const struct meas *m)
{
	return m->o ? m->o->name : m->k == K_MEMCPY ? "memcpy" : "pingpong";
}

/* "BENCH <contender> <size> <what> (...)": the contender's name says how it is configured. */
static void line(const char *what, const struct meas *ours, const struct meas *anchor)
{
	const char *unit = lower_better(ours) ? "us" : in_mbs(ours->msg) ? "MB/s" : "msgs/s";
	double ob, ow, ab, aw;
	bool ok = ours && best_worst(ours, &ob, &ow), aok = anchor && best_worst(anchor, &ab, &aw);

	if (!ours)
		return;
	printf("BENCH %s %s %s (%s, %s better): ", who(ours), size_name(ours->msg), what, unit,
	       lower_better(ours) ? "lower" : "higher");
	if (ok)
		printf("%.4g %s", scaled(ours, ob), unit);
	else
		printf("failed %s", unit);
	if (aok)
		printf(" | %s %.4g %s", who(anchor), scaled(anchor, ab), unit);
	else
		printf(" | %s failed %s", anchor ? who(anchor) : "anchor", unit);
	if (ok && aok)
		printf(" | ratio %.3f\n", scaled(ours, ob) / scaled(anchor, ab));
	else
		printf(" | ratio n/a\n");
}

/*
 * Doorbells per message streaming 64 B flat out (worst round), against the
 * anchor receiver's sleeps per message (each one a wake-up its writer had to
 * deliver).
 */
static void notif_line(const struct meas *m, const struct meas *p)
{
	if (!m || !p)
		return;
	printf("BENCH %s notifications per message (64B stream, lower better): %.4f "
	       "notifications/msg | %s %.4f wakeups/msg | ratio %.4f\n", who(m), m->notif_max,
	       who(p), p->csw_max, p->csw_max > 0 ? m->notif_max / p->csw_max : 0);
	printf("# %s 64B stream: receiver sleeps per message %.4f (worst round)\n", who(m),
	       m->csw_max);
}

static void spread(void)
{
	int i;

	for (i = 0; i < nmeas; i++) {
		const struct meas *m = &meas[i];
		double b, w;

		char l[96];

		label(m, l, sizeof(l));
		if (!best_worst(m, &b, &w)) {
			printf("# spread %s: failed\n", l);
			continue;
		}
		printf("# spread %s: best %.4g worst %.4g %s (%d runs)", l, scaled(m, b), scaled(m, w),
		       lower_better(m) ? "us" : in_mbs(m->msg) ? "MB/s" : "msgs/s", m->n);
		if (m->o && m->o->notifications)
			printf(", worst doorbells/msg %.3g", m->notif_max);
		if (m->o && m->w == BC_SLEEP)
			printf(", worst receiver sleeps/msg %.3g", m->csw_max);
		printf("\n");
	}
}

/* Best of a measurement in the unit of its BENCH line; 0 if it never succeeded. */
static double best_of(const struct meas *m)
{
	double b, w;

	return m && best_worst(m, &b, &w) ? scaled(m, b) : 0;
}

/* As bench/xworld/xwbench.c's target(): "TARGET name: ours unit | target op goal unit | met". */
static void target(const char *name, double ours, const char *unit, bool at_most, double goal)
{
	bool met = ours > 0 && (at_most ? ours <= goal : ours >= goal);

	printf("TARGET %s: %.3f %s | target %s %.3f %s | %s\n", name, ours, unit,
	       at_most ? "<=" : ">=", goal, unit, met ? "met" : "missed");
}

static double ratio(double a, double b)
{
	return a > 0 && b > 0 ? a / b : 0;
}

/*
 * Issue 14's hosted targets, all on "channel" (the library's default
 * configuration), from the BENCH lines' best values of this run: a tuned
 * variant never stands in for it.
 */
static void targets(void)
{
	const struct meas *s64 = find(&bc_chan_ops, K_STREAM, BC_SLEEP, 64);
	const struct meas *s1m = find(&bc_chan_ops, K_STREAM, BC_SLEEP, 1u << 20);

	target("channel-64B-stream-x-pipe",
	       ratio(best_of(s64), best_of(find(&bc_pipe_ops, K_STREAM, BC_SLEEP, 64))), "x", false,
	       20.0);
	target("channel-64B-stream-x-ck_ring",
	       ratio(best_of(s64), best_of(find(&bc_ck_ops, K_STREAM, BC_POLL, 64))), "x", false, 1.0);
	target("channel-1MiB-stream-x-ck_ring",
	       ratio(best_of(s1m), best_of(find(&bc_ck_ops, K_STREAM, BC_POLL, 1u << 20))), "x",
	       false, 1.0);
	target("channel-1MiB-stream-x-memcpy",
	       ratio(best_of(s1m), best_of(find(NULL, K_MEMCPY, BC_POLL, 1u << 20))), "x", false, 0.5);
	target("channel-64B-rtt-polling-x-pingpong",
	       ratio(best_of(find(&bc_chan_ops, K_RTT, BC_POLL, 64)),
		     best_of(find(NULL, K_PINGPONG, BC_POLL, 64))), "x", true, 2.0);
	target("channel-64B-rtt-sleeping-x-pipe",
	       ratio(best_of(find(&bc_chan_ops, K_RTT, BC_SLEEP, 64)),
		     best_of(find(&bc_pipe_ops, K_RTT, BC_SLEEP, 64))), "x", true, 1.0);
	/* Worst round, as on the notifications BENCH line. */
	target("channel-64B-stream-notifications-per-msg", s64 ? s64->notif_max : 0, "notifications/msg",
	       true, 0.01);
}

int main(int argc, char **argv)
{
	const struct bc_ops *sleepers[] = { &bc_chan_ops, &bc_pipe_ops, &bc_unix_ops, &bc_mq_ops };
	/* channel-batch16 and the anchors that batch as it does (bc.h, BC_BATCH). */
	const struct bc_ops *batchers[] = { &bc_chan_batch_ops, &bc_pipe_batch_ops,
					    &bc_unix_batch_ops, &bc_mq_batch_ops };
	double secs = argc > 1 ? atof(argv[1]) : 0.05;
	int reps = argc > 2 ? atoi(argv[2]) : 6, r, i;

	only = argc > 3 ? argv[3] : NULL;
	unsigned s, c;
	struct meas *m;

	if (secs <= 0 || reps < 1 || reps > MAX_REPS) {
		fprintf(stderr, "usage: %s [seconds_per_run [reps (1..%d)]]\n", argv[0], MAX_REPS);
		return 2;
	}
	if (bc_pin(0)) {
		perror("sched_setaffinity (needs CPUs 0 and 1)");
		return 1;
	}
	for (s = 0; s < 3; s++) {
		/* Streaming: fd contenders and the channel block when empty/full; ck_ring spins. */
		for (c = 0; c < 4; c++)
			add(sleepers[c], K_STREAM, BC_SLEEP, sizes[s]);
		add(&bc_ck_ops, K_STREAM, BC_POLL, sizes[s]);
		add(NULL, K_MEMCPY, BC_POLL, sizes[s]);
		add(&bc_chan_ops, K_RTT, BC_POLL, sizes[s]);
		add(&bc_ck_ops, K_RTT, BC_POLL, sizes[s]);
		for (c = 0; c < 4; c++)
			add(sleepers[c], K_RTT, BC_SLEEP, sizes[s]);
		add(&bc_chan_spin_ops, K_RTT, BC_SLEEP, sizes[s]);
	}
	add(&bc_chan_spin_ops, K_STREAM, BC_SLEEP, 64);
	/* Sleep at once (what the ends across worlds do), and the in-place receiver. */
	add(&bc_chan_nospin_ops, K_STREAM, BC_SLEEP, 64);
	add(&bc_chan_nospin_ops, K_STREAM, BC_SLEEP, 1u << 20);
	for (s = 0; s < 3; s++)
		add(&bc_chan_nospin_ops, K_RTT, BC_SLEEP, sizes[s]);
	add(&bc_chan_inplace_ops, K_STREAM, BC_SLEEP, 1u << 20);
	for (c = 0; c < 4; c++)
		add(batchers[c], K_STREAM, BC_SLEEP, 64);
	add(NULL, K_PINGPONG, BC_POLL, 64);

	printf("# bench-channel: 2 processes on CPUs 0 and 1, %.3g s per run, best of %d "
	       "interleaved rounds\n", secs, reps);
	printf("# \"channel\" = the library's default configuration (hosted port: a 10 us "
	       "competitive spin before a sleep, a publish per message); a tuned variant says its "
	       "tuning in its name\n");
	{
		/* Other users of the two cores disturb every number: say how busy they were. */
		FILE *f = fopen("/proc/loadavg", "r");
		char la[64];

		if (f && fgets(la, sizeof(la), f))
			printf("# load average at start: %s", la);
		if (f)
			fclose(f);
	}
	fflush(stdout);
	for (r = 0; r < reps; r++)
		for (i = 0; i < nmeas; i++)
			run(&meas[i], secs);

	if (only) {
		spread();
		return 0;
	}
	for (s = 0; s < 3; s++) {
		size_t z = sizes[s];
		const struct meas *pipe_rtt = find(&bc_pipe_ops, K_RTT, BC_SLEEP, z),
				  *unix_rtt = find(&bc_unix_ops, K_RTT, BC_SLEEP, z),
				  *mq_rtt = find(&bc_mq_ops, K_RTT, BC_SLEEP, z);

		m = find(&bc_chan_ops, K_STREAM, BC_SLEEP, z);
		line("stream", m, find(&bc_pipe_ops, K_STREAM, BC_SLEEP, z));
		line("stream", m, find(&bc_unix_ops, K_STREAM, BC_SLEEP, z));
		line("stream", m, find(&bc_mq_ops, K_STREAM, BC_SLEEP, z));
		line("stream", m, find(&bc_ck_ops, K_STREAM, BC_POLL, z));
		line("stream", m, find(NULL, K_MEMCPY, BC_POLL, z));
		if (z == 64) {
			line("stream", find(&bc_chan_spin_ops, K_STREAM, BC_SLEEP, z),
			     find(&bc_pipe_ops, K_STREAM, BC_SLEEP, z));
			/* Batched against batched: one system call per 16 messages on each side. */
			m = find(&bc_chan_batch_ops, K_STREAM, BC_SLEEP, z);
			for (c = 1; c < 4; c++)
				line("stream", m, find(batchers[c], K_STREAM, BC_SLEEP, z));
			/*
			 * ck_ring has no bulk enqueue: one store and no fence per message
			 * is already the least a ck_ring user can pay, so its only form
			 * is the fair anchor of a batching sender too.
			 */
			line("stream", m, find(&bc_ck_ops, K_STREAM, BC_POLL, z));
		}
		m = find(&bc_chan_ops, K_RTT, BC_POLL, z);
		if (z == 64)
			line("rtt polling", m, find(NULL, K_PINGPONG, BC_POLL, 64));
		line("rtt polling", m, find(&bc_ck_ops, K_RTT, BC_POLL, z));
		m = find(&bc_chan_ops, K_RTT, BC_SLEEP, z);
		line("rtt sleeping", m, pipe_rtt);
		line("rtt sleeping", m, unix_rtt);
		line("rtt sleeping", m, mq_rtt);
		/* The 20 us spin: a peer that answers within it costs no eventfd wake-up. */
		m = find(&bc_chan_spin_ops, K_RTT, BC_SLEEP, z);
		line("rtt sleeping", m, pipe_rtt);
		line("rtt sleeping", m, unix_rtt);
		line("rtt sleeping", m, mq_rtt);
		/* No spin: two eventfd wake-ups against two pipe wake-ups. */
		line("rtt sleeping", find(&bc_chan_nospin_ops, K_RTT, BC_SLEEP, z), pipe_rtt);
		if (z == 64)
			line("stream", find(&bc_chan_nospin_ops, K_STREAM, BC_SLEEP, z),
			     find(&bc_pipe_ops, K_STREAM, BC_SLEEP, z));
		if (z == 1u << 20) {
			/* What the hosted spin costs or gains where every wait outlasts it. */
			line("stream", find(&bc_chan_nospin_ops, K_STREAM, BC_SLEEP, z),
			     find(&bc_ck_ops, K_STREAM, BC_POLL, z));
			/* In place: no copy out, unlike every anchor (bc_chan.c). */
			m = find(&bc_chan_inplace_ops, K_STREAM, BC_SLEEP, z);
			line("stream", m, find(&bc_ck_ops, K_STREAM, BC_POLL, z));
			line("stream", m, find(NULL, K_MEMCPY, BC_POLL, z));
		}
	}
	notif_line(find(&bc_chan_ops, K_STREAM, BC_SLEEP, 64), find(&bc_pipe_ops, K_STREAM, BC_SLEEP, 64));
	notif_line(find(&bc_chan_spin_ops, K_STREAM, BC_SLEEP, 64),
		   find(&bc_pipe_ops, K_STREAM, BC_SLEEP, 64));
	notif_line(find(&bc_chan_nospin_ops, K_STREAM, BC_SLEEP, 64),
		   find(&bc_pipe_ops, K_STREAM, BC_SLEEP, 64));
	notif_line(find(&bc_chan_batch_ops, K_STREAM, BC_SLEEP, 64),
		   find(&bc_pipe_batch_ops, K_STREAM, BC_SLEEP, 64));
	targets();
	spread();
	return 0;
}
