/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the services' steps (echo.c, checksum.c) share: a secure end never
 * blocks in the library ("arm the event, then return"), and a doorbell's
 * budget bounds how much one call moves (NULL: no bound).
 */
#ifndef XW_LIB_CHAN_STEP_H
#define XW_LIB_CHAN_STEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

#include "xw/err.h"

/* The wait timeout a step passes: the secure ends' wait hooks answer at once. */
#define XW_STEP_NO_WAIT 1

/* The library found nothing to do now (the event it waited for is armed). */
static inline int xw_step_idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

/* How many bytes this call may still take. */
static inline size_t xw_step_cap(const uint64_t *budget)
{
	return budget != NULL ? (size_t)*budget : SIZE_MAX;
}

/* Charge @got bytes (and one for the piece) against the budget. */
static inline void xw_step_take(uint64_t *budget, size_t got)
{
	if (budget != NULL) {
		*budget = got + 1 >= *budget ? 0 : *budget - (got + 1);
	}
}

/*
 * One piece of the message in progress through @take (xw_chan_recv_with),
 * within the budget, charged to it: 1 if bytes moved (*eom: the message
 * ended), 0 if idle (the event the library waited for is armed), or the
 * channel's error.
 */
static inline int xw_step_recv(struct xw_chan *ch, xw_chan_take_fn take, void *ctx,
			       uint64_t *budget, bool *eom)
{
	size_t got;
	int rc = xw_chan_recv_with(ch, take, ctx, xw_step_cap(budget), &got, eom, XW_STEP_NO_WAIT, 0);

	if (xw_step_idle(rc)) {
		return 0;
	}
	if (rc) {
		return rc;
	}
	xw_step_take(budget, got);
	return 1;
}

/*
 * The budget is used up: 1 ("ring again") if more is queued, else 0 with the
 * data event armed, as when idle; or the channel's error.
 */
static inline int xw_step_budget_out(struct xw_chan *ch)
{
	int rc = xw_chan_arm_rx(ch);

	return rc == XW_OK ? 1 : rc == XW_EAGAIN ? 0 : rc;
}

#endif
