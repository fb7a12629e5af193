// SPDX-License-Identifier: BSD-2-Clause
/* The checksum step (xw/checksum.h): FNV-1a 64 of each message, as it arrives. */
#include <xw/checksum.h>

#include "xw/err.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL
/* "Arm the event, then return": the secure ends' wait hooks never block. */
#define NO_WAIT 1

static int idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

int xw_checksum_step(struct xw_chan *ch, struct xw_checksum *c, uint8_t *buf, size_t cap,
		     uint64_t *budget)
{
	size_t got, i;
	bool eom;
	int rc;

	if (!c->started) {
		c->sum = FNV_OFFSET;
		c->started = 1;
	}
	for (;;) {
		if (c->out_pending) {
			rc = xw_chan_send(ch, c->out, sizeof(c->out), NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->out_pending = 0;
		}
		if (budget != NULL && *budget == 0) {
			return 1;
		}
		rc = xw_chan_recv_some(ch, buf, cap, &got, &eom, NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		for (i = 0; i < got; i++) {
			c->sum = (c->sum ^ buf[i]) * FNV_PRIME;
		}
		c->len += got;
		if (budget != NULL) {
			*budget = got + 1 >= *budget ? 0 : *budget - (got + 1);
		}
		if (eom) {
			put64(c->out, c->len);
			put64(c->out + 8, c->sum);
			c->out_pending = 1;
			c->sum = FNV_OFFSET;
			c->len = 0;
		}
	}
}
