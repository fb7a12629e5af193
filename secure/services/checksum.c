// SPDX-License-Identifier: BSD-2-Clause
/*
 * checksum: any length in; replies {u64 length, u64 FNV-1a 64 of the bytes}
 * (16 bytes, little endian) for each message.
 */
#include "registry.h"

#include "chan_util.h"

#define CHECKSUM_MAX_CHANS (XW_CSVC_MAX_REGIONS * XW_CSVC_MAX_CHANS)
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME  0x100000001b3ULL

struct checksum {
	uint64_t sum, len;  /* running state of the message coming in */
	uint8_t out[16];    /* its reply */
	int out_pending;
};

static struct checksum pool[CHECKSUM_MAX_CHANS];
static uint32_t used[CHECKSUM_MAX_CHANS];

/*
 * Sums bytes where they lie (ring or reference area): each is read once, and
 * only the sum is kept, so a peer changing them meanwhile changes the answer,
 * never our state.
 */
static int64_t sum_take(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)src;
	struct checksum *c = ctx;
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

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct checksum *c = state;
	size_t got;
	bool eom;
	int rc;

	for (;;) {
		if (c->out_pending) {
			rc = xw_chan_send(ch, c->out, sizeof(c->out), SVC_NO_WAIT, 0);
			if (svc_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->out_pending = 0;
		}
		if (*budget == 0) {
			return svc_out_of_budget(ch);
		}
		/* At most the budget per call: a 64 MiB message still yields every 1 MiB. */
		rc = xw_chan_recv_with(ch, sum_take, c, (size_t)*budget, &got, &eom, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		svc_take(budget, got + 1);
		if (eom) {
			svc_put64(c->out, c->len);
			svc_put64(c->out + 8, c->sum);
			c->out_pending = 1;
			c->sum = FNV_OFFSET;
			c->len = 0;
		}
	}
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, CHECKSUM_MAX_CHANS);

	(void)ch;
	if (i < 0) {
		return XW_ENOSPC;
	}
	pool[i].sum = FNV_OFFSET;
	pool[i].len = 0;
	pool[i].out_pending = 0;
	*state = &pool[i];
	return XW_OK;
}

static void unbind(void *state)
{
	svc_pool_put(used, (unsigned int)((struct checksum *)state - pool));
}

const struct xw_chan_service xw_svc_checksum = {
	.name = "checksum", .bind = bind, .serve = serve, .unbind = unbind,
};
