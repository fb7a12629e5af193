// SPDX-License-Identifier: BSD-2-Clause
/*
 * A channel bound to an application: bind maps the channel's region into the
 * application (the runtime offers it at its next wait), a doorbell runs the
 * application on the ringing CPU, unbind takes the mapping away. Each binding
 * remembers the runtime's binding number: once the application was killed
 * (or the channel unbound), the binding is stale and the channel broken.
 */
#include "app_svc.h"

#include "../core/app.h"
#include "chan_util.h"

#define BINDINGS 128

struct binding {
	struct xw_app *app;
	int id;
	uint32_t seq;
};

static struct binding pool[BINDINGS];
static uint32_t used[BINDINGS];

int xw_app_svc_bind(unsigned int n, struct xw_chan *ch, void **state)
{
	struct xw_app *app = xw_app_get(n);
	uint64_t pa, size;
	unsigned int idx;
	int i, id, rc;

	if (app == 0) {
		return XW_ENOENT;
	}
	rc = xw_csvc_chan_where(ch, &pa, &size, &idx);
	if (rc != XW_OK) {
		return rc;
	}
	i = svc_pool_get(used, BINDINGS);
	if (i < 0) {
		return XW_ENOSPC;
	}
	id = xw_app_chan_bind(app, ch, pa, size, idx, &pool[i].seq);
	if (id < 0) {
		svc_pool_put(used, (unsigned int)i);
		return id == XW_EPIPE ? XW_ENOENT : id;
	}
	pool[i].app = app;
	pool[i].id = id;
	*state = &pool[i];
	return XW_OK;
}

int xw_app_svc_serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct binding *b = state;
	int notified = 0, rc;

	(void)budget;
	rc = xw_app_doorbell_ret(b->app, b->id, b->seq, 0, &notified);
	/* The app notified this channel inside this doorbell: its return says so. */
	if (notified) {
		xw_csvc_notified(ch);
	}
	return rc;
}

void xw_app_svc_unbind(void *state)
{
	struct binding *b = state;

	xw_app_chan_unbind(b->app, b->id, b->seq);
	svc_pool_put(used, (unsigned int)(b - pool));
}
