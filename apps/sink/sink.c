// SPDX-License-Identifier: BSD-2-Clause
/*
 * sink at S-EL0: consumes and drops every message, unread
 * (xw_chan_recv_with() without a hook): a piece that came by reference (a
 * REF record) costs its 32 ring bytes, whatever its length.
 */
#include "xwapp.h"

static int serve(struct xw_chan *ch, void *state)
{
	size_t got;
	bool eom;
	int rc;

	(void)state;
	for (;;) {
		rc = xw_chan_recv_with(ch, 0, 0, SIZE_MAX, &got, &eom, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
	}
}

static const struct xwapp_service svc = { .state_size = 0, .serve = serve };

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
