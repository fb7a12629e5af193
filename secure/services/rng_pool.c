// SPDX-License-Identifier: BSD-2-Clause
#include "rng_pool.h"

#include "xw/err.h"

struct xw_rng_pool xw_rng_main;

/* Wipe through a volatile pointer: the compiler may not drop a dead store here. */
static void wipe(void *d, size_t n)
{
	volatile uint8_t *v = d;
	size_t i;

	for (i = 0; i < n; i++) {
		v[i] = 0;
	}
}

/* One batch from the source into buf, tested; called with the lock held, pool empty. */
static int refill(struct xw_rng_pool *p)
{
	uint32_t alarm;
	int rc;

	p->pos = p->end = 0;
	rc = p->source(p->ctx, p->buf, XW_RNG_BATCH);
	if (rc != (int)XW_RNG_BATCH) {
		wipe(p->buf, sizeof(p->buf));
		p->st.source_errors++;
		return XW_EIO;
	}
	p->st.batches++;
	alarm = xw_rng_health_feed(&p->h, p->buf, XW_RNG_BATCH);
	if (alarm != 0) {
		wipe(p->buf, sizeof(p->buf));
		p->st.alarms++;
		p->st.rct_alarms += (alarm & XW_RNG_ALARM_RCT) != 0;
		p->st.apt_alarms += (alarm & XW_RNG_ALARM_APT) != 0;
		/* The next batch is tested from scratch, not from the bad run. */
		xw_rng_health_init(&p->h, p->rct_cutoff, p->apt_cutoff);
		if (++p->bad_in_row >= XW_RNG_BAD_IN_ROW) {
			p->failed = 1;
			p->st.failed = 1;
		}
		return XW_EIO;
	}
	p->bad_in_row = 0;
	p->end = XW_RNG_BATCH;
	return XW_OK;
}

int xw_rng_pool_init(struct xw_rng_pool *p, xw_rng_source_fn source, void *ctx,
		     uint32_t rct_cutoff, uint32_t apt_cutoff)
{
	int rc = XW_EIO;
	unsigned int i;

	arch_spin_lock(&p->lock);
	p->source = source; /* published below, once the start-up test is done */
	p->ctx = ctx;
	p->rct_cutoff = rct_cutoff;
	p->apt_cutoff = apt_cutoff;
	xw_rng_health_init(&p->h, rct_cutoff, apt_cutoff);
	p->pos = p->end = 0;
	p->bad_in_row = 0;
	p->failed = 0;
	p->st = (struct xw_rng_stats){ 0 };
	wipe(p->buf, sizeof(p->buf));
	/* Start-up test (SP 800-90B 4.3): a batch must pass before any use. */
	for (i = 0; i < XW_RNG_BAD_IN_ROW && !p->failed && rc != XW_OK; i++) {
		rc = refill(p);
	}
	if (rc != XW_OK) {
		p->failed = 1;
		p->st.failed = 1;
	}
	arch_spin_unlock(&p->lock);
	/*
	 * Offered even when the start-up test failed: the interfaces then say
	 * "no entropy", which is what a consumer must be told.
	 */
	__atomic_store_n(&p->ready, 1U, __ATOMIC_RELEASE);
	return rc;
}

bool xw_rng_pool_available(struct xw_rng_pool *p)
{
	return __atomic_load_n(&p->ready, __ATOMIC_ACQUIRE) != 0;
}

int xw_rng_get(struct xw_rng_pool *p, void *dst, size_t n, bool wait)
{
	uint8_t *d = dst;
	size_t done = 0, k;
	unsigned int tries = 0;
	int rc = XW_OK;

	if (n == 0 || n > XW_RNG_MAX_REQ) {
		return XW_EINVAL;
	}
	if (!xw_rng_pool_available(p)) {
		wipe(dst, n);
		return XW_ENOENT;
	}
	if (wait) {
		arch_spin_lock(&p->lock);
	} else if (!arch_spin_trylock(&p->lock)) {
		wipe(dst, n);
		return XW_EBUSY;
	}
	while (done < n) {
		if (p->failed) {
			rc = XW_EIO;
			break;
		}
		if (p->pos == p->end) {
			/* A failing batch is retried: a false alarm costs one batch. */
			rc = refill(p);
			if (rc != XW_OK) {
				if (++tries >= XW_RNG_BAD_IN_ROW) {
					break;
				}
				continue;
			}
		}
		k = p->end - p->pos;
		if (k > n - done) {
			k = n - done;
		}
		for (size_t i = 0; i < k; i++) {
			d[done + i] = p->buf[p->pos + i];
		}
		/* Served once: gone from the pool before anyone else can ask. */
		wipe(p->buf + p->pos, k);
		p->pos += (uint32_t)k;
		done += k;
	}
	if (rc == XW_OK) {
		p->st.served += n;
	}
	arch_spin_unlock(&p->lock);
	if (rc != XW_OK) {
		/* The bytes taken so far are consumed and wiped, never handed out. */
		wipe(dst, n);
	}
	return rc;
}

void xw_rng_get_stats(struct xw_rng_pool *p, struct xw_rng_stats *st)
{
	arch_spin_lock(&p->lock);
	*st = p->st;
	arch_spin_unlock(&p->lock);
}
