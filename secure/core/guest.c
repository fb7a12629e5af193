// SPDX-License-Identifier: BSD-2-Clause
/*
 * The guest table (guest.h). The hot path - a call entering and leaving its
 * guest, charges - takes no lock: one atomic word per slot (state, calls in
 * flight, generation) and atomic charge counters. A spinlock serialises the
 * rare paths (VM_CREATED, VM_DESTROYED, the end of a drop). Drop functions
 * run with it released, after the slot is marked so that nobody can enter it
 * and before it is handed out again.
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

/*
 * A slot's state word, read and changed with atomics so that the hot path
 * (enter/exit on every call) takes no lock: bits 0..31 the calls of the
 * guest on a CPU now, bits 32..33 the state, bits 34..63 a generation bumped
 * at every VM_CREATED - so that an enter that read the slot's ID and then
 * counts itself in with a compare-and-swap never lands in a slot that was
 * destroyed and handed to another ID meanwhile.
 */
#define W_USERS(w)  ((uint32_t)(w))
#define W_STATE(w)  ((enum slot_state)(((w) >> 32) & 3))
#define W_GEN1      (1ULL << 34)
#define W_MAKE(gen, st, users) (((gen) & ~((1ULL << 34) - 1)) | (uint64_t)(st) << 32 | (users))

struct xw_guest {
	uint64_t word;  /* state, calls in flight, generation: atomics only */
	uint16_t id;    /* written at VM_CREATED (under the lock), read atomically */
	uint32_t max[XW_GRES_COUNT];
	uint32_t used[XW_GRES_COUNT]; /* atomics */
};

/* Create, destroy, the end of a drop and reset: the rare paths, serialised. */
static arch_spinlock_t lock;
/* The host (slot 0) exists from boot, without limits of its own. */
static struct xw_guest slots[XW_GUEST_SLOTS] = {
	[0] = { .word = W_MAKE(0, SLOT_LIVE, 0), .id = XW_GUEST_HOST,
		.max = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX } },
};
_Static_assert(XW_GRES_COUNT == 5, "the host's limits above list every resource");
static uint64_t created, dropped;
static bool hypervisor; /* a VM_CREATED was seen: w7 names the client from now on */
static struct {
	xw_guest_drop_fn *fn;
	void *ctx;
} drops[XW_GFE_COUNT];

static uint64_t word(const struct xw_guest *g)
{
	return __atomic_load_n(&g->word, __ATOMIC_ACQUIRE);
}

static uint16_t id_of(const struct xw_guest *g)
{
	return __atomic_load_n(&g->id, __ATOMIC_RELAXED);
}

void xw_guests_reset(const struct xw_guest_limits *host)
{
	unsigned int r;

	arch_spin_lock(&lock);
	memset(slots, 0, sizeof(slots));
	created = dropped = 0;
	__atomic_store_n(&hypervisor, false, __ATOMIC_RELAXED);
	slots[0].id = XW_GUEST_HOST;
	for (r = 0; r < XW_GRES_COUNT; r++) {
		slots[0].max[r] = host && host->max[r] ? host->max[r] : UINT32_MAX;
	}
	__atomic_store_n(&slots[0].word, W_MAKE(0, SLOT_LIVE, 0), __ATOMIC_RELEASE);
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

/* The slot holding @id in any state but free; lock held (no slot changes ID then). */
static struct xw_guest *find(uint16_t id)
{
	unsigned int i;

	for (i = 0; i < XW_GUEST_SLOTS; i++) {
		if (W_STATE(word(&slots[i])) != SLOT_FREE && slots[i].id == id) {
			return &slots[i];
		}
	}
	return 0;
}

int xw_guest_create(uint16_t id, const struct xw_guest_limits *lim)
{
	struct xw_guest *g = 0;
	unsigned int i, r;
	uint64_t w;
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
		g = W_STATE(word(&slots[i])) == SLOT_FREE ? &slots[i] : 0;
	}
	if (!g) {
		rc = XW_ENOSPC;
		goto out;
	}
	/* Free: nobody enters it (enter wants LIVE), so these plain stores are ours. */
	w = word(g);
	__atomic_store_n(&g->id, id, __ATOMIC_RELAXED);
	for (r = 0; r < XW_GRES_COUNT; r++) {
		g->max[r] = lim && lim->max[r] ? lim->max[r] : default_max[r];
		__atomic_store_n(&g->used[r], 0, __ATOMIC_RELAXED);
	}
	/* Published: a new generation, so no enter that saw the old one counts in. */
	__atomic_store_n(&g->word, W_MAKE(w + W_GEN1, SLOT_LIVE, 0), __ATOMIC_RELEASE);
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
	__atomic_store_n(&g->word, W_MAKE(word(g), SLOT_FREE, 0), __ATOMIC_RELEASE);
	dropped++;
	arch_spin_unlock(&lock);
}

int xw_guest_destroy(uint16_t id)
{
	struct xw_guest *g;
	bool now = false;
	uint64_t w, nw;

	if (id == XW_GUEST_HOST) {
		return XW_EINVAL;
	}
	arch_spin_lock(&lock);
	g = find(id);
	w = g ? word(g) : 0;
	/* Unknown from here on; whoever sees the last call leave drops it. */
	do {
		if (!g || W_STATE(w) != SLOT_LIVE) {
			g = 0;
			break;
		}
		now = W_USERS(w) == 0;
		nw = W_MAKE(w, now ? SLOT_DROPPING : SLOT_DYING, W_USERS(w));
	} while (!__atomic_compare_exchange_n(&g->word, &w, nw, false, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
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

/*
 * Lock free: find a live slot of @id and count the call in with one
 * compare-and-swap of its word, which fails if the slot changed at all
 * (state, generation, or another call in or out: then it is read again).
 */
struct xw_guest *xw_guest_enter(uint16_t id)
{
	unsigned int i;

	for (i = 0; i < XW_GUEST_SLOTS; i++) {
		struct xw_guest *g = &slots[i];
		uint64_t w = word(g);

		while (W_STATE(w) == SLOT_LIVE && id_of(g) == id) {
			if (__atomic_compare_exchange_n(&g->word, &w, w + 1, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				return g;
			}
		}
	}
	return 0;
}

void xw_guest_exit(struct xw_guest *g)
{
	uint64_t w = __atomic_sub_fetch(&g->word, 1, __ATOMIC_ACQ_REL);

	XW_CHECK(W_USERS(w) != UINT32_MAX &&
		 (W_STATE(w) == SLOT_LIVE || W_STATE(w) == SLOT_DYING));
	/* The last call of a destroyed guest: exactly one CAS takes it to DROPPING. */
	if (W_STATE(w) == SLOT_DYING && W_USERS(w) == 0 &&
	    __atomic_compare_exchange_n(&g->word, &w, W_MAKE(w, SLOT_DROPPING, 0), false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		drop(g);
	}
}

uint16_t xw_guest_id(const struct xw_guest *g)
{
	return id_of(g);
}

unsigned int xw_guest_slot(const struct xw_guest *g)
{
	return (unsigned int)(g - slots);
}

int xw_guest_charge(struct xw_guest *g, enum xw_guest_res r, uint32_t n)
{
	uint32_t u;

	XW_CHECK((unsigned int)r < XW_GRES_COUNT);
	u = __atomic_load_n(&g->used[r], __ATOMIC_RELAXED);
	do {
		if (n > g->max[r] - u) {
			return XW_ENOSPC;
		}
	} while (!__atomic_compare_exchange_n(&g->used[r], &u, u + n, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return XW_OK;
}

void xw_guest_uncharge(struct xw_guest *g, enum xw_guest_res r, uint32_t n)
{
	uint32_t was;

	XW_CHECK((unsigned int)r < XW_GRES_COUNT);
	was = __atomic_fetch_sub(&g->used[r], n, __ATOMIC_RELAXED);
	/* Only what was charged comes back: more is a bug of the front end. */
	XW_CHECK(n <= was);
}

void xw_guest_get_stats(struct xw_guest_stats *st)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	arch_spin_lock(&lock);
	for (i = 1; i < XW_GUEST_SLOTS; i++) {
		enum slot_state state = W_STATE(word(&slots[i]));

		st->live += state == SLOT_LIVE;
		st->dying += state == SLOT_DYING || state == SLOT_DROPPING;
	}
	st->created = created;
	st->dropped = dropped;
	arch_spin_unlock(&lock);
}

int xw_guest_get_use(uint16_t id, uint32_t used[XW_GRES_COUNT])
{
	struct xw_guest *g;
	unsigned int r;
	int rc = XW_ENOENT;

	arch_spin_lock(&lock);
	g = find(id);
	if (g && W_STATE(word(g)) == SLOT_LIVE) {
		for (r = 0; r < XW_GRES_COUNT; r++) {
			used[r] = __atomic_load_n(&g->used[r], __ATOMIC_RELAXED);
		}
		rc = XW_OK;
	}
	arch_spin_unlock(&lock);
	return rc;
}
