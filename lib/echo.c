// SPDX-License-Identifier: BSD-2-Clause
/*
 * The echo step (xw/echo.h). Each piece is relayed from where it lies in the
 * channel (ring or reference area) straight into the reply
 * (xw_chan_recv_with + xw_chan_send_some): copied once, never held whole, so
 * the size is not limited by the server's memory, and a piece that came by
 * reference goes back by reference. A reply that waits for ring space arms
 * the space event, a piece that waits for data arms the data event; either
 * way the step returns, and both servers of echo (S-EL1 and S-EL0) call it on
 * each doorbell.
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

int xw_echo_step(struct xw_chan *ch, struct xw_echo *e, uint64_t *budget)
{
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	e->ch = ch;
	for (;;) {
		if (budget != NULL && *budget == 0) {
			return xw_step_budget_out(ch);
		}
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
			rc = xw_chan_send_some(ch, 0, 0, 0, &sent, XW_STEP_NO_WAIT, 0);
			if (xw_step_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->empty_out = 1;
		}
		rc = xw_chan_recv_with(ch, relay, e, xw_step_cap(budget), &got, &eom,
				       XW_STEP_NO_WAIT, 0);
		if (xw_step_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		xw_step_take(budget, got);
		if (eom) {
			e->open = 0;
		}
	}
}
