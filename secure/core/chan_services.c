// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure services reached over channels. Each runs in the doorbell SMC's
 * context, moves at most the caller's byte budget, and returns instead of
 * waiting (CSVC_NO_WAIT). Messages: see docs/abi.md "Channel transport".
 *   echo      returns every message unchanged (up to XW_CSVC_ECHO_MAX bytes)
 *   sink      consumes and drops every message (benchmarks)
 *   source    request {u64 count, u64 size}: sends count messages of size bytes
 *             (byte i of a message = i * 131 + 7 mod 256; size <= XW_CSVC_ECHO_MAX)
 *   checksum  any length: replies {u64 length, u64 FNV-1a 64 of the bytes}
 */
#include "chan_svc_priv.h"

#define SCRATCH 1024 /* on the 8 KiB per-CPU stack */

static const char *const names[XW_SVC_COUNT] = { "echo", "sink", "source", "checksum" };

static uint8_t stage[XW_CSVC_ECHO_SLOTS][XW_CSVC_ECHO_MAX];
static uint32_t stage_used[XW_CSVC_ECHO_SLOTS];
static uint8_t pattern[XW_CSVC_ECHO_MAX];
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

	c->slot = -1;
	c->reply = 0;
	c->src_left = 0;
	c->sum = 0xcbf29ce484222325ULL;
	c->sum_len = 0;
	c->out_pending = 0;
	if (svc == XW_SVC_ECHO) {
		for (i = 0; i < XW_CSVC_ECHO_SLOTS; i++) {
			if (__atomic_exchange_n(&stage_used[i], 1, __ATOMIC_ACQUIRE) == 0) {
				c->slot = (int)i;
				break;
			}
		}
		if (c->slot < 0) {
			return XW_ENOMEM;
		}
		xw_chan_set_max_msg(&c->ch, XW_CSVC_ECHO_MAX);
	}
	if (svc == XW_SVC_SOURCE) {
		xw_chan_set_max_msg(&c->ch, 16);
		if (!__atomic_load_n(&pattern_ready, __ATOMIC_ACQUIRE)) {
			/* Idempotent: two CPUs writing the same bytes is harmless. */
			for (i = 0; i < XW_CSVC_ECHO_MAX; i++) {
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
	if (c->slot >= 0) {
		__atomic_store_n(&stage_used[c->slot], 0, __ATOMIC_RELEASE);
		c->slot = -1;
	}
	c->svc = -1;
}

static int serve_echo(struct csvc_chan *c, uint64_t *budget)
{
	uint8_t *buf = stage[c->slot];
	size_t len;
	int rc;

	for (;;) {
		if (c->reply) {
			rc = xw_chan_send(&c->ch, buf, c->len, CSVC_NO_WAIT, 0);
			if (idle(rc)) {
				return 0;
			}
			if (rc) {
				return rc;
			}
			c->reply = 0;
		}
		if (*budget == 0) {
			return 1;
		}
		rc = xw_chan_recv(&c->ch, buf, XW_CSVC_ECHO_MAX, &len, CSVC_NO_WAIT, 0);
		if (idle(rc)) {
			return 0;
		}
		if (rc) {
			return rc;
		}
		c->len = len;
		c->reply = 1;
		take(budget, len + 1);
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
		if (len != sizeof(req) || get64(req + 8) > XW_CSVC_ECHO_MAX) {
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
