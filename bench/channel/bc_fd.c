// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contenders: a pair of pipes (one per direction) and a UNIX stream socket
 * pair. Both always block in the kernel (the classic way two processes talk);
 * a message is written and read whole, looping over short transfers. The pipe
 * is given the same buffering as the channel ring (F_SETPIPE_SZ); the socket
 * keeps the kernel's default buffer.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bc.h"

struct fd_ctx {
	int fd[4];      /* pipe: [0]/[1] parent -> child, [2]/[3] child -> parent; unix: [0],[1] */
	int rd, wr;     /* this side's ends after attach */
	bool is_pipe;
};

static void *fd_setup(bool is_pipe)
{
	struct fd_ctx *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->is_pipe = is_pipe;
	if (is_pipe) {
		if (pipe(c->fd) || pipe(c->fd + 2)) {
			free(c);
			return NULL;
		}
		fcntl(c->fd[1], F_SETPIPE_SZ, (int)BC_RING_BYTES);
		fcntl(c->fd[3], F_SETPIPE_SZ, (int)BC_RING_BYTES);
	} else if (socketpair(AF_UNIX, SOCK_STREAM, 0, c->fd)) {
		free(c);
		return NULL;
	}
	return c;
}

static void *pipe_setup(size_t msg)
{
	(void)msg;
	return fd_setup(true);
}

static void *unix_setup(size_t msg)
{
	(void)msg;
	return fd_setup(false);
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
	free(c);
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
