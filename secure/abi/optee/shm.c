// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shared-memory objects of the OP-TEE front end: normal-world buffers described
 * by page lists (or one contiguous range), each page checked (aligned, inside
 * normal-world RAM, outside secure memory: nsmem.c), mapped once into the
 * secure NS window at registration and used in place by every later call.
 * Reference counted: the registration holds one reference, a call holds one
 * while it uses an object. Unregister finds the object, marks it dying (no
 * longer findable) and drops the registration's reference in one step under
 * o->lock, so two unregisters of one cookie drop it once; the last holder
 * unmaps and frees it (no use after free, no early reuse of its VA range).
 * A slot being built (refs 0) is not findable but already owns its cookie.
 * Every object belongs to one guest (guest.h): cookies are the guest's own
 * names (two guests may use the same value), its pages count against the
 * guest's limit, and a dropped guest's objects go in one walk (shm_drop).
 */
#include <string.h>

#include "optee.h"

#include "../../core/nsmem.h"
#include "xw/check.h"
#include "xw/err.h"

#define PAGE XW_OMSG_PAGE_SIZE

static struct xw_optee_shm *slot_alloc(struct xw_optee *o, struct xw_guest *g, uint64_t cookie,
				       bool temporary)
{
	struct xw_optee_shm *free = 0;
	unsigned int i;

	xw_optee_lock(o);
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		struct xw_optee_shm *s = &o->shm[i];

		if (!s->used) {
			free = free ? free : s;
		} else if (!temporary && !s->dying && s->guest == g && s->cookie == cookie) {
			/*
			 * One object per cookie, counting one still being built
			 * (refs 0, not yet findable): two registrations of one
			 * cookie on two CPUs must not both publish.
			 */
			free = 0;
			goto out;
		}
	}
	if (free) {
		free->used = true;
		free->guest = g;
		free->dying = temporary; /* temporary: never found by cookie */
		free->refs = 0;          /* not visible until registered */
		free->cookie = cookie;
		free->va = 0;
	}
out:
	xw_optee_unlock(o);
	return free;
}

static void slot_free(struct xw_optee *o, struct xw_optee_shm *s)
{
	xw_optee_lock(o);
	s->used = false;
	s->refs = 0;
	s->guest = 0;
	xw_optee_unlock(o);
}

/* Reads the page list into s->pages: one list page at a time, each copied once. */
static int read_pagelist(struct xw_optee_shm *s, uint64_t list_pa)
{
	uint32_t have = 0;
	void *va;
	int rc;

	while (have < s->npages) {
		uint32_t want = s->npages - have;
		bool more = want > XW_OMSG_PAGELIST_ENTRIES;
		uint32_t n = more ? XW_OMSG_PAGELIST_ENTRIES : want;
		uint64_t next = 0;

		rc = xw_ns_map(list_pa, PAGE, &va);
		if (rc != XW_OK) {
			return rc;
		}
		memcpy(&s->pages[have], va, (size_t)n * sizeof(uint64_t));
		if (more) {
			memcpy(&next, (uint8_t *)va + XW_OMSG_PAGELIST_ENTRIES * sizeof(uint64_t),
			       sizeof(next));
		}
		xw_ns_unmap(va, PAGE);
		/* Validate the private copy only. */
		if (xw_optee_pagelist_check(&s->pages[have], n, false) != XW_OK ||
		    (more && (next & (PAGE - 1)) != 0)) {
			return XW_EINVAL;
		}
		have += n;
		list_pa = next;
	}
	return XW_OK;
}

static int shm_create(struct xw_optee *o, struct xw_guest *g, uint64_t pa_off, uint64_t size,
		      uint64_t cookie, bool temporary, bool pagelist, struct xw_optee_shm **out)
{
	struct xw_optee_shm *s;
	uint64_t base = pa_off & ~(uint64_t)(PAGE - 1);
	uint32_t i;
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
		rc = read_pagelist(s, base);
	} else {
		rc = base + (uint64_t)s->npages * PAGE < base ? XW_EINVAL : XW_OK;
		for (i = 0; rc == XW_OK && i < s->npages; i++) {
			s->pages[i] = base + (uint64_t)i * PAGE;
		}
	}
	if (rc == XW_OK) {
		void *va;

		/* Every page is checked here: NS RAM only, never secure memory. */
		rc = xw_ns_map_pages(s->pages, s->npages, &va);
		s->va = va;
	}
	if (rc != XW_OK) {
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
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		struct xw_optee_shm *s = &o->shm[i];

		if (s->used && !s->dying && s->refs != 0 && s->guest == g && s->cookie == cookie) {
			return s;
		}
	}
	return 0;
}

/* The last reference is gone: nobody can find (dying) or hold it. */
static void release(struct xw_optee *o, struct xw_optee_shm *s)
{
	xw_ns_unmap(s->va, (uint64_t)s->npages * PAGE);
	/* The owner is still entered: the last reference is one of its calls. */
	xw_guest_uncharge(s->guest, XW_GRES_SHM_PAGES, s->npages);
	xw_guest_uncharge(s->guest, XW_GRES_SHM_OBJS, 1);
	slot_free(o, s);
}

void xw_optee_shm_drop(struct xw_optee *o, struct xw_guest *g)
{
	unsigned int i;

	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		struct xw_optee_shm *s = &o->shm[i];
		bool mine;

		xw_optee_lock(o);
		/* Built, registered, dying or held by an abandoned call: all of it. */
		mine = s->used && s->guest == g;
		/* Objects are built inside the guest's calls, and none runs now. */
		XW_CHECK(!mine || s->va != 0);
		xw_optee_unlock(o);
		if (mine) {
			xw_ns_unmap(s->va, (uint64_t)s->npages * PAGE);
			slot_free(o, s);
		}
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

static int mref_span(const struct xw_optee_mref *m, uint64_t off, size_t len, uint8_t **p)
{
	if (!m->shm || off > m->size || len > m->size - off) {
		return XW_EFAULT;
	}
	/* m->offs + m->size <= shm->size was checked when the memref was bound. */
	*p = m->shm->va + m->shm->offset + m->offs + off;
	return XW_OK;
}

int xw_optee_mref_read(const struct xw_optee_mref *m, uint64_t off, void *dst, size_t len)
{
	uint8_t *p;
	int rc = mref_span(m, off, len, &p);

	if (rc == XW_OK) {
		memcpy(dst, p, len);
	}
	return rc;
}

int xw_optee_mref_write(const struct xw_optee_mref *m, uint64_t off, const void *src, size_t len)
{
	uint8_t *p;
	int rc = mref_span(m, off, len, &p);

	if (rc == XW_OK) {
		memcpy(p, src, len);
	}
	return rc;
}
