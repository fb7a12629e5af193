// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared-memory objects of the OP-TEE front end: normal-world buffers described
 * by page lists (or one contiguous range) of up to 1 GiB, each page checked
 * (aligned, inside normal-world RAM, outside secure memory: nsmem.c) and kept
 * as a private list sized by use (in the object, or in secure pool pages).
 * Nothing is mapped at registration: an access maps the block of pages it
 * touches (one block per object stays cached, within a per-guest budget).
 * Reference counted: the registration holds one reference, a call holds one
 * while it uses an object. Unregister finds the object, marks it dying (no
 * longer findable) and drops the registration's reference in one step under
 * o->lock, so two unregisters of one cookie drop it once; the last holder
 * unmaps and frees it (no use after free, no early reuse of its VA range).
 * Slots are found by a hash of (guest, cookie) under o->lock; the cached
 * block is guarded by the object's own mlock (after o->lock, before the NS
 * window's lock; never held with o->lock).
 * A slot being built (refs 0) is not findable but already owns its cookie.
 * Every object belongs to one guest (guest.h): cookies are the guest's own
 * names (two guests may use the same value), its pages count against the
 * guest's limit, and a dropped guest's objects go in one walk (shm_drop).
 */
#include <string.h>

#include "optee.h"

#include "../../core/nsmem.h"
#include "../../core/pages.h"
#include "sk/arch/app.h"
#include "xw/check.h"
#include "xw/err.h"

#define PAGE XW_OMSG_PAGE_SIZE
#define CHUNK_ENTRIES (XW_PAGE_SIZE / sizeof(uint32_t)) /* 1,024 PFNs per pool page */
#define DIR_ENTRIES   (XW_PAGE_SIZE / sizeof(uint64_t)) /* 512 chunk PAs */
#define PFN_LIMIT     (1ULL << (32 + 12)) /* a PFN must fit 32 bits: PAs below 16 TiB */
#define LIST_ENTRIES  XW_OMSG_PAGELIST_ENTRIES      /* 511 pages per list page + next */

_Static_assert(DIR_ENTRIES * CHUNK_ENTRIES >= XW_OPTEE_SHM_MAX_PAGES, "one directory page");
_Static_assert((XW_OPTEE_SHM_HASH & (XW_OPTEE_SHM_HASH - 1)) == 0, "hash: a power of two");

static unsigned int hash(const struct xw_guest *g, uint64_t cookie)
{
	uint64_t h = (cookie ^ ((uint64_t)xw_guest_slot(g) << 56)) * 0x9e3779b97f4a7c15ULL;

	return (unsigned int)(h >> 40) & (XW_OPTEE_SHM_HASH - 1);
}

/* Take @s off its hash chain; o->lock held. */
static void unhash(struct xw_optee *o, struct xw_optee_shm *s)
{
	uint32_t *link = &o->shm_hash[hash(s->guest, s->cookie)];
	uint32_t me = (uint32_t)(s - o->shm) + 1;

	while (*link != 0 && *link != me) {
		link = &o->shm[*link - 1].next;
	}
	XW_CHECK(*link == me);
	*link = s->next;
	s->next = 0;
	s->hashed = false;
}

static struct xw_optee_shm *slot_alloc(struct xw_optee *o, struct xw_guest *g, uint64_t cookie,
				       bool temporary)
{
	struct xw_optee_shm *s = 0;
	unsigned int h = hash(g, cookie);
	uint32_t i;

	xw_optee_lock(o);
	if (!temporary) {
		/*
		 * One object per cookie, counting one still being built (refs 0,
		 * not yet findable but hashed): two registrations of one cookie on
		 * two CPUs must not both publish.
		 */
		for (i = o->shm_hash[h]; i != 0; i = o->shm[i - 1].next) {
			if (o->shm[i - 1].guest == g && o->shm[i - 1].cookie == cookie) {
				goto out;
			}
		}
	}
	if (o->shm_free != 0) {
		s = &o->shm[o->shm_free - 1];
		o->shm_free = s->next;
	} else if (o->shm_top < XW_OPTEE_SHM_OBJS) {
		s = &o->shm[o->shm_top++];
	} else {
		goto out;
	}
	s->used = true;
	s->fe = o;
	s->guest = g;
	s->dying = temporary; /* temporary: never found by cookie */
	s->refs = 0;          /* not visible until registered */
	s->cookie = cookie;
	s->base = 0;
	s->contig = false;
	s->map_va = 0;
	s->map_users = 0;
	s->next = 0;
	s->hashed = !temporary;
	if (s->hashed) {
		s->next = o->shm_hash[h];
		o->shm_hash[h] = (uint32_t)(s - o->shm) + 1;
	}
out:
	xw_optee_unlock(o);
	return s;
}

static void slot_free(struct xw_optee *o, struct xw_optee_shm *s)
{
	xw_optee_lock(o);
	if (s->hashed) {
		unhash(o, s);
	}
	s->used = false;
	s->refs = 0;
	s->guest = 0;
	s->next = o->shm_free;
	o->shm_free = (uint32_t)(s - o->shm) + 1;
	xw_optee_unlock(o);
}

/* ---- the private page list ----------------------------------------------- */

static uint64_t *dir_of(const struct xw_optee_shm *s)
{
	return arch_app_kva(s->base);
}

/* Physical address of page @i of @s (i < npages). */
static uint64_t page_pa(const struct xw_optee_shm *s, uint32_t i)
{
	const uint32_t *chunk;

	if (s->contig) {
		return s->base + (uint64_t)i * PAGE;
	}
	if (s->base == 0) {
		return (uint64_t)s->pfn[i] << 12;
	}
	chunk = arch_app_kva(dir_of(s)[i / CHUNK_ENTRIES]);
	return (uint64_t)chunk[i % CHUNK_ENTRIES] << 12;
}

/* Give the list's pool pages back (a list that is inline or contig has none). */
static void list_free(struct xw_optee_shm *s)
{
	uint64_t *dir;
	uint32_t c;

	if (s->contig || s->base == 0) {
		return;
	}
	dir = dir_of(s);
	for (c = 0; c < DIR_ENTRIES && dir[c] != 0; c++) {
		xw_pages_free(dir[c], 1);
	}
	xw_pages_free(s->base, 1);
	s->base = 0;
}

/* Room for @s->npages PFNs: inline, or a directory and its chunks. */
static int list_alloc(struct xw_optee_shm *s)
{
	uint32_t c, nchunks = (s->npages + CHUNK_ENTRIES - 1) / CHUNK_ENTRIES;
	uint64_t *dir;

	if (s->npages <= XW_OPTEE_SHM_INLINE) {
		return XW_OK;
	}
	s->base = xw_pages_alloc(1); /* zeroed: unused directory entries are 0 */
	if (s->base == 0) {
		return XW_ENOMEM;
	}
	dir = dir_of(s);
	for (c = 0; c < nchunks; c++) {
		dir[c] = xw_pages_alloc(1);
		if (dir[c] == 0) {
			list_free(s);
			return XW_ENOMEM;
		}
	}
	return XW_OK;
}

/*
 * Validate one page address the normal world gave (a private copy, read
 * once) and store it as entry @i: page aligned, a page of normal-world RAM
 * outside every reserved range (the NS gate), and a PFN that fits 32 bits.
 */
static int list_put(struct xw_optee_shm *s, uint32_t i, uint64_t pa)
{
	uint32_t *chunk;

	if ((pa & (PAGE - 1)) != 0 || pa >= PFN_LIMIT) {
		return XW_EINVAL;
	}
	if (xw_ns_gate_check(pa, PAGE) != XW_OK) {
		return XW_EFAULT;
	}
	if (s->base == 0) {
		s->pfn[i] = (uint32_t)(pa >> 12);
	} else {
		chunk = arch_app_kva(dir_of(s)[i / CHUNK_ENTRIES]);
		chunk[i % CHUNK_ENTRIES] = (uint32_t)(pa >> 12);
	}
	return XW_OK;
}

/*
 * Reads the normal world's page list (pages of 511 entries and a link to the
 * next page) at @list_pa into the object's own list: each list page mapped
 * once, each entry and each link read once into a local and validated there,
 * so that a list the normal world rewrites meanwhile changes nothing here.
 * The list pages are unmapped in batches of XW_NS_UNMAP_BATCH, one TLB
 * invalidation each: per page of the object the cost stays flat (a 1 GiB
 * object's 514 list pages cost 9 invalidations, not 514).
 */
static int read_pagelist(struct xw_optee_shm *s, uint64_t list_pa)
{
	void *mapped[XW_NS_UNMAP_BATCH];
	uint32_t have = 0, j, nmapped = 0;
	int rc = XW_OK;

	while (rc == XW_OK && have < s->npages) {
		uint32_t want = s->npages - have;
		bool more = want > LIST_ENTRIES;
		uint32_t n = more ? LIST_ENTRIES : want;
		const volatile uint64_t *e;
		uint64_t next = 0;
		void *va;

		if (nmapped == XW_NS_UNMAP_BATCH) {
			xw_ns_unmap_batch(mapped, 0, nmapped);
			nmapped = 0;
		}
		rc = xw_ns_map(list_pa, PAGE, &va);
		if (rc != XW_OK) {
			break;
		}
		mapped[nmapped++] = va;
		e = va;
		for (j = 0; rc == XW_OK && j < n; j++) {
			rc = list_put(s, have + j, e[j]);
		}
		if (more) {
			next = e[LIST_ENTRIES];
		}
		if (rc == XW_OK && more && (next & (PAGE - 1)) != 0) {
			rc = XW_EINVAL;
		}
		have += n;
		list_pa = next;
	}
	if (nmapped != 0) {
		xw_ns_unmap_batch(mapped, 0, nmapped);
	}
	return rc;
}

static int shm_create(struct xw_optee *o, struct xw_guest *g, uint64_t pa_off, uint64_t size,
		      uint64_t cookie, bool temporary, bool pagelist, struct xw_optee_shm **out)
{
	struct xw_optee_shm *s;
	uint64_t base = pa_off & ~(uint64_t)(PAGE - 1);
	int rc;

	if (size == 0) {
		return XW_EINVAL;
	}
	if (size > XW_OPTEE_SHM_MAX_BYTES) {
		return XW_E2BIG;
	}
	s = slot_alloc(o, g, cookie, temporary);
	if (!s) {
		return XW_ENOMEM;
	}
	arch_optee_point(XW_OPTEE_PT_SHM_BUILDING, cookie);
	s->offset = (uint32_t)(pa_off & (PAGE - 1));
	s->size = size;
	s->npages = (uint32_t)((s->offset + size + PAGE - 1) / PAGE);
	/* The guest's limits: one guest's registrations cannot starve another's. */
	if (xw_guest_charge(g, XW_GRES_SHM_OBJS, 1) != XW_OK) {
		slot_free(o, s);
		return XW_ENOMEM;
	}
	if (xw_guest_charge(g, XW_GRES_SHM_PAGES, s->npages) != XW_OK) {
		xw_guest_uncharge(g, XW_GRES_SHM_OBJS, 1);
		slot_free(o, s);
		return XW_ENOMEM;
	}
	if (pagelist) {
		rc = list_alloc(s);
		rc = rc == XW_OK ? read_pagelist(s, base) : rc;
	} else {
		/* One range: checked whole here, never copied page by page. */
		s->contig = true;
		s->base = base;
		rc = xw_ns_gate_check(base, (uint64_t)s->npages * PAGE);
	}
	if (rc != XW_OK) {
		list_free(s);
		xw_guest_uncharge(g, XW_GRES_SHM_PAGES, s->npages);
		xw_guest_uncharge(g, XW_GRES_SHM_OBJS, 1);
		slot_free(o, s);
		return rc;
	}
	xw_optee_lock(o);
	s->refs = 1;
	xw_optee_unlock(o);
	*out = s;
	return XW_OK;
}

int xw_optee_shm_register(struct xw_optee *o, struct xw_guest *g, uint64_t list_pa_off,
			  uint64_t size, uint64_t cookie, bool temporary,
			  struct xw_optee_shm **out)
{
	return shm_create(o, g, list_pa_off, size, cookie, temporary, true, out);
}

int xw_optee_shm_contig(struct xw_optee *o, struct xw_guest *g, uint64_t pa, uint64_t size,
			struct xw_optee_shm **out)
{
	return shm_create(o, g, pa, size, 0, true, false, out);
}

/* @g's live (registered, not dying) object of @cookie; o->lock held. */
static struct xw_optee_shm *find_live(struct xw_optee *o, struct xw_guest *g, uint64_t cookie)
{
	uint32_t i;

	for (i = o->shm_hash[hash(g, cookie)]; i != 0; i = o->shm[i - 1].next) {
		struct xw_optee_shm *s = &o->shm[i - 1];

		if (!s->dying && s->refs != 0 && s->guest == g && s->cookie == cookie) {
			return s;
		}
	}
	return 0;
}

/* Unmap @s's cached block, if any (no user of it: the last reference, or under mlock). */
static void span_unmap(struct xw_optee *o, struct xw_optee_shm *s)
{
	if (s->map_va) {
		xw_ns_unmap(s->map_va, (uint64_t)s->map_n * PAGE);
		__atomic_sub_fetch(&o->shm_mapped[xw_guest_slot(s->guest)], s->map_n,
				   __ATOMIC_RELAXED);
		s->map_va = 0;
	}
}

/* Everything @s holds but its slot and the guest's charges. */
static void shm_forget(struct xw_optee *o, struct xw_optee_shm *s)
{
	span_unmap(o, s);
	list_free(s);
}

/* The last reference is gone: nobody can find (dying) or hold it. */
static void release(struct xw_optee *o, struct xw_optee_shm *s)
{
	shm_forget(o, s);
	/* The owner is still entered: the last reference is one of its calls. */
	xw_guest_uncharge(s->guest, XW_GRES_SHM_PAGES, s->npages);
	xw_guest_uncharge(s->guest, XW_GRES_SHM_OBJS, 1);
	slot_free(o, s);
}

/*
 * A dead guest's objects in one walk; their cached blocks are unmapped in
 * batches (one TLB invalidation per XW_NS_UNMAP_BATCH blocks, not one each).
 */
void xw_optee_shm_drop(struct xw_optee *o, struct xw_guest *g)
{
	void *va[XW_NS_UNMAP_BATCH];
	uint64_t size[XW_NS_UNMAP_BATCH];
	unsigned int i, top, n = 0;

	xw_optee_lock(o);
	top = o->shm_top;
	xw_optee_unlock(o);
	for (i = 0; i < top; i++) {
		struct xw_optee_shm *s = &o->shm[i];
		bool mine;

		xw_optee_lock(o);
		/* Built, registered, dying or held by an abandoned call: all of it. */
		mine = s->used && s->guest == g;
		/* Objects are built inside the guest's calls, and none runs now. */
		XW_CHECK(!mine || s->refs != 0 || s->dying);
		xw_optee_unlock(o);
		if (!mine) {
			continue;
		}
		if (s->map_va) {
			if (n == XW_NS_UNMAP_BATCH) {
				xw_ns_unmap_batch(va, size, n);
				n = 0;
			}
			va[n] = s->map_va;
			size[n++] = (uint64_t)s->map_n * PAGE;
			__atomic_sub_fetch(&o->shm_mapped[xw_guest_slot(g)], s->map_n,
					   __ATOMIC_RELAXED);
			s->map_va = 0;
		}
		list_free(s);
		slot_free(o, s);
	}
	if (n != 0) {
		xw_ns_unmap_batch(va, size, n);
	}
}

struct xw_optee_shm *xw_optee_shm_get(struct xw_optee *o, struct xw_guest *g, uint64_t cookie)
{
	struct xw_optee_shm *s;

	xw_optee_lock(o);
	s = find_live(o, g, cookie);
	if (s) {
		s->refs++;
	}
	xw_optee_unlock(o);
	return s;
}

void xw_optee_shm_put(struct xw_optee *o, struct xw_optee_shm *s)
{
	bool last;

	xw_optee_lock(o);
	/* Only a holder puts: a put without a reference is a bug here, not input. */
	XW_CHECK(s->used && s->refs != 0);
	last = --s->refs == 0;
	xw_optee_unlock(o);
	if (last) {
		release(o, s);
	}
}

int xw_optee_shm_unregister(struct xw_optee *o, struct xw_guest *g, uint64_t cookie)
{
	struct xw_optee_shm *s;
	bool last = false;

	/*
	 * Lookup, dying mark and the drop of the registration's reference are one
	 * locked step: a second unregister of the cookie (another CPU, at any
	 * moment) finds nothing, so the registration's reference is dropped once
	 * and a call still holding the object keeps its pages.
	 */
	xw_optee_lock(o);
	s = find_live(o, g, cookie);
	if (s) {
		s->dying = true;
		unhash(o, s);
		last = --s->refs == 0;
	}
	xw_optee_unlock(o);
	if (!s) {
		return XW_ENOENT;
	}
	arch_optee_point(XW_OPTEE_PT_SHM_UNREGISTER, cookie);
	if (last) {
		release(o, s);
	}
	return XW_OK;
}

/* ---- access: map what is touched, when it is touched ---------------------- */

/*
 * A mapping of pages [first, first + n) of @s: the object's cached block when
 * the access lies in it (or the block can be mapped and cached now), else a
 * mapping of just those pages for this one access (*temp). The cache holds
 * one block per object and at most XW_OPTEE_SHM_MAP_BUDGET pages per guest,
 * so no guest fills the NS window; a block in use on another CPU is never
 * replaced under it (map_users).
 */
static int span_get(struct xw_optee *o, struct xw_optee_shm *s, uint32_t first, uint32_t n,
		    uint8_t **va, bool *temp)
{
	uint32_t blk = first / XW_OPTEE_SHM_SPAN * XW_OPTEE_SHM_SPAN, i;
	uint32_t bn = s->npages - blk < XW_OPTEE_SHM_SPAN ? s->npages - blk : XW_OPTEE_SHM_SPAN;
	uint32_t *budget = &o->shm_mapped[xw_guest_slot(s->guest)];
	uint64_t pas[XW_OPTEE_SHM_SPAN];
	void *v;
	int rc;

	*temp = false;
	if (first + n <= blk + bn) {
		arch_spin_lock(&s->mlock);
		if (s->map_va && s->map_first == blk) {
			s->map_users++;
			*va = s->map_va + (uint64_t)(first - blk) * PAGE;
			arch_spin_unlock(&s->mlock);
			return XW_OK;
		}
		if (s->map_users == 0) {
			span_unmap(o, s);
			if (__atomic_add_fetch(budget, bn, __ATOMIC_RELAXED) <=
			    XW_OPTEE_SHM_MAP_BUDGET) {
				for (i = 0; i < bn; i++) {
					pas[i] = page_pa(s, blk + i);
				}
				rc = xw_ns_map_pages(pas, bn, &v);
				if (rc == XW_OK) {
					s->map_va = v;
					s->map_first = blk;
					s->map_n = bn;
					s->map_users = 1;
					*va = s->map_va + (uint64_t)(first - blk) * PAGE;
					arch_spin_unlock(&s->mlock);
					return XW_OK;
				}
			}
			__atomic_sub_fetch(budget, bn, __ATOMIC_RELAXED);
		}
		arch_spin_unlock(&s->mlock);
	}
	/* Not cacheable now: this access's pages only (n <= SPAN by the caller). */
	for (i = 0; i < n; i++) {
		pas[i] = page_pa(s, first + i);
	}
	rc = xw_ns_map_pages(pas, n, &v);
	if (rc == XW_OK) {
		*va = v;
		*temp = true;
	}
	return rc;
}

static void span_put(struct xw_optee_shm *s, uint8_t *va, uint32_t n, bool temp)
{
	if (temp) {
		xw_ns_unmap(va, (uint64_t)n * PAGE);
		return;
	}
	arch_spin_lock(&s->mlock);
	s->map_users--;
	arch_spin_unlock(&s->mlock);
}

/* Copy @len bytes at byte @pos of @s's pages (from its first page's start). */
static int shm_copy(struct xw_optee_shm *s, uint64_t pos, uint8_t *rd, const uint8_t *wr,
		    size_t len)
{
	while (len != 0) {
		uint32_t first = (uint32_t)(pos / PAGE);
		/* Up to the end of the block @first is in: at most SPAN pages. */
		uint64_t blk_end = ((uint64_t)first / XW_OPTEE_SHM_SPAN + 1) * XW_OPTEE_SHM_SPAN * PAGE;
		size_t in = blk_end - pos < len ? (size_t)(blk_end - pos) : len;
		uint32_t n = (uint32_t)((pos + in + PAGE - 1) / PAGE) - first;
		uint8_t *va;
		bool temp;
		int rc = span_get(s->fe, s, first, n, &va, &temp);

		if (rc != XW_OK) {
			return rc;
		}
		if (wr) {
			memcpy(va + pos % PAGE, wr, in);
			wr += in;
		} else {
			memcpy(rd, va + pos % PAGE, in);
			rd += in;
		}
		span_put(s, va, n, temp);
		pos += in;
		len -= in;
	}
	return XW_OK;
}

static int mref_check(const struct xw_optee_mref *m, uint64_t off, size_t len)
{
	if (!m->shm || off > m->size || len > m->size - off) {
		return XW_EFAULT;
	}
	/* m->offs + m->size <= shm->size was checked when the memref was bound. */
	return XW_OK;
}

int xw_optee_mref_read(const struct xw_optee_mref *m, uint64_t off, void *dst, size_t len)
{
	int rc = mref_check(m, off, len);

	if (rc == XW_OK && len != 0) {
		rc = shm_copy(m->shm, m->shm->offset + m->offs + off, dst, 0, len);
	}
	return rc;
}

int xw_optee_mref_write(const struct xw_optee_mref *m, uint64_t off, const void *src, size_t len)
{
	int rc = mref_check(m, off, len);

	if (rc == XW_OK && len != 0) {
		rc = shm_copy(m->shm, m->shm->offset + m->offs + off, 0, src, len);
	}
	return rc;
}
