// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contenders: a pair of pipes (one per direction) and a UNIX stream socket
 * pair. Both always block in the kernel (the classic way two processes talk);
 * a message is written and read whole, looping over short transfers. The pipe
 * is given the same buffering as the channel ring (F_SETPIPE_SZ); the socket
 * keeps the kernel's default buffer.
 *
 * "pipe-writev16" and "unix-writev16" are the same descriptors used the way a
 * batching writer uses them, the anchors of channel-batch16: the sender gathers
 * BC_BATCH messages and hands them to the kernel in one writev(), the receiver
 * reads whatever is there (up to BC_BATCH messages) in one read() and hands it
 * out message by message. One system call per side per batch, as the channel's
 * batched sender pays one publish per batch. (writev rather than sendmmsg on
 * the socket: it is a stream socket, where sendmmsg is only a loop of sendmsg
 * calls inside the kernel and gathers nothing more.)
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "bc.h"

struct fd_ctx {
	int fd[4];      /* pipe: [0]/[1] parent -> child, [2]/[3] child -> parent; unix: [0],[1] */
	int rd, wr;     /* this side's ends after attach */
	bool is_pipe;
	/* Batched variants only (batch != 0): */
	unsigned batch, staged;   /* messages per writev; messages waiting in tx */
	size_t msg;
	uint8_t *tx, *rx;         /* batch * msg bytes each */
	size_t rx_off, rx_len;    /* unread bytes are rx[rx_off .. rx_len) */
};

static void fd_free(struct fd_ctx *c)
{
	free(c->tx);
	free(c->rx);
	free(c);
}

static void *fd_setup(bool is_pipe, size_t msg, unsigned batch)
{
	struct fd_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->is_pipe = is_pipe;
	if (batch) {
		c->batch = batch;
		c->msg = msg;
		c->tx = malloc(batch * msg);
		c->rx = malloc(batch * msg);
		if (!c->tx || !c->rx) {
			fd_free(c);
			return NULL;
		}
	}
	if (is_pipe) {
		if (pipe(c->fd) || pipe(c->fd + 2)) {
			fd_free(c);
			return NULL;
		}
		fcntl(c->fd[1], F_SETPIPE_SZ, (int)BC_RING_BYTES);
		fcntl(c->fd[3], F_SETPIPE_SZ, (int)BC_RING_BYTES);
	} else if (socketpair(AF_UNIX, SOCK_STREAM, 0, c->fd)) {
		fd_free(c);
		return NULL;
	}
	return c;
}

static void *pipe_setup(size_t msg)
{
	return fd_setup(true, msg, 0);
}

static void *unix_setup(size_t msg)
{
	return fd_setup(false, msg, 0);
}

static void *pipe_batch_setup(size_t msg)
{
	return fd_setup(true, msg, BC_BATCH);
}

static void *unix_batch_setup(size_t msg)
{
	return fd_setup(false, msg, BC_BATCH);
}

static int fd_attach(void *ctx, int side)
{
	struct fd_ctx *c = ctx;

	if (c->is_pipe) {
		c->wr = side ? c->fd[3] : c->fd[1];
		c->rd = side ? c->fd[0] : c->fd[2];
	} else {
		c->wr = c->rd = c->fd[side];
	}
	return 0;
}

static int fd_send(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct fd_ctx *c = ctx;
	const char *p = buf;

	(void)w;
	while (len) {
		ssize_t n = write(c->wr, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fd_recv(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct fd_ctx *c = ctx;
	char *p = buf;

	(void)w;
	while (len) {
		ssize_t n = read(c->rd, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Everything staged, in one writev (then plain writes for what a short one left). */
static int fd_push(struct fd_ctx *c)
{
	struct iovec iov[BC_BATCH];
	size_t total = (size_t)c->staged * c->msg, done;
	ssize_t n;
	unsigned i;

	if (!c->staged)
		return 0;
	for (i = 0; i < c->staged; i++)
		iov[i] = (struct iovec){ .iov_base = c->tx + (size_t)i * c->msg, .iov_len = c->msg };
	n = writev(c->wr, iov, (int)c->staged);
	if (n <= 0)
		return -1;
	c->staged = 0;
	/* The slots are contiguous: the rest of a short writev is one range. */
	for (done = (size_t)n; done < total; done += (size_t)n) {
		n = write(c->wr, c->tx + done, total - done);
		if (n <= 0)
			return -1;
	}
	return 0;
}

static int fd_batch_send(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct fd_ctx *c = ctx;

	(void)w;
	if (len != c->msg)
		return -1;
	/* The caller reuses buf for the next message: the batch keeps its own copy. */
	memcpy(c->tx + (size_t)c->staged * c->msg, buf, len);
	return ++c->staged == c->batch ? fd_push(c) : 0;
}

static int fd_batch_recv(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct fd_ctx *c = ctx;

	(void)w;
	if (len != c->msg)
		return -1;
	while (c->rx_len - c->rx_off < len) {
		ssize_t n;

		memmove(c->rx, c->rx + c->rx_off, c->rx_len - c->rx_off);
		c->rx_len -= c->rx_off;
		c->rx_off = 0;
		n = read(c->rd, c->rx + c->rx_len, (size_t)c->batch * c->msg - c->rx_len);
		if (n <= 0)
			return -1;
		c->rx_len += (size_t)n;
	}
	memcpy(buf, c->rx + c->rx_off, len);
	c->rx_off += len;
	return 0;
}

static int fd_batch_flush(void *ctx)
{
	return fd_push(ctx);
}

static void fd_detach(void *ctx)
{
	(void)ctx;
}

static void fd_teardown(void *ctx)
{
	struct fd_ctx *c = ctx;
	int i;

	for (i = 0; i < (c->is_pipe ? 4 : 2); i++)
		close(c->fd[i]);
	fd_free(c);
}

const struct bc_ops bc_pipe_ops = {
	.name = "pipe",
	.setup = pipe_setup,
	.attach = fd_attach,
	.send = fd_send,
	.recv = fd_recv,
	.detach = fd_detach,
	.teardown = fd_teardown,
};

const struct bc_ops bc_unix_ops = {
	.name = "unix",
	.setup = unix_setup,
	.attach = fd_attach,
	.send = fd_send,
	.recv = fd_recv,
	.detach = fd_detach,
	.teardown = fd_teardown,
};

const struct bc_ops bc_pipe_batch_ops = {
	.name = "pipe-writev16",
	.setup = pipe_batch_setup,
	.attach = fd_attach,
	.send = fd_batch_send,
	.recv = fd_batch_recv,
	.flush = fd_batch_flush,
	.detach = fd_detach,
	.teardown = fd_teardown,
};

const struct bc_ops bc_unix_batch_ops = {
	.name = "unix-writev16",
	.setup = unix_batch_setup,
	.attach = fd_attach,
	.send = fd_batch_send,
	.recv = fd_batch_recv,
	.flush = fd_batch_flush,
	.detach = fd_detach,
	.teardown = fd_teardown,
};
