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

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct checksum *c = state;
	uint8_t buf[SVC_SCRATCH];
	size_t got, i;
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
			return 1;
		}
		rc = xw_chan_recv_some(ch, buf, sizeof(buf), &got, &eom, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		for (i = 0; i < got; i++) {
			c->sum = (c->sum ^ buf[i]) * FNV_PRIME;
		}
		c->len += got;
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
