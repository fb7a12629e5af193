// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo at S-EL0: every message comes back unchanged, any size, relayed one
 * buffer-full at a time (xw_chan_send_some), so its size is not limited by
 * the application's memory. Waits arm the channel's events and return.
 */
#include "xwapp.h"

#define CHUNK 4096

struct echo {
	int open, eom, rep_done;
	uint64_t len, out;
	size_t pos, pend;
	uint8_t buf[CHUNK];
};

static void start(struct echo *e, uint64_t len, int eom)
{
	e->open = 1;
	e->eom = eom;
	e->rep_done = 0;
	e->len = len;
	e->out = 0;
	e->pend = 0;
}

static int serve(struct xw_chan *ch, void *state)
{
	struct echo *e = state;
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	for (;;) {
		if (e->open && !e->rep_done && (e->pend > 0 || e->len == 0)) {
			rc = xw_chan_send_some(ch, e->len, e->buf + e->pos, e->pend, &sent,
					       XWAPP_NO_WAIT, 0);
			if (xwapp_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->pos += sent;
			e->pend -= sent;
			e->out += sent;
			e->rep_done = e->out == e->len;
			continue;
		}
		if (e->open && e->eom && e->rep_done) {
			e->open = 0;
		}
		if (!e->open) {
			rc = xw_chan_peek(ch, &len);
			if (rc == XW_OK) {
				start(e, len, 0);
				continue;
			}
			if (rc != XW_EAGAIN) {
				return rc;
			}
			rc = xw_chan_recv_some(ch, 0, 0, &got, &eom, XWAPP_NO_WAIT, 0);
			if (xwapp_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			if (eom) {
				start(e, 0, 1);
			}
			continue;
		}
		rc = xw_chan_recv_some(ch, e->buf, sizeof(e->buf), &got, &eom, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		e->pos = 0;
		e->pend = got;
		e->eom = eom;
	}
}

static const struct xwapp_service svc = {
	.state_size = sizeof(struct echo),
	.serve = serve,
};

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
