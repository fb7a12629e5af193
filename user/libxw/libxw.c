// SPDX-License-Identifier: BSD-2-Clause
/*
 * libxw (xw.h): thin, checked wrappers of /dev/xworld's read/write/ioctls, so
 * that tools and programs share one way of opening a service by name, moving
 * whole messages, batches, and reporting errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../../linux/xworld/xworld_ioctl.h"
#include "xw.h"

_Static_assert(XW_MSG_MAX == XW_IOC_MSG_MAX, "libxw and the driver agree on the largest message");
_Static_assert(XW_SVC_NAME_LEN == XW_SVC_NAME_MAX, "service name length");

static int neg_errno(void)
{
	return errno ? -errno : -EIO;
}

int xw_open(const char *service, unsigned flags)
{
	struct xw_ioc_bind b;
	int fd, rc;

	if (!service || strlen(service) > XW_SVC_NAME_LEN - 1 || (flags & ~(XW_O_NONBLOCK | XW_O_NODELAY)))
		return service && strlen(service) > XW_SVC_NAME_LEN - 1 ? -ENOENT : -EINVAL;
	fd = open(XW_DEVICE, O_RDWR | O_CLOEXEC | ((flags & XW_O_NONBLOCK) ? O_NONBLOCK : 0));
	if (fd < 0)
		return neg_errno();
	memset(&b, 0, sizeof(b));
	memcpy(b.name, service, strlen(service));
	if (ioctl(fd, XW_IOC_BIND, &b) != 0 ||
	    ((flags & XW_O_NODELAY) && ioctl(fd, XW_IOC_NODELAY, &(uint32_t){ 1 }) != 0)) {
		rc = neg_errno();
		close(fd);
		return rc;
	}
	return fd;
}

int xw_close(int fd)
{
	return close(fd) ? neg_errno() : 0;
}

int xw_services(char names[][XW_SVC_NAME_LEN + 1], int max)
{
	struct xw_ioc_svc s;
	int fd = open(XW_DEVICE, O_RDWR | O_CLOEXEC), i;

	if (fd < 0)
		return neg_errno();
	for (i = 0;; i++) {
		memset(&s, 0, sizeof(s));
		s.index = (uint32_t)i;
		if (ioctl(fd, XW_IOC_SVC, &s) != 0)
			break;
		if (i < max) {
			memcpy(names[i], s.name, XW_SVC_NAME_LEN);
			names[i][XW_SVC_NAME_LEN] = 0;
		}
	}
	close(fd);
	return i;
}

ssize_t xw_send(int fd, const void *buf, size_t len)
{
	ssize_t n;

	if (len > XW_MSG_MAX)
		return -EMSGSIZE;
	n = write(fd, buf, len);
	if (n < 0)
		return neg_errno();
	return n == (ssize_t)len ? n : -EIO; /* the driver moves whole messages */
}

ssize_t xw_recv(int fd, void *buf, size_t cap)
{
	ssize_t n = read(fd, buf, cap);

	return n < 0 ? neg_errno() : n;
}

ssize_t xw_next_len(int fd)
{
	struct xw_ioc_stats st;

	if (ioctl(fd, XW_IOC_STATS, &st) != 0)
		return neg_errno();
	return st.next_len == ~0ull ? -EAGAIN : (ssize_t)st.next_len;
}

ssize_t xw_recv_alloc(int fd, void **buf)
{
	size_t cap = 4096;
	ssize_t n, need;
	void *b;

	*buf = NULL;
	for (;;) {
		b = malloc(cap ? cap : 1);
		if (!b)
			return -ENOMEM;
		n = xw_recv(fd, b, cap);
		if (n != -EMSGSIZE)
			break;
		/* Nothing was consumed: the driver knows the size the message needs. */
		free(b);
		need = xw_next_len(fd);
		if (need < 0)
			return need;
		cap = (size_t)need;
	}
	if (n < 0) {
		free(b);
		return n;
	}
	*buf = b;
	return n;
}

static int batch(int fd, unsigned long req, struct iovec *iov, unsigned n, int recv)
{
	struct xw_ioc_msg *m;
	struct xw_ioc_batch b;
	unsigned i;
	int rc;

	if (n == 0 || n > XW_IOC_BATCH_MAX)
		return -EINVAL;
	m = calloc(n, sizeof(*m));
	if (!m)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		m[i].buf = (uintptr_t)iov[i].iov_base;
		m[i].len = iov[i].iov_len;
	}
	b.msgs = (uintptr_t)m;
	b.count = n;
	b.done = 0;
	rc = ioctl(fd, req, &b) != 0 ? neg_errno() : (int)b.done;
	if (recv && rc >= 0) {
		for (i = 0; i < b.done; i++)
			iov[i].iov_len = (size_t)m[i].len;
	}
	free(m);
	return rc;
}

int xw_sendv(int fd, const struct iovec *iov, unsigned n)
{
	return batch(fd, XW_IOC_SENDV, (struct iovec *)iov, n, 0);
}

int xw_recvv(int fd, struct iovec *iov, unsigned n)
{
	return batch(fd, XW_IOC_RECVV, iov, n, 1);
}

int xw_set_nodelay(int fd, int on)
{
	uint32_t v = on ? 1 : 0;

	return ioctl(fd, XW_IOC_NODELAY, &v) ? neg_errno() : 0;
}

int xw_wait(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int rc = poll(&p, 1, timeout_ms);

	if (rc < 0)
		return neg_errno();
	if (rc && (p.revents & (POLLERR | POLLHUP)))
		return -EPIPE;
	return rc ? 1 : 0;
}

/* --- zero-copy ---------------------------------------------------------- */

int xw_zc_map(int fd, struct xw_zc *z)
{
	struct xw_ioc_zc_setup s;
	void *p;
	int rc;

	memset(z, 0, sizeof(*z));
	z->fd = fd;
	if (ioctl(fd, XW_IOC_ZC_SETUP, &s) != 0)
		return neg_errno();
	if (s.tx_size) {
		p = mmap(NULL, s.tx_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, XW_ZC_MMAP_TX);
		if (p == MAP_FAILED)
			return neg_errno();
		z->tx = p;
		z->tx_size = s.tx_size;
	}
	if (s.rx_size) {
		p = mmap(NULL, s.rx_size, PROT_READ, MAP_SHARED, fd, XW_ZC_MMAP_RX);
		if (p == MAP_FAILED) {
			rc = neg_errno();
			xw_zc_unmap(z);
			return rc;
		}
		z->rx = p;
		z->rx_size = s.rx_size;
	}
	return 0;
}

void xw_zc_unmap(struct xw_zc *z)
{
	if (z->tx)
		munmap(z->tx, z->tx_size);
	if (z->rx)
		munmap((void *)z->rx, z->rx_size);
	z->tx = NULL;
	z->rx = NULL;
	z->tx_size = z->rx_size = 0;
}

int xw_send_buf_get(struct xw_zc *z, size_t len, void **buf)
{
	struct xw_ioc_zc_buf b = { .len = len };

	*buf = NULL;
	if (!z->tx)
		return -EINVAL;
	if (len > z->tx_size)
		return -EMSGSIZE;
	if (ioctl(z->fd, XW_IOC_ZC_GET, &b) != 0)
		return neg_errno();
	*buf = z->tx + b.off;
	return 0;
}

/* The area offset of a pointer into the send area (the driver checks it again). */
static int tx_off(struct xw_zc *z, const void *buf, __u64 *off)
{
	const uint8_t *p = buf;

	if (!z->tx || p < z->tx || p >= z->tx + z->tx_size)
		return -EINVAL;
	*off = (__u64)(p - z->tx);
	return 0;
}

int xw_send_buf_commit(struct xw_zc *z, void *buf, size_t len)
{
	struct xw_ioc_zc_buf b = { .len = len };
	int rc = tx_off(z, buf, &b.off);

	if (rc)
		return rc;
	return ioctl(z->fd, XW_IOC_ZC_COMMIT, &b) ? neg_errno() : 0;
}

int xw_send_buf_cancel(struct xw_zc *z, void *buf)
{
	struct xw_ioc_zc_buf b = { 0 };
	int rc = tx_off(z, buf, &b.off);

	if (rc)
		return rc;
	return ioctl(z->fd, XW_IOC_ZC_CANCEL, &b) ? neg_errno() : 0;
}

/* What xw_recv_zc() hands out for an empty message (nothing held, nothing to free). */
static const uint8_t zc_empty[1];

ssize_t xw_recv_zc(struct xw_zc *z, const void **msg)
{
	struct xw_ioc_zc_buf b = { 0 };
	void *copy;
	ssize_t n;

	*msg = NULL;
	if (!z->rx)
		return -EINVAL;
	if (ioctl(z->fd, XW_IOC_ZC_RECV, &b) != 0)
		return neg_errno();
	if (b.flags == XW_ZC_HELD) {
		if (b.len == 0) {
			*msg = zc_empty;
			return 0;
		}
		/* The driver checked off/len against the area; a mismatch here would be its bug. */
		if (b.off > z->rx_size || b.len > z->rx_size - b.off)
			return -EIO;
		*msg = z->rx + b.off;
		return (ssize_t)b.len;
	}
	/* It came through the ring (small, or in pieces): one copy, as xw_recv() makes. */
	n = xw_recv_alloc(z->fd, &copy);
	if (n >= 0)
		*msg = copy;
	return n;
}

int xw_recv_release(struct xw_zc *z, const void *msg)
{
	const uint8_t *p = msg;
	struct xw_ioc_zc_buf b = { 0 };

	if (!msg)
		return -EINVAL;
	if (p == zc_empty)
		return 0;
	if (!z->rx || p < z->rx || p >= z->rx + z->rx_size) {
		free((void *)p); /* a copy xw_recv_zc() allocated */
		return 0;
	}
	b.off = (uint64_t)(p - z->rx);
	return ioctl(z->fd, XW_IOC_ZC_RELEASE, &b) ? neg_errno() : 0;
}

const char *xw_strerror(int err)
{
	switch (-err) {
	case ENOENT: return "no such service";
	case EBUSY: return "the service has no room for another channel";
	case EMSGSIZE: return "message larger than the buffer (or than 64 MiB)";
	case EPIPE: return "the channel is broken";
	case ENODEV: return "no secure firmware with channels";
	default: return strerror(-err);
	}
}
