// SPDX-License-Identifier: BSD-2-Clause
/*
 * The guest table (guest.h). One spinlock guards it; drop functions run with
 * it released, after the slot is marked so that nobody can enter it and
 * before it is handed out again.
 */
#include "guest.h"

#include <string.h>

#include "arch/spinlock.h"
#include "xw/check.h"
#include "xw/err.h"

/*
 * Default share of a guest that VM_CREATED gave no limits (Xen's mediator
 * passes none): with 8 secure threads, four guests at their thread limit
 * still leave the host its own.
 */
static const uint32_t default_max[XW_GRES_COUNT] = {
	[XW_GRES_THREADS] = 2,
	[XW_GRES_SESSIONS] = 16,
	[XW_GRES_SHM_PAGES] = 16384, /* 64 MiB */
	[XW_GRES_SHM_OBJS] = 128,    /* an eighth of the OP-TEE front end's 1,024 slots */
	[XW_GRES_REGIONS] = 8,
};

enum slot_state { SLOT_FREE, SLOT_LIVE, SLOT_DYING, SLOT_DROPPING };

struct xw_guest {
	enum slot_state state;
	uint16_t id;
	uint32_t users; /* calls of this guest on a CPU now */
	uint32_t max[XW_GRES_COUNT];
	uint32_t used[XW_GRES_COUNT];
};

static arch_spinlock_t lock;
/* The host (slot 0) exists from boot, without limits of its own. */
static struct xw_guest slots[XW_GUEST_SLOTS] = {
	[0] = { .state = SLOT_LIVE, .id = XW_GUEST_HOST,
		.max = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX } },
};
_Static_assert(XW_GRES_COUNT == 5, "the host's limits above list every resource");
static uint64_t created, dropped;
static bool hypervisor; /* a VM_CREATED was seen: w7 names the client from now on */
static struct {
	xw_guest_drop_fn *fn;
	void *ctx;
} drops[XW_GFE_COUNT];

void xw_guests_reset(const struct xw_guest_limits *host)
{
	unsigned int r;

	arch_spin_lock(&lock);
	memset(slots, 0, sizeof(slots));
	created = dropped = 0;
	__atomic_store_n(&hypervisor, false, __ATOMIC_RELAXED);
	slots[0].state = SLOT_LIVE;
	slots[0].id = XW_GUEST_HOST;
	for (r = 0; r < XW_GRES_COUNT; r++) {
		slots[0].max[r] = host && host->max[r] ? host->max[r] : UINT32_MAX;
	}
	arch_spin_unlock(&lock);
}

void xw_guest_on_drop(enum xw_guest_fe fe, xw_guest_drop_fn *fn, void *ctx)
{
	XW_CHECK((unsigned int)fe < XW_GFE_COUNT);
	arch_spin_lock(&lock);
	drops[fe].fn = fn;
	drops[fe].ctx = ctx;
	arch_spin_unlock(&lock);
}

/* The slot holding @id in any state but free; lock held. */
static struct xw_guest *find(uint16_t id)
{
	unsigned int i;

	for (i = 0; i < XW_GUEST_SLOTS; i++) {
		if (slots[i].state != SLOT_FREE && slots[i].id == id) {
			return &slots[i];
		}
	}
	return 0;
}

int xw_guest_create(uint16_t id, const struct xw_guest_limits *lim)
{
	struct xw_guest *g = 0;
	unsigned int i, r;
	int rc = XW_OK;

	if (id == XW_GUEST_HOST) {
		return XW_EINVAL;
	}
	arch_spin_lock(&lock);
	if (find(id)) {
		rc = XW_EEXIST; /* live, or its drop has not finished */
		goto out;
	}
	for (i = 1; i < XW_GUEST_SLOTS && !g; i++) {
		g = slots[i].state == SLOT_FREE ? &slots[i] : 0;
	}
	if (!g) {
		rc = XW_ENOSPC;
		goto out;
	}
	memset(g, 0, sizeof(*g));
	g->state = SLOT_LIVE;
	g->id = id;
	for (r = 0; r < XW_GRES_COUNT; r++) {
		g->max[r] = lim && lim->max[r] ? lim->max[r] : default_max[r];
	}
	created++;
	__atomic_store_n(&hypervisor, true, __ATOMIC_RELAXED);
out:
	arch_spin_unlock(&lock);
	return rc;
}

/* No call of @g runs and none can start: free what it owned, then the slot. */
static void drop(struct xw_guest *g)
{
	unsigned int fe;

	for (fe = 0; fe < XW_GFE_COUNT; fe++) {
		if (drops[fe].fn) {
			drops[fe].fn(drops[fe].ctx, g);
		}
	}
	arch_spin_lock(&lock);
	g->state = SLOT_FREE;
	dropped++;
	arch_spin_unlock(&lock);
}

int xw_guest_destroy(uint16_t id)
{
	struct xw_guest *g;
	bool now = false;

	if (id == XW_GUEST_HOST) {
		return XW_EINVAL;
	}
	arch_spin_lock(&lock);
	g = find(id);
	if (g && g->state == SLOT_LIVE) {
		/* Unknown from here on; whoever sees the last call leave drops it. */
		g->state = g->users == 0 ? SLOT_DROPPING : SLOT_DYING;
		now = g->state == SLOT_DROPPING;
	} else {
		g = 0;
	}
	arch_spin_unlock(&lock);
	if (!g) {
		return XW_ENOENT;
	}
	if (now) {
		drop(g);
	}
	return XW_OK;
}

uint16_t xw_guest_client(uint64_t w7)
{
	return __atomic_load_n(&hypervisor, __ATOMIC_RELAXED) ? (uint16_t)w7 : XW_GUEST_HOST;
}

struct xw_guest *xw_guest_enter(uint16_t id)
{
	struct xw_guest *g;

	arch_spin_lock(&lock);
	g = find(id);
	if (g && g->state == SLOT_LIVE) {
		g->users++;
	} else {
		g = 0;
	}
	arch_spin_unlock(&lock);
	return g;
}

void xw_guest_exit(struct xw_guest *g)
{
	bool last;

	arch_spin_lock(&lock);
	XW_CHECK(g->users != 0 && (g->state == SLOT_LIVE || g->state == SLOT_DYING));
	last = --g->users == 0 && g->state == SLOT_DYING;
	if (last) {
		g->state = SLOT_DROPPING;
	}
	arch_spin_unlock(&lock);
	if (last) {
		drop(g);
	}
}

uint16_t xw_guest_id(const struct xw_guest *g)
{
	return g->id;
}

unsigned int xw_guest_slot(const struct xw_guest *g)
{
	return (unsigned int)(g - slots);
}

int xw_guest_charge(struct xw_guest *g, enum xw_guest_res r, uint32_t n)
{
	int rc = XW_ENOSPC;

	XW_CHECK((unsigned int)r < XW_GRES_COUNT);
	arch_spin_lock(&lock);
	if (n <= g->max[r] - g->used[r]) {
		g->used[r] += n;
		rc = XW_OK;
	}
	arch_spin_unlock(&lock);
	return rc;
}

void xw_guest_uncharge(struct xw_guest *g, enum xw_guest_res r, uint32_t n)
{
	XW_CHECK((unsigned int)r < XW_GRES_COUNT);
	arch_spin_lock(&lock);
	/* Only what was charged comes back: more is a bug of the front end. */
	XW_CHECK(n <= g->used[r]);
	g->used[r] -= n;
	arch_spin_unlock(&lock);
}

void xw_guest_get_stats(struct xw_guest_stats *st)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	arch_spin_lock(&lock);
	for (i = 1; i < XW_GUEST_SLOTS; i++) {
		st->live += slots[i].state == SLOT_LIVE;
		st->dying += slots[i].state == SLOT_DYING || slots[i].state == SLOT_DROPPING;
	}
	st->created = created;
	st->dropped = dropped;
	arch_spin_unlock(&lock);
}

int xw_guest_get_use(uint16_t id, uint32_t used[XW_GRES_COUNT])
{
	struct xw_guest *g;
	int rc = XW_ENOENT;

	arch_spin_lock(&lock);
	g = find(id);
	if (g && g->state == SLOT_LIVE) {
		memcpy(used, g->used, sizeof(g->used));
		rc = XW_OK;
	}
	arch_spin_unlock(&lock);
	return rc;
}
