// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo at S-EL0: every message comes back unchanged, any size. Each piece is
 * relayed from where it lies in the channel (ring or reference area) straight
 * into the reply (xw_chan_recv_with + xw_chan_send_some): copied once, never
 * held whole, so the size is not limited by the application's memory, and a
 * piece that came by reference goes back by reference. Waits arm the
 * channel's events and return.
 */
#include "xwapp.h"

struct echo {
	struct xw_chan *ch;
	int open;      /* a message is being relayed */
	int empty_out; /* its reply (0 bytes) was queued */
	uint64_t len;
};

/* Returns what the reply took; 0 when it has no room (the space event is armed). */
static int64_t relay(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	struct echo *e = ctx;
	size_t sent = 0;
	int rc;

	(void)off;
	rc = xw_chan_send_some(e->ch, e->len, (const void *)(uintptr_t)src, n, &sent,
			       XWAPP_NO_WAIT, 0);
	if (rc != XW_OK && !xwapp_idle(rc)) {
		return rc;
	}
	return (int64_t)sent;
}

static int serve(struct xw_chan *ch, void *state)
{
	struct echo *e = state;
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	e->ch = ch;
	for (;;) {
		if (!e->open) {
			rc = xw_chan_peek(ch, &len);
			if (rc == XW_EAGAIN) {
				/* Empty ring: arm the data event (or find data after all). */
				rc = xw_chan_arm_rx(ch);
				if (rc == XW_OK) {
					continue;
				}
				return rc == XW_EAGAIN ? 0 : rc;
			}
			if (rc != XW_OK) {
				return rc;
			}
			e->open = 1;
			e->empty_out = 0;
			e->len = len;
		}
		if (e->len == 0 && !e->empty_out) {
			rc = xw_chan_send_some(ch, 0, 0, 0, &sent, XWAPP_NO_WAIT, 0);
			if (xwapp_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->empty_out = 1;
		}
		rc = xw_chan_recv_with(ch, relay, e, SIZE_MAX, &got, &eom, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		if (eom) {
			e->open = 0;
		}
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
