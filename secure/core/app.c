// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure applications: loading, the run loop, kill and restart, channel
 * binding (app.h). Portable: the address space and the CPU switch are behind
 * sk/arch/app.h; the hosted build scripts what an application does.
 */
#include "app.h"

#include <stddef.h>

#include <xw/channel.h>

#include "pages.h"
#include "sk/arch/notify.h"
#include "sk/arch/time.h"
#include "xw/app_abi.h"
#include "xw/err.h"

#define IMG_MAX (2UL << 20)

static struct {
	struct xw_app app[XW_APPS_MAX];
	unsigned int n;
	uint64_t restarts;
} apps;

static uint64_t now_ns(void)
{
	uint64_t t = arch_now(), f = arch_now_freq();

	/* Split so that t * 1e9 cannot overflow. */
	return (t / f) * 1000000000ULL + (t % f) * 1000000000ULL / f;
}

static uint64_t pages_of(uint64_t bytes)
{
	return (bytes + XW_PAGE_SIZE - 1) / XW_PAGE_SIZE;
}

static int try_claim(struct xw_app *app, uint32_t who)
{
	uint32_t free_ = 0;

	return __atomic_compare_exchange_n(&app->claim, &free_, who, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

static void release(struct xw_app *app)
{
	__atomic_store_n(&app->claim, 0, __ATOMIC_SEQ_CST);
}

/* The claim of a bind or unbind: it never runs the app (see run()). */
#define CLAIM_BINDING 0xffffU

/* Bind and unbind wait for the running CPU: at most one time slice. */
static void claim_wait(struct xw_app *app)
{
	while (!try_claim(app, CLAIM_BINDING)) {
		/* try_claim's failed exchange is a seq_cst load: the loop re-reads */
	}
}

static int add_map(struct xw_app *app, uint64_t va, uint64_t pa, uint64_t pages, uint32_t prot,
		   uint32_t kind)
{
	struct xw_app_map *m;
	int rc;

	if (app->nmaps >= XW_APP_MAX_MAPS) {
		return XW_ENOMEM;
	}
	rc = arch_app_map(&app->space, va, pa, pages, prot);
	if (rc != XW_OK) {
		return rc;
	}
	m = &app->maps[app->nmaps++];
	m->va = va;
	m->pa = pa;
	m->pages = pages;
	m->prot = prot;
	m->kind = kind;
	return XW_OK;
}

/* A run of fresh secure pages, counted against the quota, mapped at @va. */
static int add_secure(struct xw_app *app, uint64_t va, uint64_t pages, uint32_t prot,
		      uint32_t kind, uint64_t *pa_out)
{
	uint64_t pa;
	int rc;

	if (pages == 0) {
		return XW_OK;
	}
	if (app->pages + pages > app->img->quota_pages) {
		return XW_ENOMEM;
	}
	pa = xw_pages_alloc(pages);
	if (pa == 0) {
		return XW_ENOMEM;
	}
	rc = add_map(app, va, pa, pages, prot, kind);
	if (rc != XW_OK) {
		xw_pages_free(pa, pages);
		return rc;
	}
	app->pages += (uint32_t)pages;
	if (pa_out != 0) {
		*pa_out = pa;
	}
	return XW_OK;
}

/*
 * Bytes [@off, +@n) of the image to @pa; a flat image may end before a
 * section's page padding (objcopy stops at the last byte): the rest stays zero.
 */
static void copy_to(uint64_t pa, const struct xw_app_image *img, uint64_t off, uint64_t n)
{
	uint64_t size = (uint64_t)(img->image_end - img->image), i;
	uint8_t *d = arch_app_kva(pa);

	if (off >= size) {
		return;
	}
	if (n > size - off) {
		n = size - off;
	}
	for (i = 0; i < n; i++) {
		d[i] = img->image[off + i];
	}
}

/* Everything the instance owns goes back; its channels are already gone. */
static void unload(struct xw_app *app)
{
	uint32_t i;

	for (i = 0; i < app->nmaps; i++) {
		if (app->maps[i].kind != XW_APP_MAP_CHAN) {
			xw_pages_free(app->maps[i].pa, app->maps[i].pages);
		}
	}
	app->nmaps = 0;
	app->pages = 0;
	if (app->scratch_pa != 0) {
		xw_pages_free(app->scratch_pa, 1);
		app->scratch_pa = 0;
	}
	arch_app_space_free(&app->space);
}

/* A checked image: sections in order, inside the image and the 2 MiB it may use. */
static const struct xw_app_header *check_image(const struct xw_app_image *img)
{
	const struct xw_app_header *h = (const struct xw_app_header *)(const void *)img->image;
	uint64_t b = XW_APP_VA_BASE, size = (uint64_t)(img->image_end - img->image);

	if (size < sizeof(*h) || h->magic != XW_APP_MAGIC || h->version != 1) {
		return 0;
	}
	if (h->text_end <= b || h->text_end % XW_PAGE_SIZE || h->rodata_end < h->text_end ||
	    h->rodata_end % XW_PAGE_SIZE || h->data_end < h->rodata_end ||
	    h->bss_end < h->data_end || h->bss_end > b + IMG_MAX ||
	    (h->data_end > h->rodata_end && h->data_end - b > size) || h->entry < b + sizeof(*h) || h->entry >= h->text_end) {
		return 0;
	}
	return h;
}

static int load(struct xw_app *app)
{
	const struct xw_app_image *img = app->img;
	const struct xw_app_header *h = check_image(img);
	uint64_t b = XW_APP_VA_BASE, pa, stack;
	unsigned int i;
	int rc;

	if (h == 0) {
		return XW_EINVAL;
	}
	app->nmaps = 0;
	app->pages = 0;
	for (i = 0; i < XW_APP_MAX_CHANS; i++) {
		app->chans[i].scratch_pages = 0;
	}
	rc = arch_app_space_init(&app->space, app->id + 1);
	if (rc != XW_OK) {
		return rc;
	}
	/* Kernel overhead like the tables, not the app's quota: see drop_chan(). */
	app->scratch_pa = xw_pages_alloc(1);
	if (app->scratch_pa == 0) {
		arch_app_space_free(&app->space);
		return XW_ENOMEM;
	}
	rc = add_secure(app, b, pages_of(h->text_end - b), XW_PROT_R | XW_PROT_X,
			XW_APP_MAP_IMAGE, &pa);
	if (rc == XW_OK) {
		copy_to(pa, img, 0, h->text_end - b);
		arch_app_code_written(arch_app_kva(pa), h->text_end - b);
		rc = add_secure(app, h->text_end, pages_of(h->rodata_end - h->text_end), XW_PROT_R,
				XW_APP_MAP_IMAGE, &pa);
	}
	if (rc == XW_OK && h->rodata_end > h->text_end) {
		copy_to(pa, img, h->text_end - b, h->rodata_end - h->text_end);
	}
	if (rc == XW_OK && h->bss_end > h->rodata_end) {
		rc = add_secure(app, h->rodata_end, pages_of(h->bss_end - h->rodata_end),
				XW_PROT_R | XW_PROT_W, XW_APP_MAP_IMAGE, &pa);
		if (rc == XW_OK) {
			copy_to(pa, img, h->rodata_end - b, h->data_end - h->rodata_end);
		}
	}
	/* The stack; the page below it stays unmapped (the guard). */
	stack = (uint64_t)img->stack_pages * XW_PAGE_SIZE;
	if (rc == XW_OK) {
		rc = img->stack_pages == 0 || stack > XW_APP_STACK_TOP - XW_APP_VA_BASE - IMG_MAX ?
			     XW_EINVAL :
			     add_secure(app, XW_APP_STACK_TOP - stack, img->stack_pages,
					XW_PROT_R | XW_PROT_W, XW_APP_MAP_STACK, 0);
	}
	if (rc != XW_OK) {
		unload(app);
		return rc;
	}
	app->heap_next = XW_APP_HEAP_BASE;
	app->waiting = 0;
	app->deadline = 0;
	app->spin_ns = 0;
	app->progressed = 0;
	app->marks = 0;
	app->notify = 0;
	app->pend_bind = app->pend_unbind = 0;
	__atomic_store_n(&app->doorbells, 0, __ATOMIC_SEQ_CST);
	app->gen++;
	app->pers->start(app, &app->regs);
	app->state = XW_APP_ST_WAITING;
	return XW_OK;
}

unsigned int xw_apps_init(const struct xw_app_image *imgs, unsigned int n)
{
	unsigned int i;
	struct xw_app *a;

	for (i = 0; i < n && apps.n < XW_APPS_MAX; i++) {
		a = &apps.app[apps.n];
		a->img = &imgs[i];
		a->id = apps.n;
		a->pers = &xw_app_pers_xw; /* the only personality yet (XW_APP_PERS_XW) */
		a->gen = 0;
		if (imgs[i].personality != XW_APP_PERS_XW || imgs[i].max_chans > XW_APP_MAX_CHANS ||
		    load(a) != XW_OK) {
			a->state = XW_APP_ST_DEAD;
			a->last_kill = "image did not load";
		}
		apps.n++;
	}
	return apps.n;
}

struct xw_app *xw_app_get(unsigned int id)
{
	return id < apps.n ? &apps.app[id] : 0;
}

unsigned int xw_app_count(void)
{
	return apps.n;
}

struct xw_app *xw_app_by_name(const char *name)
{
	unsigned int i, j;

	for (i = 0; i < apps.n; i++) {
		const char *n = apps.app[i].img->service;

		for (j = 0; n[j] == name[j] && n[j] != '\0'; j++) {
		}
		if (n[j] == name[j]) {
			return &apps.app[i];
		}
	}
	return 0;
}

/*
 * Drops channel slot @id: mapping, pending events; the kernel's end stays as
 * it is. With @scratch (the normal world dropped a channel the app knows of,
 * and the app may be stopped in the middle of using it), the slot's pages
 * become the app's scratch page instead of holes: the app reads an empty
 * channel and learns of the unbind at its next wait instead of faulting.
 */
static void drop_chan(struct xw_app *app, unsigned int id, int scratch)
{
	struct xw_app_chan *c = &app->chans[id];
	uint64_t va = XW_APP_CHAN_VA + (uint64_t)id * XW_APP_CHAN_SPAN, p, n;
	uint32_t i;

	for (i = 0; i < app->nmaps; i++) {
		if (app->maps[i].kind == XW_APP_MAP_CHAN && app->maps[i].va == va) {
			n = app->maps[i].pages;
			arch_app_unmap(&app->space, va, n);
			app->maps[i] = app->maps[--app->nmaps];
			for (p = 0; scratch && app->scratch_pa != 0 && p < n; p++) {
				/* The L3 tables are there already: no allocation can fail. */
				(void)arch_app_map(&app->space, va + p * XW_PAGE_SIZE, app->scratch_pa, 1,
						   XW_PROT_R | XW_PROT_W);
			}
			c->scratch_pages = scratch && app->scratch_pa != 0 ? (uint32_t)n : 0;
			break;
		}
	}
	c->used = 0;
	c->offered = 0;
	c->accepted = 0;
	c->kch = 0;
	app->pend_bind &= ~(1U << id);
	__atomic_and_fetch(&app->doorbells, ~(1U << id), __ATOMIC_SEQ_CST);
}

void xw_app_kill(struct xw_app *app, const char *why)
{
	unsigned int i;
	int broke = 0;

	app->kills++;
	app->last_kill = why;
	arch_app_log_kill(app->img->name, app->gen, why, app->fault_esr, app->fault_far,
			  app->fault_elr);
	app->fault_esr = app->fault_far = app->fault_elr = 0;
	for (i = 0; i < XW_APP_MAX_CHANS; i++) {
		if (app->chans[i].used) {
			/* The normal world's end reads XW_EPIPE from now on. */
			xw_chan_set_broken(app->chans[i].kch, XW_EPIPE);
			drop_chan(app, i, 0);
			broke = 1;
		}
	}
	unload(app);
	if (broke) {
		arch_ns_notify();
	}
	app->state = XW_APP_ST_DEAD;
	if (app->img->restart && load(app) == XW_OK) {
		__atomic_fetch_add(&apps.restarts, 1, __ATOMIC_RELAXED);
	}
}

int xw_app_chan_bind(struct xw_app *app, struct xw_chan *kch, uint64_t pa, uint64_t size,
		     unsigned int idx, uint32_t *seq)
{
	unsigned int id;
	int rc = XW_ENOSPC;

	if (size == 0 || size > XW_APP_CHAN_SPAN || pa % XW_PAGE_SIZE != 0) {
		return XW_EINVAL;
	}
	claim_wait(app);
	if (app->state == XW_APP_ST_DEAD || app->state == XW_APP_ST_EMPTY) {
		rc = XW_EPIPE;
		goto out;
	}
	/*
	 * Not a slot whose unbind the app has not been told of yet: it may be
	 * stopped (preempted) in the middle of serving that channel, and would
	 * go on with the old channel's state in the new one's memory. It gets
	 * the unbind at its next wait; until then it reads the scratch page.
	 */
	for (id = 0; id < app->img->max_chans; id++) {
		if (!app->chans[id].used && !(app->pend_unbind & (1U << id))) {
			break;
		}
	}
	if (id == app->img->max_chans) {
		goto out;
	}
	if (app->chans[id].scratch_pages != 0) {
		/* Break before make: the scratch entries go (and their TLB entries) first. */
		arch_app_unmap(&app->space, XW_APP_CHAN_VA + (uint64_t)id * XW_APP_CHAN_SPAN,
			       app->chans[id].scratch_pages);
		app->chans[id].scratch_pages = 0;
	}
	rc = add_map(app, XW_APP_CHAN_VA + (uint64_t)id * XW_APP_CHAN_SPAN, pa, pages_of(size),
		     XW_PROT_R | XW_PROT_W | XW_PROT_NS, XW_APP_MAP_CHAN);
	if (rc != XW_OK) {
		goto out;
	}
	app->chans[id].used = 1;
	app->chans[id].offered = 0;
	app->chans[id].accepted = 0;
	app->chans[id].seq++;
	app->chans[id].kch = kch;
	app->chans[id].pa = pa;
	app->chans[id].size = size;
	app->chans[id].idx = idx;
	app->pend_bind |= 1U << id;
	*seq = app->chans[id].seq;
	rc = (int)id;
out:
	release(app);
	return rc;
}

void xw_app_chan_unbind_locked(struct xw_app *app, unsigned int id)
{
	drop_chan(app, id, 0);
}

int xw_app_add_heap(struct xw_app *app, uint64_t va, uint64_t pages)
{
	return add_secure(app, va, pages, XW_PROT_R | XW_PROT_W, XW_APP_MAP_HEAP, 0);
}

void xw_app_chan_unbind(struct xw_app *app, int id, uint32_t seq)
{
	struct xw_app_chan *c = &app->chans[id];

	claim_wait(app);
	if (c->used && c->seq == seq) {
		/* Reported to the app only if it knew of the channel. */
		if (!(app->pend_bind & (1U << id))) {
			app->pend_unbind |= 1U << id;
		}
		drop_chan(app, (unsigned int)id, c->offered);
	}
	release(app);
}

static int has_event(struct xw_app *app, uint64_t now)
{
	return app->pend_bind || app->pend_unbind ||
	       __atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST) != 0 ||
	       (app->deadline != 0 && now >= app->deadline);
}

static unsigned int lowest(uint32_t m)
{
	return (unsigned int)__builtin_ctz(m);
}

/*
 * Completes a wait if an event is there: the event goes to the app's buffer
 * (checked again: the app's maps may have changed), x0 = the wait's result.
 * Return: 1 delivered, 0 nothing yet.
 */
static int deliver(struct xw_app *app, uint64_t now)
{
	struct xw_app_event ev = { 0 };
	struct xw_app_event *dst;
	uint32_t m;
	int64_t res = 0;

	if (app->pend_unbind) {
		ev.kind = XW_APP_EV_UNBIND;
		ev.chan = lowest(app->pend_unbind);
		app->pend_unbind &= ~(1U << ev.chan);
	} else if (app->pend_bind) {
		ev.kind = XW_APP_EV_BIND;
		ev.chan = lowest(app->pend_bind);
		app->pend_bind &= ~(1U << ev.chan);
		app->chans[ev.chan].offered = 1;
		ev.va = XW_APP_CHAN_VA + (uint64_t)ev.chan * XW_APP_CHAN_SPAN;
		ev.size = app->chans[ev.chan].size;
		ev.idx = app->chans[ev.chan].idx;
	} else if ((m = __atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST)) != 0) {
		ev.kind = XW_APP_EV_DOORBELL;
		ev.chan = lowest(m);
		__atomic_and_fetch(&app->doorbells, ~(1U << ev.chan), __ATOMIC_SEQ_CST);
	} else if (app->deadline != 0 && now >= app->deadline) {
		ev.kind = XW_APP_EV_TIMEOUT;
		res = XW_ETIMEDOUT;
	} else {
		return 0;
	}
	dst = xw_app_user(app, app->wait_ev, sizeof(ev), XW_PROT_W);
	if (dst == 0) {
		res = XW_EFAULT; /* unreachable: checked at the call, and maps only grow */
	} else {
		*dst = ev;
	}
	app->regs.x[0] = (uint64_t)res;
	app->waiting = 0;
	app->deadline = 0;
	app->spin_ns = 0;
	app->progressed = 0;
	return 1;
}

/* Names what a synchronous exception (not a system call) at EL0 was. */
static const char *fault_name(struct xw_app *app, uint64_t esr, uint64_t far)
{
	uint64_t guard = XW_APP_STACK_TOP - ((uint64_t)app->img->stack_pages + 1) * XW_PAGE_SIZE;
	unsigned int fsc = (unsigned int)(esr & 0x3f);

	switch (XW_ESR_EC(esr)) {
	case 0x24: /* data abort from EL0 */
		if (far >= guard && far < guard + XW_PAGE_SIZE) {
			return "stack overflow (guard page)";
		}
		if (far < XW_PAGE_SIZE) {
			return "null pointer";
		}
		if (fsc == 0x21) {
			return "alignment fault";
		}
		if (fsc >= 0x0c && fsc <= 0x0f) {
			return (esr & (1UL << 6)) ? "write to read-only memory" :
						    "read of memory it may not read";
		}
		return "access to unmapped memory";
	case 0x20:
		return "instruction fetch from non-executable or unmapped memory";
	case 0x00:
		return "undefined instruction";
	case 0x22:
		return "misaligned PC";
	case 0x26:
		return "misaligned SP";
	case 0x07:
		return "FP/SIMD instruction (not allowed at S-EL0)";
	case 0x3c:
		return "breakpoint instruction";
	default:
		return "synchronous exception";
	}
}

/*
 * A mark of where the app's channels stand: their indices the app publishes,
 * read from shared memory. It moves whenever the app consumes or produces.
 */
static uint64_t chan_marks(struct xw_app *app)
{
	uint64_t h = 0;
	unsigned int i;

	for (i = 0; i < XW_APP_MAX_CHANS; i++) {
		if (app->chans[i].used && app->chans[i].kch != 0) {
			h = h * 1000003ULL + xw_chan_end_marks(app->chans[i].kch);
		}
	}
	return h;
}

/*
 * A synchronous exception other than a system call, or an SError, at EL0:
 * the app dies, its fault registers kept for the kill line. Both run loops
 * (run_claimed, xw_app_call) end this way. Returns XW_EPIPE.
 */
static int kill_on_fault(struct xw_app *app, unsigned int kind, uint64_t esr, uint64_t far)
{
	arch_app_leave();
	app->fault_esr = esr;
	app->fault_far = far;
	app->fault_elr = app->regs.elr;
	xw_app_kill(app, kind == XW_APP_EXIT_SERROR ? "SError" : fault_name(app, esr, far));
	return XW_EPIPE;
}

/* Runs @app (claim held) until it waits (0), is preempted (1) or dies (XW_EPIPE). */
static int run_claimed(struct xw_app *app)
{
	uint64_t esr, far, t0, now, mark;
	unsigned int kind;
	int64_t sc;

	if (app->state == XW_APP_ST_DEAD || app->state == XW_APP_ST_EMPTY) {
		return XW_EPIPE;
	}
	now = now_ns();
	if (app->waiting && !deliver(app, now)) {
		app->state = XW_APP_ST_WAITING;
		return 0;
	}
	app->state = XW_APP_ST_RUNNING;
	app->runs++;
	t0 = now;
	arch_app_ns_irq(&app->regs, 1);
	for (;;) {
		kind = arch_app_enter(&app->space, &app->regs, &esr, &far);
		if (kind == XW_APP_EXIT_SYNC && XW_ESR_EC(esr) == XW_EC_SVC64) {
			sc = xw_app_syscall(app);
			if (sc == XW_APP_SYS_EXITED || sc == XW_APP_SYS_KILL) {
				arch_app_leave();
				app->fault_elr = app->regs.elr;
			xw_app_kill(app, sc == XW_APP_SYS_EXITED ? "exited" : app->kill_why);
				return XW_EPIPE;
			}
			if (sc == XW_APP_SYS_BLOCK && !deliver(app, now_ns())) {
				arch_app_leave();
				app->state = XW_APP_ST_WAITING;
				return 0;
			}
			continue;
		}
		if (kind == XW_APP_EXIT_SYNC || kind == XW_APP_EXIT_SERROR) {
			return kill_on_fault(app, kind, esr, far);
		}
		if (kind == XW_APP_EXIT_IRQ) {
			arch_app_irq();
			if (now_ns() - t0 < XW_APP_SLICE_NS) {
				continue;
			}
		}
		if (kind == XW_APP_EXIT_FIQ && now_ns() - t0 < XW_APP_NS_GRACE_NS) {
			/*
			 * Some progress first: the normal world may have rung with its
			 * own interrupts masked, and would only ring again.
			 */
			arch_app_ns_irq(&app->regs, 0);
			continue;
		}
		/* Slice over, or the normal world has an interrupt: give the CPU back. */
		now = now_ns();
		arch_app_leave();
		/*
		 * "Too long" is without waiting or making progress: an app
		 * streaming a large message never waits while the normal world
		 * keeps its ring filled, but it moves its channels' indices, or
		 * notifies (an endless loop does neither). The indices are the
		 * normal world's memory: it could only keep its own app alive.
		 * A run that made progress does not count at all: on a loaded
		 * host one run can take longer than the limit (its vCPU was
		 * descheduled), and that is no loop.
		 */
		mark = chan_marks(app);
		if (app->progressed || mark != app->marks) {
			app->spin_ns = 0;
			app->progressed = 0;
		} else {
			app->spin_ns += now - t0;
		}
		app->marks = mark;
		app->preempts++;
		if (app->spin_ns > XW_APP_SPIN_MAX_NS) {
			xw_app_kill(app, "ran too long without waiting");
			return XW_EPIPE;
		}
		app->state = XW_APP_ST_READY;
		return 1;
	}
}

/*
 * Runs @app on @cpu while it has events. @id, @seq: the channel whose
 * doorbell runs it (@id < 0: the tick). With @notified, a notification of
 * that channel made by this run goes back to the doorbell's caller (its
 * return tells the normal world, on the ringing CPU); every other one raises
 * the SPI. Nothing is lost: a notification made by a run is taken by that
 * run's CPU at its end (the exchange below), or by a later run's.
 */
static int run(struct xw_app *app, unsigned int cpu, int id, uint32_t seq, int *notified)
{
	uint64_t t0, now;
	uint32_t m;
	int rc = 0;

	while (!try_claim(app, cpu + 1)) {
		uint32_t who = __atomic_load_n(&app->claim, __ATOMIC_SEQ_CST);

		/*
		 * A CPU running the app sees our event before it lets go (run()'s
		 * loop re-checks after release). A bind or unbind does not run the
		 * app: wait for it (it is short) instead of leaving a doorbell
		 * that nobody delivers (the app waits, the normal world waits for
		 * it: test_app.c, test_doorbell_during_unbind). Let go just now
		 * (0): try again.
		 */
		if (who != 0 && who != CLAIM_BINDING) {
			return 0;
		}
	}
	t0 = now_ns();
	for (;;) {
		rc = run_claimed(app);
		release(app);
		now = now_ns();
		if (rc != 0 || !has_event(app, now)) {
			break;
		}
		if (now - t0 >= XW_APP_SLICE_NS) {
			/*
			 * Events keep coming (its other channels): answer "ring
			 * again" rather than hold this doorbell - and the channel's
			 * busy flag, which makes other CPUs' doorbells on it spin in
			 * the normal world (it gives up after ~1 s) - indefinitely.
			 * The caller rings again; the tick runs it too.
			 */
			rc = 1;
			break;
		}
		if (!try_claim(app, cpu + 1)) {
			break;
		}
	}
	m = __atomic_exchange_n(&app->notify, 0, __ATOMIC_SEQ_CST);
	/*
	 * Slot @id still holds the binding that rang (read after the exchange:
	 * the bits taken were set while it did; seq only grows at a bind), so
	 * its bit is that channel's notification, whoever holds the slot later.
	 */
	if (notified != 0 && id >= 0 && (m & (1U << id)) &&
	    __atomic_load_n(&app->chans[id].seq, __ATOMIC_SEQ_CST) == seq) {
		*notified = 1;
		m &= ~(1U << id);
	}
	if (m != 0) {
		arch_ns_notify();
	}
	return rc;
}

int xw_app_doorbell(struct xw_app *app, int id, uint32_t seq, unsigned int cpu)
{
	return xw_app_doorbell_ret(app, id, seq, cpu, 0);
}

int xw_app_doorbell_ret(struct xw_app *app, int id, uint32_t seq, unsigned int cpu,
			int *notified)
{
	if (id < 0 || id >= XW_APP_MAX_CHANS) {
		return XW_EPIPE;
	}
	/* A stale binding (its instance was killed, or it was unbound) is broken. */
	if (!__atomic_load_n(&app->chans[id].used, __ATOMIC_SEQ_CST) ||
	    __atomic_load_n(&app->chans[id].seq, __ATOMIC_SEQ_CST) != seq) {
		return XW_EPIPE;
	}
	__atomic_or_fetch(&app->doorbells, 1U << id, __ATOMIC_SEQ_CST);
	return run(app, cpu, id, seq, notified);
}

void xw_apps_tick(unsigned int cpu)
{
	uint64_t now = now_ns();
	unsigned int i;

	for (i = 0; i < apps.n; i++) {
		struct xw_app *a = &apps.app[i];

		if (__atomic_load_n(&a->claim, __ATOMIC_SEQ_CST) != 0) {
			continue;
		}
		/*
		 * Preempted, or waiting with an event that no doorbell will bring
		 * (its timeout; a bind or unbind to deliver): a last resort, every
		 * tick, so that no event waits for the next doorbell.
		 */
		if (a->state == XW_APP_ST_READY ||
		    (a->state == XW_APP_ST_WAITING && a->waiting && has_event(a, now))) {
			(void)run(a, cpu, -1, 0, 0);
		}
	}
}

void xw_apps_get_stats(struct xw_apps_stats *st)
{
	unsigned int i, j;

	st->apps = apps.n;
	st->kills = 0;
	st->chans_bound = 0;
	st->restarts = __atomic_load_n(&apps.restarts, __ATOMIC_RELAXED);
	for (i = 0; i < apps.n; i++) {
		st->kills += apps.app[i].kills;
		for (j = 0; j < XW_APP_MAX_CHANS; j++) {
			st->chans_bound += __atomic_load_n(&apps.app[i].chans[j].used, __ATOMIC_RELAXED);
		}
	}
}

/* ---- call-driven applications (app.h) ------------------------------------ */

int xw_app_space_new(struct xw_app *app)
{
	app->nmaps = 0;
	app->pages = 0;
	app->scratch_pa = 0;
	return arch_app_space_init(&app->space, app->id + 1);
}

int xw_app_map_new(struct xw_app *app, uint64_t va, uint64_t pages, uint32_t prot, uint32_t kind,
		   uint64_t *pa)
{
	return add_secure(app, va, pages, prot, kind, pa);
}

int xw_app_map_run(struct xw_app *app, uint64_t va, uint64_t pa, uint64_t pages, uint32_t prot,
		   uint32_t kind)
{
	int rc;

	if (app->pages + pages > app->img->quota_pages) {
		return XW_ENOMEM;
	}
	rc = add_map(app, va, pa, pages, prot, kind);
	if (rc == XW_OK) {
		app->pages += (uint32_t)pages;
	}
	return rc;
}

int xw_app_unmap_at(struct xw_app *app, uint64_t va)
{
	uint32_t i;

	for (i = 0; i < app->nmaps; i++) {
		struct xw_app_map *m = &app->maps[i];

		if (m->va == va && m->kind != XW_APP_MAP_CHAN) {
			arch_app_unmap(&app->space, m->va, m->pages);
			xw_pages_free(m->pa, m->pages);
			app->pages -= (uint32_t)m->pages;
			*m = app->maps[--app->nmaps];
			return XW_OK;
		}
	}
	return XW_ENOENT;
}

void xw_app_release(struct xw_app *app)
{
	unload(app);
	app->state = XW_APP_ST_EMPTY;
}

int xw_app_call(struct xw_app *app, void (*foreign)(void *ctx), void *ctx)
{
	struct xw_app_fp ns_fp;
	uint64_t esr, far, t0;
	unsigned int kind;
	int64_t sc;

	if (app->state == XW_APP_ST_DEAD || app->state == XW_APP_ST_EMPTY) {
		return XW_EPIPE;
	}
	app->state = XW_APP_ST_RUNNING;
	app->runs++;
	app->spin_ns = 0;
	arch_app_ns_irq(&app->regs, 1);
	for (;;) {
		/* The app's FP registers only while it runs: the normal world's are back at every exit. */
		if (app->fp != 0) {
			arch_app_fp_in(app->fp, &ns_fp);
		}
		t0 = now_ns();
		kind = arch_app_enter(&app->space, &app->regs, &esr, &far);
		/* Time at EL0 since its last system call (not the time the CPU was given back). */
		app->spin_ns += now_ns() - t0;
		if (app->fp != 0) {
			arch_app_fp_out(app->fp, &ns_fp);
		}
		if (kind == XW_APP_EXIT_SYNC && XW_ESR_EC(esr) == XW_EC_SVC64) {
			app->spin_ns = 0;
			sc = xw_app_syscall(app);
			if (sc == XW_APP_SYS_RETURN) {
				arch_app_leave();
				app->state = XW_APP_ST_WAITING;
				return XW_OK;
			}
			if (sc == XW_APP_SYS_EXITED || sc == XW_APP_SYS_KILL || sc == XW_APP_SYS_BLOCK) {
				arch_app_leave();
				app->fault_elr = app->regs.elr;
				xw_app_kill(app, sc == XW_APP_SYS_KILL ? app->kill_why : "exited");
				return XW_EPIPE;
			}
			continue;
		}
		if (kind == XW_APP_EXIT_SYNC || kind == XW_APP_EXIT_SERROR) {
			return kill_on_fault(app, kind, esr, far);
		}
		if (app->spin_ns > XW_APP_CALL_SPIN_MAX_NS) {
			arch_app_leave();
			xw_app_kill(app, "ran too long without a system call");
			return XW_EPIPE;
		}
		if (kind == XW_APP_EXIT_IRQ) {
			arch_app_irq();
			continue;
		}
		/* A normal-world interrupt: the caller gives the CPU back, then we go on. */
		arch_app_leave();
		app->preempts++;
		if (foreign != 0) {
			foreign(ctx);
		}
	}
}
