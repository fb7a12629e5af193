// SPDX-License-Identifier: BSD-2-Clause
/*
 * The serve() loop of a request/reply application (xwapp.h): whole requests
 * in, one answer each, until the channel has nothing more or breaks.
 */
#include "xwapp.h"

int xwapp_answer_each(struct xw_chan *ch, void *buf, size_t cap,
		      int (*answer)(struct xw_chan *ch, const char *req, size_t len))
{
	size_t len;
	int rc;

	for (;;) {
		rc = xw_chan_recv(ch, buf, cap, &len, XWAPP_NO_WAIT, 0);
		if (xwapp_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		rc = answer(ch, buf, len);
		if (rc && !xwapp_idle(rc)) {
			return rc;
		}
	}
}
