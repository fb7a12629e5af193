// SPDX-License-Identifier: BSD-2-Clause
/*
 * Two-process stress: the secure and the normal world exchange messages on
 * several channels in both directions at once (one sender and one receiver
 * thread per channel and world). Every message is checked (msggen.h); the
 * run fails on any lost, duplicated, reordered or corrupted message, on a
 * channel error, or on a hang (bounded waits, launcher timeout).
 *
 * usage: stress [total_msgs [nchan [ring_bytes]]]
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../host/xw_launch.h"
#include "msggen.h"

#define RECV_TIMEOUT_NS (60ull * 1000000000ull)

struct cfg {
	uint64_t per_stream;
	unsigned nchan;
};

struct worker {
	struct xw_chan ch;
	unsigned world, chan;
	uint64_t count;
	int fail;
	pthread_t tx, rx;
};

static uint64_t stream_id(unsigned world, unsigned chan)
{
	return (uint64_t)world << 8 | chan;
}

static void *tx_main(void *arg)
{
	struct worker *w = arg;
	uint8_t *buf = malloc(MSGGEN_MAX);
	uint64_t s = stream_id(w->world, w->chan), i;

	for (i = 0; buf && i < w->count; i++) {
		size_t n = mg_len(s, i);
		int rc;

		mg_fill(buf, n, s, i);
		/* Batch small messages: publish at least every 16th and on the last. */
		rc = xw_chan_send(&w->ch, buf, n, RECV_TIMEOUT_NS,
				  (i % 16 != 15 && i + 1 < w->count) ? XW_CHAN_MORE : 0);
		if (rc) {
			fprintf(stderr, "world %u chan %u: send %" PRIu64 " failed: %d\n", w->world,
				w->chan, i, rc);
			w->fail = 1;
			break;
		}
	}
	xw_chan_flush(&w->ch);
	free(buf);
	return NULL;
}

static void *rx_main(void *arg)
{
	struct worker *w = arg;
	uint8_t *buf = malloc(MSGGEN_MAX);
	uint64_t s = stream_id(!w->world, w->chan), i;
	size_t len;
	int rc;

	for (i = 0; buf && i < w->count; i++) {
		rc = xw_chan_recv(&w->ch, buf, MSGGEN_MAX, &len, RECV_TIMEOUT_NS, 0);
		if (rc) {
			fprintf(stderr, "world %u chan %u: recv %" PRIu64 " failed: %d\n", w->world,
				w->chan, i, rc);
			w->fail = 1;
			break;
		}
		rc = mg_check(buf, len, s, i);
		if (rc) {
			fprintf(stderr, "world %u chan %u: message %" PRIu64 " (len %zu) bad: %d\n",
				w->world, w->chan, i, len, rc);
			w->fail = 1;
			break;
		}
	}
	free(buf);
	return NULL;
}

/* After all messages: nothing more may arrive; the peer's close shows as XW_EPIPE. */
static int expect_end(struct worker *w)
{
	uint8_t b[16];
	size_t len;
	int rc = xw_chan_recv(&w->ch, b, sizeof(b), &len, RECV_TIMEOUT_NS, 0);

	if (rc != XW_EPIPE) {
		fprintf(stderr, "world %u chan %u: expected end of stream, got %d\n", w->world, w->chan,
			rc);
		return 1;
	}
	return 0;
}

static int world_main(struct xw_world *wd, void *arg)
{
	const struct cfg *c = arg;
	struct worker *w = calloc(c->nchan, sizeof(*w));
	struct xw_chan_stats st, tot = { 0 };
	uint64_t t0 = xw_host_now_ns();
	unsigned i;
	int fail = 0;

	for (i = 0; i < c->nchan; i++) {
		w[i].world = wd->end;
		w[i].chan = i;
		w[i].count = c->per_stream;
		if (xw_world_open(wd, i, &w[i].ch))
			return 2;
		pthread_create(&w[i].tx, NULL, tx_main, &w[i]);
		pthread_create(&w[i].rx, NULL, rx_main, &w[i]);
	}
	for (i = 0; i < c->nchan; i++) {
		pthread_join(w[i].tx, NULL);
		pthread_join(w[i].rx, NULL);
	}
	/* Everything we expected arrived; tell the peer we are done, then see it finish too. */
	for (i = 0; i < c->nchan; i++) {
		xw_chan_get_stats(&w[i].ch, &st);
		tot.tx_msgs += st.tx_msgs;
		tot.tx_bytes += st.tx_bytes;
		tot.rx_msgs += st.rx_msgs;
		tot.rx_bytes += st.rx_bytes;
		tot.notify_sent += st.notify_sent;
		tot.notify_suppressed += st.notify_suppressed;
		tot.waits += st.waits;
		tot.errors += st.errors;
		tot.refs_sent += st.refs_sent;
		tot.refs_received += st.refs_received;
		fail |= w[i].fail;
	}
	for (i = 0; i < c->nchan; i++)
		xw_chan_close(&w[i].ch);
	for (i = 0; i < c->nchan; i++)
		fail |= expect_end(&w[i]);
	printf("stress: %s world: sent %" PRIu64 " msgs / %" PRIu64 " B, received %" PRIu64
	       " msgs / %" PRIu64 " B, %.2fs, doorbells %" PRIu64 " (%.4f/msg), suppressed %" PRIu64
	       ", sleeps %" PRIu64 ", errors %" PRIu64 ", REF records sent %" PRIu64 " received %" PRIu64
	       "\n",
	       wd->end == XW_WORLD_SECURE ? "secure" : "normal", tot.tx_msgs, tot.tx_bytes, tot.rx_msgs,
	       tot.rx_bytes, (xw_host_now_ns() - t0) / 1e9, tot.notify_sent,
	       (double)tot.notify_sent / (double)(tot.tx_msgs + tot.rx_msgs + 1), tot.notify_suppressed,
	       tot.waits, tot.errors, tot.refs_sent, tot.refs_received);
	fflush(stdout);
	if (tot.errors || tot.rx_msgs != c->per_stream * c->nchan)
		fail = 1;
	free(w);
	return fail;
}

int main(int argc, char **argv)
{
	uint64_t total = argc > 1 ? strtoull(argv[1], NULL, 0) : 1000000;
	unsigned nchan = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 4;
	uint32_t ring = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 0) : 256u << 10;
	/* A reference area per ring: messages' large pieces go as REF records. */
	uint32_t ref = argc > 4 ? (uint32_t)strtoul(argv[4], NULL, 0) : 0;
	struct cfg c = { .nchan = nchan };
	int ss, sn, rc;

	if (nchan == 0 || nchan > XW_LAUNCH_MAX_CHANS) {
		fprintf(stderr, "stress: bad channel count\n");
		return 2;
	}
	c.per_stream = total / (2 * nchan);
	printf("stress: %" PRIu64 " messages (0 B..4 MiB, skewed), %u channels x 2 directions, "
	       "%u B rings, %u B reference areas\n", c.per_stream * 2 * nchan, nchan, ring, ref);
	fflush(stdout);
	rc = xw_launch_ref(nchan, ring, ref, world_main, world_main, &c, 600, &ss, &sn);
	if (rc || ss || sn) {
		printf("FAIL stress: launch %d, secure exit %d, normal exit %d\n", rc, ss, sn);
		return 1;
	}
	printf("PASS stress\n");
	return 0;
}
