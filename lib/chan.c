// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channel data path: sending and receiving records, fragmentation, event
 * index notification suppression, and the sticky broken state.
 *
 * Hot-path budget per message: one copy in, one release store of the index,
 * one full fence (a compiler barrier where the platform has asymmetric fences:
 * ops->fence_peer, the hosted port) and one read of a line the peer rarely writes. The peer's
 * index is cached privately and re-read only when the cache says "full" or
 * "empty"; XW_CHAN_MORE defers even the release store to xw_chan_flush().
 */
#include "chan_priv.h"

/* --- broken state ------------------------------------------------------ */

static void publish_state(struct xw_chan *ch, uint32_t st, int reason)
{
	volatile struct xw_chan_state *s = &ch->hdr->state[ch->end];

	s->reason = (uint32_t)reason;
	/* Pairs with the peer's acquire load of its view of our state. */
	atomic_store_explicit(xw_sh32(&s->state), st, memory_order_release);
	xw_clean(ch, s, sizeof(*s));
}

static void wake_peer(struct xw_chan *ch)
{
	if (ch->ops && ch->ops->notify) {
		ch->ops->notify(ch->ctx, XW_CHAN_EV_DATA);
		ch->ops->notify(ch->ctx, XW_CHAN_EV_SPACE);
	}
}

void xw_chan_set_broken(struct xw_chan *ch, int reason)
{
	int expect = 0;

	if (reason == 0)
		reason = XW_EPIPE;
	if (!atomic_compare_exchange_strong(&ch->broken, &expect, reason))
		return;
	publish_state(ch, XW_CHAN_ST_BROKEN, reason);
	wake_peer(ch);
}

/* A violation by the peer: counted, sticky, reported as XW_EPIPE. */
static int violation(struct xw_chan *ch, uint64_t *errors)
{
	(*errors)++;
	xw_chan_set_broken(ch, XW_EPROTO);
	return XW_EPIPE;
}

int xw_chan_status(const struct xw_chan *ch)
{
	return atomic_load_explicit(&ch->broken, memory_order_relaxed) ? XW_EPIPE : XW_OK;
}

/*
 * Checked only when the ring looks empty (ev DATA) or full (ev SPACE).
 * Returns XW_EPIPE if the peer's state ends what we are waiting for: a broken
 * peer ends everything (and breaks our end too); a closed peer sends no more
 * but still drains, so it ends only a wait for data.
 */
static int peer_check(struct xw_chan *ch, unsigned ev)
{
	volatile struct xw_chan_state *s = &ch->hdr->state[1 - ch->end];
	uint32_t st;

	xw_inval(ch, s, sizeof(*s));
	/* Pairs with the release store in the peer's publish_state(). */
	st = atomic_load_explicit(xw_sh32(&s->state), memory_order_acquire);
	if (st == XW_CHAN_ST_OK)
		return XW_OK;
	if (st == XW_CHAN_ST_CLOSED) {
		return ev == XW_CHAN_EV_DATA ? XW_EPIPE : XW_OK;
	}
	xw_chan_set_broken(ch, XW_EPIPE);
	return XW_EPIPE;
}

void xw_chan_close(struct xw_chan *ch)
{
	if (!ch || !ch->hdr)
		return;
	xw_chan_flush(ch);
	/* A half-close, like shutdown(SHUT_WR): we still drain what the peer sends. */
	if (!atomic_load_explicit(&ch->broken, memory_order_relaxed) && !ch->tx.closed)
		publish_state(ch, XW_CHAN_ST_CLOSED, 0);
	ch->tx.closed = true;
	wake_peer(ch);
}

void xw_chan_set_max_msg(struct xw_chan *ch, uint64_t max_msg)
{
	ch->rx.max_msg = max_msg > XW_CHAN_MSG_MAX ? XW_CHAN_MSG_MAX : max_msg;
}

size_t xw_chan_max_record(const struct xw_chan *ch)
{
	return (ch->tx_mask + 1) / 2 - sizeof(struct xw_chan_rec);
}

void xw_chan_set_spin(struct xw_chan *ch, uint64_t ns)
{
	ch->spin_ns = ns;
}

void xw_chan_get_stats(const struct xw_chan *ch, struct xw_chan_stats *st)
{
	st->tx_msgs = ch->tx.msgs;
	st->tx_bytes = ch->tx.bytes;
	st->rx_msgs = ch->rx.msgs;
	st->rx_bytes = ch->rx.bytes;
	st->notify_sent = ch->tx.notify_sent + ch->rx.notify_sent;
	st->notify_suppressed = ch->tx.notify_suppressed + ch->rx.notify_suppressed;
	st->waits = ch->tx.waits + ch->rx.waits;
	st->errors = ch->tx.errors + ch->rx.errors;
	st->refs_sent = ch->tx.refs;
	st->refs_received = ch->rx.refs;
}

/* --- deadlines ---------------------------------------------------------- */

struct deadline {
	uint64_t timeout;
	uint64_t end;
	bool clock;
	bool used;
};

static void deadline_start(struct xw_chan *ch, struct deadline *d, uint64_t timeout)
{
	d->timeout = timeout;
	d->clock = ch->ops && ch->ops->now_ns && timeout && timeout != XW_CHAN_FOREVER;
	d->used = false;
	d->end = 0;
	if (d->clock) {
		uint64_t now = ch->ops->now_ns(ch->ctx);

		d->end = now + timeout < now ? UINT64_MAX : now + timeout;
	}
}

/* Time left for the next wait; 0 if none is left. */
static uint64_t deadline_left(struct xw_chan *ch, struct deadline *d)
{
	uint64_t now;

	if (d->timeout == 0 || d->timeout == XW_CHAN_FOREVER)
		return d->timeout;
	if (!d->clock)
		return d->used ? 0 : d->timeout;
	now = ch->ops->now_ns(ch->ctx);
	return now >= d->end ? 0 : d->end - now;
}

/*
 * Sleeps once for `ev`, unless `recheck` (called after the event index was
 * written and fenced) finds the condition already met. Returns 0 to retry,
 * XW_EAGAIN/XW_ETIMEDOUT when out of time, XW_EPIPE when broken.
 */
static int sleep_once(struct xw_chan *ch, struct deadline *d, unsigned ev, uint64_t *waits,
		      uint64_t *errors, bool ready)
{
	uint64_t left;
	int rc;

	if (ready)
		return 0;
	rc = peer_check(ch, ev);
	if (rc)
		return rc;
	if (d->timeout == 0 || !ch->ops || !ch->ops->wait)
		return XW_EAGAIN;
	left = deadline_left(ch, d);
	if (left == 0)
		return XW_ETIMEDOUT;
	/* Without the peer's barrier a wake-up may be lost: wake up to look again. */
	if (ch->fence_lost && left > XW_CHAN_FENCE_LOST_NS)
		left = XW_CHAN_FENCE_LOST_NS;
	d->used = true;
	(*waits)++;
	rc = ch->ops->wait(ch->ctx, ev, left);
	if (rc == 0)
		return 0;
	if (rc == XW_ETIMEDOUT) {
		/* One more round: the condition may have become true just now. */
		if (!d->clock)
			d->used = true;
		return 0;
	}
	(*errors)++;
	xw_chan_set_broken(ch, rc);
	return XW_EPIPE;
}

/* --- ring copies -------------------------------------------------------- */

static void ring_put(struct xw_chan *ch, uint32_t idx, const void *src, uint32_t n)
{
	uint32_t off = idx & ch->tx_mask, first = ch->tx_mask + 1 - off;

	if (first > n)
		first = n;
	XW_CHAN_MEMCPY(xw_unvol(ch->tx_ring + off), src, first);
	xw_clean(ch, ch->tx_ring + off, first);
	if (n > first) {
		XW_CHAN_MEMCPY(xw_unvol(ch->tx_ring), (const uint8_t *)src + first, n - first);
		xw_clean(ch, ch->tx_ring, n - first);
	}
}

static void ring_get(struct xw_chan *ch, uint32_t idx, void *dst, uint32_t n)
{
	uint32_t off = idx & ch->rx_mask, first = ch->rx_mask + 1 - off;

	if (first > n)
		first = n;
	xw_inval(ch, ch->rx_ring + off, first);
	XW_CHAN_MEMCPY(dst, xw_unvol(ch->rx_ring + off), first);
	if (n > first) {
		xw_inval(ch, ch->rx_ring, n - first);
		XW_CHAN_MEMCPY((uint8_t *)dst + first, xw_unvol(ch->rx_ring), n - first);
	}
}

/* --- transmit ----------------------------------------------------------- */

/* A message streaming through in fragments uses fragments of ring/XW_CHAN_FRAG_DIV. */
#ifndef XW_CHAN_FRAG_DIV
#define XW_CHAN_FRAG_DIV 8u
#endif

/*
 * Publishes an index we own (prod or cons) and notifies the peer if it asked to
 * be woken at a point the move passes (its event word), else counts a
 * suppressed notification. Both directions share this one handshake.
 */
static void publish_index(struct xw_chan *ch, volatile uint32_t *idx, volatile uint32_t *event,
			  uint32_t cur, uint32_t old, unsigned ev_kind, uint64_t *sent,
			  uint64_t *suppressed)
{
	uint32_t ev;

	/* Pairs with the peer's acquire load of this index in its refresh: data before index. */
	atomic_store_explicit(xw_sh32(idx), cur, memory_order_release);
	xw_clean(ch, idx, sizeof(*idx));
	/*
	 * Store the index, then load the peer's event word. Pairs with the fence
	 * in the peer's wait between its store of the event word and its re-load
	 * of this index: one side must see the other's store, so no lost wake-up.
	 * With asymmetric fences (light_publish) the peer's fence_peer() makes
	 * this thread execute that full barrier for it, at the moment it matters
	 * (a sleeper's arm_event()); here only the compiler must keep the order.
	 */
	if (ch->light_publish)
		atomic_signal_fence(memory_order_seq_cst);
	else
		atomic_thread_fence(memory_order_seq_cst);
	xw_inval(ch, event, sizeof(*event));
	ev = atomic_load_explicit(xw_sh32(event), memory_order_relaxed);
	if (xw_need_event(ev, cur, old)) {
		(*sent)++;
		if (ch->ops && ch->ops->notify)
			ch->ops->notify(ch->ctx, ev_kind);
	} else {
		(*suppressed)++;
	}
}

static void tx_publish(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[ch->end];
	struct xw_chan_tx *t = &ch->tx;

	if (t->prod == t->prod_pub)
		return;
	/* The consumer's side of the handshake is rx_wait(). */
	publish_index(ch, &r->prod, &r->data_event, t->prod, t->prod_pub, XW_CHAN_EV_DATA,
		      &t->notify_sent, &t->notify_suppressed);
	t->prod_pub = t->prod;
}

/* Re-reads the consumer index; returns free bytes or a negative error. */
static int64_t tx_refresh(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[ch->end];
	struct xw_chan_tx *t = &ch->tx;
	uint32_t size = ch->tx_mask + 1, c;

	xw_inval(ch, &r->cons, sizeof(r->cons));
	/* Pairs with the consumer's release store of cons: it finished reading before we overwrite. */
	c = atomic_load_explicit(xw_sh32(&r->cons), memory_order_acquire);
	/* cons may only advance, only over what we published, and only to record boundaries. */
	if ((uint32_t)(c - t->cons_cache) > (uint32_t)(t->prod_pub - t->cons_cache) ||
	    (c & (XW_CHAN_REC_ALIGN - 1)))
		return violation(ch, &t->errors);
	t->cons_cache = c;
	return size - (t->prod - c);
}

/* Free bytes from the cached view, refreshed if below `need`. */
static int64_t tx_space(struct xw_chan *ch, uint32_t need)
{
	uint32_t size = ch->tx_mask + 1;
	int64_t space = size - (ch->tx.prod - ch->tx.cons_cache);

	if (space >= need)
		return space;
	return tx_refresh(ch);
}

/*
 * Polls `refresh` (the peer's index; a shared line we only read, so spinning on
 * it makes no bus traffic until the peer writes it) until it reports at least
 * `want` bytes, for at most spin_ns and never past the caller's deadline.
 * Returns > 0 if the condition came true, 0 if the budget ran out, < 0 on a
 * violation. The clock is read every 32 polls: cheap, and still fine-grained.
 */
static int spin_for(struct xw_chan *ch, struct deadline *d, int64_t (*refresh)(struct xw_chan *),
		    int64_t want)
{
	uint64_t end;
	unsigned k;

	if (!ch->spin_ns || !ch->ops || !ch->ops->now_ns || d->timeout == 0)
		return 0;
	end = ch->ops->now_ns(ch->ctx) + ch->spin_ns;
	if (d->clock && d->end < end)
		end = d->end;
	for (k = 1;; k++) {
		int64_t v = refresh(ch);

		if (v < 0)
			return (int)v;
		if (v >= want)
			return 1;
		if (k % 32 == 0 && ch->ops->now_ns(ch->ctx) >= end)
			return 0;
		xw_cpu_relax();
	}
}

/*
 * Asks the peer to notify when its index passes `at` (writes our event word),
 * then looks at its index again through `refresh`: the value to test before
 * sleeping. Store the event word, then load the index; pairs with the fence in
 * the peer's publish_index() between its index store and its event-word load,
 * so either it sees our request or we see its move: no lost wake-up. Both
 * directions and xw_chan_arm_rx() use this one sequence.
 */
static int64_t arm_event(struct xw_chan *ch, volatile uint32_t *event, uint32_t at,
			 int64_t (*refresh)(struct xw_chan *))
{
	atomic_store_explicit(xw_sh32(event), at, memory_order_relaxed);
	xw_clean(ch, event, sizeof(*event));
	atomic_thread_fence(memory_order_seq_cst);
	/*
	 * A peer that publishes without a fence of its own (its light_publish)
	 * gets one now: after fence_peer() returns, either its index store is
	 * visible to our re-load below, or its later load of our event word
	 * (program order after the store) sees the store above. Called whenever
	 * the hook exists, whatever our own mode: the peer's is not known here.
	 */
	if (ch->ops && ch->ops->fence_peer && ch->ops->fence_peer(ch->ctx))
		ch->fence_lost = true;
	return refresh(ch);
}

static int tx_wait(struct xw_chan *ch, struct deadline *d, uint32_t need)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[ch->end];
	struct xw_chan_tx *t = &ch->tx;
	int64_t space;

	int rc;

	/* The consumer can only free what it can see. */
	tx_publish(ch);
	rc = spin_for(ch, d, tx_refresh, need);
	if (rc)
		return rc < 0 ? rc : 0;
	if (d->timeout == 0 || !ch->ops || !ch->ops->wait)
		return sleep_once(ch, d, XW_CHAN_EV_SPACE, &t->waits, &t->errors, false);
	/* Woken when cons passes the point that frees `need` bytes (rx_publish() notifies). */
	space = arm_event(ch, &r->space_event, t->prod + need - (ch->tx_mask + 1) - 1, tx_refresh);
	if (space < 0)
		return (int)space;
	return sleep_once(ch, d, XW_CHAN_EV_SPACE, &t->waits, &t->errors, space >= need);
}

/* Waits (within @d) until one record of @need ring bytes fits; XW_OK or an error. */
static int tx_room(struct xw_chan *ch, struct deadline *d, uint32_t need)
{
	for (;;) {
		int64_t space = tx_space(ch, need);
		int rc;

		if (space < 0)
			return (int)space;
		if (space >= need)
			return XW_OK;
		rc = tx_wait(ch, d, need);
		if (rc)
			return rc;
	}
}

static void tx_record(struct xw_chan *ch, const void *p, uint32_t len, uint32_t flags, uint64_t arg)
{
	struct xw_chan_rec rec = { .len = len, .flags = flags, .arg = arg };

	ring_put(ch, ch->tx.prod, &rec, sizeof(rec));
	if (len)
		ring_put(ch, ch->tx.prod + sizeof(rec), p, len);
	ch->tx.prod += sizeof(rec) + xw_align16(len);
}

/* Where the bytes of a send come from: a buffer or a fill hook. */
struct tx_src {
	const uint8_t *buf;   /* buf[0] is the first byte of this call */
	xw_chan_fill_fn fill; /* called with the message offset */
	void *fctx;
};

/* Writes `n` bytes of the message (call offset `done`, message offset `moff`) to shared `dst`. 0 or the hook's error. */
static int put_bytes(struct xw_chan *ch, volatile uint8_t *dst, const struct tx_src *s,
		     uint64_t done, uint64_t moff, uint32_t n)
{
	if (n == 0)
		return XW_OK;
	if (s->fill) {
		int rc = s->fill(s->fctx, dst, moff, n);

		if (rc)
			return rc < 0 ? rc : XW_EFAULT;
	} else {
		XW_CHAN_MEMCPY(xw_unvol(dst), s->buf + done, n);
	}
	xw_clean(ch, dst, n);
	return XW_OK;
}

/* --- reference area (REF records), producer side ------------------------ */

/*
 * Frees the area of every REF record the consumer has moved past (cons_cache
 * at or beyond its end). Records are consumed in order, so the oldest first.
 */
static void ref_release(struct xw_chan *ch)
{
	struct xw_chan_tx *t = &ch->tx;

	while (t->ref_count) {
		const struct xw_chan_ref_slot *sl = &t->ref[t->ref_first];

		if ((uint32_t)(t->prod - t->cons_cache) > (uint32_t)(t->prod - sl->rec_end))
			break;
		t->ref_first = (t->ref_first + 1) % XW_CHAN_REF_SLOTS;
		t->ref_count--;
	}
}

/*
 * Finds up to `want` contiguous free bytes of the area, at least `least`;
 * returns how many (0: none now) and their offset in *off. The area is used
 * as a ring of whole pieces: from the newest piece's end to the area's end,
 * then from 0 to the oldest piece's start.
 */
static uint32_t ref_alloc(struct xw_chan *ch, uint32_t want, uint32_t least, uint32_t *off)
{
	struct xw_chan_tx *t = &ch->tx;
	uint32_t size = ch->tx_bulk_size, head, tail, room;

	if (t->ref_count == XW_CHAN_REF_SLOTS)
		return 0;
	if (t->ref_count == 0) {
		head = 0;
		tail = size;
		room = size;
	} else {
		tail = t->ref[t->ref_first].start;
		head = t->ref[(t->ref_first + t->ref_count - 1) % XW_CHAN_REF_SLOTS].end;
		if (head > tail) {
			room = size - head;
			if (room < least && room < want) {
				head = 0;
				room = tail;
			}
		} else {
			room = tail - head;
		}
	}
	if (room < least && room < want)
		return 0;
	*off = head;
	return room < want ? room : want;
}

/*
 * One REF record for up to `left` bytes: the bytes go to the reference area,
 * 32 ring bytes describe them. Returns bytes queued (> 0), 0 if it must wait
 * (*need = the ring space, counted as tx_wait() does, that frees what is
 * missing), or an error.
 */
static int64_t tx_ref(struct xw_chan *ch, const struct tx_src *s, uint64_t done, uint64_t left,
		      uint32_t *need)
{
	struct xw_chan_tx *t = &ch->tx;
	uint32_t size = ch->tx_mask + 1, bsize = ch->tx_bulk_size;
	uint32_t want = left < bsize ? (uint32_t)left : bsize;
	/* Take what is free if it is a quarter of the area: pieces stay in flight while the peer reads. */
	uint32_t least = want < bsize / 4 ? want : bsize / 4;
	uint32_t rec_need = 2 * sizeof(struct xw_chan_rec), off = 0, n;
	int64_t space = tx_space(ch, rec_need);
	struct xw_chan_rec rec;
	struct xw_chan_ref ref = { 0 };
	int rc;

	if (space < 0)
		return space;
	ref_release(ch);
	n = ref_alloc(ch, want, least, &off);
	if (n == 0) {
		space = tx_refresh(ch);
		if (space < 0)
			return space;
		ref_release(ch);
		n = ref_alloc(ch, want, least, &off);
	}
	if (space < rec_need) {
		*need = rec_need;
		return 0;
	}
	if (n == 0) {
		/* Wait until cons passes the oldest REF record: then its piece is free. */
		*need = size - (t->prod - t->ref[t->ref_first].rec_end);
		return 0;
	}
	rc = put_bytes(ch, ch->tx_bulk + off, s, done, t->msg_off, n);
	if (rc)
		return rc;
	rec.len = n;
	rec.flags = XW_CHAN_REC_REF | (t->msg_off == 0 ? XW_CHAN_REC_FIRST : 0) |
		    (t->msg_off + n == t->msg_len ? XW_CHAN_REC_LAST : 0);
	rec.arg = t->msg_off == 0 ? t->msg_len : t->msg_off;
	ref.off = off;
	ring_put(ch, t->prod, &rec, sizeof(rec));
	ring_put(ch, t->prod + sizeof(rec), &ref, sizeof(ref));
	t->prod += rec_need;
	t->ref[(t->ref_first + t->ref_count) % XW_CHAN_REF_SLOTS] =
		(struct xw_chan_ref_slot){ .rec_end = t->prod, .start = off, .end = off + n };
	t->ref_count++;
	t->refs++;
	return n;
}

void xw_chan_set_ref_min(struct xw_chan *ch, uint32_t n)
{
	ch->ref_min = n;
}

/*
 * Zero-copy sends (additive; the Linux driver's XW_IOC_ZC_*): the caller owns
 * the reference area (ref_min 0, so tx_ref() never allocates in it) and names
 * a piece it filled in place. One whole message, one REF record.
 */
int xw_chan_send_ref(struct xw_chan *ch, uint32_t off, uint32_t len, uint32_t *mark,
		     uint64_t timeout_ns, unsigned flags)
{
	struct xw_chan_tx *t = &ch->tx;
	const uint32_t need = 2 * sizeof(struct xw_chan_rec);
	struct xw_chan_rec rec = { .len = len,
				   .flags = XW_CHAN_REC_REF | XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST,
				   .arg = len };
	struct xw_chan_ref ref = { .off = off };
	struct deadline d;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed) || t->closed)
		return XW_EPIPE;
	if (!mark || !ch->tx_bulk_size || len == 0 || off > ch->tx_bulk_size ||
	    len > ch->tx_bulk_size - off || (flags & ~XW_CHAN_MORE))
		return XW_EINVAL;
	if (t->in_msg)
		return XW_EBUSY;
	deadline_start(ch, &d, timeout_ns);
	rc = tx_room(ch, &d, need);
	if (rc)
		return rc;
	xw_clean(ch, ch->tx_bulk + off, len);
	ring_put(ch, t->prod, &rec, sizeof(rec));
	ring_put(ch, t->prod + sizeof(rec), &ref, sizeof(ref));
	t->prod += need;
	*mark = t->prod;
	t->refs++;
	t->msgs++;
	t->bytes += len;
	if (!(flags & XW_CHAN_MORE))
		tx_publish(ch);
	return XW_OK;
}

/*
 * Has the consumer moved past ring index `mark`? A mark outside [cons, prod]
 * was passed long ago (the window only moves forward); one inside may need a
 * wait. Publishes first: the consumer frees only what it can see.
 */
int xw_chan_tx_wait_past(struct xw_chan *ch, uint32_t mark, uint64_t timeout_ns)
{
	struct xw_chan_tx *t = &ch->tx;
	struct deadline d;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	deadline_start(ch, &d, timeout_ns);
	for (;;) {
		int64_t space;

		if ((uint32_t)(t->prod - t->cons_cache) <= (uint32_t)(t->prod - mark))
			return XW_OK;
		space = tx_refresh(ch);
		if (space < 0)
			return (int)space;
		if ((uint32_t)(t->prod - t->cons_cache) <= (uint32_t)(t->prod - mark))
			return XW_OK;
		/* Free space once cons reaches mark, counted as tx_wait() counts it. */
		rc = tx_wait(ch, &d, (ch->tx_mask + 1) - (uint32_t)(t->prod - mark));
		if (rc)
			return rc;
	}
}


/*
 * Streams `n` bytes from `s` as the next fragments of the message in progress
 * (from t->msg_off on), waiting for space as needed. Pieces of at least
 * ref_min go by reference when the channel has a reference area this way
 * (tx_ref()); the others are copied into the ring as fragments of
 * 1/XW_CHAN_FRAG_DIV of the ring, header included, so that several are in
 * flight: the receiver frees space, and we refill it, in steps short enough
 * that neither side waits long for the other (with half-ring fragments each
 * side spent a whole fragment's copy time waiting, long enough to fall
 * asleep). Not smaller unless it is the tail. `publish_each`: publish every
 * fragment but the call's last (the caller decides about that one). Returns
 * 0 or the error that stopped it; *done is what went out either way.
 */
static int tx_fragments(struct xw_chan *ch, struct deadline *d, const struct tx_src *s, uint64_t n,
			bool publish_each, uint64_t *done)
{
	struct xw_chan_tx *t = &ch->tx;
	uint32_t frag = (ch->tx_mask + 1) / XW_CHAN_FRAG_DIV - sizeof(struct xw_chan_rec);
	int rc;

	*done = 0;
	while (*done < n) {
		uint64_t left = n - *done;
		uint32_t chunk = left < frag ? (uint32_t)left : frag;
		uint32_t need = sizeof(struct xw_chan_rec) + xw_align16(chunk);
		uint32_t fl, off, first;
		struct xw_chan_rec rec;
		int64_t space;

		if (ch->tx_bulk_size && ch->ref_min && left >= ch->ref_min) {
			int64_t q = tx_ref(ch, s, *done, left, &need);

			if (q < 0)
				return (int)q;
			if (q == 0) {
				rc = tx_wait(ch, d, need);
				if (rc)
					return rc;
				continue;
			}
			t->msg_off += (uint64_t)q;
			*done += (uint64_t)q;
			if (publish_each && *done < n)
				tx_publish(ch);
			continue;
		}
		space = tx_space(ch, need);
		if (space < 0)
			return (int)space;
		if (space < need) {
			rc = tx_wait(ch, d, need);
			if (rc)
				return rc;
			continue;
		}
		fl = (t->msg_off == 0 ? XW_CHAN_REC_FIRST : 0) |
		     (t->msg_off + chunk == t->msg_len ? XW_CHAN_REC_LAST : 0);
		/* The payload first (a fill hook may fail), then the header. */
		off = (t->prod + sizeof(struct xw_chan_rec)) & ch->tx_mask;
		first = ch->tx_mask + 1 - off < chunk ? ch->tx_mask + 1 - off : chunk;
		rc = put_bytes(ch, ch->tx_ring + off, s, *done, t->msg_off, first);
		if (!rc)
			rc = put_bytes(ch, ch->tx_ring, s, *done + first, t->msg_off + first,
				       chunk - first);
		if (rc)
			return rc;
		rec = (struct xw_chan_rec){ .len = chunk, .flags = fl,
					    .arg = t->msg_off == 0 ? t->msg_len : t->msg_off };
		ring_put(ch, t->prod, &rec, sizeof(rec));
		t->prod += sizeof(struct xw_chan_rec) + xw_align16(chunk);
		t->msg_off += chunk;
		*done += chunk;
		if (publish_each && *done < n)
			tx_publish(ch);
	}
	return XW_OK;
}

int xw_chan_send(struct xw_chan *ch, const void *buf, size_t len, uint64_t timeout_ns,
		 unsigned flags)
{
	struct xw_chan_tx *t = &ch->tx;
	uint32_t maxrec = (uint32_t)xw_chan_max_record(ch);
	const uint8_t *p = buf;
	struct tx_src src = { 0 };
	struct deadline d;
	uint64_t done;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed) || t->closed)
		return XW_EPIPE;
	if ((!buf && len) || (uint64_t)len > XW_CHAN_MSG_MAX || (flags & ~XW_CHAN_MORE))
		return XW_EINVAL;
	deadline_start(ch, &d, timeout_ns);

	if (t->in_msg) {
		if (buf != t->msg_buf || len != t->msg_len)
			return XW_EBUSY;
	} else if (len <= maxrec) {
		uint32_t need = sizeof(struct xw_chan_rec) + xw_align16((uint32_t)len);

		rc = tx_room(ch, &d, need);
		if (rc)
			return rc;
		tx_record(ch, buf, (uint32_t)len, XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST, len);
		t->msgs++;
		t->bytes += len;
		if (!(flags & XW_CHAN_MORE))
			tx_publish(ch);
		return XW_OK;
	} else {
		t->in_msg = true;
		t->msg_buf = buf;
		t->msg_len = len;
		t->msg_off = 0;
	}

	/* Streaming (tx_fragments()); each fragment is published as it goes, the last unless MORE. */
	src.buf = p + t->msg_off;
	rc = tx_fragments(ch, &d, &src, t->msg_len - t->msg_off, true, &done);
	if (rc)
		return rc;
	if (!(flags & XW_CHAN_MORE))
		tx_publish(ch);
	t->in_msg = false;
	t->msgs++;
	t->bytes += t->msg_len;
	return XW_OK;
}

/*
 * Fragment-level send (a message produced piece by piece, e.g. relayed as it
 * arrives). The message's state lives in ch->tx like a large xw_chan_send()'s,
 * with msg_buf NULL: xw_chan_send() of another message meanwhile gets XW_EBUSY.
 */
static int send_part(struct xw_chan *ch, uint64_t msg_len, const struct tx_src *src, size_t n,
		     size_t *sent, uint64_t timeout_ns, unsigned flags)
{
	struct xw_chan_tx *t = &ch->tx;
	struct deadline d;
	uint64_t done;
	int rc;

	if (!sent)
		return XW_EINVAL;
	*sent = 0;
	if (atomic_load_explicit(&ch->broken, memory_order_relaxed) || t->closed)
		return XW_EPIPE;
	if ((!src->buf && !src->fill && n) || msg_len > XW_CHAN_MSG_MAX || (flags & ~XW_CHAN_MORE))
		return XW_EINVAL;
	if (t->in_msg && (t->msg_buf != NULL || t->msg_len != msg_len))
		return XW_EBUSY;
	if (!t->in_msg && msg_len == 0) {
		/* The empty message is one record: whole or not at all. */
		return n ? XW_EINVAL : xw_chan_send(ch, "", 0, timeout_ns, flags);
	}
	if ((uint64_t)n > msg_len - (t->in_msg ? t->msg_off : 0))
		return XW_EINVAL;
	if (!t->in_msg) {
		t->in_msg = true;
		t->msg_buf = NULL;
		t->msg_len = msg_len;
		t->msg_off = 0;
	}
	deadline_start(ch, &d, timeout_ns);
	/* Whatever went out stays out: an error after some of it is reported as a short send. */
	rc = tx_fragments(ch, &d, src, n, false, &done);
	/* A fill hook that failed before any byte of the message went: no message is open. */
	if (rc && rc != XW_EAGAIN && rc != XW_ETIMEDOUT && rc != XW_EPIPE && t->msg_off == 0)
		t->in_msg = false;
	if (t->msg_off == t->msg_len) {
		t->in_msg = false;
		t->msgs++;
		t->bytes += t->msg_len;
	}
	/*
	 * Unlike xw_chan_send()'s fragments, XW_CHAN_MORE defers publishing even
	 * mid-message: a consumer that runs only when rung (the secure side in a
	 * doorbell) then drains a full ring per doorbell. tx_wait() publishes
	 * before it waits, so deferring never stalls the peer.
	 */
	if (!(flags & XW_CHAN_MORE))
		tx_publish(ch);
	*sent = (size_t)done;
	if (rc == XW_EPIPE || (rc && done == 0))
		return rc;
	return XW_OK;
}

int xw_chan_send_some(struct xw_chan *ch, uint64_t msg_len, const void *buf, size_t n,
		      size_t *sent, uint64_t timeout_ns, unsigned flags)
{
	struct tx_src src = { .buf = buf };

	if (!buf && n)
		return sent ? (*sent = 0, XW_EINVAL) : XW_EINVAL;
	return send_part(ch, msg_len, &src, n, sent, timeout_ns, flags);
}

int xw_chan_send_fill(struct xw_chan *ch, uint64_t msg_len, xw_chan_fill_fn fill, void *fctx,
		      size_t n, size_t *sent, uint64_t timeout_ns, unsigned flags)
{
	struct tx_src src = { .fill = fill, .fctx = fctx };

	if (!fill)
		return sent ? (*sent = 0, XW_EINVAL) : XW_EINVAL;
	return send_part(ch, msg_len, &src, n, sent, timeout_ns, flags);
}

/* --- receive ------------------------------------------------------------ */

static void rx_publish(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[1 - ch->end];
	struct xw_chan_rx *x = &ch->rx;

	if (x->cons_pub == x->cons_done)
		return;
	/* The producer's side of the handshake is tx_wait(). */
	publish_index(ch, &r->cons, &r->space_event, x->cons_done, x->cons_pub, XW_CHAN_EV_SPACE,
		      &x->notify_sent, &x->notify_suppressed);
	x->cons_pub = x->cons_done;
}

/* Re-reads the producer index; returns bytes available at x->cons or a negative error. */
static int64_t rx_refresh(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[1 - ch->end];
	struct xw_chan_rx *x = &ch->rx;
	uint32_t p;

	xw_inval(ch, &r->prod, sizeof(r->prod));
	/* Pairs with the producer's release store of prod in tx_publish(): index before records. */
	p = atomic_load_explicit(xw_sh32(&r->prod), memory_order_acquire);
	/* Within one ring of what we consumed, forward only, whole records only. */
	if ((uint32_t)(p - x->cons_done) > ch->rx_mask + 1 ||
	    (uint32_t)(p - x->cons_done) < (uint32_t)(x->prod_cache - x->cons_done) ||
	    (p & (XW_CHAN_REC_ALIGN - 1)))
		return violation(ch, &x->errors);
	x->prod_cache = p;
	return (uint32_t)(p - x->cons);
}

static int rx_wait(struct xw_chan *ch, struct deadline *d)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[1 - ch->end];
	struct xw_chan_rx *x = &ch->rx;
	int64_t avail;

	int rc;

	/* A producer waiting for space must see what we consumed before we sleep. */
	rx_publish(ch);
	rc = spin_for(ch, d, rx_refresh, 1);
	if (rc)
		return rc < 0 ? rc : 0;
	if (d->timeout == 0 || !ch->ops || !ch->ops->wait)
		return sleep_once(ch, d, XW_CHAN_EV_DATA, &x->waits, &x->errors, false);
	/* Woken when prod moves past what we have seen (tx_publish() notifies). */
	avail = arm_event(ch, &r->data_event, x->prod_cache, rx_refresh);
	if (avail < 0)
		return (int)avail;
	return sleep_once(ch, d, XW_CHAN_EV_DATA, &x->waits, &x->errors, avail > 0);
}

/*
 * Makes sure a record header is held privately: reads it once from the ring,
 * validates the copy against our own reassembly state. 0, XW_EAGAIN, XW_EPIPE.
 */
static int rx_next_rec(struct xw_chan *ch)
{
	struct xw_chan_rx *x = &ch->rx;
	struct xw_chan_rec rec;
	uint32_t avail = x->prod_cache - x->cons;
	uint64_t end;

	if (x->have_rec)
		return XW_OK;
	if (avail == 0) {
		int64_t a = rx_refresh(ch);

		if (a < 0)
			return (int)a;
		if (a == 0)
			return XW_EAGAIN;
		avail = (uint32_t)a;
	}
	ring_get(ch, x->cons, &rec, sizeof(rec));
	if (rec.flags & ~XW_CHAN_REC_FLAGS_KNOWN)
		return violation(ch, &x->errors);
	if (rec.flags & XW_CHAN_REC_REF) {
		struct xw_chan_ref ref;

		/*
		 * The body is read once into `ref` and only the copy is used: a
		 * producer that rewrites it later changes nothing we rely on. The
		 * area itself was validated at open (inside the channel, off both rings).
		 */
		if (!ch->rx_bulk_size || rec.len == 0 || 2 * sizeof(rec) > avail)
			return violation(ch, &x->errors);
		ring_get(ch, x->cons + sizeof(rec), &ref, sizeof(ref));
		if (ref.reserved || ref.off > ch->rx_bulk_size || rec.len > ch->rx_bulk_size - ref.off)
			return violation(ch, &x->errors);
		x->ref_pos = (uint32_t)ref.off;
	} else if (rec.len > x->prod_cache - x->cons || sizeof(rec) + xw_align16(rec.len) > avail) {
		return violation(ch, &x->errors);
	}
	if (rec.flags & XW_CHAN_REC_FIRST) {
		if (x->in_msg || rec.arg > x->max_msg || rec.len > rec.arg)
			return violation(ch, &x->errors);
		x->msg_len = rec.arg;
		x->msg_off = 0;
		end = rec.len;
	} else {
		if (!x->in_msg || rec.arg != x->msg_off || rec.len > x->msg_len - x->msg_off)
			return violation(ch, &x->errors);
		end = rec.arg + rec.len;
	}
	if ((rec.flags & XW_CHAN_REC_LAST) ? end != x->msg_len : (end >= x->msg_len || rec.len == 0))
		return violation(ch, &x->errors);
	x->in_msg = true;
	x->rec = rec;
	x->rec_left = rec.len;
	x->have_rec = true;
	x->cons += sizeof(rec);
	if (rec.flags & XW_CHAN_REC_REF) {
		x->cons += sizeof(struct xw_chan_ref);
		x->refs++;
	}
	return XW_OK;
}

/* Where received bytes go: a buffer (dst), a take hook, or nowhere (neither). */
struct rx_dst {
	uint8_t *dst;         /* dst[0] takes the message byte at offset base */
	uint64_t base;
	xw_chan_take_fn take;
	void *tctx;
};

/* Hands n shared bytes at src (message offset off) on; bytes taken or a negative error. */
static int64_t give(struct xw_chan *ch, const struct rx_dst *o, const volatile uint8_t *src,
		    uint64_t off, uint32_t n)
{
	xw_inval(ch, src, n);
	if (o->take)
		return o->take(o->tctx, src, off, n);
	if (o->dst)
		XW_CHAN_MEMCPY(o->dst + (off - o->base), (const void *)(uintptr_t)src, n);
	return n;
}

/*
 * Delivers up to `cap` bytes of the current record (from the ring, or from the
 * reference area for a REF record); finishes the record/message when drained.
 * Returns bytes delivered, or the take hook's error if it took nothing.
 */
static int64_t rx_take(struct xw_chan *ch, const struct rx_dst *o, uint64_t cap, unsigned flags)
{
	struct xw_chan_rx *x = &ch->rx;
	uint32_t n = x->rec_left < cap ? x->rec_left : (uint32_t)cap, got = 0;
	bool ref = x->rec.flags & XW_CHAN_REC_REF;

	while (got < n) {
		const volatile uint8_t *src;
		uint32_t piece = n - got;
		int64_t r;

		if (ref) {
			src = ch->rx_bulk + x->ref_pos + got;
		} else {
			uint32_t off = (x->cons + got) & ch->rx_mask;

			src = ch->rx_ring + off;
			if (piece > ch->rx_mask + 1 - off)
				piece = ch->rx_mask + 1 - off;
		}
		r = give(ch, o, src, x->msg_off + got, piece);
		if (r < 0) {
			if (got)
				break;
			return r;
		}
		got += (uint32_t)(r < piece ? r : piece);
		if ((uint32_t)r < piece)
			break;
	}
	if (ref)
		x->ref_pos += got;
	else
		x->cons += got;
	x->rec_left -= got;
	x->msg_off += got;
	if (x->rec_left == 0) {
		x->cons = xw_align16(x->cons - x->cons_done) + x->cons_done;
		x->cons_done = x->cons;
		x->have_rec = false;
		if (x->rec.flags & XW_CHAN_REC_LAST) {
			x->in_msg = false;
			x->msgs++;
			x->bytes += x->msg_len;
		}
		if (!(flags & XW_CHAN_MORE))
			rx_publish(ch);
	}
	return got;
}

/* rx_next_rec(), with an empty ring whose peer is gone reported as XW_EPIPE. */
static int rx_next_or_closed(struct xw_chan *ch)
{
	int rc = rx_next_rec(ch);

	return rc == XW_EAGAIN && peer_check(ch, XW_CHAN_EV_DATA) ? XW_EPIPE : rc;
}

int xw_chan_peek(struct xw_chan *ch, uint64_t *len)
{
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	if (!len)
		return XW_EINVAL;
	rc = rx_next_or_closed(ch);
	if (rc)
		return rc;
	*len = ch->rx.msg_len;
	return XW_OK;
}

/*
 * The next record, if it is a REF record carrying a whole message with
 * nothing of it delivered yet: its validated area offset and length. Nothing
 * is consumed (xw_chan_recv_with(take NULL) drops it later). 0, XW_EAGAIN,
 * XW_ENOTSUP (the next record is not that), XW_EPIPE.
 */
int xw_chan_peek_ref(struct xw_chan *ch, uint32_t *off, uint32_t *len)
{
	struct xw_chan_rx *x = &ch->rx;
	const uint32_t whole = XW_CHAN_REC_REF | XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	if (!off || !len)
		return XW_EINVAL;
	rc = rx_next_or_closed(ch);
	if (rc)
		return rc;
	if ((x->rec.flags & whole) != whole || x->rec_left != x->rec.len)
		return XW_ENOTSUP;
	*off = x->ref_pos;
	*len = x->rec.len;
	return XW_OK;
}

int xw_chan_arm_rx(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[1 - ch->end];
	int64_t avail;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	if (ch->rx.have_rec)
		return XW_OK;
	/* As rx_wait() does before it sleeps, without the sleep. */
	rx_publish(ch);
	avail = arm_event(ch, &r->data_event, ch->rx.prod_cache, rx_refresh);
	if (avail < 0)
		return (int)avail;
	if (avail > 0)
		return XW_OK;
	return peer_check(ch, XW_CHAN_EV_DATA) ? XW_EPIPE : XW_EAGAIN;
}

int xw_chan_recv(struct xw_chan *ch, void *buf, size_t cap, size_t *len, uint64_t timeout_ns,
		 unsigned flags)
{
	struct xw_chan_rx *x = &ch->rx;
	struct rx_dst o = { 0 };
	struct deadline d;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	if (!len || (!buf && cap) || (flags & ~XW_CHAN_MORE))
		return XW_EINVAL;
	deadline_start(ch, &d, timeout_ns);
	for (;;) {
		rc = rx_next_rec(ch);
		if (rc == XW_EAGAIN) {
			rc = rx_wait(ch, &d);
			if (rc)
				return rc;
			continue;
		}
		if (rc)
			return rc;
		if (x->msg_len > cap) {
			*len = (size_t)x->msg_len;
			return XW_EMSGSIZE;
		}
		o.dst = buf;
		rx_take(ch, &o, cap - x->msg_off, flags);
		if (!x->in_msg) {
			*len = (size_t)x->msg_len;
			return XW_OK;
		}
	}
}

static int recv_part(struct xw_chan *ch, struct rx_dst *o, size_t cap, size_t *got, bool *eom,
		     uint64_t timeout_ns, unsigned flags)
{
	struct xw_chan_rx *x = &ch->rx;
	struct deadline d;
	size_t n = 0;
	int rc;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	if (!got || !eom || (flags & ~XW_CHAN_MORE))
		return XW_EINVAL;
	*got = 0;
	*eom = false;
	deadline_start(ch, &d, timeout_ns);
	for (;;) {
		int64_t r;

		rc = rx_next_rec(ch);
		if (rc == XW_EAGAIN) {
			/* read() semantics: block only while nothing was delivered. */
			if (n)
				break;
			rc = rx_wait(ch, &d);
			if (rc)
				return rc;
			continue;
		}
		if (rc) {
			if (n)
				break;
			return rc;
		}
		/* dst[0] is the first byte of this call: a new message starts at offset 0. */
		if (n == 0)
			o->base = x->in_msg ? x->msg_off : 0;
		r = rx_take(ch, o, cap - n, flags);
		if (r < 0) {
			if (n)
				break;
			return (int)r;
		}
		n += (size_t)r;
		if (!x->in_msg) {
			*eom = true;
			break;
		}
		if (n == cap)
			break;
		if (r == 0 || x->rec_left) {
			/* The hook took less than offered: it decides when to go on. */
			if (n == 0) {
				*got = 0;
				return XW_EAGAIN;
			}
			break;
		}
	}
	*got = n;
	return XW_OK;
}

int xw_chan_recv_some(struct xw_chan *ch, void *buf, size_t cap, size_t *got, bool *eom,
		      uint64_t timeout_ns, unsigned flags)
{
	struct rx_dst o = { .dst = buf };

	if (!buf && cap)
		return XW_EINVAL;
	return recv_part(ch, &o, cap, got, eom, timeout_ns, flags);
}

int xw_chan_recv_with(struct xw_chan *ch, xw_chan_take_fn take, void *tctx, size_t cap,
		      size_t *got, bool *eom, uint64_t timeout_ns, unsigned flags)
{
	struct rx_dst o = { .take = take, .tctx = tctx };

	return recv_part(ch, &o, cap, got, eom, timeout_ns, flags);
}

int xw_chan_flush(struct xw_chan *ch)
{
	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	tx_publish(ch);
	return XW_OK;
}

uint64_t xw_chan_end_marks(struct xw_chan *ch)
{
	volatile struct xw_chan_ring_ctl *tx = &ch->hdr->ring[ch->end];
	volatile struct xw_chan_ring_ctl *rx = &ch->hdr->ring[1 - ch->end];

	xw_inval(ch, &tx->prod, sizeof(tx->prod));
	xw_inval(ch, &rx->cons, sizeof(rx->cons));
	return (uint64_t)atomic_load_explicit(xw_sh32(&tx->prod), memory_order_relaxed) << 32 |
	       atomic_load_explicit(xw_sh32(&rx->cons), memory_order_relaxed);
}

size_t xw_chan_tx_pending(const struct xw_chan *ch)
{
	return (uint32_t)(ch->tx.prod - ch->tx.prod_pub);
}

int xw_chan_flush_rx(struct xw_chan *ch)
{
	if (atomic_load_explicit(&ch->broken, memory_order_relaxed))
		return XW_EPIPE;
	rx_publish(ch);
	return XW_OK;
}

/* --- room for the next send (xw_chan_arm_tx) ---------------------------- */

/*
 * 0 if a piece of a message with `left` bytes to go would find room now, as
 * tx_fragments() places it (by reference from ref_min on, else a ring
 * fragment); else the ring space, counted as tx_wait() counts it, whose
 * freeing makes room; or a negative error. Re-reads the consumer index only
 * if the cached view says "no room".
 */
static int64_t tx_room_need(struct xw_chan *ch, uint64_t left)
{
	struct xw_chan_tx *t = &ch->tx;
	uint32_t size = ch->tx_mask + 1;
	uint32_t frag = size / XW_CHAN_FRAG_DIV - sizeof(struct xw_chan_rec), need, off;
	int64_t space;

	if (ch->tx_bulk_size && ch->ref_min && left >= ch->ref_min) {
		uint32_t bsize = ch->tx_bulk_size;
		uint32_t want = left < bsize ? (uint32_t)left : bsize;
		uint32_t least = want < bsize / 4 ? want : bsize / 4;

		/* tx_ref()'s test: a record slot in the ring and `least` bytes of the area. */
		need = 2 * sizeof(struct xw_chan_rec);
		for (int fresh = 0; fresh < 2; fresh++) {
			space = fresh ? tx_refresh(ch) : tx_space(ch, need);
			if (space < 0)
				return space;
			ref_release(ch);
			if (space >= need && ref_alloc(ch, want, least, &off))
				return 0;
		}
		if (space < need)
			return need;
		if (t->ref_count == 0)
			return 0; /* unreachable: an empty area always has room */
		/* The area is full: cons must pass the oldest REF record to free its piece. */
		return size - (t->prod - t->ref[t->ref_first].rec_end);
	}
	need = sizeof(struct xw_chan_rec) + xw_align16(left < frag ? (uint32_t)left : frag);
	space = tx_space(ch, need);
	if (space < 0)
		return space;
	return space >= need ? 0 : need;
}

int xw_chan_arm_tx(struct xw_chan *ch, uint64_t left)
{
	volatile struct xw_chan_ring_ctl *r = &ch->hdr->ring[ch->end];
	int64_t need, space;

	if (atomic_load_explicit(&ch->broken, memory_order_relaxed) || ch->tx.closed)
		return XW_EPIPE;
	/* The consumer can only free what it can see (as tx_wait() does before it arms). */
	tx_publish(ch);
	need = tx_room_need(ch, left);
	if (need <= 0)
		return (int)need;
	/* Woken when cons passes the point that frees `need` bytes (rx_publish() notifies). */
	space = arm_event(ch, &r->space_event, ch->tx.prod + (uint32_t)need - (ch->tx_mask + 1) - 1,
			  tx_refresh);
	if (space < 0)
		return (int)space;
	/* The consumer may have moved before it could see the event: look again. */
	need = tx_room_need(ch, left);
	if (need <= 0)
		return (int)need;
	return peer_check(ch, XW_CHAN_EV_SPACE) ? XW_EPIPE : XW_EAGAIN;
}
