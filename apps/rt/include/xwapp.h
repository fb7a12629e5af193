/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The application runtime (apps/rt/): system calls of the native ABI
 * (include/xw/app_abi.h), a few freestanding helpers, and a ready-made loop
 * for applications that serve channels. An application provides
 * `int main(uint64_t start)`; returning from it exits.
 */
#ifndef XWAPP_H
#define XWAPP_H

#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

#include "xw/app_abi.h"
#include "xw/err.h"

int main(uint64_t start);

/* System calls (results as in app_abi.h) */
int64_t xw_sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);
void xw_exit(int code) __attribute__((noreturn));
int64_t xw_log(const char *s);
int64_t xw_wait(struct xw_app_event *ev, uint64_t timeout_ns);
int64_t xw_notify(unsigned int chan);
uint64_t xw_time_ns(void);
void *xw_mem(uint64_t pages);

/* Freestanding helpers (the compiler may call the first four itself) */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
/** xw_fmt_u64() - @v in decimal at @buf (at least 21 bytes); returns its length. */
size_t xw_fmt_u64(char *buf, uint64_t v);

/*
 * A channel service: the runtime accepts every channel bound to the app,
 * opens our end (the library's hostile-peer checks apply), and calls serve()
 * on each doorbell. serve() moves what there is and returns 0 when idle (it
 * armed the channel's event by calling the library with timeout 0), < 0
 * when the channel broke. @state: state_size bytes, zeroed at bind.
 */
struct xwapp_service {
	size_t state_size; /* at most XWAPP_STATE_MAX */
	int (*serve)(struct xw_chan *ch, void *state);
};
#define XWAPP_STATE_MAX 4160
/** xwapp_serve() - run @svc forever. */
void xwapp_serve(const struct xwapp_service *svc) __attribute__((noreturn));

/** "Return now, having armed the event": the timeout channel calls use. */
#define XWAPP_NO_WAIT 1
static inline int xwapp_idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

/*
 * xwapp_answer_each() - a serve() body for request/reply applications: each
 * whole request (at most @cap bytes, into @buf) goes to @answer, which sends
 * the reply with XWAPP_NO_WAIT. Returns 0 when the channel is idle (its event
 * armed), < 0 when it broke; a request longer than @cap breaks it
 * (XW_EMSGSIZE from the library), as does an answer's error other than idle.
 */
int xwapp_answer_each(struct xw_chan *ch, void *buf, size_t cap,
		      int (*answer)(struct xw_chan *ch, const char *req, size_t len));

#endif
