// SPDX-License-Identifier: BSD-2-Clause
/*
 * checksum at S-EL0: any length in; replies {u64 length, u64 FNV-1a 64 of
 * the bytes} (16 bytes, little endian) for each message.
 */
#include "xwapp.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

struct checksum {
	int started;       /* sum initialised (state is zeroed at bind) */
	uint64_t sum, len; /* running state of the message coming in */
	uint8_t out[16];   /* its reply */
	int out_pending;
};

static uint8_t buf[4096];

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

static int serve(struct xw_chan *ch, void *state)
{
	struct checksum *c = state;
	size_t got, i;
	bool eom;
	int rc;

	if (!c->started) {
		c->sum = FNV_OFFSET;
		c->started = 1;
	}
	for (;;) {
		if (c->out_pending) {
			rc = xw_chan_send(ch, c->out, sizeof(c->out), XWAPP_NO_WAIT, 0);
			if (xwapp_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->out_pending = 0;
		}
		rc = xw_chan_recv_some(ch, buf, sizeof(buf), &got, &eom, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		for (i = 0; i < got; i++) {
			c->sum = (c->sum ^ buf[i]) * FNV_PRIME;
		}
		c->len += got;
		if (eom) {
			put64(c->out, c->len);
			put64(c->out + 8, c->sum);
			c->out_pending = 1;
			c->sum = FNV_OFFSET;
			c->len = 0;
		}
	}
}

static const struct xwapp_service svc = {
	.state_size = sizeof(struct checksum),
	.serve = serve,
};

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
