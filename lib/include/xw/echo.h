/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The echo service's step (lib/echo.c), shared by the S-EL1 service
 * (secure/services/echo.c) and the S-EL0 application (apps/echo/): every
 * message comes back unchanged, any size, relayed piece by piece from where
 * it lies in the channel (ring or reference area) into the reply, so its size
 * is not limited by the server's memory.
 */
#ifndef XW_ECHO_H
#define XW_ECHO_H

#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

/** One channel's echo state; all zero is "no message in progress". */
struct xw_echo {
	struct xw_chan *ch; /* set by each step (the relay callback's channel) */
	int open;           /* a message is being relayed */
	int empty_out;      /* its reply (0 bytes) was queued */
	uint64_t len;
	uint64_t last;      /* length of the last request: the next reply's guess */
};

/**
 * xw_echo_step() - move what can be moved on @ch without blocking: the
 * library is called with a 1 ns timeout, which a secure end's wait hook
 * answers at once, so an idle step has armed the channel's data or space
 * event and the next doorbell resumes it where it stopped.
 * @budget: bytes this call may move (decremented); NULL for no limit.
 * Return: 0 idle (event armed), 1 budget used up (call again), < 0 the
 * channel's error.
 */
int xw_echo_step(struct xw_chan *ch, struct xw_echo *e, uint64_t *budget);

#endif
