// SPDX-License-Identifier: BSD-2-Clause
/*
 * The echo step (xw/echo.h). Each piece is relayed from where it lies in the
 * channel (ring or reference area) straight into the reply
 * (xw_chan_recv_with + xw_chan_send_some): copied once, never held whole, so
 * the size is not limited by the server's memory, and a piece that came by
 * reference goes back by reference. A reply that waits for ring space arms
 * the space event, a piece that waits for data arms the data event; either
 * way the step returns, and both servers of echo (S-EL1 and S-EL0) call it on
 * each doorbell. With no request queued and no room for another reply the
 * size of the last, only the space event is armed (arm_idle()).
 */
#include <xw/echo.h>

#include "chan_step.h"

/*
 * Relays received bytes into the reply; the bytes are never interpreted.
 * Returns what the reply took; 0 when it has no room (send_some armed the
 * space event, and the rest stays queued until the next doorbell).
 */
static int64_t relay(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	struct xw_echo *e = ctx;
	size_t sent = 0;
	int rc;

	(void)off;
	rc = xw_chan_send_some(e->ch, e->len, (const void *)(uintptr_t)src, n, &sent,
			       XW_STEP_NO_WAIT, 0);
	if (rc != XW_OK && !xw_step_idle(rc)) {
		return rc;
	}
	return (int64_t)sent;
}

/*
 * No request is queued: arm the event that brings the next step. Normally the
 * data event (the writer's next write rings). But if a reply the size of the
 * last one would find no room, only the space event: a request that comes
 * meanwhile could not be answered yet anyway, and the reader's freeing of
 * space rings; this step finds the request then. Arming the data event too
 * would have the writer's next write ring for nothing whenever the reader
 * lags: a second doorbell per message. Returns 0 (armed), 1 (a request or
 * room came after all: look again) or the channel's error.
 */
static int arm_idle(struct xw_chan *ch, const struct xw_echo *e)
{
	int rc;

	if (e->last != 0) {
		rc = xw_chan_arm_tx(ch, e->last);
		if (rc != XW_OK) {
			return rc == XW_EAGAIN ? 0 : rc;
		}
	}
	rc = xw_chan_arm_rx(ch);
	return rc == XW_OK ? 1 : rc == XW_EAGAIN ? 0 : rc;
}

int xw_echo_step(struct xw_chan *ch, struct xw_echo *e, uint64_t *budget)
{
	size_t sent;
	uint64_t len;
	bool eom;
	int rc;

	e->ch = ch;
	for (;;) {
		if (!e->open) {
			rc = xw_chan_peek(ch, &len);
			if (rc == XW_EAGAIN) {
				rc = arm_idle(ch, e);
				if (rc == 1) {
					continue;
				}
				return rc;
			}
			if (rc != XW_OK) {
				return rc;
			}
			if (budget != NULL && *budget == 0) {
				return 1; /* a request waits: ring again */
			}
			e->open = 1;
			e->empty_out = 0;
			e->len = len;
			e->last = len;
		} else if (budget != NULL && *budget == 0) {
			return xw_step_budget_out(ch);
		}
		if (e->len == 0 && !e->empty_out) {
			rc = xw_chan_send_some(ch, 0, 0, 0, &sent, XW_STEP_NO_WAIT, 0);
			if (xw_step_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->empty_out = 1;
		}
		rc = xw_step_recv(ch, relay, e, budget, &eom);
		if (rc <= 0) {
			return rc;
		}
		if (eom) {
			e->open = 0;
		}
	}
}
