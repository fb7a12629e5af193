// SPDX-License-Identifier: BSD-2-Clause
/* Hosted channel hooks: eventfd doorbells, monotonic clock, memfd regions. */
#include <errno.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "xw_host.h"

uint64_t xw_host_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void host_notify(void *ctx, unsigned ev)
{
	struct xw_host_end *e = ctx;
	uint64_t one = 1;

	/* An eventfd counter saturating is impossible at our rates; a failure here is a dead peer fd, ignored. */
	if (write(e->peer[ev & 1], &one, sizeof(one)) < 0)
		return;
}

static int host_wait(void *ctx, unsigned ev, uint64_t timeout_ns)
{
	struct xw_host_end *e = ctx;
	struct pollfd p[2] = {
		{ .fd = e->own[ev & 1], .events = POLLIN },
		{ .fd = e->peer_gone_fd, .events = POLLIN },
	};
	struct timespec ts, *tp = NULL;
	uint64_t v;
	int n;

	if (timeout_ns != XW_CHAN_FOREVER) {
		ts.tv_sec = (time_t)(timeout_ns / 1000000000u);
		ts.tv_nsec = (long)(timeout_ns % 1000000000u);
		tp = &ts;
	}
	do {
		n = ppoll(p, e->peer_gone_fd >= 0 ? 2 : 1, tp, NULL);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return XW_EIO;
	if (p[0].revents & POLLIN) {
		/* Consume the count: the library re-checks the ring, so merged wake-ups lose nothing. */
		if (read(e->own[ev & 1], &v, sizeof(v)) < 0 && errno != EAGAIN)
			return XW_EIO;
		return 0;
	}
	if (n > 0 && (p[1].revents & (POLLIN | POLLHUP)))
		return XW_EPIPE;
	return XW_ETIMEDOUT;
}

static uint64_t host_now(void *ctx)
{
	(void)ctx;
	return xw_host_now_ns();
}

/*
 * Asymmetric fences (docs/channel.md "Asymmetric fences"): both ends are
 * processes of this OS, so the end about to sleep can make the peer's threads
 * execute the full barrier its publish would otherwise pay on every message.
 * MEMBARRIER_CMD_GLOBAL_EXPEDITED reaches the running threads of every process
 * registered for it; a thread not running passed a context switch, a full
 * barrier. Registered at every open, not once per process: a forked child
 * need not inherit the registration, and registering again is harmless.
 */
static int host_fence_setup(void *ctx)
{
	(void)ctx;
	return syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0, 0) == 0 ? 0
											     : XW_ENOSYS;
}

static int host_fence_peer(void *ctx)
{
	(void)ctx;
	return syscall(SYS_membarrier, MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0, 0) == 0 ? 0 : XW_EIO;
}

const struct xw_chan_ops xw_host_ops = {
	.notify = host_notify,
	.wait = host_wait,
	.now_ns = host_now,
	.fence_setup = host_fence_setup,
	.fence_peer = host_fence_peer,
	.spin_ns = XW_HOST_SPIN_NS,
};

int xw_host_bells_create(struct xw_host_bells *b)
{
	int i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			b->efd[i][j] = -1;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			b->efd[i][j] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
			if (b->efd[i][j] < 0) {
				xw_host_bells_destroy(b);
				return XW_ENOMEM;
			}
		}
	return XW_OK;
}

void xw_host_bells_destroy(struct xw_host_bells *b)
{
	int i, j;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++)
			if (b->efd[i][j] >= 0) {
				close(b->efd[i][j]);
				b->efd[i][j] = -1;
			}
}

void xw_host_end_init(struct xw_host_end *e, const struct xw_host_bells *b, unsigned end)
{
	unsigned ev;

	for (ev = 0; ev < 2; ev++) {
		e->own[ev] = b->efd[end & 1][ev];
		e->peer[ev] = b->efd[!(end & 1)][ev];
	}
	e->peer_gone_fd = -1;
}

void *xw_host_region_create(size_t size, int *fd)
{
	void *p;
	int f = memfd_create("xw-ns-ram", MFD_ALLOW_SEALING);

	if (f < 0)
		return NULL;
	/*
	 * Both worlds hold this fd. Shrunk by the normal process, the secure
	 * process's accesses past the new end would be SIGBUS: a peer could kill
	 * it with one ftruncate. So the size is sealed once set (grow too: the
	 * size is fixed, each world maps what was created), and F_SEAL_SEAL keeps
	 * the peer from adding seals of its own (a write seal would stop the
	 * secure side mapping the region writable).
	 */
	if (ftruncate(f, (off_t)size) < 0 ||
	    fcntl(f, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) < 0) {
		close(f);
		return NULL;
	}
	p = xw_host_region_map(f, size);
	if (!p) {
		close(f);
		return NULL;
	}
	*fd = f;
	return p;
}

void *xw_host_region_map(int fd, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

void xw_host_region_unmap(void *base, size_t size)
{
	munmap(base, size);
}
