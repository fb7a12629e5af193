// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contender: POSIX message queues, one per direction. Without CAP_SYS_RESOURCE
 * (containers) a queue is bounded by /proc/sys/fs/mqueue: msg_max messages
 * (Debian: 10) of at most msgsize_max bytes (8 KiB). Each queue gets as many
 * messages as fit in the channel's ring bytes within those limits, and a
 * message longer than msgsize_max goes as consecutive pieces of that size
 * (what an mq user has to do).
 *
 * "mq-bulk16", the anchor of channel-batch16, is the batching use of a queue:
 * the sender packs BC_BATCH messages (as many as fit in msgsize_max) into one
 * mq message, the receiver unpacks them: one mq_send and one mq_receive per
 * batch. POSIX queues have no call that moves several messages at once.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bc.h"

struct mq_ctx {
	mqd_t q[2];     /* [0] parent -> child, [1] child -> parent */
	mqd_t rd, wr;
	size_t piece;   /* largest mq message */
	/* mq-bulk16 only (per > 1): */
	size_t msg, per;          /* bench message size; bench messages per mq message */
	size_t staged;            /* bench messages waiting in tx */
	uint8_t *tx, *rx;         /* per * msg bytes each */
	size_t rx_off, rx_len;    /* unread bytes are rx[rx_off .. rx_len) */
};

static void mq_free(struct mq_ctx *c)
{
	free(c->tx);
	free(c->rx);
	free(c);
}

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

static void *mq_setup_batch(size_t msg, unsigned batch)
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
	c->msg = msg;
	c->per = 1;
	if (batch > 1 && msg <= (size_t)max_size) {
		c->per = (size_t)max_size / msg < batch ? (size_t)max_size / msg : batch;
		c->piece = c->per * msg;
		c->tx = malloc(c->piece);
		c->rx = malloc(c->piece);
		if (!c->tx || !c->rx) {
			mq_free(c);
			return NULL;
		}
	}
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
			mq_free(c);
			return NULL;
		}
	}
	return c;
}

static void *mq_setup(size_t msg)
{
	return mq_setup_batch(msg, 1);
}

static void *mq_bulk_setup(size_t msg)
{
	return mq_setup_batch(msg, BC_BATCH);
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

static int mq_push(struct mq_ctx *c)
{
	size_t n = c->staged * c->msg;

	c->staged = 0;
	return n && mq_send(c->wr, (const char *)c->tx, n, 0) ? -1 : 0;
}

static int mq_bulk_send(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct mq_ctx *c = ctx;

	if (c->per < 2)
		return mq_send_msg(ctx, buf, len, w);
	if (len != c->msg)
		return -1;
	/* The caller reuses buf for the next message: the batch keeps its own copy. */
	memcpy(c->tx + c->staged * c->msg, buf, len);
	return ++c->staged == c->per ? mq_push(c) : 0;
}

static int mq_bulk_recv(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct mq_ctx *c = ctx;

	if (c->per < 2)
		return mq_recv_msg(ctx, buf, len, w);
	if (len != c->msg)
		return -1;
	if (c->rx_off == c->rx_len) {
		ssize_t n = mq_receive(c->rd, (char *)c->rx, c->piece, NULL);

		/* A batch is whole messages: a flush may send fewer than per. */
		if (n <= 0 || (size_t)n % c->msg)
			return -1;
		c->rx_off = 0;
		c->rx_len = (size_t)n;
	}
	memcpy(buf, c->rx + c->rx_off, len);
	c->rx_off += len;
	return 0;
}

static int mq_bulk_flush(void *ctx)
{
	struct mq_ctx *c = ctx;

	return c->per < 2 ? 0 : mq_push(c);
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
	mq_free(c);
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

const struct bc_ops bc_mq_batch_ops = {
	.name = "mq-bulk16",
	.setup = mq_bulk_setup,
	.attach = mq_attach,
	.send = mq_bulk_send,
	.recv = mq_bulk_recv,
	.flush = mq_bulk_flush,
	.detach = mq_detach,
	.teardown = mq_teardown,
};
