// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo: returns every message unchanged, any size. Each message is relayed
 * as it arrives, piece by piece from where it lies in shared memory into the
 * reply (xw_chan_recv_with + xw_chan_send_some; a piece that came by
 * reference goes back by reference), so its size is not limited by secure
 * memory. A reply that waits for ring space arms the
 * space event, a piece that waits for data arms the data event; either way
 * the service returns and the next doorbell resumes it where it stopped.
 */
#include "registry.h"

#include "chan_util.h"

/* Channels that can be bound to echo at once. */
#define ECHO_MAX_CHANS 64

struct echo {
	struct xw_chan *ch;
	int open;      /* a message is being relayed */
	int empty_out; /* its reply (0 bytes) was queued */
	uint64_t len;
};

static struct echo pool[ECHO_MAX_CHANS];
static uint32_t used[ECHO_MAX_CHANS];

/*
 * Relays received bytes, where they lie (ring or reference area), straight
 * into the reply: the bytes are copied once and never interpreted. Returns
 * what the reply took; 0 when it has no room (send_some armed the space
 * event, and the rest stays queued until the next doorbell).
 */
static int64_t relay(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	struct echo *e = ctx;
	size_t sent = 0;
	int rc;

	(void)off;
	rc = xw_chan_send_some(e->ch, e->len, (const void *)(uintptr_t)src, n, &sent, SVC_NO_WAIT,
			       0);
	if (rc != XW_OK && !svc_idle(rc)) {
		return rc;
	}
	return (int64_t)sent;
}

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct echo *e = state;
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	for (;;) {
		if (*budget == 0) {
			return svc_out_of_budget(ch);
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
			rc = xw_chan_send_some(ch, 0, 0, 0, &sent, SVC_NO_WAIT, 0);
			if (svc_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			e->empty_out = 1;
		}
		rc = xw_chan_recv_with(ch, relay, e, (size_t)*budget, &got, &eom, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		svc_take(budget, got + 1);
		if (eom) {
			e->open = 0;
		}
	}
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, ECHO_MAX_CHANS);

	(void)ch;
	if (i < 0) {
		return XW_ENOSPC;
	}
	pool[i].ch = ch;
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
