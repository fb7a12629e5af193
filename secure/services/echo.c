// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo at S-EL1: returns every message unchanged, any size, by the step the
 * S-EL0 echo shares (lib/echo.c, xw/echo.h), within the doorbell's budget.
 */
#include "registry.h"

#include <xw/echo.h>

#include "chan_util.h"

/* Channels that can be bound to echo at once (each holds one buffer). */
#define ECHO_MAX_CHANS 64

static struct xw_echo pool[ECHO_MAX_CHANS];
static uint32_t used[ECHO_MAX_CHANS];

static int serve(struct xw_chan *ch, void *state, uint64_t *budget)
{
	return xw_echo_step(ch, state, budget);
}

static int bind(struct xw_chan *ch, void **state)
{
	int i = svc_pool_get(used, ECHO_MAX_CHANS);

	(void)ch;
	if (i < 0) {
		return XW_ENOSPC;
	}
	pool[i] = (struct xw_echo){ 0 };
	*state = &pool[i];
	return XW_OK;
}

static void unbind(void *state)
{
	svc_pool_put(used, (unsigned int)((struct xw_echo *)state - pool));
}

const struct xw_chan_service xw_svc_echo = {
	.name = "echo", .bind = bind, .serve = serve, .unbind = unbind,
};

/* The same service under its own name beside echo at S-EL0 (registry.c). */
const struct xw_chan_service xw_svc_kecho = {
	.name = "kecho", .bind = bind, .serve = serve, .unbind = unbind,
};
