// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hosted demo: the normal world sends a file through an echo service in the
 * secure world, once as a single message and once in 64 KiB pieces, and
 * checks that what comes back is identical. Exit 0 only if it is.
 *
 * usage: xw-demo <file>
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xw_launch.h"

#define SEC (1000000000ull)
#define CHUNK (64u << 10)

struct file {
	uint8_t *data;
	size_t len;
};

/* Echo service: whatever arrives goes back, until the normal world closes. */
static int secure_echo(struct xw_world *w, void *arg)
{
	struct xw_chan ch;
	uint8_t *buf = NULL;
	size_t cap = 0, len;
	uint64_t want, msgs = 0;
	int rc;

	(void)arg;
	if (xw_world_open(w, 0, &ch))
		return 2;
	for (;;) {
		rc = xw_chan_recv(&ch, buf, cap, &len, 30 * SEC, 0);
		if (rc == XW_EMSGSIZE) {
			/* Learn the length first, then size the buffer for it. */
			if (xw_chan_peek(&ch, &want) || want > SIZE_MAX)
				return 3;
			free(buf);
			cap = (size_t)want;
			buf = malloc(cap ? cap : 1);
			if (!buf)
				return 4;
			continue;
		}
		if (rc)
			break;
		if (xw_chan_send(&ch, buf, len, 30 * SEC, 0))
			return 5;
		msgs++;
	}
	printf("demo: secure echo service: %" PRIu64 " messages echoed, stopped with %d\n", msgs, rc);
	xw_chan_close(&ch);
	free(buf);
	return rc == XW_EPIPE ? 0 : 6;
}

static int normal_client(struct xw_world *w, void *arg)
{
	const struct file *f = arg;
	struct xw_chan ch;
	struct xw_chan_stats st;
	uint8_t *back = malloc(f->len ? f->len : 1);
	uint64_t t0 = xw_host_now_ns();
	size_t len, off;
	int rc;

	if (!back || xw_world_open(w, 0, &ch))
		return 2;
	/* 1: the whole file as one message (it streams through the ring in fragments). */
	rc = xw_chan_send(&ch, f->data, f->len, 30 * SEC, 0);
	if (!rc)
		rc = xw_chan_recv(&ch, back, f->len, &len, 30 * SEC, 0);
	if (rc || len != f->len || memcmp(back, f->data, f->len)) {
		printf("demo: FAIL whole-file echo (rc %d)\n", rc);
		return 1;
	}
	printf("demo: whole file (%zu B) as one message: echoed back identical\n", f->len);
	/* 2: in 64 KiB pieces. */
	memset(back, 0, f->len);
	for (off = 0; off < f->len; off += len) {
		size_t n = f->len - off < CHUNK ? f->len - off : CHUNK;

		rc = xw_chan_send(&ch, f->data + off, n, 30 * SEC, 0);
		if (!rc)
			rc = xw_chan_recv(&ch, back + off, n, &len, 30 * SEC, 0);
		if (rc || len != n) {
			printf("demo: FAIL chunk at %zu (rc %d)\n", off, rc);
			return 1;
		}
	}
	if (memcmp(back, f->data, f->len)) {
		printf("demo: FAIL chunked echo differs\n");
		return 1;
	}
	xw_chan_get_stats(&ch, &st);
	printf("demo: file in %u KiB pieces: echoed back identical\n", CHUNK >> 10);
	printf("demo: normal world sent %" PRIu64 " msgs / %" PRIu64 " B in %.3fs, doorbells %" PRIu64
	       ", suppressed %" PRIu64 ", errors %" PRIu64 "\n",
	       st.tx_msgs, st.tx_bytes, (xw_host_now_ns() - t0) / 1e9, st.notify_sent,
	       st.notify_suppressed, st.errors);
	xw_chan_close(&ch);
	free(back);
	return 0;
}

int main(int argc, char **argv)
{
	struct file f = { 0 };
	FILE *fp;
	long sz;
	int ss, sn, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <file>\n", argv[0]);
		return 2;
	}
	fp = fopen(argv[1], "rb");
	if (!fp || fseek(fp, 0, SEEK_END) || (sz = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET)) {
		perror(argv[1]);
		return 2;
	}
	f.len = (size_t)sz;
	f.data = malloc(f.len ? f.len : 1);
	if (!f.data || fread(f.data, 1, f.len, fp) != f.len) {
		fprintf(stderr, "%s: read failed\n", argv[1]);
		return 2;
	}
	fclose(fp);
	printf("demo: sending %s (%zu B) from the normal world to the secure echo service\n",
	       argv[1], f.len);
	fflush(stdout);
	rc = xw_launch(1, 256u << 10, secure_echo, normal_client, &f, 120, &ss, &sn);
	free(f.data);
	if (rc || ss || sn) {
		printf("demo: FAIL (launch %d, secure exit %d, normal exit %d)\n", rc, ss, sn);
		return 1;
	}
	printf("demo: PASS\n");
	return 0;
}
