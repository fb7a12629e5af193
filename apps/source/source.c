// SPDX-License-Identifier: BSD-2-Clause
/*
 * source at S-EL0: a request {u64 count, u64 size} (16 bytes, little endian)
 * makes it send count messages of size bytes, byte i of each =
 * (i * 131 + 7) mod 256, size <= SOURCE_MAX. A malformed request breaks that
 * channel only. The pattern repeats every 256 bytes, so each message goes out
 * piece by piece (xw_chan_send_some) from one small buffer: the application
 * needs no SOURCE_MAX-byte copy of it.
 */
#include "xwapp.h"

/* Largest message it produces (as the S-EL1 source). */
#define SOURCE_MAX (512UL << 10)
#define CHUNK 4096

struct source {
	int ready;          /* max_msg set (first serve, before any receive) */
	uint64_t left, size; /* messages still to produce, their size */
	uint64_t out;       /* bytes of the current one queued */
};

/* CHUNK bytes from any offset mod 256. */
static uint8_t pattern[CHUNK + 256];

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = (v << 8) | p[i];
	}
	return v;
}

static int serve(struct xw_chan *ch, void *state)
{
	struct source *s = state;
	uint8_t req[16];
	uint64_t n;
	size_t len, sent;
	int rc;

	if (!s->ready) {
		xw_chan_set_max_msg(ch, sizeof(req)); /* requests only */
		s->ready = 1;
	}
	for (;;) {
		while (s->left > 0) {
			n = s->size - s->out;
			rc = xw_chan_send_some(ch, s->size, pattern + (s->out & 255),
					       n > CHUNK ? CHUNK : (size_t)n, &sent, XWAPP_NO_WAIT,
					       0);
			if (xwapp_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			s->out += sent;
			if (s->out == s->size) {
				s->out = 0;
				s->left--;
			}
		}
		rc = xw_chan_recv(ch, req, sizeof(req), &len, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		if (len != sizeof(req) || get64(req + 8) > SOURCE_MAX) {
			xw_chan_set_broken(ch, XW_EINVAL);
			return XW_EPIPE;
		}
		s->left = get64(req);
		s->size = get64(req + 8);
		s->out = 0;
	}
}

static const struct xwapp_service svc = {
	.state_size = sizeof(struct source),
	.serve = serve,
};

int main(uint64_t start_no)
{
	size_t k;

	(void)start_no;
	for (k = 0; k < sizeof(pattern); k++) {
		pattern[k] = (uint8_t)(k * 131 + 7);
	}
	xwapp_serve(&svc);
}
