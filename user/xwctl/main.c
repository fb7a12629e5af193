// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwctl: the command-line face of /dev/xworld.
 *   xwctl list                         secure services (and which are S-EL0 applications)
 *   xwctl echo SIZE [COUNT]            COUNT messages of SIZE bytes through echo, verified
 *   xwctl pipe SERVICE IN OUT          IN as one message to SERVICE, its reply to OUT
 *   xwctl checksum FILE                FILE through the checksum service, verified here
 *   xwctl stats                        counters of a fresh channel, driver, secure side
 *   xwctl selftest                     bad arguments give errors; nothing leaks
 *   xwctl coalesce                     write() doorbells are coalesced, none is
 *                                      stranded; XW_IOC_NODELAY rings each
 *   xwctl kbench SERVICE SIZE COUNT    COUNT calls of the kernel's per-CPU channel
 *   xwctl victim                       an echo channel that waits for /tmp/xw-go,
 *                                      then expects its channel to be broken (EPIPE)
 *   xwctl killhalf FILE                a child sends FILE to checksum as one message;
 *                                      SIGKILLed once the driver's debugfs shows
 *                                      at least half of it queued, and not all
 *   xwctl apps | appstats | provoke SVC CMD | call SVC MSG
 *                                      secure applications (apps.c)
 *   xwctl -c CPU ...                   run pinned to CPU
 * Exit status 0 only if everything asked for worked.
 */
#define _GNU_SOURCE /* sched_setaffinity */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../linux/xworld/xworld_ioctl.h"
#include "xw_args.h"
#include "xw.h"
#include "xwctl.h"

#define DEV "/dev/xworld"

static int fail(const char *what)
{
	fprintf(stderr, "xwctl: %s: %s\n", what, strerror(errno));
	return 1;
}

/* A connection to SVC through libxw; -1 with errno set, for fail(). */
static int open_bound(const char *svc)
{
	int fd = xw_open(svc, 0);

	if (fd < 0) {
		errno = -fd;
		return -1;
	}
	return fd;
}

int xwctl_open_bound(const char *svc)
{
	return open_bound(svc);
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t s = 0xcbf29ce484222325ULL;

	while (n--)
		s = (s ^ *p++) * 0x100000001b3ULL;
	return s;
}

static int cmd_list(void)
{
	struct xw_ioc_svc s;
	int fd = open(DEV, O_RDWR);
	unsigned i;

	if (fd < 0)
		return fail(DEV);
	for (i = 0;; i++) {
		memset(&s, 0, sizeof(s));
		s.index = i;
		if (ioctl(fd, XW_IOC_SVC, &s) != 0)
			break;
		char name[25], note[96] = "";

		memcpy(name, s.name, 24);
		name[24] = 0;
		/* Which services are applications at S-EL0, and their state (one line each still). */
		if (access("/dev/xwtest", R_OK | W_OK) == 0)
			xwctl_app_note(i, note, sizeof(note));
		printf("%u %s%s\n", i, name, note);
	}
	close(fd);
	return i == 0;
}

/*
 * COUNT messages of SIZE bytes through echo, each verified. A child writes
 * while we read: echo relays a message while it is still coming in, so one
 * larger than the two rings needs a reader at the same time (as a socket).
 */
static int cmd_echo(size_t size, unsigned count)
{
	uint8_t *out = malloc(size + 1), *in = malloc(size + 1);
	int fd, status;
	unsigned k;
	pid_t pid;
	size_t i;

	if (!out || !in) {
		fprintf(stderr, "xwctl: echo: out of memory for two buffers of %zu bytes\n", size);
		return 1;
	}
	fd = open_bound("echo");
	if (fd < 0)
		return fail("open/bind echo");
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		for (k = 0; k < count; k++) {
			for (i = 0; i < size; i++)
				out[i] = (uint8_t)(i * 13 + k);
			if (write(fd, out, size) != (ssize_t)size)
				_exit(fail("write"));
		}
		_exit(0);
	}
	for (k = 0; k < count; k++) {
		ssize_t n = read(fd, in, size + 1);

		for (i = 0; i < size; i++)
			out[i] = (uint8_t)(i * 13 + k);
		if (n != (ssize_t)size || memcmp(in, out, size) != 0) {
			fprintf(stderr, "xwctl: echo of %zu bytes came back as %zd (differs)\n", size, n);
			kill(pid, SIGKILL);
			return 1;
		}
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	printf("echo %zu bytes x %u: ok (fnv %016llx)\n", size, count,
	       (unsigned long long)fnv(out, size));
	close(fd);
	free(in);
	free(out);
	return 0;
}

/*
 * The whole of PATH ("-": standard input), at most XW_IOC_MSG_MAX bytes (one
 * message carries no more): refused before anything larger is allocated.
 * NULL with the reason printed.
 */
static uint8_t *slurp(const char *path, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	uint8_t *b = NULL, *nb;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	ssize_t r;

	if (fd < 0) {
		fprintf(stderr, "xwctl: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (!b || n == cap) {
			if (b)
				cap *= 2;
			if (cap > XW_IOC_MSG_MAX + 1)
				cap = XW_IOC_MSG_MAX + 1;
			nb = realloc(b, cap);
			if (!nb) {
				fprintf(stderr, "xwctl: %s: out of memory at %zu bytes\n", path, cap);
				goto fail;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0) {
			fprintf(stderr, "xwctl: %s: %s\n", path, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > XW_IOC_MSG_MAX) {
			fprintf(stderr, "xwctl: %s: larger than one message can carry (%llu bytes)\n",
				path, (unsigned long long)XW_IOC_MSG_MAX);
			goto fail;
		}
	}
	if (fd)
		close(fd);
	*len = n;
	return b;
fail:
	if (fd)
		close(fd);
	free(b);
	return NULL;
}

/*
 * IN as one message to SERVICE, the reply to OUT. A child writes while we
 * read: echo streams its reply back while the message is still going in, so
 * a message larger than the rings needs a reader at the same time.
 */
static int cmd_pipe(const char *svc, const char *inpath, const char *outpath)
{
	size_t len;
	uint8_t *in = slurp(inpath, &len), *out;
	int fd = open_bound(svc), ofd, status;
	pid_t pid;
	ssize_t n;

	if (!in)
		return 1;
	if (fd < 0)
		return fail("open/bind");
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0)
		_exit(write(fd, in, len) == (ssize_t)len ? 0 : (fail("write"), 1));
	/* The reply, whatever its size (libxw asks the driver when it is larger). */
	n = xw_recv_alloc(fd, (void **)&out);
	if (n < 0) {
		fprintf(stderr, "xwctl: read: %s\n", xw_strerror((int)n));
		return 1;
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	ofd = strcmp(outpath, "-") ? open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 1;
	if (ofd < 0 || write(ofd, out, n) != n)
		return fail(outpath);
	if (ofd != 1)
		close(ofd);
	close(fd);
	/* With OUT "-" standard output carries the reply alone. */
	fprintf(ofd == 1 ? stderr : stdout, "pipe %s: %zu bytes in, %zd bytes out\n", svc, len, n);
	return 0;
}

static int cmd_checksum(const char *path)
{
	uint64_t r[2];
	size_t len;
	uint8_t *in = slurp(path, &len);
	int fd;

	if (!in)
		return 1;
	fd = open_bound("checksum");
	if (fd < 0)
		return fail("open/bind checksum");
	if (write(fd, in, len) != (ssize_t)len)
		return fail("write");
	if (read(fd, r, sizeof(r)) != sizeof(r))
		return fail("read");
	printf("checksum %s: %zu bytes, secure fnv %016llx, local fnv %016llx\n", path, len,
	       (unsigned long long)r[1], (unsigned long long)fnv(in, len));
	close(fd);
	return !(r[0] == len && r[1] == fnv(in, len));
}

static int cmd_stats(void)
{
	struct xw_ioc_stats st;
	int fd = open(DEV, O_RDWR);

	if (fd < 0 || ioctl(fd, XW_IOC_STATS, &st) != 0)
		return fail("stats");
	printf("secure: regions %llu pages %llu notifies %llu; driver irqs %llu\n",
	       (unsigned long long)st.sec_regions, (unsigned long long)st.sec_pages,
	       (unsigned long long)st.sec_notifies, (unsigned long long)st.irqs);
	close(fd);
	return 0;
}

#define EXPECT(cond, what) do { if (!(cond)) { fprintf(stderr, "selftest: %s (errno %d)\n", what, errno); return 1; } \
	else printf("selftest: %s: ok\n", what); } while (0)

static int cmd_selftest(void)
{
	struct xw_ioc_stats st0, st;
	struct xw_ioc_bind b;
	char buf[64], big[300];
	int fd, fd2, i;

	fd = open(DEV, O_RDWR);
	EXPECT(fd >= 0 && ioctl(fd, XW_IOC_STATS, &st0) == 0, "open + stats");
	EXPECT(write(fd, "x", 1) < 0 && errno == ENOTCONN, "write before bind: ENOTCONN");
	memset(&b, 'a', sizeof(b));
	EXPECT(ioctl(fd, XW_IOC_BIND, &b) < 0 && errno == EINVAL, "unterminated name: EINVAL");
	memset(&b, 0, sizeof(b));
	strcpy(b.name, "no-such-service");
	EXPECT(ioctl(fd, XW_IOC_BIND, &b) < 0 && errno == ENOENT, "unknown service: ENOENT");
	EXPECT(ioctl(fd, XW_IOC_BIND, (void *)8) < 0 && errno == EFAULT, "bad pointer: EFAULT");
	EXPECT(ioctl(fd, _IO('X', 99), 0) < 0 && errno == ENOTTY, "unknown ioctl: ENOTTY");
	strcpy(b.name, "echo");
	EXPECT(ioctl(fd, XW_IOC_BIND, &b) == 0, "bind echo");
	EXPECT(ioctl(fd, XW_IOC_BIND, &b) < 0 && errno == EBUSY, "bind twice: EBUSY");
	memset(big, 7, sizeof(big));
	EXPECT(write(fd, big, sizeof(big)) == sizeof(big), "write 300 bytes");
	EXPECT(read(fd, buf, sizeof(buf)) < 0 && errno == EMSGSIZE, "read into 64 bytes: EMSGSIZE");
	EXPECT(ioctl(fd, XW_IOC_STATS, &st) == 0 && st.next_len == sizeof(big), "needed size: 300");
	EXPECT(read(fd, big, sizeof(big)) == sizeof(big) && big[299] == 7, "then read whole: nothing lost");
	fd2 = open(DEV, O_RDWR | O_NONBLOCK);
	EXPECT(fd2 >= 0 && ioctl(fd2, XW_IOC_BIND, &b) == 0, "second file, non-blocking");
	EXPECT(read(fd2, buf, sizeof(buf)) < 0 && errno == EAGAIN, "non-blocking read: EAGAIN");
	close(fd2);
	close(fd);
	for (i = 0; i < 50; i++) {
		fd = open_bound("echo");
		if (fd < 0 || write(fd, "abc", 3) != 3)
			return fail("open/write loop");
		close(fd);
	}
	/* poll() must arm the notification: a reply produced later wakes it. */
	fd = open_bound("echo");
	EXPECT(fd >= 0 && write(fd, "1", 1) == 1 && read(fd, buf, sizeof(buf)) == 1, "round trip");
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };
		pid_t pid = fork();

		if (pid == 0) {
			usleep(300000);
			_exit(write(fd, "2", 1) == 1 ? 0 : 1);
		}
		EXPECT(poll(&p, 1, 10000) == 1 && (p.revents & POLLIN), "poll woken by a later reply");
		waitpid(pid, NULL, 0);
		EXPECT(read(fd, buf, sizeof(buf)) == 1 && buf[0] == '2', "then read it");
	}
	close(fd);
	fd = open(DEV, O_RDWR);
	EXPECT(ioctl(fd, XW_IOC_STATS, &st) == 0 && st.sec_regions == st0.sec_regions &&
	       st.sec_pages == st0.sec_pages, "50 open/close: no secure-side leak");
	close(fd);
	return 0;
}

static int cmd_kbench(const char *svc, unsigned size, unsigned count)
{
	struct xw_ioc_kbench b;
	int fd = open(DEV, O_RDWR);

	memset(&b, 0, sizeof(b));
	strncpy(b.name, svc, sizeof(b.name) - 1);
	b.size = size;
	b.count = count;
	if (fd < 0 || ioctl(fd, XW_IOC_KBENCH, &b) != 0)
		return fail("kbench");
	printf("kbench %s: %u x %u bytes on cpu %u's kernel channel: %.1f us each, %llu bad\n", svc,
	       count, size, b.cpu, (double)b.ns / 1e3 / count, (unsigned long long)b.bad);
	close(fd);
	return b.bad != 0;
}

/* Works, then waits for the test to corrupt its channel: must see EPIPE after. */
static int cmd_victim(void)
{
	char buf[16];
	int fd = open_bound("echo"), i;
	ssize_t w, r;

	if (fd < 0 || write(fd, "ping", 4) != 4 || read(fd, buf, sizeof(buf)) != 4)
		return fail("victim: first round trip");
	printf("victim: pid %d ready\n", getpid());
	fflush(stdout);
	for (i = 0; i < 600 && access("/tmp/xw-go", F_OK) != 0; i++)
		usleep(100000);
	w = write(fd, "ping", 4);
	r = w == 4 ? read(fd, buf, sizeof(buf)) : -1;
	if (r >= 0 || errno != EPIPE) {
		fprintf(stderr, "victim: after corruption: write %zd read %zd (%s), want EPIPE\n", w, r,
			strerror(errno));
		return 1;
	}
	printf("victim: channel broken as expected (EPIPE)\n");
	close(fd);
	return 0;
}

/* This process's channel line in debugfs: n->s prod and cons as published. 1, 0, -1. */
static int chan_ns_idx(unsigned int *prod, unsigned int *cons)
{
	char line[512], key[32];
	FILE *fp = fopen("/sys/kernel/debug/xworld/channels", "r");
	int found = 0;
	char *p;

	if (!fp)
		return -1;
	snprintf(key, sizeof(key), " pid %d ", (int)getpid());
	while (!found && fgets(line, sizeof(line), fp)) {
		if (!strstr(line, key) || !(p = strstr(line, "n->s prod ")))
			continue;
		found = sscanf(p, "n->s prod %u cons %u", prod, cons) == 2 ? 1 : -1;
	}
	fclose(fp);
	return found;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/*
 * Doorbell coalescing (docs/normal-world.md): 200 write()s of 64 B to sink
 * share few doorbells, and with no read or poll after them the last one still
 * reaches the secure side (consumed: cons = everything written) within 2 s -
 * the driver's timer publishes it (coalesce_us, default 1 ms). Then with
 * XW_IOC_NODELAY each write() is consumed before it returns, a doorbell each;
 * NODELAY 2 is EINVAL.
 */
static int cmd_coalesce(void)
{
	const unsigned int n = 200, rec = 16 + 64;
	struct xw_ioc_stats st0, st1;
	unsigned int prod = 0, cons = 0, i;
	uint8_t msg[64];
	uint64_t t0;
	uint32_t v;
	int fd = open_bound("sink");

	if (fd < 0)
		return fail("open sink");
	memset(msg, 0x33, sizeof(msg));
	if (ioctl(fd, XW_IOC_STATS, &st0) != 0)
		return fail("stats");
	for (i = 0; i < n; i++) {
		if (write(fd, msg, sizeof(msg)) != (ssize_t)sizeof(msg))
			return fail("write");
	}
	t0 = now_ns();
	while (chan_ns_idx(&prod, &cons) == 1 && cons != n * rec && now_ns() - t0 < 2000000000ull)
		usleep(100);
	if (cons != n * rec) {
		fprintf(stderr, "coalesce: stranded: after 2 s the secure side consumed %u of %u "
			"bytes (published %u)\n", cons, n * rec, prod);
		return 1;
	}
	printf("coalesce: the last of %u writes consumed %.3f ms after it returned\n", n,
	       (double)(now_ns() - t0) / 1e6);
	if (ioctl(fd, XW_IOC_STATS, &st1) != 0)
		return fail("stats");
	if (st1.doorbells - st0.doorbells > n / 4) {
		fprintf(stderr, "coalesce: %llu doorbells for %u write()s: not coalesced\n",
			(unsigned long long)(st1.doorbells - st0.doorbells), n);
		return 1;
	}
	printf("coalesce: %u write()s, %llu doorbells\n", n,
	       (unsigned long long)(st1.doorbells - st0.doorbells));
	v = 2;
	if (ioctl(fd, XW_IOC_NODELAY, &v) == 0 || errno != EINVAL) {
		fprintf(stderr, "coalesce: NODELAY 2 was not refused with EINVAL\n");
		return 1;
	}
	v = 1;
	if (ioctl(fd, XW_IOC_NODELAY, &v) != 0)
		return fail("NODELAY 1");
	for (i = 1; i <= 10; i++) {
		if (write(fd, msg, sizeof(msg)) != (ssize_t)sizeof(msg))
			return fail("write");
		if (chan_ns_idx(&prod, &cons) != 1 || cons != (n + i) * rec) {
			fprintf(stderr, "coalesce: NODELAY write %u not consumed on return (%u of %u)\n",
				i, cons, (n + i) * rec);
			return 1;
		}
	}
	if (ioctl(fd, XW_IOC_STATS, &st0) != 0 || st0.doorbells - st1.doorbells < 10) {
		fprintf(stderr, "coalesce: NODELAY rang fewer than 10 doorbells for 10 writes\n");
		return 1;
	}
	printf("coalesce: NODELAY: 10 write()s, 10 consumed on return\n");
	close(fd);
	return 0;
}

/*
 * The channel line of process PID in debugfs "channels": its "tx_partial OFF/LEN"
 * (a message being sent). 1 if the line is there, 0 if not, -1 on error.
 */
static int chan_partial(pid_t pid, unsigned long long *off, unsigned long long *len)
{
	char line[512], key[32];
	FILE *fp = fopen("/sys/kernel/debug/xworld/channels", "r");
	int found = 0;
	char *p;

	if (!fp)
		return -1;
	snprintf(key, sizeof(key), " pid %d ", (int)pid);
	while (!found && fgets(line, sizeof(line), fp)) {
		if (!strstr(line, key) || !(p = strstr(line, "tx_partial ")))
			continue;
		found = sscanf(p, "tx_partial %llu/%llu", off, len) == 2 ? 1 : -1;
	}
	fclose(fp);
	return found;
}

/*
 * Kills a writer in the middle of its message, for sure: the child opens a
 * checksum channel and writes FILE as one message; this process watches the
 * driver's record of the message in flight and SIGKILLs the child once at least
 * half (and not all) of it is queued. Prints what it saw; 1 if the message was
 * never seen half sent (done too fast, or never started).
 */
static int cmd_killhalf(const char *path)
{
	unsigned long long off = 0, len = 0;
	size_t n;
	uint8_t *in = slurp(path, &n);
	int status, i, rc = 0;
	pid_t pid;

	if (!in || n < 2)
		return fail(path);
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid == 0) {
		int fd = open_bound("checksum");

		_exit(fd >= 0 && write(fd, in, n) == (ssize_t)n ? 0 : 1);
	}
	/* Up to 120 s, every 0.2 ms. */
	for (i = 0; i < 600000; i++) {
		rc = chan_partial(pid, &off, &len);
		if (rc < 0 || (rc == 1 && len == n && off * 2 >= len && off < len))
			break;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			fprintf(stderr, "killhalf: the writer ended (status 0x%x) before half of its "
				"message was seen queued (last seen %llu/%llu)\n", status, off, len);
			return 1;
		}
		usleep(200);
	}
	if (rc != 1 || len != n || off * 2 < len || off >= len) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		fprintf(stderr, "killhalf: never saw the message half sent (%d, %llu/%llu)\n", rc, off,
			len);
		return 1;
	}
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		fprintf(stderr, "killhalf: the writer was not killed by SIGKILL (status 0x%x)\n", status);
		return 1;
	}
	printf("killhalf: writer %d killed with %llu of %llu bytes queued\n", (int)pid, off, len);
	return 0;
}

static const char usage[] =
	"usage: xwctl [-c CPU] COMMAND [ARGS]\n"
	"  list                       the secure services (applications: with their state)\n"
	"  apps | appstats            the secure applications / their counters\n"
	"  provoke SERVICE CMD        ask an application to misbehave (tests/qemu/guest/apps.sh)\n"
	"  call SERVICE MSG           one message MSG to SERVICE, its reply printed\n"
	"  echo SIZE [COUNT]          COUNT (1) messages of SIZE bytes through echo, verified\n"
	"  pipe SERVICE IN OUT        IN as one message to SERVICE, its reply to OUT ('-': stdin/stdout)\n"
	"  checksum FILE              FILE ('-': stdin) through checksum, verified here\n"
	"  stats                      counters of a fresh channel, the driver, the secure side\n"
	"  selftest                   bad calls get errors; nothing leaks\n"
	"  coalesce                   write() doorbells are coalesced, none is stranded\n"
	"  kbench SERVICE SIZE COUNT  COUNT calls of the kernel's per-CPU channel\n"
	"  victim | killhalf FILE     helpers of the QEMU tests (tests/qemu/guest)\n"
	"options: -c CPU  run pinned to CPU;  -h, --help  this text\n"
	"SIZE: 0.." "67108864" " bytes; COUNT: 1..1000000. Exit status: 0 ok, 1 failed, 2 bad arguments.\n";

/* A usage error: what was wrong, then the usage, exit status 2. */
static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "xwctl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return XW_EXIT_USAGE;
}

/* SERVICE must be one the secure side offers: else say which there are. */
static int check_service(const char *name)
{
	char names[32][XW_SVC_NAME_LEN + 1], list[256] = "";
	int n = xw_services(names, 32), i;

	if (n < 0) {
		fprintf(stderr, "xwctl: %s: %s\n", XW_DEVICE, xw_strerror(n));
		return 1;
	}
	for (i = 0; i < n && i < 32; i++) {
		if (!strcmp(names[i], name))
			return 0;
		if (strlen(list) + strlen(names[i]) + 3 < sizeof(list)) {
			strcat(list, i ? ", " : "");
			strcat(list, names[i]);
		}
	}
	fprintf(stderr, "xwctl: SERVICE '%s': no such service (services: %s)\n", name, list);
	return XW_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	uint64_t size, count;
	const char *cmd;
	int cpu, rc;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "-c")) {
		cpu_set_t set;

		if (argc < 3)
			return bad_usage("-c needs a CPU%s", "");
		if (xw_arg_cpu("xwctl", argv[2], &cpu))
			return XW_EXIT_USAGE;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) != 0)
			return fail("pin");
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		return bad_usage("no command given%s", "");
	cmd = argv[1];
	if (cmd[0] == '-')
		return bad_usage("unknown option '%s'", cmd);
#define NARGS(lo, hi, what) \
	if (argc - 2 < (lo) || argc - 2 > (hi)) \
		return bad_usage("%s: wrong number of arguments (" what ")", cmd)
	if (!strcmp(cmd, "list")) {
		NARGS(0, 0, "none");
		return cmd_list();
	}
	if (!strcmp(cmd, "apps") || !strcmp(cmd, "appstats")) {
		NARGS(0, 0, "none");
		return !strcmp(cmd, "apps") ? xwctl_apps() : xwctl_appstats();
	}
	if (!strcmp(cmd, "provoke")) {
		NARGS(2, 2, "SERVICE CMD");
		return xwctl_provoke(argv[2], argv[3]);
	}
	if (!strcmp(cmd, "call")) {
		NARGS(2, 2, "SERVICE MSG");
		return xwctl_call(argv[2], argv[3]);
	}
	if (!strcmp(cmd, "echo")) {
		NARGS(1, 2, "SIZE [COUNT]");
		count = 1;
		if (xw_arg_u64("xwctl", "SIZE", argv[2], 0, XW_IOC_MSG_MAX, &size) ||
		    (argc > 3 && xw_arg_u64("xwctl", "COUNT", argv[3], 1, 1000000, &count)))
			return XW_EXIT_USAGE;
		return cmd_echo((size_t)size, (unsigned)count);
	}
	if (!strcmp(cmd, "pipe")) {
		NARGS(3, 3, "SERVICE IN OUT");
		rc = check_service(argv[2]);
		return rc ? rc : cmd_pipe(argv[2], argv[3], argv[4]);
	}
	if (!strcmp(cmd, "checksum")) {
		NARGS(1, 1, "FILE");
		return cmd_checksum(argv[2]);
	}
	if (!strcmp(cmd, "kbench")) {
		NARGS(3, 3, "SERVICE SIZE COUNT");
		if (xw_arg_u64("xwctl", "SIZE", argv[3], 0, XW_KCALL_MAX, &size) ||
		    xw_arg_u64("xwctl", "COUNT", argv[4], 1, 1000000, &count))
			return XW_EXIT_USAGE;
		rc = check_service(argv[2]);
		return rc ? rc : cmd_kbench(argv[2], (unsigned)size, (unsigned)count);
	}
	if (!strcmp(cmd, "killhalf")) {
		NARGS(1, 1, "FILE");
		return cmd_killhalf(argv[2]);
	}
	if (!strcmp(cmd, "victim") || !strcmp(cmd, "stats") || !strcmp(cmd, "selftest") ||
	    !strcmp(cmd, "coalesce")) {
		NARGS(0, 0, "none");
		return !strcmp(cmd, "victim") ? cmd_victim() : !strcmp(cmd, "stats") ? cmd_stats() :
		       !strcmp(cmd, "selftest") ? cmd_selftest() : cmd_coalesce();
	}
	return bad_usage("unknown command '%s'", cmd);
}
