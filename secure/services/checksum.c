// SPDX-License-Identifier: BSD-2-Clause
/*
 * checksum at S-EL1: any length in; replies {u64 length, u64 FNV-1a 64 of
 * the bytes} for each message, by the step the S-EL0 checksum shares
 * (lib/checksum.c, xw/checksum.h), within the doorbell's budget.
 */
#include "registry.h"

#include <xw/checksum.h>

#include "chan_util.h"

#define CHECKSUM_MAX_CHANS (XW_CSVC_MAX_REGIONS * XW_CSVC_MAX_CHANS)

static struct xw_checksum pool[CHECKSUM_MAX_CHANS];
static uint32_t used[CHECKSUM_MAX_CHANS];

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	return xw_checksum_step(ch, state, budget);
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, CHECKSUM_MAX_CHANS);

	(void)ch;
	if (i < 0) {
		return XW_ENOSPC;
	}
	pool[i] = (struct xw_checksum){ 0 };
	*state = &pool[i];
	return XW_OK;
}

static void unbind(void *state)
{
	svc_pool_put(used, (unsigned int)((struct xw_checksum *)state - pool));
}

const struct xw_chan_service xw_svc_checksum = {
	.name = "checksum", .bind = bind, .serve = serve, .unbind = unbind,
};
