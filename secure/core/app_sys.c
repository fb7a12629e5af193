// SPDX-License-Identifier: BSD-2-Clause
/*
 * The native personality ("xw", include/xw/app_abi.h): its system calls, its
 * entry convention, and the one check every pointer argument goes through
 * (xw_app_user: the caller's own secure mappings, with the access needed).
 */
#include <stddef.h>

#include <xw/channel.h>

#include "app.h"
#include "pages.h"
#include "sk/arch/time.h"
#include "xw/app_abi.h"
#include "xw/err.h"

void *xw_app_user(struct xw_app *app, uint64_t va, uint64_t len, unsigned int prot)
{
	uint32_t i;

	if (len == 0) {
		len = 1; /* an empty buffer must still be somewhere the app owns */
	}
	if (va + len < va) {
		return 0;
	}
	for (i = 0; i < app->nmaps; i++) {
		const struct xw_app_map *m = &app->maps[i];

		/* Normal-world memory is never a call's argument (no double fetch). */
		if (m->kind == XW_APP_MAP_CHAN || (m->prot & prot) != prot) {
			continue;
		}
		if (va >= m->va && va + len <= m->va + m->pages * XW_PAGE_SIZE) {
			return (uint8_t *)arch_app_kva(m->pa) + (va - m->va);
		}
	}
	return 0;
}

static int64_t sys_exit(struct xw_app *app, const uint64_t a[6])
{
	(void)a;
	app->sys_ctl = XW_APP_SYS_EXITED;
	return 0;
}

static int64_t sys_log(struct xw_app *app, const uint64_t a[6])
{
	char line[XW_APP_LOG_MAX + 1];
	const uint8_t *p;
	uint64_t i, n = a[1];

	if (n > XW_APP_LOG_MAX) {
		return XW_E2BIG;
	}
	p = xw_app_user(app, a[0], n, XW_PROT_R);
	if (p == 0) {
		return XW_EFAULT;
	}
	for (i = 0; i < n; i++) {
		/* One line of printable text: nothing the log reader could misparse. */
		line[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	}
	line[n] = '\0';
	arch_app_log(app->img->name, line);
	return (int64_t)n;
}

static uint64_t now_ns(void)
{
	uint64_t t = arch_now(), f = arch_now_freq();

	return (t / f) * 1000000000ULL + (t % f) * 1000000000ULL / f;
}

static int64_t sys_wait(struct xw_app *app, const uint64_t a[6])
{
	unsigned int i;

	if (a[0] % 8 != 0) {
		return XW_EINVAL;
	}
	if (xw_app_user(app, a[0], sizeof(struct xw_app_event), XW_PROT_W) == 0) {
		return XW_EFAULT;
	}
	/* A channel the app was offered and did not accept is refused: broken. */
	for (i = 0; i < XW_APP_MAX_CHANS; i++) {
		struct xw_app_chan *c = &app->chans[i];

		if (c->used && c->offered && !c->accepted) {
			arch_app_log(app->img->name, "did not accept a channel: refused (broken)");
			xw_chan_set_broken(c->kch, XW_EPIPE);
			__atomic_or_fetch(&app->notify, 1U << i, __ATOMIC_SEQ_CST);
			xw_app_chan_unbind_locked(app, i);
		}
	}
	app->deadline = a[1] >= (1ULL << 62) ? 0 : now_ns() + a[1];
	if (app->deadline == 0 && a[1] < (1ULL << 62)) {
		app->deadline = 1; /* "now" on a clock at 0 */
	}
	app->wait_ev = a[0];
	app->waiting = 1;
	app->sys_ctl = XW_APP_SYS_BLOCK;
	return 0;
}

static int64_t chan_id(struct xw_app *app, uint64_t id)
{
	if (id >= XW_APP_MAX_CHANS || !app->chans[id].used || !app->chans[id].offered) {
		return XW_ENOENT;
	}
	return (int64_t)id;
}

static int64_t sys_notify(struct xw_app *app, const uint64_t a[6])
{
	int64_t id = chan_id(app, a[0]);

	if (id < 0) {
		return id;
	}
	__atomic_or_fetch(&app->notify, 1U << id, __ATOMIC_SEQ_CST);
	app->progressed = 1; /* not looping: see run_claimed() */
	return 0;
}

static int64_t sys_time(struct xw_app *app, const uint64_t a[6])
{
	(void)app, (void)a;
	return (int64_t)now_ns();
}

static int64_t sys_mem(struct xw_app *app, const uint64_t a[6])
{
	uint64_t n = a[0], va = app->heap_next;
	int rc;

	if (n == 0 || n > (XW_APP_HEAP_MAX - app->heap_next) / XW_PAGE_SIZE) {
		return n == 0 ? XW_EINVAL : XW_ENOMEM;
	}
	if (n > app->img->quota_pages - app->pages) {
		/* The quota is a hard limit: asking past it ends the app. */
		app->kill_why = "memory quota exhausted";
		app->sys_ctl = XW_APP_SYS_KILL;
		return XW_ENOMEM;
	}
	rc = xw_app_add_heap(app, va, n);
	if (rc != XW_OK) {
		return rc; /* the pool is empty (or no map slot): the app may retry */
	}
	app->heap_next += n * XW_PAGE_SIZE;
	return (int64_t)va;
}

static int64_t sys_chan_bind(struct xw_app *app, const uint64_t a[6])
{
	int64_t id = chan_id(app, a[0]);

	if (id < 0) {
		return id;
	}
	app->chans[id].accepted = 1;
	return 0;
}

static int64_t sys_chan_unbind(struct xw_app *app, const uint64_t a[6])
{
	int64_t id = chan_id(app, a[0]);

	if (id < 0) {
		return id;
	}
	/* Our end is closed: the normal world drains what we sent, then reads XW_EPIPE. */
	xw_chan_close(app->chans[id].kch);
	__atomic_or_fetch(&app->notify, 1U << id, __ATOMIC_SEQ_CST);
	xw_app_chan_unbind_locked(app, (unsigned int)id);
	return 0;
}

static const xw_app_sys_fn xw_sys[XW_SYS_COUNT] = {
	[XW_SYS_EXIT] = sys_exit,
	[XW_SYS_LOG] = sys_log,
	[XW_SYS_WAIT] = sys_wait,
	[XW_SYS_NOTIFY] = sys_notify,
	[XW_SYS_TIME] = sys_time,
	[XW_SYS_MEM] = sys_mem,
	[XW_SYS_CHAN_BIND] = sys_chan_bind,
	[XW_SYS_CHAN_UNBIND] = sys_chan_unbind,
};

static void xw_start(struct xw_app *app, struct xw_app_regs *r)
{
	const struct xw_app_header *h = (const struct xw_app_header *)(const void *)app->img->image;
	unsigned int i;

	for (i = 0; i < 31; i++) {
		r->x[i] = 0;
	}
	r->x[0] = app->gen;
	r->sp = XW_APP_STACK_TOP;
	r->elr = h->entry;
	r->spsr = arch_app_spsr_el0();
}

const struct xw_app_personality xw_app_pers_xw = {
	.name = "xw",
	.nsys = XW_SYS_COUNT,
	.sys = xw_sys,
	.nr_reg = 8,
	.kill_on_efault = 1,
	.nosys = XW_ENOSYS,
	.start = xw_start,
};

int64_t xw_app_syscall(struct xw_app *app)
{
	const struct xw_app_personality *p = app->pers;
	uint64_t nr = app->regs.x[p->nr_reg];
	int64_t r;

	app->syscalls++;
	app->sys_ctl = 0;
	if (nr >= p->nsys || p->sys[nr] == 0) {
		app->regs.x[0] = (uint64_t)p->nosys;
		return 0;
	}
	r = p->sys[nr](app, app->regs.x);
	if (r == XW_EFAULT && p->kill_on_efault && app->sys_ctl == 0) {
		app->kill_why = "bad pointer in a system call";
		app->sys_ctl = XW_APP_SYS_KILL;
	}
	if (app->sys_ctl == XW_APP_SYS_BLOCK) {
		return app->sys_ctl; /* x0 is the wait's result, written when it ends */
	}
	app->regs.x[0] = (uint64_t)r;
	if (app->sys_ctl != 0) {
		return app->sys_ctl;
	}
	return 0;
}
