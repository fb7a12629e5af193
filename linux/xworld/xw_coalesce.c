// SPDX-License-Identifier: BSD-2-Clause
/*
 * Doorbell coalescing for write(): one message per system call should not
 * cost a doorbell (two world switches) each. A write() queues its message
 * unpublished (XW_CHAN_MORE) and publishes - which rings the doorbell when the
 * secure side waits for data - at once if it is the first write() since the
 * file was read or polled (a request/response user never waits) or if
 * nothing was published for coalesce_us (an isolated message, or the first
 * of a burst, goes out without delay); else later, but never more than
 * coalesce_us after the previous publish:
 *   - when a quarter of the ring waits unpublished (the ring never stalls);
 *   - when the file is read or polled (a request followed by a wait for its
 *     reply goes out before the wait), or the writer blocks for space (the
 *     library publishes before it waits);
 *   - when the timer fires (a writer that stopped: its last message is
 *     delivered within coalesce_us), and on release.
 * XW_IOC_NODELAY turns it off per file (as TCP_NODELAY does); coalesce_us=0
 * for every file.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include <xw/channel.h>

#include "xworld_priv.h"

unsigned int xw_coalesce_us = 1000;
module_param_named(coalesce_us, xw_coalesce_us, uint, 0644);
MODULE_PARM_DESC(coalesce_us, "longest a write()'s doorbell is deferred, in us (0: never)");

/* Publishes what waits; tx_lock held. */
static void flush_locked(struct xw_file *f)
{
	if (xw_chan_tx_pending(&f->ch)) {
		xw_chan_flush(&f->ch);
		f->last_flush_ns = ktime_get_ns();
		/* Nothing waits now: a timer left armed would only cost an interrupt. */
		if (f->coalesce)
			hrtimer_try_to_cancel(&f->flush_timer);
	}
}

static void flush_work_fn(struct work_struct *w)
{
	struct xw_file *f = container_of(w, struct xw_file, flush_work);

	mutex_lock(&f->tx_lock);
	if (xw_chan_tx_pending(&f->ch))
		f->timer_flushes++;
	flush_locked(f);
	mutex_unlock(&f->tx_lock);
}

/* Timer context: the doorbell is an SMC that may loop; a worker rings it. */
static enum hrtimer_restart flush_timer_fn(struct hrtimer *t)
{
	struct xw_file *f = container_of(t, struct xw_file, flush_timer);

	queue_work(system_highpri_wq, &f->flush_work);
	return HRTIMER_NORESTART;
}

void xw_coalesce_init(struct xw_file *f)
{
	f->coalesce = true;
	hrtimer_init(&f->flush_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	f->flush_timer.function = flush_timer_fn;
	INIT_WORK(&f->flush_work, flush_work_fn);
}

void xw_coalesce_after_write(struct xw_file *f)
{
	u64 now, gap = (u64)READ_ONCE(xw_coalesce_us) * NSEC_PER_USEC;

	/*
	 * The first write() after a read or poll of this file publishes at
	 * once: a request/response user pays nothing for coalescing, and only
	 * write()s that follow write()s (a stream) wait.
	 */
	if (!f->coalesce || f->nodelay || !gap || xchg(&f->read_since_write, false) ||
	    xw_chan_tx_pending(&f->ch) >= xw_chan_max_record(&f->ch) / 2) {
		flush_locked(f);
		return;
	}
	/* Armed already: the common case of a burst, and the cheapest. */
	if (hrtimer_active(&f->flush_timer))
		return;
	now = ktime_get_ns();
	if (now - f->last_flush_ns >= gap) {
		flush_locked(f); /* quiet until now: no reason to wait */
		return;
	}
	/* The deadline is coalesce_us after the last publish, not after this write. */
	hrtimer_start(&f->flush_timer, ns_to_ktime(f->last_flush_ns + gap - now), HRTIMER_MODE_REL);
}

void xw_coalesce_kick(struct xw_file *f)
{
	if (!f->coalesce)
		return;
	WRITE_ONCE(f->read_since_write, true);
	if (!xw_chan_tx_pending(&f->ch))
		return;
	/* A writer holding the lock publishes itself (or its timer does). */
	if (mutex_trylock(&f->tx_lock)) {
		flush_locked(f);
		mutex_unlock(&f->tx_lock);
	}
}

void xw_coalesce_stop(struct xw_file *f)
{
	if (!f->coalesce)
		return;
	hrtimer_cancel(&f->flush_timer);
	cancel_work_sync(&f->flush_work);
	mutex_lock(&f->tx_lock);
	flush_locked(f);
	mutex_unlock(&f->tx_lock);
}
