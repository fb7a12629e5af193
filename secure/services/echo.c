// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo: returns every message unchanged, any size. Each message is relayed
 * as it arrives, one buffer-full at a time (xw_chan_send_some), so its size
 * is not limited by secure memory. A reply that waits for ring space arms the
 * space event, a piece that waits for data arms the data event; either way
 * the service returns and the next doorbell resumes it where it stopped.
 */
#include "registry.h"

#include "chan_util.h"

/* Channels that can be bound to echo at once (each holds one buffer). */
#define ECHO_MAX_CHANS 64
/* Relay buffer per channel. */
#define ECHO_CHUNK 4096

struct echo {
	int open;      /* a message is being relayed */
	int eom;       /* its last byte was received */
	int rep_done;  /* its reply was queued whole */
	uint64_t len, out;
	size_t pos, pend; /* the piece in buf not yet sent */
	uint8_t buf[ECHO_CHUNK];
};

static struct echo pool[ECHO_MAX_CHANS];
static uint32_t used[ECHO_MAX_CHANS];

static void start(struct echo *e, uint64_t len, int eom)
{
	e->open = 1;
	e->eom = eom;
	e->rep_done = 0;
	e->len = len;
	e->out = 0;
	e->pend = 0;
}

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct echo *e = state;
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	for (;;) {
		if (e->open && !e->rep_done && (e->pend > 0 || e->len == 0)) {
			rc = xw_chan_send_some(ch, e->len, e->buf + e->pos, e->pend, &sent,
					       SVC_NO_WAIT, 0);
			if (svc_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->pos += sent;
			e->pend -= sent;
			e->out += sent;
			e->rep_done = e->out == e->len;
			svc_take(budget, sent);
			continue;
		}
		if (e->open && e->eom && e->rep_done) {
			e->open = 0;
		}
		if (*budget == 0) {
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
			rc = xw_chan_recv_some(ch, 0, 0, &got, &eom, SVC_NO_WAIT, 0);
			if (svc_idle(rc)) {
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
		rc = xw_chan_recv_some(ch, e->buf, sizeof(e->buf), &got, &eom, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		e->pos = 0;
		e->pend = got;
		e->eom = eom;
		svc_take(budget, got + 1);
	}
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, ECHO_MAX_CHANS);

	(void)ch;
	if (i < 0) {
		return XW_ENOSPC;
	}
	pool[i].open = 0;
	*state = &pool[i];
	return XW_OK;
}

static void unbind(void *state)
{
	svc_pool_put(used, (unsigned int)((struct echo *)state - pool));
}

const struct xw_chan_service xw_svc_echo = {
	.name = "echo", .bind = bind, .serve = serve, .unbind = unbind,
};

/* The same service under its own name beside echo at S-EL0 (registry.c). */
const struct xw_chan_service xw_svc_kecho = {
	.name = "kecho", .bind = bind, .serve = serve, .unbind = unbind,
};
