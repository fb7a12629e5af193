// SPDX-License-Identifier: BSD-2-Clause
/*
 * sink: consumes and drops every message (the benchmarks' far end). No state.
 * The bytes are dropped unread (xw_chan_recv_with() without a hook): a REF
 * record costs its 32 ring bytes, whatever its length.
 */
#include "registry.h"

#include "chan_util.h"

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	size_t got;
	bool eom;
	int rc;

	(void)state;
	while (*budget > 0) {
		rc = xw_chan_recv_with(ch, 0, 0, SIZE_MAX, &got, &eom, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		svc_take(budget, got + 1);
	}
	return svc_out_of_budget(ch);
}

static int bind(struct xw_chan *ch, void **state)
{
	(void)ch;
	*state = 0;
	return XW_OK;
}

const struct xw_chan_service xw_svc_sink = {
	.name = "sink", .bind = bind, .serve = serve,
};

/* The same service under its own name beside sink at S-EL0 (registry.c). */
const struct xw_chan_service xw_svc_ksink = {
	.name = "ksink", .bind = bind, .serve = serve,
};
