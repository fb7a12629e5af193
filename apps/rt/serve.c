// SPDX-License-Identifier: BSD-2-Clause
/*
 * The channel-service loop (xwapp.h): wait for an event, accept and open
 * bound channels, serve rung ones, forget unbound ones. The library's hooks
 * never block: notify asks the kernel to interrupt the normal world once
 * this run ends (at once, not after serve() returns: the kernel counts a
 * notification as progress, so a long stream is not taken for an endless
 * loop), wait answers "timed out" so the library arms its event.
 */
#include "xwapp.h"

struct slot {
	int open;
	int notify;
	unsigned int id;
	struct xw_chan ch;
	uint64_t state[XWAPP_STATE_MAX / 8];
};

static struct slot slots[16];

static void hook_notify(void *ctx, unsigned int ev)
{
	struct slot *s = ctx;

	(void)ev;
	xw_notify(s->id);
	s->notify = 1;
}

static int hook_wait(void *ctx, unsigned int ev, uint64_t timeout_ns)
{
	(void)ctx, (void)ev, (void)timeout_ns;
	return XW_ETIMEDOUT;
}

static const struct xw_chan_ops ops = {
	.notify = hook_notify,
	.wait = hook_wait,
};

static void serve_one(const struct xwapp_service *svc, struct slot *s)
{
	int rc;

	s->notify = 0;
	rc = svc->serve(&s->ch, s->state);
	if (rc < 0) {
		/*
		 * We stop serving it, so it must be broken for the normal world
		 * too: an error the library did not publish (XW_EINVAL, ...) would
		 * otherwise leave the peer waiting for ever. No-op if broken.
		 */
		if (xw_chan_status(&s->ch) == XW_OK) {
			char line[64] = "channel dropped: serve returned -";

			xw_fmt_u64(line + strlen(line), (uint64_t)-rc);
			xw_log(line);
			xw_chan_set_broken(&s->ch, XW_EPIPE);
		}
		s->open = 0;
		if (!s->notify) {
			xw_notify(s->id);
		}
	}
}

void xwapp_serve(const struct xwapp_service *svc)
{
	struct xw_app_event ev;
	struct slot *s;
	int rc;

	xw_log("serving");
	for (;;) {
		if (xw_wait(&ev, XW_APP_FOREVER) < 0 || ev.chan >= sizeof(slots) / sizeof(slots[0])) {
			continue;
		}
		s = &slots[ev.chan];
		switch (ev.kind) {
		case XW_APP_EV_BIND:
			memset(s, 0, sizeof(*s));
			s->id = ev.chan;
			rc = svc->state_size > sizeof(s->state) ?
				     XW_ENOMEM :
				     xw_chan_open(&s->ch, (void *)(uintptr_t)ev.va, ev.size, ev.idx,
						  XW_CHAN_END1, &ops, s);
			if (rc != XW_OK) {
				char line[48] = "channel refused: open failed, -";

				xw_fmt_u64(line + strlen(line), (uint64_t)-rc);
				xw_log(line);
				break; /* not accepted: the kernel refuses it at our next wait */
			}
			xw_sys(XW_SYS_CHAN_BIND, ev.chan, 0, 0);
			s->open = 1;
			serve_one(svc, s);
			break;
		case XW_APP_EV_DOORBELL:
			if (s->open) {
				serve_one(svc, s);
			}
			break;
		case XW_APP_EV_UNBIND:
			s->open = 0;
			break;
		default:
			break;
		}
	}
}
