// SPDX-License-Identifier: BSD-2-Clause
/*
 * xw-zctest: the guest test of zero-copy /dev/xworld (tests/qemu/guest/xworld.sh).
 * Through echo: messages of 0 B .. the whole send area built in place and
 * their replies checked byte for byte (large ones read in place); two threads
 * on one descriptor; a fork()ed child sending on its parent's channel; munmap
 * and close with pieces outstanding; and every bad call a process can make
 * (an offset out of the area or inside a piece, a commit without a
 * reservation, double commit and release, a writable or private mapping of
 * the receive area ...) answered by its documented error with nothing
 * changed. Prints one line per part; exit status 0 only if all passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../linux/xworld/xworld_ioctl.h"
#include "xw.h"

static int failed;

#define CHECK(cond, ...)                                                         \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "xw-zctest: %s:%d: ", __func__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                            \
			fputc('\n', stderr);                                     \
			failed = 1;                                              \
		}                                                                \
	} while (0)

/* A pattern that differs per message and per byte (a shifted or stale piece shows). */
static void fill(uint8_t *p, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		p[i] = (uint8_t)(x >> 16);
	}
}

static int same(const uint8_t *p, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 1;

	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		if (p[i] != (uint8_t)(x >> 16))
			return 0;
	}
	return 1;
}

static int in_rx(const struct xw_zc *z, const void *p)
{
	return (const uint8_t *)p >= z->rx && (const uint8_t *)p < z->rx + z->rx_size;
}

/* One message of n bytes built in place, sent, its echo read (in place if it came so) and checked. */
static int round_trip(struct xw_zc *z, size_t n, uint32_t seed, int *in_place)
{
	const void *msg;
	void *buf;
	ssize_t got;
	int rc;

	rc = xw_send_buf_get(z, n ? n : 1, &buf);
	if (rc) {
		CHECK(0, "get %zu: %s", n, xw_strerror(rc));
		return -1;
	}
	fill(buf, n, seed);
	rc = xw_send_buf_commit(z, buf, n);
	CHECK(rc == 0, "commit %zu: %s", n, xw_strerror(rc));
	got = xw_recv_zc(z, &msg);
	CHECK(got == (ssize_t)n, "reply of %zu: %zd", n, got);
	if (got < 0)
		return -1;
	CHECK(same(msg, (size_t)got, seed), "reply of %zu differs", n);
	if (in_place)
		*in_place = in_rx(z, msg);
	rc = xw_recv_release(z, msg);
	CHECK(rc == 0, "release: %s", xw_strerror(rc));
	return 0;
}

static void sizes(struct xw_zc *z)
{
	const size_t sz[] = { 0, 1, 100, 4096, 65536, 300000, 1 << 20, z->tx_size, 777777 };
	int inp, n_inp = 0;

	for (unsigned i = 0; i < sizeof(sz) / sizeof(sz[0]); i++) {
		inp = 0;
		if (round_trip(z, sz[i], i, &inp) == 0)
			printf("xw-zctest: echo %zu B zero-copy: ok (reply %s)\n", sz[i],
			       inp ? "in place" : "copied");
		n_inp += inp;
	}
	/*
	 * Whether echo answers in one REF record depends on its own area's state
	 * (it takes a part of its area when the whole is not free): held() checks
	 * the in-place path on a fresh channel; here at least one must be.
	 */
	CHECK(n_inp > 0, "no reply was read in place");
}

/* Writes through write() and xw_recv_zc() mix with zero-copy on one descriptor. */
static void mixed(struct xw_zc *z)
{
	int f0 = failed;
	size_t n = 1 << 20;
	uint8_t *p = malloc(n);
	const void *msg;
	ssize_t got;

	fill(p, n, 77);
	/* In zero-copy mode a large write() is copied into a piece the driver reserves itself. */
	CHECK(xw_send(z->fd, p, n) == (ssize_t)n, "write of 1 MiB");
	got = xw_recv_zc(z, &msg);
	CHECK(got == (ssize_t)n && same(msg, n, 77), "reply of the write()");
	if (got >= 0)
		xw_recv_release(z, msg);
	CHECK(xw_send(z->fd, "tiny", 4) == 4, "small write");
	got = xw_recv_zc(z, &msg);
	CHECK(got == 4 && !memcmp(msg, "tiny", 4) && !in_rx(z, msg), "small reply (a copy)");
	if (got >= 0)
		xw_recv_release(z, msg);
	free(p);
	printf("xw-zctest: write()/xw_recv_zc() mixed: %s\n", failed != f0 ? "FAILED" : "ok");
}

static long zc_ioctl(int fd, unsigned long req, uint64_t off, uint64_t len, uint32_t flags)
{
	struct xw_ioc_zc_buf b = { .off = off, .len = len, .flags = flags };

	return ioctl(fd, req, &b) ? -errno : 0;
}

static void expect(long got, long want, const char *what)
{
	CHECK(got == want, "%s: got %ld (%s), want %ld (%s)", what, got, strerror((int)-got), want,
	      strerror((int)-want));
	if (got == want)
		printf("xw-zctest: bad call: %s: %s\n", what, want ? strerror((int)-want) : "ok");
}

static void held(void);
static void bad_maps(struct xw_zc *z);
static void bad_setup(struct xw_zc *z);

static void bad_calls(struct xw_zc *z)
{
	struct xw_ioc_zc_buf b = { 0 };
	char c;
	void *buf;

	expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, 0, 1, 0), -EINVAL, "commit without a reservation");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_CANCEL, 0, 0, 0), -EINVAL, "cancel without a reservation");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, z->tx_size + 4096, 1, 0), -EINVAL,
	       "commit at an offset past the area");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, 1ull << 62, 1, 0), -EINVAL, "commit at 2^62");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_GET, 0, 0, 0), -EINVAL, "reserve 0 bytes");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_GET, 0, z->tx_size + 1, 0), -EMSGSIZE,
	       "reserve more than the area");
	expect(zc_ioctl(z->fd, XW_IOC_ZC_GET, 0, 64, 1), -EINVAL, "reserve with unknown flags");
	if (xw_send_buf_get(z, 8192, &buf) == 0) {
		uint64_t off = (uint64_t)((uint8_t *)buf - z->tx);

		expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, off + 128, 1, 0), -EINVAL,
		       "commit at an offset inside a piece");
		expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, off, 8192 + 128 + 1, 0), -EINVAL,
		       "commit longer than the reservation");
		memset(buf, 'z', 10);
		expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, off, 10, 0), 0, "commit");
		expect(zc_ioctl(z->fd, XW_IOC_ZC_COMMIT, off, 10, 0), -EINVAL, "commit twice");
		expect(zc_ioctl(z->fd, XW_IOC_ZC_CANCEL, off, 0, 0), -EINVAL,
		       "cancel a committed piece");
		/* Held in place or not, while one is held nothing else is taken. */
		b = (struct xw_ioc_zc_buf){ 0 };
		expect(ioctl(z->fd, XW_IOC_ZC_RECV, &b) ? -errno : 0, 0, "take the reply");
		if (b.flags == XW_ZC_COPY) {
			CHECK(b.len == 10, "copy length %llu", (unsigned long long)b.len);
			CHECK(read(z->fd, &c, 1) < 0 && errno == EMSGSIZE, "read into 1 byte");
			char r[10];
			CHECK(read(z->fd, r, 10) == 10 && !memcmp(r, "zzzzzzzzzz", 10), "reply");
		} else {
			CHECK(b.flags == XW_ZC_HELD && b.len == 10, "reply flags %u", b.flags);
			expect(zc_ioctl(z->fd, XW_IOC_ZC_RELEASE, b.off, 0, 0), 0, "release");
		}
	}
	held();
	bad_maps(z);
	bad_setup(z);
}

/* A held message: on a fresh channel a 1 MiB echo comes back in one REF record, in place. */
static void held(void)
{
	const void *msg, *msg2;
	struct xw_zc zz, *z = &zz;
	void *buf;
	char c;
	int fd = xw_open("echo", 0);

	CHECK(fd >= 0 && xw_zc_map(fd, z) == 0, "open and map");
	if (xw_send_buf_get(z, 1 << 20, &buf) == 0) {
		fill(buf, 1 << 20, 5);
		xw_send_buf_commit(z, buf, 1 << 20);
		CHECK(xw_recv_zc(z, &msg) == 1 << 20 && in_rx(z, msg), "1 MiB held in place");
		expect(xw_recv_zc(z, &msg2), -EBUSY, "take while one is held");
		expect(read(z->fd, &c, 1) < 0 ? -errno : 0, -EBUSY, "read() while one is held");
		expect(zc_ioctl(z->fd, XW_IOC_ZC_RELEASE, (uint64_t)((const uint8_t *)msg - z->rx) + 128, 0, 0),
		       -EINVAL, "release at the wrong offset");
		expect(xw_recv_release(z, msg), 0, "release");
		expect(zc_ioctl(z->fd, XW_IOC_ZC_RELEASE, (uint64_t)((const uint8_t *)msg - z->rx), 0, 0),
		       -EINVAL, "release twice");
	}
	xw_zc_unmap(z);
	close(fd);
}

static void bad_maps(struct xw_zc *z)
{
	void *p;

	/* The receive area is the secure side's: read-only, for good. */
	p = mmap(NULL, z->rx_size, PROT_READ | PROT_WRITE, MAP_SHARED, z->fd, XW_ZC_MMAP_RX);
	expect(p == MAP_FAILED ? -errno : 0, -EPERM, "map the receive area writable");
	CHECK(p == MAP_FAILED, "writable receive mapping");
	expect(mprotect((void *)z->rx, 4096, PROT_READ | PROT_WRITE) ? -errno : 0, -EACCES,
	       "mprotect the receive area writable");
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, z->fd, XW_ZC_MMAP_RX);
	expect(p == MAP_FAILED ? -errno : 0, -EINVAL, "a private mapping");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, z->fd, 4096 * 7);
	expect(p == MAP_FAILED ? -errno : 0, -EINVAL, "map at an unknown offset");
	p = mmap(NULL, z->tx_size + 4096, PROT_READ | PROT_WRITE, MAP_SHARED, z->fd, XW_ZC_MMAP_TX);
	expect(p == MAP_FAILED ? -errno : 0, -EINVAL, "map more than the send area");
	if (p != MAP_FAILED)
		munmap(p, z->tx_size + 4096);
}

struct big_reader {
	int fd;
	size_t n;
	uint8_t *back;
	ssize_t got;
};

static void *read_big(void *arg)
{
	struct big_reader *br = arg;

	br->got = xw_recv(br->fd, br->back, br->n);
	return NULL;
}

static void bad_setup(struct xw_zc *z)
{
	void *buf, *p;
	int fd;

	/* A fresh descriptor: no zero-copy before setup; none after the library used the area. */
	fd = open(XW_DEVICE, O_RDWR);
	expect(zc_ioctl(fd, XW_IOC_ZC_GET, 0, 64, 0), -ENOTCONN, "reserve on an unbound descriptor");
	close(fd);
	fd = xw_open("echo", 0);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, XW_ZC_MMAP_TX);
	expect(p == MAP_FAILED ? -errno : 0, -EINVAL, "map the send area before setup");
	expect(zc_ioctl(fd, XW_IOC_ZC_GET, 0, 64, 0), -EINVAL, "reserve before setup");
	{
		size_t n = 1 << 20;
		uint8_t *big = calloc(1, n);
		struct xw_ioc_zc_setup s;

		CHECK(xw_send(fd, big, n) == (ssize_t)n && xw_recv(fd, big, n) == (ssize_t)n,
		      "1 MiB by write()");
		expect(ioctl(fd, XW_IOC_ZC_SETUP, &s) ? -errno : 0, -EBUSY,
		       "setup after write() used the area");
		free(big);
	}
	close(fd);

	/* Reservations alone fill the area: no wait that could never end. */
	if (xw_send_buf_get(z, z->tx_size, &buf) == 0) {
		expect(xw_send_buf_get(z, 4096, &p), -ENOSPC, "reserve while reservations fill the area");
		{
			/*
			 * write() meanwhile streams through the ring instead of failing
			 * (a reader thread: echo's reply streams back as it goes).
			 */
			struct big_reader br = { .fd = z->fd, .n = 1 << 20 };
			uint8_t *big = malloc(br.n);
			pthread_t th;

			br.back = calloc(1, br.n);
			fill(big, br.n, 31);
			pthread_create(&th, NULL, read_big, &br);
			CHECK(xw_send(z->fd, big, br.n) == (ssize_t)br.n,
			      "write() while the area is reserved");
			pthread_join(th, NULL);
			CHECK(br.got == (ssize_t)br.n && same(br.back, br.n, 31), "its reply");
			printf("xw-zctest: write() while reservations fill the area: %s\n",
			       br.got == (ssize_t)br.n && same(br.back, br.n, 31) ?
				       "ok (through the ring)" : "FAILED");
			free(big);
			free(br.back);
		}
		expect(xw_send_buf_cancel(z, buf), 0, "cancel");
		expect(xw_send_buf_cancel(z, buf), -EINVAL, "cancel twice");
	}
}

/* A piece outstanding either way when the mapping, then the descriptor, goes. */
static void teardown(void)
{
	struct xw_ioc_stats st0, st1;
	struct xw_zc z;
	const void *msg;
	void *buf;
	int fd = xw_open("echo", 0), ok = 0;

	CHECK(fd >= 0 && ioctl(fd, XW_IOC_STATS, &st0) == 0, "open");
	CHECK(xw_zc_map(fd, &z) == 0, "map");
	if (xw_send_buf_get(&z, 1 << 20, &buf) == 0 && xw_send_buf_commit(&z, buf, 1 << 20) == 0 &&
	    xw_recv_zc(&z, &msg) == 1 << 20 && xw_send_buf_get(&z, 4096, &buf) == 0) {
		/* One message held, one piece reserved: unmap, then release still works. */
		uint64_t off = (uint64_t)((const uint8_t *)msg - z.rx);

		xw_zc_unmap(&z);
		ok = zc_ioctl(fd, XW_IOC_ZC_RELEASE, off, 0, 0) == 0;
		CHECK(ok, "release after munmap");
		/* Hold another, and close with it and the reservation outstanding. */
		CHECK(xw_zc_map(fd, &z) == 0, "map again");
		CHECK(round_trip(&z, 4096, 9, NULL) == 0, "after remapping");
		if (xw_send_buf_get(&z, 1 << 19, &buf) == 0 && xw_send_buf_commit(&z, buf, 1 << 19) == 0)
			CHECK(xw_recv_zc(&z, &msg) == 1 << 19, "held at close");
		xw_zc_unmap(&z);
	}
	close(fd);
	/* The region went back to the secure side. */
	fd = xw_open("echo", 0);
	CHECK(fd >= 0 && ioctl(fd, XW_IOC_STATS, &st1) == 0 && st1.sec_regions == st0.sec_regions,
	      "secure regions %llu after close, %llu before", (unsigned long long)st1.sec_regions,
	      (unsigned long long)st0.sec_regions);
	close(fd);
	printf("xw-zctest: munmap and close with pieces outstanding: %s\n", ok ? "ok" : "FAILED");
}

/* Two threads on one descriptor: one sends in place, the other reads the echoes in place. */
#define THREAD_MSGS 200
static void *receiver(void *arg)
{
	struct xw_zc *z = arg;
	const void *msg;

	for (uint32_t i = 0; i < THREAD_MSGS; i++) {
		size_t n = (size_t)(i % 7 + 1) * 65536;
		ssize_t got = xw_recv_zc(z, &msg);

		CHECK(got == (ssize_t)n && same(msg, n, 1000 + i), "thread reply %u", i);
		if (got < 0)
			break;
		xw_recv_release(z, msg);
	}
	return NULL;
}

static void threads(struct xw_zc *z)
{
	int f0 = failed;
	pthread_t th;
	void *buf;

	pthread_create(&th, NULL, receiver, z);
	for (uint32_t i = 0; i < THREAD_MSGS; i++) {
		size_t n = (size_t)(i % 7 + 1) * 65536;

		if (xw_send_buf_get(z, n, &buf)) {
			CHECK(0, "thread get %u", i);
			break;
		}
		fill(buf, n, 1000 + i);
		CHECK(xw_send_buf_commit(z, buf, n) == 0, "thread commit %u", i);
	}
	pthread_join(th, NULL);
	printf("xw-zctest: two threads, one descriptor, %d messages: %s\n", THREAD_MSGS,
	       failed != f0 ? "FAILED" : "ok");
}

/* A fork()ed child shares the descriptor and the mapping: its message reaches the parent. */
static void forked(struct xw_zc *z)
{
	int f0 = failed;
	const void *msg;
	int st = 1;
	pid_t pid = fork();

	if (pid == 0) {
		void *buf;

		if (xw_send_buf_get(z, 200000, &buf))
			_exit(1);
		fill(buf, 200000, 4242);
		_exit(xw_send_buf_commit(z, buf, 200000) ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child");
	CHECK(xw_recv_zc(z, &msg) == 200000 && same(msg, 200000, 4242), "the child's message");
	if (msg)
		xw_recv_release(z, msg);
	printf("xw-zctest: fork: the child's message: %s\n", failed != f0 ? "FAILED" : "ok");
}

int main(void)
{
	struct xw_zc z;
	int fd = xw_open("echo", 0), rc;

	if (fd < 0) {
		fprintf(stderr, "xw-zctest: echo: %s\n", xw_strerror(fd));
		return 1;
	}
	rc = xw_zc_map(fd, &z);
	if (rc || z.tx_size < (1u << 20) || z.rx_size < (1u << 20)) {
		fprintf(stderr, "xw-zctest: map: %s (areas %zu, %zu)\n", xw_strerror(rc), z.tx_size,
			z.rx_size);
		return 1;
	}
	printf("xw-zctest: areas: send %zu B, receive %zu B\n", z.tx_size, z.rx_size);
	sizes(&z);
	mixed(&z);
	bad_calls(&z);
	threads(&z);
	forked(&z);
	teardown();
	xw_zc_unmap(&z);
	xw_close(fd);
	printf("xw-zctest: %s\n", failed ? "FAILED" : "all passed");
	return failed;
}
