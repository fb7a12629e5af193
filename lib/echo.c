// SPDX-License-Identifier: BSD-2-Clause
/*
 * The echo step (xw/echo.h). A reply that waits for ring space arms the space
 * event, a piece that waits for data arms the data event; either way the step
 * returns, and both servers of echo (S-EL1 and S-EL0) call it on each doorbell.
 */
#include <xw/echo.h>

#include "xw/err.h"

/* "Arm the event, then return": the secure ends' wait hooks never block. */
#define NO_WAIT 1

static int idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

static void take(uint64_t *budget, uint64_t n)
{
	if (budget != NULL) {
		*budget = n >= *budget ? 0 : *budget - n;
	}
}

static void start(struct xw_echo *e, uint64_t len, int eom)
{
	e->open = 1;
	e->eom = eom;
	e->rep_done = 0;
	e->len = len;
	e->out = 0;
	e->pend = 0;
}

int xw_echo_step(struct xw_chan *ch, struct xw_echo *e, uint64_t *budget)
{
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	for (;;) {
		if (e->open && !e->rep_done && (e->pend > 0 || e->len == 0)) {
			rc = xw_chan_send_some(ch, e->len, e->buf + e->pos, e->pend, &sent, NO_WAIT,
					       0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->pos += sent;
			e->pend -= sent;
			e->out += sent;
			e->rep_done = e->out == e->len;
			take(budget, sent);
			continue;
		}
		if (e->open && e->eom && e->rep_done) {
			e->open = 0;
		}
		if (budget != NULL && *budget == 0) {
			return 1;
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
			/* Empty ring: a 0-byte receive arms the data event (or finds data). */
			rc = xw_chan_recv_some(ch, 0, 0, &got, &eom, NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			if (eom) {
				start(e, 0, 1); /* that was a whole 0-byte message */
			}
			continue;
		}
		rc = xw_chan_recv_some(ch, e->buf, sizeof(e->buf), &got, &eom, NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		e->pos = 0;
		e->pend = got;
		e->eom = eom;
		take(budget, got + 1);
	}
}
