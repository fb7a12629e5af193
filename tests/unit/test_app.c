// SPDX-License-Identifier: BSD-2-Clause
/*
 * The application runtime hosted (secure/core/app.c, app_sys.c, pages.c):
 * every system-call argument check against the caller's own mappings, the
 * quota, and the bookkeeping of kill and restart (pages and channels back to
 * their start values after 100 kills; the normal world's end reads EPIPE).
 * What the application "does" is scripted (secure/arch/host/app.c): each
 * arch_app_enter() plays the next step on its registers. The wake-up cases
 * force one order of two CPUs each: a doorbell while an unbind holds the
 * app, a channel re-bound while the app is stopped in the middle of the old
 * one, a bind that only the tick delivers.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#include "../../secure/arch/host/app_host.h"
#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/arch/host/time_host.h"
#include "../../secure/core/app.h"
#include "../../secure/core/pages.h"
#include "sk/arch/time.h"
#include "xw/app_abi.h"
#include "xw/err.h"

#define B        XW_APP_VA_BASE
#define POOL_PGS 512
#define S64(v)   ((uint64_t)(int64_t)(v))

static uint8_t pool[POOL_PGS * 4096] __attribute__((aligned(4096)));
static uint8_t image[0x2010] __attribute__((aligned(16)));
static struct xw_app_image imgs[2];
static struct xw_app *app;
static uint64_t free_loaded; /* pool pages free with both apps loaded */

static void make_image(void)
{
	struct xw_app_header h = {
		.magic = XW_APP_MAGIC,
		.version = 1,
		.entry = B + 0x30,
		.text_end = B + 0x1000,
		.rodata_end = B + 0x2000,
		.data_end = B + 0x2010,
		.bss_end = B + 0x3000,
	};

	memcpy(image, &h, sizeof(h));
	memset(image + 0x2000, 0x5a, 0x10);
}

static int setup_once(void **state)
{
	(void)state;
	make_image();
	xw_pages_init((uintptr_t)pool, POOL_PGS);
	imgs[0] = (struct xw_app_image){ "a", "a", image, image + sizeof(image), 12, 2, 4, 1, 0 };
	imgs[1] = (struct xw_app_image){ "b", "b", image, image + sizeof(image), 12, 2, 4, 0, 0 };
	assert_int_equal(xw_apps_init(imgs, 2), 2);
	app = xw_app_by_name("a");
	free_loaded = xw_pages_free_count();
	return app == NULL || xw_app_by_name("b") == NULL || xw_app_by_name("c") != NULL;
}

/* One system call on app's registers, as the run loop makes it. */
static int64_t sys(uint64_t nr, uint64_t a0, uint64_t a1)
{
	int64_t ctl;

	app->regs.x[8] = nr;
	app->regs.x[0] = a0;
	app->regs.x[1] = a1;
	ctl = xw_app_syscall(app);
	app->waiting = 0; /* a test of one call: nothing waits */
	return ctl != 0 ? -1000 - ctl : (int64_t)app->regs.x[0];
}
#define KILLED (-1000 - XW_APP_SYS_KILL)
#define BLOCKED (-1000 - XW_APP_SYS_BLOCK)

static void test_image_layout(void **state)
{
	(void)state;
	/* text RX, rodata R, data+bss RW, stack RW: 1 + 1 + 1 + 2 pages */
	assert_int_equal(app->pages, 5);
	assert_int_equal(app->state, XW_APP_ST_WAITING);
	assert_int_equal(app->regs.elr, B + 0x30);
	assert_int_equal(app->regs.sp, XW_APP_STACK_TOP);
	assert_non_null(xw_app_user(app, B + 0x2000, 16, XW_PROT_R | XW_PROT_W));
	assert_memory_equal(xw_app_user(app, B + 0x2000, 16, XW_PROT_R), image + 0x2000, 16);
	assert_non_null(xw_app_user(app, B, 4096, XW_PROT_R | XW_PROT_X));
	assert_non_null(xw_app_user(app, XW_APP_STACK_TOP - 8192, 8192, XW_PROT_W));
}

static void test_user_pointer_checks(void **state)
{
	(void)state;
	/* The caller's own memory, with the access asked for */
	assert_null(xw_app_user(app, B, 4, XW_PROT_W));             /* text is not writable */
	assert_null(xw_app_user(app, B + 0x1000, 4, XW_PROT_W));    /* nor rodata */
	assert_null(xw_app_user(app, B + 0x2000, 4, XW_PROT_X));    /* data is not executable */
	/* Crossing from rodata into data: two maps, refused */
	assert_null(xw_app_user(app, B + 0x1ff8, 16, XW_PROT_R));
	/* The stack's guard page, below the stack */
	assert_null(xw_app_user(app, XW_APP_STACK_TOP - 3 * 4096, 8, XW_PROT_R));
	/* Kernel addresses, the pool (another app's pages), NULL, wrap-around, huge */
	assert_null(xw_app_user(app, 0x0e200000, 8, XW_PROT_R));
	assert_null(xw_app_user(app, (uintptr_t)pool, 8, XW_PROT_R));
	assert_null(xw_app_user(app, 0, 8, XW_PROT_R));
	assert_null(xw_app_user(app, UINT64_MAX - 3, 8, XW_PROT_R));
	assert_null(xw_app_user(app, B + 0x2000, UINT64_MAX, XW_PROT_R));
	assert_null(xw_app_user(app, XW_APP_HEAP_BASE, 8, XW_PROT_R)); /* no heap yet */
	/* An empty buffer must still lie in the app's memory */
	assert_null(xw_app_user(app, 0x0e200000, 0, XW_PROT_R));
	assert_non_null(xw_app_user(app, B + 0x2000, 0, XW_PROT_R));
	/* Last byte of data/bss exactly, one past it */
	assert_non_null(xw_app_user(app, B + 0x2fff, 1, XW_PROT_W));
	assert_null(xw_app_user(app, B + 0x2fff, 2, XW_PROT_W));
}

static void test_sys_log_checks(void **state)
{
	unsigned int logs = host_app_logs;

	(void)state;
	memcpy(xw_app_user(app, B + 0x2000, 6, XW_PROT_W), "hi\001\n!", 6);
	assert_int_equal(sys(XW_SYS_LOG, B + 0x2000, 5), 5);
	assert_int_equal(host_app_logs, logs + 1);
	assert_int_equal(sys(XW_SYS_LOG, B + 0x2000, XW_APP_LOG_MAX + 1), XW_E2BIG);
	/* A pointer the app does not own kills it (native personality) */
	assert_int_equal(sys(XW_SYS_LOG, 0x0e200000, 4), KILLED);
	assert_string_equal(app->kill_why, "bad pointer in a system call");
	assert_int_equal(sys(XW_SYS_LOG, B + 0x2ff0, 32), KILLED);
	assert_int_equal(host_app_logs, logs + 1);
}

static void test_sys_wait_checks(void **state)
{
	(void)state;
	assert_int_equal(sys(XW_SYS_WAIT, B + 0x2004, 0), XW_EINVAL);  /* misaligned */
	assert_int_equal(sys(XW_SYS_WAIT, B + 0x40, 0), KILLED);        /* into its text */
	assert_int_equal(sys(XW_SYS_WAIT, B + 0x2fe8, 0), KILLED);      /* runs past its data */
	assert_int_equal(sys(XW_SYS_WAIT, B + 0x2000, 0), BLOCKED);
}

static void test_sys_misc(void **state)
{
	(void)state;
	assert_int_equal(sys(99, 0, 0), XW_ENOSYS);
	assert_int_equal(sys(UINT64_MAX, 0, 0), XW_ENOSYS);
	assert_int_equal(sys(XW_SYS_NOTIFY, 0, 0), XW_ENOENT);          /* no channel */
	assert_int_equal(sys(XW_SYS_NOTIFY, UINT64_MAX, 0), XW_ENOENT);
	assert_int_equal(sys(XW_SYS_CHAN_BIND, 3, 0), XW_ENOENT);
	assert_int_equal(sys(XW_SYS_CHAN_UNBIND, 1000, 0), XW_ENOENT);
	assert_true(sys(XW_SYS_TIME, 0, 0) > 0);
}

/* Heap within the quota (12 pages, 5 used by the image and stack), then past it. */
static void test_sys_mem_quota(void **state)
{
	int64_t va;

	(void)state;
	assert_int_equal(sys(XW_SYS_MEM, 0, 0), XW_EINVAL);
	va = sys(XW_SYS_MEM, 4, 0);
	assert_int_equal(va, XW_APP_HEAP_BASE);
	assert_non_null(xw_app_user(app, (uint64_t)va, 4 * 4096, XW_PROT_W));
	assert_int_equal(sys(XW_SYS_MEM, 3, 0), XW_APP_HEAP_BASE + 4 * 4096);
	assert_int_equal(app->pages, 12);
	assert_int_equal(sys(XW_SYS_MEM, 1, 0), KILLED);
	assert_string_equal(app->kill_why, "memory quota exhausted");
}

/* A channel in "NS memory" (a host buffer): our end to watch, the kernel's end. */
struct nschan {
	uint8_t *region;
	size_t size;
	struct xw_chan ns, k;
};

static void nschan_open(struct nschan *c)
{
	c->size = xw_region_size(1, 4096);
	c->region = aligned_alloc(4096, (c->size + 4095) & ~4095UL);
	assert_non_null(c->region);
	assert_int_equal(xw_region_init(c->region, c->size, 1, 4096), XW_OK);
	assert_int_equal(xw_chan_open(&c->ns, c->region, c->size, 0, XW_CHAN_END0, NULL, NULL),
			 XW_OK);
	assert_int_equal(xw_chan_open(&c->k, c->region, c->size, 0, XW_CHAN_END1, NULL, NULL),
			 XW_OK);
}

/* Script: the app accepts a channel, waits (x0 = its event buffer) or faults. */
static int script_fault;
static unsigned int script(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			   uint64_t *far)
{
	struct xw_app_event *ev = xw_app_user(app, B + 0x2000, sizeof(*ev), XW_PROT_R);

	(void)s;
	if (ev->kind == XW_APP_EV_BIND) {
		/* Accept what it was offered (as apps/rt/serve.c does) */
		ev->kind = 99;
		r->x[8] = XW_SYS_CHAN_BIND;
		r->x[0] = ev->chan;
		*esr = (uint64_t)XW_EC_SVC64 << 26;
		return XW_APP_EXIT_SYNC;
	}
	if (script_fault) {
		*esr = (uint64_t)0x24 << 26 | 6; /* data abort, translation fault */
		*far = 8;
		return XW_APP_EXIT_SYNC;
	}
	r->x[8] = XW_SYS_WAIT;
	r->x[0] = B + 0x2000;
	r->x[1] = XW_APP_FOREVER;
	*esr = (uint64_t)XW_EC_SVC64 << 26;
	return XW_APP_EXIT_SYNC;
}

static void test_kill_restart_no_leak(void **state)
{
	struct xw_apps_stats st0, st;
	struct nschan c;
	uint64_t free0;
	uint32_t seq;
	size_t len;
	int i, id;
	uint8_t b;

	(void)state;
	host_app_run = script;
	/* Back to a fresh instance of "a" (the tests above killed nothing yet) */
	xw_app_kill(app, "test reset");
	free0 = xw_pages_free_count();
	assert_int_equal(free0, free_loaded);
	xw_apps_get_stats(&st0);
	for (i = 0; i < 100; i++) {
		nschan_open(&c);
		id = xw_app_chan_bind(app, &c.k, (uintptr_t)c.region, (c.size + 4095) & ~4095UL, 0,
				      &seq);
		assert_true(id >= 0);
		script_fault = 0;
		assert_int_equal(xw_app_doorbell(app, id, seq, 0), 0); /* it waits */
		assert_int_equal(app->state, XW_APP_ST_WAITING);
		script_fault = 1;
		assert_int_equal(xw_app_doorbell(app, id, seq, 0), XW_EPIPE);
		/* The normal world's end reads the break; the binding is stale */
		assert_int_equal(xw_chan_recv(&c.ns, &b, 1, &len, 0, 0), XW_EPIPE);
		assert_int_equal(xw_app_doorbell(app, id, seq, 0), XW_EPIPE);
		xw_app_chan_unbind(app, id, seq); /* the normal world lets go: nothing to do */
		assert_int_equal(app->state, XW_APP_ST_WAITING);  /* restarted */
		free(c.region);
	}
	xw_apps_get_stats(&st);
	assert_int_equal(xw_pages_free_count(), free0);
	assert_int_equal(st.chans_bound, st0.chans_bound);
	assert_int_equal(st.kills, st0.kills + 100);
	assert_int_equal(app->gen, 102);
	host_app_run = NULL;
}

/*
 * Script: an app serving channels as apps/rt/serve.c does, recording which
 * events it got (bit per channel); preempt_next makes its next step an
 * interrupt at the end of its slice. The tests run on the virtual clock
 * (STEP per read; a slice per read while preempting).
 */
#define STEP 1000
static uint32_t seen_bind, seen_db, seen_unbind;
static int preempt_next;
static unsigned int script_ev(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			      uint64_t *far)
{
	struct xw_app_event *ev = xw_app_user(app, B + 0x2000, sizeof(*ev), XW_PROT_R | XW_PROT_W);

	(void)s, (void)far;
	if (preempt_next) {
		preempt_next = 0;
		host_clock_step(XW_APP_SLICE_NS);
		return XW_APP_EXIT_IRQ;
	}
	host_clock_step(STEP);
	*esr = (uint64_t)XW_EC_SVC64 << 26;
	switch (ev->kind) {
	case XW_APP_EV_BIND:
		seen_bind |= 1U << ev->chan;
		ev->kind = 99;
		r->x[8] = XW_SYS_CHAN_BIND;
		r->x[0] = ev->chan;
		return XW_APP_EXIT_SYNC;
	case XW_APP_EV_DOORBELL:
		seen_db |= 1U << ev->chan;
		break;
	case XW_APP_EV_UNBIND:
		seen_unbind |= 1U << ev->chan;
		break;
	default:
		break;
	}
	ev->kind = 99;
	r->x[8] = XW_SYS_WAIT;
	r->x[0] = B + 0x2000;
	r->x[1] = XW_APP_FOREVER;
	return XW_APP_EXIT_SYNC;
}

static void seen_reset(void)
{
	seen_bind = seen_db = seen_unbind = 0;
	host_clock_step(STEP);
}

/* Binds @c to app "a" and lets the app accept it (a doorbell runs it). */
static int bind_accepted(struct nschan *c, uint32_t *seq)
{
	int id;

	nschan_open(c);
	id = xw_app_chan_bind(app, &c->k, (uintptr_t)c->region, (c->size + 4095) & ~4095UL, 0, seq);
	assert_true(id >= 0);
	assert_int_equal(xw_app_doorbell(app, id, *seq, 0), 0);
	assert_true(app->chans[id].accepted);
	assert_int_equal(app->state, XW_APP_ST_WAITING);
	return id;
}

/* Another CPU rings channel db_id while the unbind of a second channel holds the app. */
static int db_id;
static uint32_t db_seq;
static int db_rc = -1000;
static pthread_t db_thread;

static void *ring_other_cpu(void *arg)
{
	(void)arg;
	db_rc = xw_app_doorbell(app, db_id, db_seq, 1);
	return NULL;
}

static void unmap_rings(void)
{
	host_app_unmap_hook = NULL;
	assert_int_equal(pthread_create(&db_thread, NULL, ring_other_cpu, NULL), 0);
	/* Hold the claim until the doorbell is there (the race's losing order). */
	while (!(__atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST) & (1U << db_id))) {
	}
}

/* Two channels bound to "a" and accepted: the first's id, the second in db_id/db_seq. */
static int two_channels(struct nschan *c1, struct nschan *c2, uint32_t *seq1)
{
	int id1;

	host_app_run = script_ev;
	seen_reset();
	id1 = bind_accepted(c1, seq1);
	db_id = bind_accepted(c2, &db_seq);
	return id1;
}

/*
 * The lost wake-up of test-xworld's 64 MiB checksum: a doorbell that found
 * the app claimed by an unbind was answered "another CPU runs it", but an
 * unbind never runs the app: it went on waiting, with its doorbell pending
 * and the normal world waiting for it. The doorbell must be delivered.
 */
static void test_doorbell_during_unbind(void **state)
{
	struct nschan c1, c2;
	uint32_t seq1;
	int id1;

	(void)state;
	id1 = two_channels(&c1, &c2, &seq1);
	seen_reset();
	host_app_unmap_hook = unmap_rings;
	xw_app_chan_unbind(app, id1, seq1);
	assert_int_equal(pthread_join(db_thread, NULL), 0);
	assert_int_equal(db_rc, 0);
	assert_int_equal(seen_db, 1U << db_id);   /* delivered, on the ringing CPU */
	assert_int_equal(seen_unbind, 1U << id1); /* and the unbind before it */
	assert_int_equal(__atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST), 0);
	assert_int_equal(app->state, XW_APP_ST_WAITING);
	xw_app_chan_unbind(app, db_id, db_seq);
	host_app_run = NULL;
	host_clock_step(0);
	free(c1.region);
	free(c2.region);
}

/*
 * An app preempted in the middle of channel A's slot, A unbound, B bound:
 * B must not take A's slot before the app was told of the unbind (it would
 * resume with A's state over B's memory). Once told, the slot is free again.
 */
static void test_slot_not_reused_before_unbind_seen(void **state)
{
	struct nschan a, b, c;
	uint32_t sa, sb, sc;
	int ia, ib, ic;

	(void)state;
	host_app_run = script_ev;
	seen_reset();
	ia = bind_accepted(&a, &sa);
	preempt_next = 1;
	assert_int_equal(xw_app_doorbell(app, ia, sa, 0), 1); /* preempted: ring again */
	assert_int_equal(app->state, XW_APP_ST_READY);
	xw_app_chan_unbind(app, ia, sa);
	nschan_open(&b);
	ib = xw_app_chan_bind(app, &b.k, (uintptr_t)b.region, (b.size + 4095) & ~4095UL, 0, &sb);
	assert_true(ib >= 0);
	assert_int_not_equal(ib, ia);
	seen_reset();
	assert_int_equal(xw_app_doorbell(app, ib, sb, 0), 0);
	assert_int_equal(seen_unbind, 1U << ia);
	assert_int_equal(seen_bind, 1U << ib);
	/* It finished A's doorbell (over the scratch page), then learnt of the unbind */
	assert_int_equal(seen_db, 1U << ia | 1U << ib);
	nschan_open(&c);
	ic = xw_app_chan_bind(app, &c.k, (uintptr_t)c.region, (c.size + 4095) & ~4095UL, 0, &sc);
	assert_int_equal(ic, ia);
	xw_app_chan_unbind(app, ic, sc); /* never offered to the app: nothing to tell */
	xw_app_chan_unbind(app, ib, sb);
	seen_reset();
	xw_apps_tick(0); /* the unbind reaches it (nothing rings a dropped channel) */
	assert_int_equal(seen_unbind, 1U << ib);
	assert_int_equal(seen_bind, 0);
	host_app_run = NULL;
	host_clock_step(0);
	free(a.region);
	free(b.region);
	free(c.region);
}

/* A bind no doorbell follows (nothing sent yet) reaches a waiting app at the next tick. */
static void test_tick_delivers_pending_bind(void **state)
{
	struct nschan c;
	uint32_t seq;
	int id;

	(void)state;
	host_app_run = script_ev;
	seen_reset();
	assert_int_equal(app->state, XW_APP_ST_WAITING);
	assert_true(app->waiting);
	nschan_open(&c);
	id = xw_app_chan_bind(app, &c.k, (uintptr_t)c.region, (c.size + 4095) & ~4095UL, 0, &seq);
	assert_true(id >= 0);
	xw_apps_tick(0);
	assert_int_equal(seen_bind, 1U << id);
	assert_true(app->chans[id].accepted);
	xw_app_chan_unbind(app, id, seq);
	xw_apps_tick(0);
	assert_int_equal(seen_unbind, 1U << id);
	assert_int_equal(app->pend_unbind, 0);
	host_app_run = NULL;
	host_clock_step(0);
	free(c.region);
}

/*
 * An app streaming a long message never waits (the normal world keeps its
 * ring filled), but it consumes - its consumer index moves - and may notify:
 * preempted at every slice, it is not killed however long the stream lasts;
 * once it does neither it is.
 */
static int stream_notifies, stream_consumes;
static struct nschan *stream_ch;
static unsigned int stream(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			   uint64_t *far)
{
	static int step;

	(void)s, (void)far;
	if (stream_consumes) {
		stream_ch->k.hdr->ring[0].cons += 16; /* as the app's library publishes */
	}
	if (stream_notifies && step++ % 2 == 0) {
		r->x[8] = XW_SYS_NOTIFY;
		r->x[0] = (uint64_t)db_id;
		*esr = (uint64_t)XW_EC_SVC64 << 26;
		return XW_APP_EXIT_SYNC;
	}
	return XW_APP_EXIT_IRQ;
}

static void stream_lives(int notifies, int consumes)
{
	struct nschan c;
	uint64_t t0;
	int rc, n = 0;

	host_app_run = script_ev;
	seen_reset();
	db_id = bind_accepted(&c, &db_seq);
	host_app_run = stream;
	stream_ch = &c;
	stream_notifies = notifies;
	stream_consumes = consumes;
	host_clock_step(1000000); /* 1 ms per clock read */
	t0 = arch_now();
	while ((rc = xw_app_doorbell(app, db_id, db_seq, 0)) == 1 &&
	       arch_now() - t0 < 4 * XW_APP_SPIN_MAX_NS) {
		n++;
	}
	assert_int_equal(rc, 1); /* still alive, 4 x the limit later */
	assert_true(n >= 100);
	stream_notifies = 0;
	stream_consumes = 0;
	while ((rc = xw_app_doorbell(app, db_id, db_seq, 0)) == 1) {
	}
	assert_int_equal(rc, XW_EPIPE);
	assert_string_equal(app->last_kill, "ran too long without waiting");
	host_clock_step(0);
	host_app_run = NULL;
	free(c.region);
}

static void test_stream_is_not_an_endless_loop(void **state)
{
	struct nschan c;

	(void)state;
	stream_lives(1, 0); /* it notifies */
	stream_lives(0, 1); /* it consumes, and the writer never waits: no notification */
	/* One run longer than the limit (a descheduled vCPU) that consumed: not a loop */
	host_app_run = script_ev;
	seen_reset();
	db_id = bind_accepted(&c, &db_seq);
	host_app_run = stream;
	stream_ch = &c;
	stream_notifies = 0;
	stream_consumes = 1;
	host_clock_step(XW_APP_SPIN_MAX_NS);
	assert_int_equal(xw_app_doorbell(app, db_id, db_seq, 0), 1);
	assert_int_equal(xw_app_doorbell(app, db_id, db_seq, 0), 1);
	stream_consumes = 0; /* the same without progress is */
	assert_int_equal(xw_app_doorbell(app, db_id, db_seq, 0), XW_EPIPE);
	assert_string_equal(app->last_kill, "ran too long without waiting");
	host_clock_step(0);
	host_app_run = NULL;
	free(c.region);
}

/*
 * Doorbells of its other channels keep arriving while it runs (other CPUs),
 * the secure timer ticking in between: the doorbell that runs it answers
 * "ring again" after about a slice instead of serving them for as long as
 * they come (its channel stays busy meanwhile, and the normal world gives up
 * on a busy channel after ~1 s).
 */
static unsigned int rings;
static unsigned int script_busy(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
				uint64_t *far)
{
	unsigned int k;

	if (rings < 100000) {
		if (rings++ % 2 == 1) {
			return XW_APP_EXIT_IRQ;
		}
		assert_int_equal(xw_app_doorbell(app, db_id, db_seq, 1), 0); /* "it runs" */
		k = script_ev(s, r, esr, far);
		host_clock_step(100000); /* 0.1 ms per clock read */
		return k;
	}
	return script_ev(s, r, esr, far);
}

static void test_doorbell_held_at_most_a_slice(void **state)
{
	struct nschan c1, c2;
	uint32_t seq1;
	int id1;

	(void)state;
	id1 = two_channels(&c1, &c2, &seq1);
	host_app_run = script_busy;
	rings = 0;
	host_clock_step(100000); /* 0.1 ms per clock read */
	assert_int_equal(xw_app_doorbell(app, id1, seq1, 0), 1);
	assert_true(rings > 10 && rings < 1000);
	rings = 100000;
	host_clock_step(STEP);
	assert_int_equal(xw_app_doorbell(app, id1, seq1, 0), 0); /* the rest delivered */
	assert_int_equal(__atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST), 0);
	xw_app_chan_unbind(app, id1, seq1);
	xw_app_chan_unbind(app, db_id, db_seq);
	xw_apps_tick(0);
	host_app_run = NULL;
	host_clock_step(0);
	free(c1.region);
	free(c2.region);
}

/*
 * Notifications travel in the doorbell's return when the app makes them
 * inside that doorbell, for that doorbell's channel; the SPI carries the
 * rest: a notification of its other channel (rung by another CPU while this
 * one ran it), a tick's run, a caller that takes no return (NULL). The app
 * notifies every channel whose doorbell it gets, as apps/rt/serve.c does.
 */
static int notify_chan = -1;
static int ring_during = -1;
static int rebind_after = -1; /* bump this slot's binding number after its notification */
static unsigned int script_notify(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
				  uint64_t *far)
{
	struct xw_app_event *ev = xw_app_user(app, B + 0x2000, sizeof(*ev), XW_PROT_R | XW_PROT_W);

	if (ring_during >= 0) {
		/* Another CPU rings while this one runs the app: "it runs". */
		assert_int_equal(xw_app_doorbell(app, ring_during, app->chans[ring_during].seq, 1), 0);
		ring_during = -1;
	}
	if (ev->kind == XW_APP_EV_DOORBELL) {
		notify_chan = (int)ev->chan;
		seen_db |= 1U << ev->chan;
		ev->kind = 99;
	}
	if (notify_chan >= 0) {
		host_clock_step(STEP);
		*esr = (uint64_t)XW_EC_SVC64 << 26;
		r->x[8] = XW_SYS_NOTIFY;
		r->x[0] = (uint64_t)notify_chan;
		notify_chan = -1;
		return XW_APP_EXIT_SYNC;
	}
	if (rebind_after >= 0) {
		/*
		 * What a re-bind of the slot between two of run()'s claims leaves
		 * (a bind needs the claim, so it cannot come inside one step).
		 */
		app->chans[rebind_after].seq++;
		rebind_after = -1;
	}
	return script_ev(s, r, esr, far);
}

static void test_notify_in_doorbell_return(void **state)
{
	struct nschan c1, c2;
	unsigned long spi;
	uint32_t seq1;
	int id1, notified;

	(void)state;
	id1 = two_channels(&c1, &c2, &seq1);
	host_app_run = script_notify;

	/* Its own channel, inside its doorbell: the return, no SPI. */
	seen_reset();
	spi = host_ns_notifies;
	notified = 0;
	assert_int_equal(xw_app_doorbell_ret(app, id1, seq1, 0, &notified), 0);
	assert_int_equal(seen_db, 1U << id1);
	assert_int_equal(notified, 1);
	assert_int_equal(host_ns_notifies, spi);
	assert_int_equal(__atomic_load_n(&app->notify, __ATOMIC_SEQ_CST), 0);

	/* The other channel rung meanwhile (served by this run): its notification is the SPI's. */
	seen_reset();
	spi = host_ns_notifies;
	notified = 0;
	ring_during = db_id;
	assert_int_equal(xw_app_doorbell_ret(app, id1, seq1, 0, &notified), 0);
	assert_int_equal(seen_db, (1U << id1) | (1U << db_id));
	assert_int_equal(notified, 1);
	assert_int_equal(host_ns_notifies, spi + 1);

	/* Only the other channel notified: nothing in this return. */
	seen_reset();
	spi = host_ns_notifies;
	notified = 0;
	__atomic_or_fetch(&app->doorbells, 1U << db_id, __ATOMIC_SEQ_CST);
	assert_int_equal(xw_app_doorbell_ret(app, id1, seq1 + 1, 0, &notified), XW_EPIPE);
	assert_int_equal(notified, 0); /* a stale binding does not run it */
	xw_apps_tick(0); /* the pending doorbell is the tick's */
	assert_int_equal(seen_db, 1U << db_id);
	assert_int_equal(host_ns_notifies, spi + 1);

	/* The slot's binding changed after the notification: not this caller's, the SPI. */
	seen_reset();
	spi = host_ns_notifies;
	notified = 0;
	rebind_after = id1;
	assert_int_equal(xw_app_doorbell_ret(app, id1, seq1, 0, &notified), 0);
	assert_int_equal(seen_db, 1U << id1);
	assert_int_equal(notified, 0);
	assert_int_equal(host_ns_notifies, spi + 1);
	app->chans[id1].seq--; /* back to the binding the test holds */

	/* No return to carry it: the SPI. */
	seen_reset();
	spi = host_ns_notifies;
	assert_int_equal(xw_app_doorbell(app, id1, seq1, 0), 0);
	assert_int_equal(seen_db, 1U << id1);
	assert_int_equal(host_ns_notifies, spi + 1);

	assert_int_equal(__atomic_load_n(&app->doorbells, __ATOMIC_SEQ_CST), 0);
	xw_app_chan_unbind(app, id1, seq1);
	xw_app_chan_unbind(app, db_id, db_seq);
	host_app_run = script_ev;
	xw_apps_tick(0);
	host_app_run = NULL;
	host_clock_step(0);
	free(c1.region);
	free(c2.region);
}

/* An app that never waits: preempted at each slice ("ring again"), killed past the limit. */
static unsigned int spin(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			 uint64_t *far)
{
	(void)s, (void)r, (void)esr, (void)far;
	return XW_APP_EXIT_IRQ;
}

static void test_endless_loop(void **state)
{
	struct xw_app *b = xw_app_by_name("b");
	struct nschan c;
	uint32_t seq;
	int id, rc, n = 0;

	(void)state;
	nschan_open(&c);
	id = xw_app_chan_bind(b, &c.k, (uintptr_t)c.region, (c.size + 4095) & ~4095UL, 0, &seq);
	assert_true(id >= 0);
	host_app_run = spin;
	host_clock_step(1000000); /* 1 ms per clock read */
	while ((rc = xw_app_doorbell(b, id, seq, 0)) == 1) {
		n++;
		assert_int_equal(b->state, XW_APP_ST_READY);
	}
	host_clock_step(0);
	host_app_run = NULL;
	assert_int_equal(rc, XW_EPIPE);
	assert_true(n >= 10); /* preempted many times first */
	assert_string_equal(b->last_kill, "ran too long without waiting");
	assert_int_equal(b->state, XW_APP_ST_DEAD); /* "b" is not restarted */
	assert_int_equal(xw_app_doorbell(b, id, seq, 0), XW_EPIPE);
	free(c.region);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_layout),
		cmocka_unit_test(test_user_pointer_checks),
		cmocka_unit_test(test_sys_log_checks),
		cmocka_unit_test(test_sys_wait_checks),
		cmocka_unit_test(test_sys_misc),
		cmocka_unit_test(test_sys_mem_quota),
		cmocka_unit_test(test_kill_restart_no_leak),
		cmocka_unit_test(test_doorbell_during_unbind),
		cmocka_unit_test(test_slot_not_reused_before_unbind_seen),
		cmocka_unit_test(test_tick_delivers_pending_bind),
		cmocka_unit_test(test_stream_is_not_an_endless_loop),
		cmocka_unit_test(test_doorbell_held_at_most_a_slice),
		cmocka_unit_test(test_notify_in_doorbell_return),
		cmocka_unit_test(test_endless_loop),
	};

	return cmocka_run_group_tests(tests, setup_once, NULL);
}
