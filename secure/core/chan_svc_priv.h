/* SPDX-License-Identifier: BSD-2-Clause */
/* Internals shared by chan_svc.c (registrations, dispatch) and chan_services.c. */
#ifndef XW_SK_CHAN_SVC_PRIV_H
#define XW_SK_CHAN_SVC_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

#include "chan_svc.h"

/*
 * "Arm the event index, then return": the secure end calls the library with
 * this timeout and a wait hook that returns XW_ETIMEDOUT at once, so an idle
 * service publishes "ring me" (data_event / space_event) and never blocks.
 */
#define CSVC_NO_WAIT 1

/** Secure state of one channel of a registered region. */
struct csvc_chan {
	struct xw_chan ch;    /* our end (END1); the only view of the shared headers */
	uint32_t busy;        /* a CPU is serving it (try-lock) */
	int svc;              /* XW_SVC_* or -1 while unbound */
	int notify;           /* the library asked to notify the peer */
	/* echo: the message being relayed, and the piece in ebuf not yet sent */
	int e_open;           /* a message is being relayed */
	int e_eom;            /* its last byte was received */
	int e_rep_done;       /* its reply was queued whole */
	uint64_t e_len, e_out;
	size_t e_pos, e_pend;
	uint8_t ebuf[XW_CSVC_ECHO_CHUNK];
	/* source: messages still to produce, their size */
	uint64_t src_left, src_size;
	/* checksum: running state of the message coming in, and its reply */
	uint64_t sum, sum_len;
	uint8_t out[16];
	int out_pending;
};

/** Service entry: Return 0 idle (event armed), 1 budget used up, < 0 channel broken. */
int csvc_serve(struct csvc_chan *c, uint64_t *budget);
/** Per-service set-up when a channel is bound. */
int csvc_bind_svc(struct csvc_chan *c, int svc);
/** Forget the bound service (the channel goes back to unbound). */
void csvc_unbind_svc(struct csvc_chan *c);
/** The service's name (NUL-padded, at most 24 bytes) or NULL. */
const char *csvc_name(unsigned idx);

#endif
