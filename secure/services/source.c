// SPDX-License-Identifier: BSD-2-Clause
/*
 * source: a request {u64 count, u64 size} (16 bytes, little endian) makes it
 * send count messages of size bytes, byte i of each = (i * 131 + 7) mod 256,
 * size <= SOURCE_MAX. A malformed request breaks that channel only.
 */
#include "registry.h"

#include "chan_util.h"

/* Largest message it produces (the secure pattern buffer). */
#define SOURCE_MAX (512UL << 10)
/* Channels that can be bound to source at once. */
#define SOURCE_MAX_CHANS (XW_CSVC_MAX_REGIONS * XW_CSVC_MAX_CHANS)

struct source {
	uint64_t left, size; /* messages still to produce, their size */
};

static struct source pool[SOURCE_MAX_CHANS];
static uint32_t used[SOURCE_MAX_CHANS];
static uint8_t pattern[SOURCE_MAX];
static uint32_t pattern_ready;

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	struct source *s = state;
	uint8_t req[16];
	size_t len;
	int rc;

	for (;;) {
		while (s->left > 0) {
			if (*budget == 0) {
				return 1;
			}
			rc = xw_chan_send(ch, pattern, s->size, SVC_NO_WAIT, 0);
			if (svc_idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			s->left--;
			svc_take(budget, s->size + 1);
		}
		rc = xw_chan_recv(ch, req, sizeof(req), &len, SVC_NO_WAIT, 0);
		if (svc_idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		if (len != sizeof(req) || svc_get64(req + 8) > SOURCE_MAX) {
			xw_chan_set_broken(ch, XW_EINVAL);
			return XW_EPIPE;
		}
		s->left = svc_get64(req);
		s->size = svc_get64(req + 8);
	}
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, SOURCE_MAX_CHANS);
	unsigned int k;

	if (i < 0) {
		return XW_ENOSPC;
	}
	xw_chan_set_max_msg(ch, 16); /* requests only */
	if (!__atomic_load_n(&pattern_ready, __ATOMIC_ACQUIRE)) {
		/* Idempotent: two CPUs writing the same bytes is harmless. */
		for (k = 0; k < SOURCE_MAX; k++) {
			pattern[k] = (uint8_t)(k * 131 + 7);
		}
		__atomic_store_n(&pattern_ready, 1, __ATOMIC_RELEASE);
	}
	pool[i].left = 0;
	*state = &pool[i];
	return XW_OK;
}

static void unbind(void *state)
{
	svc_pool_put(used, (unsigned int)((struct source *)state - pool));
}

const struct xw_chan_service xw_svc_source = {
	.name = "source", .bind = bind, .serve = serve, .unbind = unbind,
};

/* The same service under its own name beside source at S-EL0 (registry.c). */
const struct xw_chan_service xw_svc_ksource = {
	.name = "ksource", .bind = bind, .serve = serve, .unbind = unbind,
};
