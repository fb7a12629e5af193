// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure services reached over channels. Each runs in the doorbell SMC's
 * context, moves at most the caller's byte budget, and returns instead of
 * waiting (CSVC_NO_WAIT). Messages: see docs/abi.md "Channel transport".
 *   echo      returns every message unchanged, any size: relayed piece by piece
 *             through the channel's XW_CSVC_ECHO_CHUNK buffer as it arrives
 *   sink      consumes and drops every message (benchmarks)
 *   source    request {u64 count, u64 size}: sends count messages of size bytes
 *             (byte i of a message = i * 131 + 7 mod 256; size <= XW_CSVC_SOURCE_MAX)
 *   checksum  any length: replies {u64 length, u64 FNV-1a 64 of the bytes}
 */
#include "chan_svc_priv.h"

#define SCRATCH 1024 /* on the 8 KiB per-CPU stack */

static const char *const names[XW_SVC_COUNT] = { "echo", "sink", "source", "checksum" };

static uint8_t pattern[XW_CSVC_SOURCE_MAX];
static uint32_t pattern_ready;

const char *csvc_name(unsigned idx)
{
	return idx < XW_SVC_COUNT ? names[idx] : 0;
}

static int idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

static uint64_t take(uint64_t *budget, uint64_t n)
{
	*budget = n >= *budget ? 0 : *budget - n;
	return n;
}

int csvc_bind_svc(struct csvc_chan *c, int svc)
{
	unsigned i;

	c->e_open = 0;
	c->src_left = 0;
	c->sum = 0xcbf29ce484222325ULL;
	c->sum_len = 0;
	c->out_pending = 0;
	if (svc == XW_SVC_SOURCE) {
		xw_chan_set_max_msg(&c->ch, 16);
		if (!__atomic_load_n(&pattern_ready, __ATOMIC_ACQUIRE)) {
			/* Idempotent: two CPUs writing the same bytes is harmless. */
			for (i = 0; i < XW_CSVC_SOURCE_MAX; i++) {
				pattern[i] = (uint8_t)(i * 131 + 7);
			}
			__atomic_store_n(&pattern_ready, 1, __ATOMIC_RELEASE);
		}
	}
	c->svc = svc;
	return XW_OK;
}

void csvc_unbind_svc(struct csvc_chan *c)
{
	c->e_open = 0;
	c->svc = -1;
}

/*
 * Echo: each message goes back as it comes in, one ebuf-full at a time, so
 * its size is not limited by secure memory. A reply waits for ring space
 * (space event armed) and the next piece waits for data (data event armed);
 * either way the service returns and the next doorbell resumes it here.
 */
static int serve_echo(struct csvc_chan *c, uint64_t *budget)
{
	size_t got, sent;
	uint64_t len;
	bool eom;
	int rc;

	for (;;) {
		if (c->e_open && !c->e_rep_done && (c->e_pend > 0 || c->e_len == 0)) {
			rc = xw_chan_send_some(&c->ch, c->e_len, c->ebuf + c->e_pos, c->e_pend, &sent,
					       CSVC_NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->e_pos += sent;
			c->e_pend -= sent;
			c->e_out += sent;
			c->e_rep_done = c->e_out == c->e_len;
			take(budget, sent);
			continue;
		}
		if (c->e_open && c->e_eom && c->e_rep_done) {
			c->e_open = 0;
		}
		if (*budget == 0) {
			return 1;
		}
		if (!c->e_open) {
			rc = xw_chan_peek(&c->ch, &len);
			if (rc == XW_OK) {
				c->e_open = 1;
				c->e_eom = 0;
				c->e_rep_done = 0;
				c->e_len = len;
				c->e_out = 0;
				c->e_pend = 0;
				continue;
			}
			if (rc != XW_EAGAIN) {
				return rc;
			}
			/* Empty ring: a 0-byte receive arms the data event (or finds data). */
			rc = xw_chan_recv_some(&c->ch, 0, 0, &got, &eom, CSVC_NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			if (eom) {
				/* That was a whole 0-byte message. */
				c->e_open = 1;
				c->e_eom = 1;
				c->e_rep_done = 0;
				c->e_len = 0;
				c->e_out = 0;
				c->e_pend = 0;
			}
			continue;
		}
		rc = xw_chan_recv_some(&c->ch, c->ebuf, sizeof(c->ebuf), &got, &eom, CSVC_NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		c->e_pos = 0;
		c->e_pend = got;
		c->e_eom = eom;
		take(budget, got + 1);
	}
}

static int serve_sink(struct csvc_chan *c, uint64_t *budget)
{
	uint8_t buf[SCRATCH];
	size_t got;
	bool eom;
	int rc;

	while (*budget > 0) {
		rc = xw_chan_recv_some(&c->ch, buf, sizeof(buf), &got, &eom, CSVC_NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		take(budget, got + 1);
	}
	return 1;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

static int serve_source(struct csvc_chan *c, uint64_t *budget)
{
	uint8_t req[16];
	size_t len;
	int rc;

	for (;;) {
		while (c->src_left > 0) {
			if (*budget == 0) {
				return 1;
			}
			rc = xw_chan_send(&c->ch, pattern, c->src_size, CSVC_NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->src_left--;
			take(budget, c->src_size + 1);
		}
		rc = xw_chan_recv(&c->ch, req, sizeof(req), &len, CSVC_NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		/* A malformed request breaks this channel only. */
		if (len != sizeof(req) || get64(req + 8) > XW_CSVC_SOURCE_MAX) {
			xw_chan_set_broken(&c->ch, XW_EINVAL);
			return XW_EPIPE;
		}
		c->src_left = get64(req);
		c->src_size = get64(req + 8);
	}
}

static int serve_checksum(struct csvc_chan *c, uint64_t *budget)
{
	uint8_t buf[SCRATCH];
	size_t got, i;
	bool eom;
	int rc;

	for (;;) {
		if (c->out_pending) {
			rc = xw_chan_send(&c->ch, c->out, sizeof(c->out), CSVC_NO_WAIT, 0);
			if (idle(rc)) {
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
		rc = xw_chan_recv_some(&c->ch, buf, sizeof(buf), &got, &eom, CSVC_NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		for (i = 0; i < got; i++) {
			c->sum = (c->sum ^ buf[i]) * 0x100000001b3ULL;
		}
		c->sum_len += got;
		take(budget, got + 1);
		if (eom) {
			put64(c->out, c->sum_len);
			put64(c->out + 8, c->sum);
			c->out_pending = 1;
			c->sum = 0xcbf29ce484222325ULL;
			c->sum_len = 0;
		}
	}
}

int csvc_serve(struct csvc_chan *c, uint64_t *budget)
{
	switch (c->svc) {
	case XW_SVC_ECHO:
		return serve_echo(c, budget);
	case XW_SVC_SINK:
		return serve_sink(c, budget);
	case XW_SVC_SOURCE:
		return serve_source(c, budget);
	case XW_SVC_CHECKSUM:
		return serve_checksum(c, budget);
	default:
		return XW_ENOENT;
	}
}
