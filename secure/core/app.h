/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Secure applications at S-EL0 (docs/apps.md): the portable runtime. An
 * application is loaded from an image the build embedded (struct
 * xw_app_image, generated from apps/<name>/manifest), gets its own address
 * space (sk/arch/app.h), and runs on whichever CPU rang one of its channels,
 * until it waits again, its time slice ends (preempted: the doorbell answers
 * "ring again"), a normal-world interrupt is pending, or it fails. A failed
 * application is killed: every channel bound to it is marked broken (the
 * normal world reads XW_EPIPE), its memory goes back to the pool, and it is
 * started afresh if its manifest says so.
 *
 * System calls are decoded by a personality (a table of calls and an entry
 * convention); "xw" (include/xw/app_abi.h) is the native one. Every pointer
 * a call takes is checked against the caller's own mappings.
 *
 * Locking: an application is run by one CPU at a time, the one holding its
 * claim; binding and unbinding a channel take the claim too (waiting at most
 * one time slice). The table itself is fixed after xw_apps_init().
 */
#ifndef XW_SK_APP_H
#define XW_SK_APP_H

#include <stdint.h>

#include "sk/arch/app.h"

struct xw_chan;
struct xw_app;

#define XW_APPS_MAX        8
#define XW_APP_MAX_CHANS   16
#define XW_APP_MAX_MAPS    (8 + XW_APP_MAX_CHANS)
/* Application VA layout (all in the 1 GiB at XW_APP_VA_BASE) */
#define XW_APP_STACK_TOP   0x40400000UL /* stack below, a guard page below it */
#define XW_APP_HEAP_BASE   0x40600000UL
#define XW_APP_HEAP_MAX    0x40a00000UL /* 4 MiB of heap VA at most */
#define XW_APP_CHAN_VA     0x41000000UL /* channel slot i at + i * XW_APP_CHAN_SPAN */
#define XW_APP_CHAN_SPAN   0x00400000UL /* a region is at most 4 MiB (chan_svc.h) */
/* Time: a slice, and how long an app may run without waiting before it is killed */
#define XW_APP_SLICE_NS    5000000ULL   /* 5 ms */
#define XW_APP_SPIN_MAX_NS 500000000ULL /* 0.5 s */
#define XW_APP_LOG_MAX     200
/* A call-driven app (an OP-TEE TA) running this long without a system call is killed */
#define XW_APP_CALL_SPIN_MAX_NS 20000000000ULL /* 20 s */
/*
 * A normal-world interrupt stops an app only after it ran this long in a run:
 * a slice, as long as the secure timer would let it run anyway. Until then the
 * interrupt waits for the run to end (the app waits), as it waits for an
 * S-EL1 service's doorbell to return: stopping the app in the middle of a
 * doorbell's work costs a second doorbell ("ring again", two world switches)
 * to finish it (docs/benchmarks.md, 2026-12-02, "echo at S-EL0").
 */
#define XW_APP_NS_GRACE_NS XW_APP_SLICE_NS

/** What the build knows about an application (apps/<name>/manifest). */
struct xw_app_image {
	const char *name;        /* its directory under apps/ */
	const char *service;     /* the service it offers (XW_SMC_SVC_INFO's name) */
	const uint8_t *image;    /* flat image, starts with struct xw_app_header */
	const uint8_t *image_end;
	uint32_t quota_pages;    /* image + stack + heap */
	uint32_t stack_pages;
	uint32_t max_chans;
	uint32_t restart;        /* 1: started again after it is killed */
	uint32_t personality;    /* XW_APP_PERS_* */
};

#define XW_APP_PERS_XW 0

/* The applications the build embedded (generated from each apps/NAME/manifest). */
extern const struct xw_app_image xw_app_images[];
extern const unsigned int xw_app_image_count;

/* Application states (xw_app_info) */
#define XW_APP_ST_EMPTY   0
#define XW_APP_ST_WAITING 1 /* blocked in its wait (or not started): costs nothing */
#define XW_APP_ST_READY   2 /* preempted: runs at the next doorbell or tick */
#define XW_APP_ST_RUNNING 3
#define XW_APP_ST_DEAD    4 /* killed, not restarted */

/* Pseudo results of a system call */
#define XW_APP_SYS_BLOCK  1 /* wait: nothing to deliver yet */
#define XW_APP_SYS_EXITED 2 /* the app ended itself */
#define XW_APP_SYS_KILL   3 /* the call broke a rule that kills (app->kill_why says which) */
#define XW_APP_SYS_RETURN 4 /* a call-driven app (xw_app_call) returned from its entry */

typedef int64_t (*xw_app_sys_fn)(struct xw_app *app, const uint64_t a[6]);

/** A personality: the system-call table and entry convention of one kind of app. */
struct xw_app_personality {
	const char *name;
	unsigned int nsys;
	const xw_app_sys_fn *sys;
	unsigned int nr_reg; /* register with the call number */
	int kill_on_efault;  /* a bad pointer kills the caller (else it gets XW_EFAULT) */
	int64_t nosys;       /* what an unknown call number answers */
	/* start() - registers of a fresh start (entry, stack, arguments) */
	void (*start)(struct xw_app *app, struct xw_app_regs *r);
};

extern const struct xw_app_personality xw_app_pers_xw;

struct xw_app_map {
	uint64_t va, pages, pa;
	uint32_t prot;
	uint32_t kind; /* XW_APP_MAP_* */
};
#define XW_APP_MAP_IMAGE 0
#define XW_APP_MAP_STACK 1
#define XW_APP_MAP_HEAP  2
#define XW_APP_MAP_CHAN  3
#define XW_APP_MAP_PARAM 4 /* secure pages holding a call's parameters (OP-TEE TAs) */

struct xw_app_chan {
	uint32_t used;
	uint32_t seq;            /* bumped at every bind: stale bindings do not match */
	uint32_t offered;        /* the app was told (XW_APP_EV_BIND) */
	uint32_t accepted;       /* the app called CHAN_BIND */
	struct xw_chan *kch;     /* the kernel's end: marked broken when the app dies */
	uint64_t pa, size;
	uint32_t idx;
	uint32_t scratch_pages;  /* its VA maps the app's scratch page (after an unbind) */
};

/** One application slot. */
struct xw_app {
	const struct xw_app_image *img;
	const struct xw_app_personality *pers;
	uint32_t id;
	uint32_t state;
	uint32_t claim;          /* 0, or the CPU running it + 1 */
	uint32_t gen;            /* starts so far (its instance number) */
	uint32_t waiting;        /* stopped in a wait; regs hold its arguments */
	uint64_t deadline;       /* of that wait, ns (0: none) */
	uint64_t wait_ev;        /* where that wait's event goes (checked at the call) */
	uint32_t doorbells;      /* channel slots rung and not yet delivered (atomic) */
	uint32_t pend_bind, pend_unbind;
	uint32_t notify;         /* channel slots notified in this run (atomic): the doorbell's return or the SPI */
	struct xw_app_regs regs;
	struct xw_app_space space;
	struct xw_app_map maps[XW_APP_MAX_MAPS];
	uint32_t nmaps;
	struct xw_app_chan chans[XW_APP_MAX_CHANS];
	uint64_t scratch_pa;     /* one secure page, where dropped channels point */
	uint64_t heap_next;
	uint32_t pages;          /* quota pages in use */
	uint64_t spin_ns;        /* run since its last wait or notification */
	uint32_t progressed;     /* it notified the normal world during this slice */
	uint64_t marks;          /* its channels' indices at its last preemption (xw_chan_end_marks) */
	uint32_t sys_ctl;        /* set by a call: XW_APP_SYS_BLOCK / _EXITED / _KILL / _RETURN */
	struct xw_app_fp *fp;    /* FP/SIMD allowed at EL0, its registers here (NULL: trapped) */
	const char *kill_why;
	uint64_t fault_esr, fault_far, fault_elr; /* of the last kill by a fault */
	/* statistics */
	uint64_t kills, runs, syscalls, preempts;
	const char *last_kill;
};

/** xw_apps_init() - load every image of @imgs (boot). Return: apps loaded. */
unsigned int xw_apps_init(const struct xw_app_image *imgs, unsigned int n);
/** xw_app_by_name() - the loaded application named @name, or NULL. */
struct xw_app *xw_app_by_name(const char *name);
struct xw_app *xw_app_get(unsigned int id);
unsigned int xw_app_count(void);

/**
 * xw_app_chan_bind() - offer the normal world's channel @idx of the region at
 * [@pa, +@size) (its kernel end @kch) to @app. Return: the app's channel id
 * (>= 0; *@seq = the binding's number, which the caller keeps), XW_ENOSPC (no slot), XW_EPIPE (the app is dead), XW_ENOMEM.
 */
int xw_app_chan_bind(struct xw_app *app, struct xw_chan *kch, uint64_t pa, uint64_t size,
		     unsigned int idx, uint32_t *seq);
/** xw_app_chan_unbind() - the normal world dropped channel @id (binding @seq). */
void xw_app_chan_unbind(struct xw_app *app, int id, uint32_t seq);
/**
 * xw_app_doorbell() - channel @id (binding @seq) was rung: run the app on
 * this CPU (@cpu) until it waits. Return: 0 (it waits, or another CPU runs
 * it), 1 (preempted: ring again), XW_EPIPE (that instance is dead).
 */
int xw_app_doorbell(struct xw_app *app, int id, uint32_t seq, unsigned int cpu);
/**
 * xw_app_doorbell_ret() - xw_app_doorbell(), and *@notified = 1 when the app
 * notified channel @id during the run: the doorbell's caller reports it in
 * its return (XW_CHAN_REG_NOTIFY_RET) or raises the SPI itself. Notifications
 * of the app's other channels, and of runs not inside this doorbell, still
 * raise the SPI here. @notified may be NULL (everything by the SPI).
 */
int xw_app_doorbell_ret(struct xw_app *app, int id, uint32_t seq, unsigned int cpu,
			int *notified);
/** xw_apps_tick() - run applications whose wait timed out (timer interrupt). */
void xw_apps_tick(unsigned int cpu);

/** xw_app_user() - kernel pointer to [@va, +@len) of @app, if all of it is its own secure memory with @prot. */
void *xw_app_user(struct xw_app *app, uint64_t va, uint64_t len, unsigned int prot);
/** xw_app_syscall() - decode and run the call in app->regs (the CPU holds the claim). */
int64_t xw_app_syscall(struct xw_app *app);
/** xw_app_chan_unbind_locked() - drop channel slot @id (claim held, from a system call). */
void xw_app_chan_unbind_locked(struct xw_app *app, unsigned int id);
/** xw_app_add_heap() - @pages fresh pages at @va, read-write, within the quota (claim held). */
int xw_app_add_heap(struct xw_app *app, uint64_t va, uint64_t pages);
/** xw_app_kill() - kill @app (claim held) for @why; restarts it if its manifest says so. */
void xw_app_kill(struct xw_app *app, const char *why);

/*
 * Call-driven applications (OP-TEE trusted applications, secure/ta/): the
 * personality's own code builds the address space with these and runs one
 * call at a time on the calling thread (the caller holds the app's claim).
 */
/** xw_app_space_new() - an empty address space for @app (ASID id + 1), no maps. */
int xw_app_space_new(struct xw_app *app);
/** xw_app_map_new() - @pages fresh zeroed pages at @va with @prot, within the quota; *@pa = their PA. */
int xw_app_map_new(struct xw_app *app, uint64_t va, uint64_t pages, uint32_t prot, uint32_t kind,
		   uint64_t *pa);
/** xw_app_map_run() - map @pages pool pages at @pa the caller allocated (the app owns them from now). */
int xw_app_map_run(struct xw_app *app, uint64_t va, uint64_t pa, uint64_t pages, uint32_t prot,
		   uint32_t kind);
/** xw_app_unmap_at() - drop the mapping that starts at @va (its pages back to the pool). */
int xw_app_unmap_at(struct xw_app *app, uint64_t va);
/** xw_app_release() - free every mapping and table of @app (it is gone, no kill logged). */
void xw_app_release(struct xw_app *app);
/**
 * xw_app_call() - run @app from app->regs until a system call ends the call
 * (XW_APP_SYS_RETURN: 0) or it dies (killed, all its memory freed:
 * XW_EPIPE): a fault, a call that kills, or XW_APP_CALL_SPIN_MAX_NS at EL0
 * without a system call (an endless loop). When a normal-world interrupt is
 * pending, @foreign(@ctx) is called (the caller gives the CPU back, e.g. an
 * OP-TEE RPC) and the run continues. Secure interrupts are served as they come.
 */
int xw_app_call(struct xw_app *app, void (*foreign)(void *ctx), void *ctx);

/** For leak checks: pages of the pool in use by applications and their tables. */
struct xw_apps_stats {
	uint64_t apps, kills, restarts, chans_bound;
};
void xw_apps_get_stats(struct xw_apps_stats *st);

#endif
