/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libxw: the user library of /dev/xworld (docs/normal-world.md, "libxw").
 * A connection is a file descriptor bound to one secure service; it works
 * with poll()/select()/epoll like any descriptor (POLLIN: a message waits).
 * Every call returns >= 0 or a negative errno, never sets errno itself.
 *
 *   int fd = xw_open("echo", 0);
 *   xw_send(fd, "ping", 4);
 *   n = xw_recv(fd, buf, sizeof(buf));        // -EMSGSIZE: xw_recv_alloc()
 *   xw_close(fd);
 *
 * Messages are whole (0 bytes .. XW_MSG_MAX); a write() is one message. By
 * default the driver coalesces the doorbells of consecutive sends
 * (xw_set_nodelay() turns that off for this connection).
 */
#ifndef XW_LIBXW_H
#define XW_LIBXW_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define XW_MSG_MAX      (64ull << 20) /* = XW_IOC_MSG_MAX */
#define XW_SVC_NAME_LEN 24
#define XW_DEVICE       "/dev/xworld"

/* xw_open() flags. */
#define XW_O_NONBLOCK 1u /* sends and receives fail with -EAGAIN instead of waiting */
#define XW_O_NODELAY  2u /* a doorbell at every send (xw_set_nodelay) */

/*
 * xw_open() - a connection to SERVICE. Returns the descriptor, or -ENOENT (no
 * such service: xw_services() lists them), -EBUSY (the service has no room
 * for another channel), -ENODEV/-errno of open().
 */
int xw_open(const char *service, unsigned flags);
/* xw_close() - the channel goes; what was sent is delivered first. */
int xw_close(int fd);

/*
 * xw_services() - up to @max service names into @names (each NUL-terminated).
 * Returns how many there are (may exceed @max), or -errno.
 */
int xw_services(char names[][XW_SVC_NAME_LEN + 1], int max);

/* xw_send() - one whole message. @len or -errno (-EMSGSIZE above XW_MSG_MAX, -EPIPE). */
ssize_t xw_send(int fd, const void *buf, size_t len);
/*
 * xw_recv() - the next whole message into @buf. Its length, or -EMSGSIZE if
 * it is larger than @cap (nothing consumed: xw_next_len() / xw_recv_alloc()).
 */
ssize_t xw_recv(int fd, void *buf, size_t cap);
/* xw_next_len() - length of the waiting message, -EAGAIN if none (never waits). */
ssize_t xw_next_len(int fd);
/* xw_recv_alloc() - the next message into a malloc()ed buffer of its size (*buf). */
ssize_t xw_recv_alloc(int fd, void **buf);

/*
 * Batches: many whole messages in one system call (and at most one doorbell).
 * xw_sendv() sends @n messages in order (iov[i] each), xw_recvv() receives up
 * to @n, waiting only for the first, each into iov[i] (iov_len is updated to
 * the message's length). Both return how many moved, or -errno if none did.
 */
struct iovec;
int xw_sendv(int fd, const struct iovec *iov, unsigned n);
int xw_recvv(int fd, struct iovec *iov, unsigned n);

/* xw_set_nodelay() - 1: a doorbell at every send; 0: coalesced (default). */
int xw_set_nodelay(int fd, int on);
/* xw_wait() - until a message waits (1), @timeout_ms passes (0) or -errno; -1 = forever. */
int xw_wait(int fd, int timeout_ms);

/*
 * Zero-copy (docs/channel.md, "Zero-copy"): build a message in place in the
 * channel's send area, or read one in place in its receive area, instead of
 * xw_send()/xw_recv() copying it once. Pays for large messages (>= 64 KiB);
 * small ones go through the ring either way.
 *
 *   struct xw_zc z;
 *   xw_zc_map(fd, &z);
 *   xw_send_buf_get(&z, len, &p);  fill p[0..len);  xw_send_buf_commit(&z, p, len);
 *   n = xw_recv_zc(&z, &msg);      use msg[0..n);   xw_recv_release(&z, msg);
 *   xw_zc_unmap(&z);
 *
 * A reserved buffer is the caller's until commit or cancel (at most
 * tx_size bytes, several at once); after commit it is the driver's (do not
 * touch it). A received message stays valid, read-only, until its release;
 * one at a time per connection (xw_recv() gives -EBUSY meanwhile). Any
 * thread may call these; reservations and the held message belong to the
 * descriptor (shared with a fork()ed child).
 */
struct xw_zc {
	int fd;
	uint8_t *tx;            /* send area, read-write (NULL: none) */
	size_t tx_size;
	const uint8_t *rx;      /* receive area, read-only (NULL: none) */
	size_t rx_size;
};

/* xw_zc_map() - sets up zero-copy on @fd and maps both areas into *z. 0 or -errno. */
int xw_zc_map(int fd, struct xw_zc *z);
/* xw_zc_unmap() - unmaps (a held message or reservation stays the descriptor's). */
void xw_zc_unmap(struct xw_zc *z);
/*
 * xw_send_buf_get() - reserves @len (1..tx_size) bytes of the send area in *buf.
 * Waits while messages in flight fill it (-EAGAIN with XW_O_NONBLOCK);
 * -ENOSPC if uncommitted reservations fill it; -EMSGSIZE above tx_size.
 */
int xw_send_buf_get(struct xw_zc *z, size_t len, void **buf);
/* xw_send_buf_commit() - sends the first @len bytes of @buf (from xw_send_buf_get) as one message. */
int xw_send_buf_commit(struct xw_zc *z, void *buf, size_t len);
/* xw_send_buf_cancel() - gives @buf back unsent. */
int xw_send_buf_cancel(struct xw_zc *z, void *buf);
/*
 * xw_recv_zc() - the next whole message in *msg: its length or -errno. In
 * place when it came by reference (large messages), else in a malloc()ed copy;
 * either way xw_recv_release() ends it.
 */
ssize_t xw_recv_zc(struct xw_zc *z, const void **msg);
/* xw_recv_release() - done with @msg (from xw_recv_zc); -EINVAL if it is not the held one. */
int xw_recv_release(struct xw_zc *z, const void *msg);

/* xw_strerror() - what a negative return means, for messages. */
const char *xw_strerror(int err);

#endif
