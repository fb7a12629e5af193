// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwbench: the /dev/xworld benchmark, run inside one boot (bench/xworld/run.sh).
 *
 * For messages of 64 B, 4 KiB and 1 MiB it streams to the `sink` service (one
 * way) and through `echo` (there and back, a reader thread draining replies
 * while the writer sends), first from one CPU, then from every CPU at once
 * (one process and one channel per CPU). Small messages go in batches
 * (XW_IOC_SENDV / XW_IOC_RECVV): one system call, and at most one doorbell,
 * per batch. Side by side in the same boot, each run on as many CPUs at once
 * as the stream it anchors (an all-CPU stream against one CPU's anchor would
 * credit the channel with the extra CPUs):
 *   - the invoke path: the xwtest module's in-kernel loop of fast calls
 *     (one SMC round trip per call, no system call), as calls/s, and its
 *     world switches per call counted like the streams';
 *   - memcpy in user space of the same message size, as MB/s;
 *   - DESIGN.md's loop iterations (xorshift, 10^7, best of 3) for times.
 * Targets (docs/benchmarks.md) are printed as TARGET lines, never as anchors:
 * a target is a number someone chose, an anchor one measured in this run.
 * A reference pass streams 64 B to sink with one write() per message (no
 * batch: a system call each, and a doorbell whenever the secure side drained).
 * Also one 64 B echo round trip on the kernel's own per-CPU channel
 * (xw_kernel_call() in a loop, XW_IOC_KBENCH) against the same anchor.
 * World switches per message come from the monitor's per-CPU SiP counters,
 * minus the secure timer's ticks (each is an entry and a return of its own).
 * Exit status 0 only if every message came back intact.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xw/smc.h"

#include "xwsmc.h"
#include "xw_loopiter.h"
#include "xw.h"
#include "../../linux/xworld/xworld_ioctl.h"

#define BEST_OF    3
#define BATCH      256
#define RUN_NS     400000000ULL /* per configuration, guest time */
/* `xwbench one` (a diagnostic, not the bench) runs longer: enough messages to count causes. */
#define ONE_RUN_NS 2000000000ULL
static uint64_t run_ns = RUN_NS;
#define MAX_CPUS   16
#define ANCHOR_CALLS 2000
/* Targets of the issue that set this benchmark up (docs/benchmarks.md). */
#define TARGET_SINK_64B_X_INVOKE 10.0 /* 64 B to sink: >= 10x the invoke path's calls/s */
#define TARGET_SWITCHES_PER_MSG  0.05 /* 64 B and 4 KiB streams: <= 0.05 per message */
/* One write() per 64 B message (doorbells coalesced): >= 5x invoke, <= 0.1 switches each. */
#define TARGET_WRITE_X_INVOKE    5.0
#define TARGET_WRITE_SWITCHES    0.1
/* N clients on N CPUs: at least 0.9x the messages/s of one client, per size and mode. */
#define TARGET_NCPU_X_1CPU       0.9
/* write() + read() round trip with coalescing on: at most 1.05x the NODELAY one. */
#define TARGET_RTT_X_NODELAY     1.05
#define RTT_NS                   100000000ULL /* per round-trip run, guest time */
/* 1 MiB messages with the default rings (REF records): <= 2 switches, sink >= 0.5x memcpy. */
#define TARGET_1MIB_SWITCHES     2.0
#define TARGET_1MIB_SINK_X_MEMCPY 0.5

struct result {
	uint64_t msgs, bytes, ns;
	int bad; /* a reply differed, or a call failed */
};

struct stream {
	int fd;
	size_t size;
	unsigned batch;
	uint64_t sent;          /* messages the writer finished (echo: reader's goal) */
	int stop;               /* writer done: reader stops at `sent` */
	int bad;
	uint64_t got;
	struct xw_zc *zc;       /* zero-copy pass: send and receive in place (libxw) */
};

static uint64_t min_nz(uint64_t a, uint64_t b)
{
	return (a == 0 || (b != 0 && b < a)) ? b : a;
}

/* ns per fast call (ADD64) in the xwtest module's in-kernel loop; 0 on error. */
static double fast_call_ns(uint64_t n)
{
	struct xwtest_loop l = { 0 };

	l.a[0] = XW_SMC_ADD64;
	l.a[2] = 5;
	l.count = n;
	l.how = XWTEST_HOW_1_1;
	l.expect_r0 = XW_SMC_OK;
	if (xw_loop(&l) || l.bad || l.done != n)
		return 0;
	return (double)l.ns / (double)n;
}

static int64_t world_switches(int ncpu);

/* One result per CPU, written by a forked child, read by the parent after wait(). */
static double *per_cpu;

/*
 * Runs fn(cpu, arg) in one child per CPU 0..n-1, all released at once (as the
 * streams are), and leaves each child's result in per_cpu[cpu]; 0 if it failed.
 * *sw gets the world switches counted meanwhile (NULL: not wanted).
 */
static int on_cpus(int n, int ncpu, double (*fn)(int cpu, size_t arg), size_t arg, int64_t *sw)
{
	int fds[2];
	int64_t w0 = 0, w1 = 0;

	if (pipe(fds))
		return -1;
	for (int c = 0; c < n; c++) {
		per_cpu[c] = 0;
		if (fork() == 0) {
			char ch;

			close(fds[1]);
			if (xw_pin(c) == 0 && read(fds[0], &ch, 1) >= 0)
				per_cpu[c] = fn(c, arg);
			_exit(0);
		}
	}
	close(fds[0]);
	if (sw)
		w0 = world_switches(ncpu);
	close(fds[1]); /* go */
	for (int c = 0; c < n; c++)
		wait(NULL);
	if (sw) {
		w1 = world_switches(ncpu);
		if (w0 < 0 || w1 < 0)
			return -1;
		*sw = w1 - w0;
	}
	for (int c = 0; c < n; c++)
		if (per_cpu[c] <= 0)
			return -1;
	return 0;
}

static double fast_call_loop_ns(int cpu, size_t n)
{
	(void)cpu;
	return fast_call_ns(n) * (double)n;
}

struct invoke_anchor {
	double calls_per_s;       /* all n CPUs together: total calls / slowest CPU's time */
	double switches_per_call;
};

/* The invoke path on CPUs 0..n-1 at once, best of BEST_OF; 0 or -1. */
static int invoke_anchor(int n, int ncpu, struct invoke_anchor *a)
{
	memset(a, 0, sizeof(*a));
	for (int k = 0; k < BEST_OF; k++) {
		double ns = 0, rate;
		int64_t sw;

		if (on_cpus(n, ncpu, fast_call_loop_ns, ANCHOR_CALLS, &sw))
			return -1;
		for (int c = 0; c < n; c++)
			ns = per_cpu[c] > ns ? per_cpu[c] : ns;
		rate = (double)n * ANCHOR_CALLS / (ns / 1e9);
		if (rate > a->calls_per_s) {
			a->calls_per_s = rate;
			a->switches_per_call = (double)sw / ((double)n * ANCHOR_CALLS);
		}
	}
	return 0;
}

/*
 * 64-byte write()s to /dev/null per second on this CPU, best of BEST_OF runs
 * of 0.1 s: what one system call per message costs in this guest before any
 * driver does anything (the floor under the write() stream's rate).
 */
static double null_write_rate(void)
{
	static const char msg[64];
	double best = 0;
	int fd = open("/dev/null", O_WRONLY);

	for (int k = 0; k < BEST_OF && fd >= 0; k++) {
		uint64_t n = 0, t0 = xw_now_ns(), t;

		do {
			for (int i = 0; i < 64; i++)
				n += write(fd, msg, sizeof(msg)) == (ssize_t)sizeof(msg);
			t = xw_now_ns() - t0;
		} while (t < 100000000ULL);
		if ((double)n / ((double)t / 1e9) > best)
			best = (double)n / ((double)t / 1e9);
	}
	if (fd >= 0)
		close(fd);
	return best;
}

/* User-space memcpy of `size`-byte buffers, in MB/s (the copy's own ceiling). */
static double memcpy_mbps(size_t size)
{
	static uint8_t a[1 << 20], b[1 << 20];
	uint64_t total = 0, t0 = xw_now_ns(), t;

	do {
		for (int i = 0; i < 64; i++) {
			memcpy(b, a, size);
			__asm__ volatile("" ::: "memory");
			total += size;
		}
		t = xw_now_ns() - t0;
	} while (t < 50000000ULL);
	return (double)total / ((double)t / 1e9) / 1e6;
}

static double memcpy_on(int cpu, size_t size)
{
	(void)cpu;
	return memcpy_mbps(size);
}

/* memcpy on CPUs 0..n-1 at once: the sum of their MB/s; 0 on failure. */
static double memcpy_all_mbps(int n, int ncpu, size_t size)
{
	double sum = 0;

	if (on_cpus(n, ncpu, memcpy_on, size, NULL))
		return 0;
	for (int c = 0; c < n; c++)
		sum += per_cpu[c];
	return sum;
}

static int open_bound(const char *svc)
{
	int fd = xw_open(svc, 0);

	return fd < 0 ? -1 : fd;
}

/* Sums the monitor's world switches (entries + returns) over every CPU; minus timer ticks. */
static int64_t world_switches(int ncpu)
{
	uint64_t a[8] = { 0 }, r[4];
	int64_t sum = 0;

	for (int c = 0; c < ncpu; c++) {
		a[0] = XW_SIP_WORLD_SWITCHES;
		a[1] = (uint64_t)c;
		if (xw_call(XWTEST_HOW_FULL, a, r) || r[0] != XW_SMC_OK)
			return -1;
		sum += (int64_t)(r[1] + r[2]);
	}
	a[0] = XW_SMC_TIMER_TICKS;
	a[1] = XW_CPU_ALL;
	if (xw_call(XWTEST_HOW_FULL, a, r) || r[0] != XW_SMC_OK)
		return -1;
	/*
	 * Every secure timer tick taken in the normal world is one entry and one
	 * return that no message caused; one taken while an application ran
	 * (x3 of x1) caused neither (before 2026-12-02 those were subtracted too,
	 * which made runs with long application runs look cheaper than they were).
	 */
	return sum - 2 * (int64_t)(r[1] - (r[3] <= r[1] ? r[3] : 0));
}

static void fill(uint8_t *p, size_t size, uint64_t seq)
{
	if (size >= 8)
		memcpy(p, &seq, 8);
	if (size > 8)
		p[size - 1] = (uint8_t)(seq * 7 + 1);
}

static int check(const uint8_t *p, size_t size, uint64_t seq)
{
	uint64_t v;

	if (size >= 8) {
		memcpy(&v, p, 8);
		if (v != seq)
			return 1;
	}
	return size > 8 && p[size - 1] != (uint8_t)(seq * 7 + 1);
}

/* Sends `batch` messages starting at sequence `seq` (one SENDV); 0 or -1. */
static int send_batch(struct stream *s, uint8_t *buf, struct xw_ioc_msg *m, uint64_t seq)
{
	unsigned off = 0;

	for (unsigned i = 0; i < s->batch; i++) {
		m[i].buf = (uintptr_t)(buf + (size_t)i * s->size);
		m[i].len = s->size;
		fill(buf + (size_t)i * s->size, s->size, seq + i);
	}
	while (off < s->batch) {
		struct xw_ioc_batch b = { .msgs = (uintptr_t)(m + off), .count = s->batch - off };

		if (ioctl(s->fd, XW_IOC_SENDV, &b) != 0 || b.done == 0)
			return -1;
		off += b.done;
	}
	return 0;
}

/* The zero-copy pass's reader: each reply where it lies (or a copy), checked, released. */
static void zc_reader(struct stream *s)
{
	const void *msg;

	while (!(__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE) &&
		 s->got >= __atomic_load_n(&s->sent, __ATOMIC_ACQUIRE))) {
		ssize_t n = xw_recv_zc(s->zc, &msg);

		if (n == -EINTR)
			continue;
		if (n != (ssize_t)s->size || check(msg, s->size, s->got))
			s->bad = 1;
		if (n < 0 || xw_recv_release(s->zc, msg))
			break;
		s->got++;
	}
}

/* One message built in place in the send area (stamped as fill() stamps), then committed. */
static int send_zc(struct stream *s, uint64_t seq)
{
	void *buf;

	if (xw_send_buf_get(s->zc, s->size, &buf))
		return -1;
	fill(buf, s->size, seq);
	return xw_send_buf_commit(s->zc, buf, s->size) ? -1 : 0;
}

/* Echo's reader: receives and checks replies until the writer is done and all came back. */
static void *reader(void *arg)
{
	struct stream *s = arg;
	size_t n = s->batch;
	uint8_t *buf = malloc(n * s->size + 1);
	struct xw_ioc_msg *m = calloc(n, sizeof(*m));

	if (s->zc) {
		zc_reader(s);
		free(buf);
		free(m);
		return NULL;
	}
	/* The writer sets stop, then sends one last message: a blocked read always ends. */
	while (!(__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE) &&
		 s->got >= __atomic_load_n(&s->sent, __ATOMIC_ACQUIRE))) {
		struct xw_ioc_batch b = { .msgs = (uintptr_t)m, .count = (uint32_t)n };

		for (size_t i = 0; i < n; i++) {
			m[i].buf = (uintptr_t)(buf + i * s->size);
			m[i].len = s->size;
		}
		if (ioctl(s->fd, XW_IOC_RECVV, &b) != 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			s->bad = 1;
			break;
		}
		for (uint32_t i = 0; i < b.done; i++) {
			if (m[i].len != s->size || check(buf + i * s->size, s->size, s->got + i))
				s->bad = 1;
		}
		s->got += b.done;
	}
	free(buf);
	free(m);
	return NULL;
}

/* One stream from this CPU for run_ns; fills *r. */
/* The reference pass: one write() per message, no batch (set before fork). */
static int plain_write;
/* The write() pass with XW_IOC_NODELAY: a doorbell per message, as before coalescing. */
static int nodelay;
/* The zero-copy pass: messages built and read in place (libxw xw_send_buf_get, xw_recv_zc). */
static int zerocopy;

/*
 * Stream processes tell the parent when their channel is open and bound
 * ("ready") and when their stream is over ("done"), and keep the channel until
 * the parent lets go ("hold" closed): the world-switch counters are read in
 * between, so opening, binding and closing the channel (a few SMCs each, not
 * per message) stay out of the per-message counts.
 */
static int ready_w = -1, hold_r = -1, said_ready, said_done;

static void say(int *said)
{
	if (!*said && ready_w >= 0 && write(ready_w, "x", 1) == 1)
		*said = 1;
}

static void run_one(int cpu, const char *svc, size_t size, int go, struct result *r)
{
	struct stream s = { .size = size, .batch = size <= 4096 && !plain_write ? BATCH : 1 };
	uint8_t *buf = malloc(s.batch * size + 1);
	struct xw_ioc_msg *m = calloc(s.batch, sizeof(*m));
	/* echo and its S-EL1 twin (xwbench one kecho ...) answer: both need a reader. */
	int echo = !strcmp(svc, "echo") || !strcmp(svc, "kecho");
	pthread_t th;
	uint64_t t0, seq = 0;
	struct xw_zc zc;
	char c;

	memset(r, 0, sizeof(*r));
	s.fd = open_bound(svc);
	if (s.fd >= 0 && nodelay && xw_set_nodelay(s.fd, 1) != 0)
		r->bad = 1;
	if (s.fd >= 0 && zerocopy) {
		s.batch = 1;
		s.zc = &zc;
		if (xw_zc_map(s.fd, &zc) != 0)
			r->bad = 1;
	}
	if (xw_pin(cpu) || s.fd < 0 || !buf || !m) {
		r->bad = 1;
		return;
	}
	say(&said_ready);
	if (read(go, &c, 1) < 0) /* the parent closes the pipe: everyone starts at once */
		r->bad = 1;
	t0 = xw_now_ns();
	/* O_NONBLOCK is off: the reader sleeps on the notification interrupt. */
	if (echo && pthread_create(&th, NULL, reader, &s) != 0) {
		r->bad = 1;
		return;
	}
	while (xw_now_ns() - t0 < run_ns) {
		if (zerocopy ? send_zc(&s, seq) :
		    plain_write ? write(s.fd, buf, size) != (ssize_t)size : send_batch(&s, buf, m, seq)) {
			r->bad = 1;
			break;
		}
		seq += s.batch;
		__atomic_store_n(&s.sent, seq, __ATOMIC_RELEASE);
	}
	r->ns = xw_now_ns() - t0;
	if (echo) {
		unsigned b = s.batch;

		__atomic_store_n(&s.sent, seq + 1, __ATOMIC_RELEASE);
		__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
		s.batch = 1;
		if (zerocopy ? send_zc(&s, seq) : send_batch(&s, buf, m, seq))
			r->bad = 1;
		pthread_join(th, NULL);
		s.batch = b;
		r->bad |= s.bad || s.got != seq + 1;
		/* The replies of the last batch came back after r->ns: count them in. */
		r->ns = xw_now_ns() - t0;
	}
	/*
	 * Echo's last message (the one that ends the reader) went there and back
	 * inside the time and the world-switch count: it counts (before
	 * 2026-12-02 its doorbells were counted and it was not).
	 */
	r->msgs = echo ? seq + 1 : seq;
	r->bytes = r->msgs * size;
	say(&said_done);
	if (hold_r >= 0 && read(hold_r, &c, 1) < 0) /* until the parent read the counters */
		r->bad = 1;
	if (s.zc)
		xw_zc_unmap(&zc);
	close(s.fd);
	free(buf);
	free(m);
}

/*
 * One process and channel per CPU 0..n-1, all started at once, streaming
 * `size`-byte messages to `svc`; totals over the processes, the slowest one's
 * time, and the world switch counters before and after (the channels open and
 * bound, not yet closed). 0, or -1 if no pipe.
 */
static struct result *res;
static int bad_streams;

static int streams(const char *svc, size_t size, int n, int ncpu, uint64_t *msgs, uint64_t *bytes,
		   uint64_t *ns, int64_t *w0, int64_t *w1)
{
	int fds[2], rdy[2], hold[2];
	char b;

	*msgs = *bytes = *ns = 0;
	if (pipe(fds))
		return -1;
	if (pipe(rdy) || pipe(hold))
		return -1;
	for (int c = 0; c < n; c++) {
		if (fork() == 0) {
			close(fds[1]);
			close(rdy[0]);
			close(hold[1]);
			ready_w = rdy[1];
			hold_r = hold[0];
			run_one(c, svc, size, fds[0], &res[c]);
			/* A stream that failed early still answers both (it is marked bad). */
			say(&said_ready);
			say(&said_done);
			_exit(0);
		}
	}
	close(fds[0]);
	close(rdy[1]);
	close(hold[0]);
	/* All channels open and bound: count from here. */
	for (int c = 0; c < n; c++)
		if (read(rdy[0], &b, 1) != 1)
			break;
	*w0 = world_switches(ncpu);
	close(fds[1]); /* go */
	for (int c = 0; c < n; c++)
		if (read(rdy[0], &b, 1) != 1)
			break;
	*w1 = world_switches(ncpu);
	close(hold[1]); /* the streams may close their channels now */
	close(rdy[0]);
	for (int c = 0; c < n; c++)
		wait(NULL);
	for (int c = 0; c < n; c++) {
		bad_streams |= res[c].bad;
		*msgs += res[c].msgs;
		*bytes += res[c].bytes;
		*ns = res[c].ns > *ns ? res[c].ns : *ns;
	}
	return 0;
}

static void line(const char *name, const char *better, double ours, const char *unit,
		 const char *anchor, double theirs, const char *aunit)
{
	printf("BENCH %s (%s is better): %.3f %s | %s %.3f %s | ratio %.3f\n", name, better, ours,
	       unit, anchor, theirs, aunit, theirs > 0 ? ours / theirs : 0.0);
}

/*
 * A target is not an anchor: it gets its own line, "TARGET <name>: <ours> <unit>
 * | target <op> <value> <unit> | met|missed", which scripts reading BENCH lines
 * do not mistake for a comparison measured in this run.
 */
static void target(const char *name, double ours, const char *unit, int at_most, double goal)
{
	int met = at_most ? ours <= goal : ours >= goal;

	printf("TARGET %s: %.3f %s | target %s %.3f %s | %s\n", name, ours, unit,
	       at_most ? "<=" : ">=", goal, unit, met ? "met" : "missed");
}

static const char *size_name(size_t size)
{
	return size == 64 ? "64B" : size == 4096 ? "4KiB" : "1MiB";
}

/*
 * 64 B request/response through echo, one write() and one read() per round
 * trip, for RTT_NS on this CPU; ns per round trip, 0 on failure. `nd`: with
 * XW_IOC_NODELAY (a doorbell at every write, as before coalescing).
 */
static double rtt_ns(int nd)
{
	uint8_t out[64], in[64];
	uint64_t t0, n = 0, t;
	int fd = open_bound("echo");

	if (fd < 0 || (nd && xw_set_nodelay(fd, 1) != 0))
		return 0;
	memset(out, 0x5a, sizeof(out));
	t0 = xw_now_ns();
	do {
		fill(out, sizeof(out), n);
		if (write(fd, out, sizeof(out)) != (ssize_t)sizeof(out) ||
		    read(fd, in, sizeof(in)) != (ssize_t)sizeof(in) || check(in, sizeof(in), n)) {
			close(fd);
			return 0;
		}
		n++;
		t = xw_now_ns() - t0;
	} while (t < RTT_NS);
	close(fd);
	return (double)t / (double)n;
}

/* One write() + read() round trip, coalescing on vs off, best of 5 interleaved. */
static int rtt_lines(double it_ns)
{
	double best[2] = { 0, 0 };

	for (int k = 0; k < 5; k++) {
		for (int nd = 0; nd < 2; nd++) {
			double v = rtt_ns(nd);

			if (v <= 0) {
				printf("write/read round trip failed\n");
				return 1;
			}
			best[nd] = best[nd] == 0 || v < best[nd] ? v : best[nd];
		}
	}
	line("xworld-echo-64B-write-read-rtt-ns", "lower", best[0], "ns", "nodelay", best[1], "ns");
	line("xworld-echo-64B-write-read-rtt-iters", "lower", best[0] / it_ns, "loop-iterations",
	     "nodelay", best[1] / it_ns, "loop-iterations");
	target("xworld-echo-64B-write-read-rtt-x-nodelay", best[0] / best[1], "x", 1,
	       TARGET_RTT_X_NODELAY);
	return 0;
}

/*
 * xwbench one SVC SIZE NCPU [write]: that one stream alone (for profiling a
 * configuration), printed as "one: ..." with msgs/s and switches per message.
 */
static int one(int argc, char **argv, int ncpu)
{
	uint64_t msgs, bytes, ns;
	int64_t w0, w1;
	int n;

	if (argc < 5 || (n = atoi(argv[4])) < 1 || n > ncpu) {
		printf("usage: xwbench one SVC SIZE NCPU [write|write-nodelay|zc]\n");
		return 2;
	}
	plain_write = argc > 5 && !strncmp(argv[5], "write", 5);
	run_ns = ONE_RUN_NS;
	nodelay = argc > 5 && !strcmp(argv[5], "write-nodelay");
	zerocopy = argc > 5 && !strcmp(argv[5], "zc");
	if (streams(argv[2], strtoull(argv[3], NULL, 0), n, ncpu, &msgs, &bytes, &ns, &w0, &w1))
		return 1;
	printf("one: %s %s B on %d cpu(s)%s: %" PRIu64 " msgs in %.3f s = %.1f msgs/s, "
	       "%.3f world switches/msg%s\n", argv[2], argv[3], n, plain_write ? " write()" : "",
	       msgs, (double)ns / 1e9, ns ? (double)msgs / ((double)ns / 1e9) : 0.0,
	       msgs ? (double)(w1 - w0) / (double)msgs : 0.0, bad_streams ? " BAD" : "");
	return bad_streams || !msgs;
}

/*
 * The zero-copy pass: 1 MiB to sink and through echo from one CPU, each
 * message built in place in the send area (stamped as the copying pass
 * stamps its buffer) and, for echo, each reply read in place; beside the
 * copying pass of the same run (write()/SENDV copy the message once into the
 * area) and the same anchors (user memcpy, the invoke path's switches).
 */
static int zc_lines(const struct invoke_anchor *inv, double rate1[4][3], int ncpu)
{
	static const char *const svcs[] = { "sink", "echo" };
	int bad = 0;

	zerocopy = 1;
	plain_write = nodelay = 0;
	for (int si = 0; si < 2; si++) {
		uint64_t msgs = 0, bytes = 0, ns = 0;
		int64_t w0, w1;
		double mc = memcpy_all_mbps(1, ncpu, 1 << 20), rate, mbps;
		char name[96], base[64];

		if (streams(svcs[si], 1 << 20, 1, ncpu, &msgs, &bytes, &ns, &w0, &w1) || bad_streams ||
		    !msgs || !ns || w0 < 0 || w1 < 0 || mc <= 0) {
			printf("%s 1 MiB zero-copy: failed\n", svcs[si]);
			bad = 1;
			continue;
		}
		snprintf(base, sizeof(base), "xworld-%s-1MiB-1cpu-zc", svcs[si]);
		rate = (double)msgs / ((double)ns / 1e9);
		mbps = (double)bytes / ((double)ns / 1e9) / 1e6;
		printf("%s: %" PRIu64 " messages in %.3f s on 1 cpu(s), %" PRId64 " world switches\n",
		       base, msgs, (double)ns / 1e9, w1 - w0);
		snprintf(name, sizeof(name), "%s-msgs-per-s", base);
		line(name, "higher", rate, "msgs/s", "copying", rate1[si][2], "msgs/s");
		snprintf(name, sizeof(name), "%s-MB-per-s", base);
		line(name, "higher", mbps, "MB/s", "user-memcpy", mc, "MB/s");
		snprintf(name, sizeof(name), "%s-world-switches-per-msg", base);
		line(name, "lower", (double)(w1 - w0) / (double)msgs, "switches", "fast-call-invoke",
		     inv[0].switches_per_call, "switches");
		target(name, (double)(w1 - w0) / (double)msgs, "switches", 1, TARGET_1MIB_SWITCHES);
		if (si == 0) {
			snprintf(name, sizeof(name), "%s-MB-per-s-x-memcpy", base);
			target(name, mbps / mc, "x", 0, TARGET_1MIB_SINK_X_MEMCPY);
		}
	}
	zerocopy = 0;
	return bad;
}

/*
 * xwbench [TAG]: with a TAG (e.g. "ring1m", after reloading xworld.ko with
 * bigger rings) only the 4 KiB and 1 MiB streams from one CPU run, and every
 * BENCH name carries the tag; with the tag "spi" (xworld.ko notify_irq=1: the
 * notification SPI instead of the doorbell's return, the path before
 * 2026-12-02) they run from one CPU and from all.
 */
int main(int argc, char **argv)
{
	const char *tag = argc > 1 ? argv[1] : NULL;
	static const size_t sizes[] = { 64, 4096, 1 << 20 };
	/*
	 * The third pass is sink again, 64 B from one CPU, one write() per message
	 * (doorbells coalesced, the default); the fourth the same with
	 * XW_IOC_NODELAY (a doorbell per message).
	 */
	static const char *const svcs[] = { "sink", "echo", "sink", "sink" };
	int ncpu = xw_ncpus(), bad = 0, spi = tag && !strcmp(tag, "spi");
	double rate1[4][3] = { { 0 } }; /* each stream's one-CPU rate */
	uint64_t loop = 0;
	double call_ns, it_ns;
	struct invoke_anchor inv[2]; /* [0]: CPU 0 alone; [1]: every CPU at once */

	setvbuf(stdout, NULL, _IOLBF, 0); /* progress survives a hang (the guest test's log) */
	if (ncpu > MAX_CPUS)
		ncpu = MAX_CPUS;
	res = mmap(NULL, sizeof(*res) * MAX_CPUS, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		   -1, 0);
	per_cpu = mmap(NULL, sizeof(*per_cpu) * MAX_CPUS, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED || per_cpu == MAP_FAILED || xw_pin(0))
		return 1;
	if (tag && !strcmp(tag, "one"))
		return one(argc, argv, ncpu);
	if (tag && !strcmp(tag, "rtt")) /* the round-trip lines alone (times in ns) */
		return rtt_lines(1.0);
	for (int k = 0; k < BEST_OF; k++)
		loop = min_nz(loop, xw_loopiter_run_ns());
	if (invoke_anchor(1, ncpu, &inv[0]) ||
	    (ncpu > 1 && (!tag || spi) && invoke_anchor(ncpu, ncpu, &inv[1]))) {
		printf("fast-call loop failed\n");
		return 1;
	}
	call_ns = 1e9 / inv[0].calls_per_s;
	it_ns = (double)loop / (double)XW_LOOPITER_N;
	printf("normaliser: 10^7 xorshift iterations in %.3f ms (%.3f ns each), best of %d\n",
	       (double)loop / 1e6, it_ns, BEST_OF);
	printf("invoke path: fast call round trip %.1f ns (%.0f loop iterations), %.0f calls/s, "
	       "%.3f world switches per call\n", call_ns, call_ns / it_ns, 1e9 / call_ns,
	       inv[0].switches_per_call);
	if (ncpu > 1 && (!tag || spi))
		printf("invoke path on %d cpus at once: %.0f calls/s, %.3f world switches per call\n",
		       ncpu, inv[1].calls_per_s, inv[1].switches_per_call);
	if (!tag)
		bad |= rtt_lines(it_ns);
	/* The kernel's own per-CPU channel: one 64 B echo round trip per call, in-kernel loop. */
	if (!tag) {
		struct xw_ioc_kbench kb;
		int fd = open("/dev/xworld", O_RDWR);
		double best = 0;

		for (int k = 0; k < BEST_OF && fd >= 0; k++) {
			memset(&kb, 0, sizeof(kb));
			strcpy(kb.name, "echo");
			kb.size = 64;
			kb.count = 2000;
			if (ioctl(fd, XW_IOC_KBENCH, &kb) != 0 || kb.bad) {
				printf("kernel channel loop failed\n");
				bad = 1;
				break;
			}
			if (best == 0 || (double)kb.ns < best)
				best = (double)kb.ns;
		}
		if (fd >= 0)
			close(fd);
		if (best > 0) {
			line("xworld-kernel-echo-64B-roundtrip-ns", "lower", best / 2000, "ns",
			     "fast-call-invoke", call_ns, "ns");
			line("xworld-kernel-echo-64B-roundtrip-iters", "lower", best / 2000 / it_ns,
			     "loop-iterations", "fast-call-invoke", call_ns / it_ns, "loop-iterations");
		}
	}
	for (size_t si = 0; si < 4 && !(si >= 2 && tag); si++) {
		plain_write = si >= 2;
		nodelay = si == 3;
		for (size_t zi = tag ? 1 : 0; zi < (plain_write ? 1 : 3); zi++) {
			for (int all = 0; all < 2 && (all == 0 || (ncpu > 1 && (!tag || spi) && !plain_write));
			     all++) {
				int n = all ? ncpu : 1;
				uint64_t msgs = 0, bytes = 0, ns = 0;
				int64_t w0, w1;
				char name[96], base[64], inv_name[48], mc_name[48];
				/* The anchors run on as many CPUs as this stream. */
				const struct invoke_anchor *a = &inv[all];
				double rate, us, a_ns = 1e9 / a->calls_per_s,
					mc = memcpy_all_mbps(n, ncpu, sizes[zi]);

				if (streams(svcs[si], sizes[zi], n, ncpu, &msgs, &bytes, &ns, &w0, &w1))
					return 1;
				bad |= bad_streams;
				if (!msgs || !ns || w0 < 0 || w1 < 0 || bad || mc <= 0) {
					printf("%s %zu bytes on %d cpus: failed\n", svcs[si], sizes[zi], n);
					bad = 1;
					continue;
				}
				snprintf(base, sizeof(base), "xworld-%s-%s-%dcpu%s%s", svcs[si],
					 size_name(sizes[zi]), n, tag ? "-" : plain_write ? "-" : "",
					 tag ? tag : nodelay ? "write-nodelay" : plain_write ? "write" : "");
				rate = (double)msgs / ((double)ns / 1e9);
				us = 1e6 / rate;
				printf("%s: %" PRIu64 " messages in %.3f s on %d cpu(s), %" PRId64
				       " world switches\n", base, msgs, (double)ns / 1e9, n, w1 - w0);
				if (all) {
					snprintf(inv_name, sizeof(inv_name), "fast-call-invoke-%dcpu", n);
					snprintf(mc_name, sizeof(mc_name), "user-memcpy-%dcpu", n);
				} else {
					strcpy(inv_name, "fast-call-invoke");
					strcpy(mc_name, "user-memcpy");
				}
				snprintf(name, sizeof(name), "%s-msgs-per-s", base);
				line(name, "higher", rate, "msgs/s", inv_name, a->calls_per_s, "calls/s");
				/* No collapse: N clients on N CPUs against one client, same stream. */
				if (!all) {
					rate1[si][zi] = rate;
				} else if (rate1[si][zi] > 0) {
					snprintf(name, sizeof(name), "%s-msgs-per-s-vs-1cpu", base);
					line(name, "higher", rate, "msgs/s", "1cpu", rate1[si][zi], "msgs/s");
					snprintf(name, sizeof(name), "%s-msgs-per-s-x-1cpu", base);
					target(name, rate / rate1[si][zi], "x", 0, TARGET_NCPU_X_1CPU);
				}
				/* The reference pass (a write() each) is there to show what batching buys. */
				if (!plain_write && sizes[zi] == 64 && !strcmp(svcs[si], "sink")) {
					snprintf(name, sizeof(name), "%s-msgs-per-s-x-invoke", base);
					target(name, rate / a->calls_per_s, "x", 0, TARGET_SINK_64B_X_INVOKE);
				}
				if (plain_write && !nodelay) {
					double nw = null_write_rate();

					/* The system call alone: how close the driver's write() is to it. */
					if (nw > 0) {
						snprintf(name, sizeof(name), "%s-msgs-per-s-vs-null", base);
						line(name, "higher", rate, "msgs/s", "devnull-write-64B", nw,
						     "msgs/s");
						snprintf(name, sizeof(name), "devnull-write-64B-x-invoke");
						line(name, "higher", nw, "msgs/s", inv_name, a->calls_per_s,
						     "calls/s");
					}
					snprintf(name, sizeof(name), "%s-msgs-per-s-x-invoke", base);
					target(name, rate / a->calls_per_s, "x", 0, TARGET_WRITE_X_INVOKE);
					snprintf(name, sizeof(name), "%s-world-switches-per-msg", base);
					target(name, (double)(w1 - w0) / (double)msgs, "switches", 1,
					       TARGET_WRITE_SWITCHES);
				}
				snprintf(name, sizeof(name), "%s-iters-per-msg", base);
				line(name, "lower", us * 1000 / it_ns, "loop-iterations", inv_name,
				     a_ns / it_ns, "loop-iterations");
				snprintf(name, sizeof(name), "%s-MB-per-s", base);
				line(name, "higher", (double)bytes / ((double)ns / 1e9) / 1e6, "MB/s",
				     mc_name, mc, "MB/s");
				/* Default rings only: the tagged passes change the module's parameters. */
				if (!plain_write && !tag && sizes[zi] == 1 << 20 && !strcmp(svcs[si], "sink")) {
					snprintf(name, sizeof(name), "%s-MB-per-s-x-memcpy", base);
					target(name, (double)bytes / ((double)ns / 1e9) / 1e6 / mc, "x", 0,
					       TARGET_1MIB_SINK_X_MEMCPY);
				}
				/* Anchor: what one message per fast call would cost in switches. */
				snprintf(name, sizeof(name), "%s-world-switches-per-msg", base);
				line(name, "lower", (double)(w1 - w0) / (double)msgs, "switches", inv_name,
				     a->switches_per_call, "switches");
				if (!plain_write && sizes[zi] <= 4096)
					target(name, (double)(w1 - w0) / (double)msgs, "switches", 1,
					       TARGET_SWITCHES_PER_MSG);
				if (!plain_write && !tag && sizes[zi] == 1 << 20)
					target(name, (double)(w1 - w0) / (double)msgs, "switches", 1,
					       TARGET_1MIB_SWITCHES);
			}
		}
	}
	if (!tag)
		bad |= zc_lines(inv, rate1, ncpu);
	return bad;
}
