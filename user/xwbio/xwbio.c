// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwbio: block I/O tool for the xwblk tests and benchmark (docs/block.md).
 *   xwbio verify DEV SECONDS THREADS      random 4 KiB writes and reads, O_DIRECT,
 *                                         each thread in its own slice, every read
 *                                         checked against what was written last
 *   xwbio bench DEV seqread|seqwrite|randread|randwrite BYTES DEPTH SECONDS
 *                                         DEPTH threads of synchronous O_DIRECT I/O;
 *                                         prints "iops N mibs N"
 *   xwbio bad DEV RAM_PA                  malicious raw requests: each must fail with
 *                                         its error code, and the disk keep working
 *   xwbio stats DEV                       secure-side counters and world switches
 * Bad arguments are named with the reason (exit status 2); xwbio --help.
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
#include <time.h>
#include <unistd.h>
#include <linux/fs.h>

#include "xw/err.h"
#include "xw_args.h"
#include "xwblk_ioctl.h"

static const char *dev;
static int seconds;
static uint64_t dev_bytes;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static int open_dev(int flags)
{
	int fd = open(dev, flags | O_DIRECT);

	if (fd < 0 || ioctl(fd, BLKGETSIZE64, &dev_bytes) != 0) {
		perror(dev);
		exit(1);
	}
	return fd;
}

/* ---- verify ---------------------------------------------------------- */
#define VB 4096
struct vthread {
	int id, n;
	uint64_t first, blocks, ops, bad;
};

static void fill(uint8_t *b, uint64_t blk, uint32_t gen)
{
	uint64_t x = blk * 0x9e3779b97f4a7c15ULL + gen + 1, *w = (uint64_t *)b;
	unsigned int i;

	for (i = 0; i < VB / 8; i++) {
		w[i] = rnd(&x);
	}
}

static void *verify_thread(void *arg)
{
	struct vthread *t = arg;
	uint32_t *gen = calloc(t->blocks, sizeof(*gen));
	uint8_t *buf, *want;
	uint64_t x = 0x1234567ULL + t->id;
	double end = now() + seconds;
	int fd = open_dev(O_RDWR);

	if (!gen || posix_memalign((void **)&buf, 4096, VB) || posix_memalign((void **)&want, 4096, VB)) {
		exit(1);
	}
	while (now() < end) {
		uint64_t b = rnd(&x) % t->blocks, blk = t->first + b;
		off_t off = (off_t)blk * VB;

		if (rnd(&x) & 1) {
			gen[b]++;
			fill(buf, blk, gen[b]);
			if (pwrite(fd, buf, VB, off) != VB) {
				printf("thread %d: write of block %" PRIu64 ": %s\n", t->id, blk, strerror(errno));
				t->bad++;
			}
		} else if (gen[b] != 0) {
			if (pread(fd, buf, VB, off) != VB) {
				printf("thread %d: read of block %" PRIu64 ": %s\n", t->id, blk, strerror(errno));
				t->bad++;
			}
			fill(want, blk, gen[b]);
			if (memcmp(buf, want, VB) != 0) {
				printf("thread %d: block %" PRIu64 " differs from write %u\n", t->id, blk, gen[b]);
				t->bad++;
			}
		}
		t->ops++;
	}
	/* A last pass: every block written reads back as its last write. */
	for (uint64_t b = 0; b < t->blocks; b++) {
		if (gen[b] == 0) {
			continue;
		}
		fill(want, t->first + b, gen[b]);
		if (pread(fd, buf, VB, (off_t)(t->first + b) * VB) != VB || memcmp(buf, want, VB)) {
			t->bad++;
		}
	}
	close(fd);
	free(gen);
	return NULL;
}

static int cmd_verify(int nthreads)
{
	struct vthread t[64];
	pthread_t th[64];
	uint64_t ops = 0, bad = 0, per;
	int i;

	close(open_dev(O_RDONLY));
	if (nthreads < 1 || nthreads > 64) {
		return 2;
	}
	per = dev_bytes / VB / nthreads;
	for (i = 0; i < nthreads; i++) {
		t[i] = (struct vthread){ .id = i, .first = per * i, .blocks = per };
		pthread_create(&th[i], NULL, verify_thread, &t[i]);
	}
	for (i = 0; i < nthreads; i++) {
		pthread_join(th[i], NULL);
		ops += t[i].ops;
		bad += t[i].bad;
	}
	printf("verify: %d threads, %" PRIu64 " ops in %d s, %" PRIu64 " bad\n", nthreads, ops,
	       seconds, bad);
	return bad ? 1 : 0;
}

/* ---- bench ----------------------------------------------------------- */
struct bthread {
	int id, write, seq;
	size_t bs;
	uint64_t ops;
	double stop;
};

static void *bench_thread(void *arg)
{
	struct bthread *t = arg;
	uint64_t x = 0xabcdef12345ULL + t->id, nblk;
	int fd = open_dev(t->write ? O_RDWR : O_RDONLY);
	uint8_t *buf;
	off_t off;

	if (posix_memalign((void **)&buf, 4096, t->bs)) {
		exit(1);
	}
	memset(buf, 0x5a, t->bs);
	nblk = dev_bytes / t->bs;
	off = 0;
	while (now() < t->stop) {
		off_t o = t->seq ? off : (off_t)((rnd(&x) % nblk) * t->bs);
		ssize_t r = t->write ? pwrite(fd, buf, t->bs, o) : pread(fd, buf, t->bs, o);

		if (r != (ssize_t)t->bs) {
			perror("bench I/O");
			exit(1);
		}
		off = (off_t)(((uint64_t)off + t->bs) % (nblk * t->bs));
		t->ops++;
	}
	close(fd);
	free(buf);
	return NULL;
}

static int cmd_bench(const char *mode, size_t bs, int depth)
{
	struct bthread t[64];
	pthread_t th[64];
	uint64_t ops = 0;
	double t0, el;
	int i;

	if (depth < 1 || depth > 64 || bs == 0 || bs % 512) {
		return 2;
	}
	close(open_dev(O_RDONLY));
	t0 = now();
	for (i = 0; i < depth; i++) {
		t[i] = (struct bthread){ .id = i, .bs = bs, .stop = t0 + seconds,
					 .write = strstr(mode, "write") != NULL,
					 .seq = strncmp(mode, "seq", 3) == 0 };
		pthread_create(&th[i], NULL, bench_thread, &t[i]);
	}
	for (i = 0; i < depth; i++) {
		pthread_join(th[i], NULL);
		ops += t[i].ops;
	}
	el = now() - t0;
	printf("iops %.1f mibs %.2f\n", ops / el, ops * (double)bs / el / 1048576.0);
	return 0;
}

/* ---- bad requests ---------------------------------------------------- */
static int fails;

static void expect(int fd, const char *what, struct xw_blk_req *r, int want)
{
	struct xwblk_raw raw = { .req = *r };

	if (ioctl(fd, XWBLK_IOC_RAW, &raw) != 0) {
		printf("FAIL bad/%s: ioctl: %s\n", what, strerror(errno));
		fails++;
	} else if (raw.status != want) {
		printf("FAIL bad/%s: status %d, expected %d\n", what, raw.status, want);
		fails++;
	} else {
		printf("ok bad/%s: %d\n", what, raw.status);
	}
}

static int cmd_bad(uint64_t ram_pa)
{
	int fd = open_dev(O_RDWR);
	uint64_t sectors = dev_bytes / 512;
	struct xw_blk_req r;

#define REQ(o, s, n, pa_, len_) \
	do { memset(&r, 0, sizeof(r)); r.op = (o); r.sector = (s); r.nsectors = (n); \
	     r.nseg = 1; r.seg[0].pa = (pa_); r.seg[0].len = (len_); } while (0)
	REQ(XW_BLK_OP_READ, sectors, 1, ram_pa, 512);
	expect(fd, "sector-past-end", &r, XW_ERANGE);
	REQ(XW_BLK_OP_READ, sectors - 1, 2, ram_pa, 1024);
	expect(fd, "range-crosses-end", &r, XW_ERANGE);
	REQ(XW_BLK_OP_READ, UINT64_MAX - 1, 8, ram_pa, 4096);
	expect(fd, "sector-overflow", &r, XW_ERANGE);
	REQ(XW_BLK_OP_READ, 0, 1, ram_pa, 1024);
	expect(fd, "length-mismatch", &r, XW_EINVAL);
	REQ(XW_BLK_OP_READ, 0, 0x7fffff, ram_pa, 0xfffffe00U);
	expect(fd, "length-overflow", &r, XW_EFAULT);
	REQ(XW_BLK_OP_READ, 0, 1, 0x0e200000, 512);
	expect(fd, "buffer-in-secure-ram", &r, XW_EFAULT);
	REQ(XW_BLK_OP_READ, 0, 1, 0x7f000000, 512);
	expect(fd, "buffer-in-carve-out", &r, XW_EFAULT);
	REQ(XW_BLK_OP_WRITE, 0, 1, 0x09000000, 512);
	expect(fd, "buffer-is-mmio", &r, XW_EFAULT);
	REQ(XW_BLK_OP_READ, 0, 1, 0x7ffffe00ULL + 512, 512);
	expect(fd, "buffer-past-ram", &r, XW_EFAULT);
	REQ(XW_BLK_OP_READ, 0, 1, UINT64_MAX - 511, 512);
	expect(fd, "buffer-address-wraps", &r, XW_EFAULT);
	REQ(XW_BLK_OP_READ, 0, 1, ram_pa + 1, 512);
	expect(fd, "buffer-unaligned", &r, XW_EINVAL);
	REQ(XW_BLK_OP_READ, 0, 1, ram_pa, 512);
	r.nseg = XW_BLK_MAX_SEGS + 1;
	expect(fd, "too-many-segments", &r, XW_E2BIG);
	REQ(9, 0, 1, ram_pa, 512);
	expect(fd, "unknown-op", &r, XW_EINVAL);
	REQ(XW_BLK_OP_READ, 0, 1, ram_pa, 512);
	r.reserved = 1;
	expect(fd, "reserved-bits", &r, XW_EINVAL);
	REQ(XW_BLK_OP_READ, 0, 1, ram_pa, 512);
	r.flags = 0x80;
	expect(fd, "unknown-flag", &r, XW_EINVAL);
	memset(&r, 0, sizeof(r));
	r.op = XW_BLK_OP_FLUSH;
	expect(fd, "flush", &r, XW_OK);
	close(fd);
	printf("bad: %d of 16 checks failed\n", fails);
	return fails ? 1 : 0;
}

static int cmd_stats(void)
{
	int fd = open_dev(O_RDONLY);
	struct xwblk_stats s;

	if (ioctl(fd, XWBLK_IOC_STATS, &s) != 0) {
		perror("XWBLK_IOC_STATS");
		return 1;
	}
	/* Fields 1..16 stay where scripts read them (blk-bench.sh: $2, $8); new ones follow. */
	printf("done %llu rejected %llu dev_irqs %llu world_switches %llu kicks %llu notify_irqs %llu queues %u depth %u"
	       " dev_reqs %llu dev_us %llu dev_inflight_max %llu reaped_kick %llu reaped_irq %llu\n",
	       (unsigned long long)s.done, (unsigned long long)s.rejected,
	       (unsigned long long)s.dev_irqs, (unsigned long long)s.world_switches,
	       (unsigned long long)s.kicks, (unsigned long long)s.notify_irqs, s.nqueues, s.depth,
	       (unsigned long long)s.dev_reqs,
	       (unsigned long long)(s.cntfrq ? s.dev_ticks * 1000000.0 / s.cntfrq : 0),
	       (unsigned long long)s.dev_inflight_max, (unsigned long long)s.reaped_kick,
	       (unsigned long long)s.reaped_irq);
	close(fd);
	return 0;
}

static const char usage[] =
	"usage: xwbio COMMAND DEV [ARGS]\n"
	"  verify DEV SECONDS THREADS              random 4 KiB writes and reads, every read checked\n"
	"  bench DEV MODE BYTES DEPTH SECONDS      MODE: seqread, seqwrite, randread, randwrite;\n"
	"                                          BYTES a multiple of 512; prints \"iops N mibs N\"\n"
	"  bad DEV RAM_PA                          malicious raw requests must each fail\n"
	"  stats DEV                               secure-side counters and world switches\n"
	"  -h, --help                              this text\n"
	"SECONDS 1..86400, THREADS and DEPTH 1..64, BYTES 512..67108864.\n"
	"Exit status: 0 ok, 1 failed, 2 bad arguments.\n";

/* A usage error: what was wrong, then the usage, exit status 2. */
static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "xwbio: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return XW_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	uint64_t secs, n, bytes, pa;
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (cmd && (!strcmp(cmd, "-h") || !strcmp(cmd, "--help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (!cmd)
		return bad_usage("no command given%s", "");
#define NARGS(k, what) \
	if (argc - 2 != (k)) \
		return bad_usage("%s: wrong number of arguments (" what ")", cmd)
	if (argc > 2)
		dev = argv[2];
	if (!strcmp(cmd, "verify")) {
		NARGS(3, "DEV SECONDS THREADS");
		if (xw_arg_u64("xwbio", "SECONDS", argv[3], 1, 86400, &secs) ||
		    xw_arg_u64("xwbio", "THREADS", argv[4], 1, 64, &n))
			return XW_EXIT_USAGE;
		seconds = (int)secs;
		return cmd_verify((int)n);
	}
	if (!strcmp(cmd, "bench")) {
		NARGS(5, "DEV MODE BYTES DEPTH SECONDS");
		if (strcmp(argv[3], "seqread") && strcmp(argv[3], "seqwrite") &&
		    strcmp(argv[3], "randread") && strcmp(argv[3], "randwrite"))
			return bad_usage("MODE '%s': not seqread, seqwrite, randread or randwrite",
					 argv[3]);
		if (xw_arg_u64("xwbio", "BYTES", argv[4], 512, 64ull << 20, &bytes) ||
		    xw_arg_u64("xwbio", "DEPTH", argv[5], 1, 64, &n) ||
		    xw_arg_u64("xwbio", "SECONDS", argv[6], 1, 86400, &secs))
			return XW_EXIT_USAGE;
		if (bytes % 512)
			return bad_usage("BYTES '%s': not a multiple of 512", argv[4]);
		seconds = (int)secs;
		return cmd_bench(argv[3], (size_t)bytes, (int)n);
	}
	if (!strcmp(cmd, "bad")) {
		NARGS(2, "DEV RAM_PA");
		if (xw_arg_u64("xwbio", "RAM_PA", argv[3], 0, UINT64_MAX, &pa))
			return XW_EXIT_USAGE;
		return cmd_bad(pa);
	}
	if (!strcmp(cmd, "stats")) {
		NARGS(1, "DEV");
		return cmd_stats();
	}
	return bad_usage("unknown command '%s'", cmd);
}
