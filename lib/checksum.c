// SPDX-License-Identifier: BSD-2-Clause
/* The checksum step (xw/checksum.h): FNV-1a 64 of each message, as it arrives. */
#include <xw/checksum.h>

#include "chan_step.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL
static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

/*
 * Sums bytes where they lie (ring or reference area): each is read once, and
 * only the sum is kept, so a peer changing them meanwhile changes the answer,
 * never our state.
 */
static int64_t sum_take(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)src;
	struct xw_checksum *c = ctx;
	uint64_t h = c->sum;
	size_t i;

	(void)off;
	for (i = 0; i < n; i++) {
		h = (h ^ p[i]) * FNV_PRIME;
	}
	c->sum = h;
	c->len += n;
	return (int64_t)n;
}

int xw_checksum_step(struct xw_chan *ch, struct xw_checksum *c, uint64_t *budget)
{
	bool eom;
	int rc;

	if (!c->started) {
		c->sum = FNV_OFFSET;
		c->started = 1;
	}
	for (;;) {
		if (c->out_pending) {
			rc = xw_chan_send(ch, c->out, sizeof(c->out), XW_STEP_NO_WAIT, 0);
			if (xw_step_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->out_pending = 0;
		}
		if (budget != NULL && *budget == 0) {
			return xw_step_budget_out(ch);
		}
		/* At most the budget per call: a 64 MiB message still yields every 1 MiB. */
		rc = xw_step_recv(ch, sum_take, c, budget, &eom);
		if (rc <= 0) {
			return rc;
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
