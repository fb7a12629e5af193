// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contender: POSIX message queues, one per direction. Without CAP_SYS_RESOURCE
 * (containers) a queue is bounded by /proc/sys/fs/mqueue: msg_max messages
 * (Debian: 10) of at most msgsize_max bytes (8 KiB). Each queue gets as many
 * messages as fit in the channel's ring bytes within those limits, and a
 * message longer than msgsize_max goes as consecutive pieces of that size
 * (what an mq user has to do).
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bc.h"

struct mq_ctx {
	mqd_t q[2];     /* [0] parent -> child, [1] child -> parent */
	mqd_t rd, wr;
	size_t piece;   /* largest mq message */
};

static long sysctl_long(const char *path, long dflt)
{
	FILE *f = fopen(path, "r");
	long v = dflt;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = dflt;
		fclose(f);
	}
	return v;
}

static void *mq_setup(size_t msg)
{
	long max_msgs = sysctl_long("/proc/sys/fs/mqueue/msg_max", 10);
	long max_size = sysctl_long("/proc/sys/fs/mqueue/msgsize_max", 8192);
	struct mq_ctx *c = calloc(1, sizeof(*c));
	struct mq_attr a = { 0 };
	char name[64];
	int i;

	if (!c)
		return NULL;
	c->piece = msg < (size_t)max_size ? msg : (size_t)max_size;
	a.mq_msgsize = (long)c->piece;
	a.mq_maxmsg = (long)(BC_RING_BYTES / c->piece);
	a.mq_maxmsg = a.mq_maxmsg > max_msgs ? max_msgs : a.mq_maxmsg;
	for (i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "/xw-bench-%d-%d", (int)getpid(), i);
		c->q[i] = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &a);
		/* The descriptors survive fork; the name is not needed any more. */
		mq_unlink(name);
		if (c->q[i] == (mqd_t)-1) {
			if (i)
				mq_close(c->q[0]);
			free(c);
			return NULL;
		}
	}
	return c;
}

static int mq_attach(void *ctx, int side)
{
	struct mq_ctx *c = ctx;

	c->wr = c->q[side];
	c->rd = c->q[!side];
	return 0;
}

static int mq_send_msg(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct mq_ctx *c = ctx;

	const char *p = buf;
	size_t n;

	(void)w;
	for (; len; p += n, len -= n) {
		n = len < c->piece ? len : c->piece;
		if (mq_send(c->wr, p, n, 0))
			return -1;
	}
	return 0;
}

static int mq_recv_msg(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct mq_ctx *c = ctx;

	char *p = buf;
	size_t n;

	(void)w;
	for (; len; p += n, len -= n) {
		n = len < c->piece ? len : c->piece;
		if (mq_receive(c->rd, p, c->piece, NULL) != (ssize_t)n)
			return -1;
	}
	return 0;
}

static void mq_detach(void *ctx)
{
	(void)ctx;
}

static void mq_teardown(void *ctx)
{
	struct mq_ctx *c = ctx;

	mq_close(c->q[0]);
	mq_close(c->q[1]);
	free(c);
}

const struct bc_ops bc_mq_ops = {
	.name = "mq",
	.setup = mq_setup,
	.attach = mq_attach,
	.send = mq_send_msg,
	.recv = mq_recv_msg,
	.detach = mq_detach,
	.teardown = mq_teardown,
};
