/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The checksum service's step (lib/checksum.c), shared by the S-EL1 service
 * (secure/services/checksum.c) and the S-EL0 application (apps/checksum/):
 * any length in; for each message the reply {u64 length, u64 FNV-1a 64 of
 * its bytes} (16 bytes, little endian).
 */
#ifndef XW_CHECKSUM_H
#define XW_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

/** One channel's checksum state; all zero is "nothing received yet". */
struct xw_checksum {
	int started;       /* sum initialised */
	uint64_t sum, len; /* running state of the message coming in */
	uint8_t out[16];   /* its reply */
	int out_pending;
};

/**
 * xw_checksum_step() - move what can be moved on @ch without blocking (the
 * library is called with a 1 ns timeout, which a secure end's wait hook
 * answers at once: an idle step has armed the channel's event), summing
 * each piece where it lies in the channel (ring or reference area).
 * @budget: bytes this call may take (decremented); NULL for no limit.
 * Return: 0 idle, 1 budget used up (call again), < 0 the channel's error.
 */
int xw_checksum_step(struct xw_chan *ch, struct xw_checksum *c, uint64_t *budget);

#endif
