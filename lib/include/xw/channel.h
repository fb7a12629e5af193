/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld channel library: message queues in shared memory between two
 * mutually distrusting ends (secure / normal world, or two hosted processes).
 *
 * Freestanding C11. The wire layout is include/xw/channel_abi.h; the protocol
 * is docs/abi.md ("Channel"); docs/channel.md is the usage guide.
 *
 * Threading: per open end, one thread may send while another receives.
 * Two threads sending (or receiving) on the same end need a lock around it.
 *
 * Timeouts are in nanoseconds: 0 = do not block, XW_CHAN_FOREVER = no limit.
 */
#ifndef XW_CHANNEL_H
#define XW_CHANNEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xw/channel_abi.h>
#include <xw/err.h>

#define XW_CHAN_FOREVER UINT64_MAX

/* Flags for xw_chan_send() / xw_chan_recv() / xw_chan_recv_some(). */
#define XW_CHAN_MORE 0x1u /* more follows soon: defer publishing the index (batching) */

/* What a wait or a notification is about; a platform may map both to one doorbell. */
#define XW_CHAN_EV_DATA  0u /* data arrived in the ring this end consumes */
#define XW_CHAN_EV_SPACE 1u /* space freed in the ring this end produces */

/*
 * Platform hooks, given once at open. Every member may be NULL:
 *   notify      ring the peer's doorbell (SMC, injected IRQ, eventfd write);
 *               `ev` says which of the peer's waits this satisfies.
 *   wait        sleep until notified about `ev` or `timeout_ns` passed; returns
 *               0 (woken, possibly spuriously), XW_ETIMEDOUT, or any other
 *               error (e.g. XW_EPIPE: the peer is gone), which breaks the channel.
 *               Without it, blocking calls return XW_EAGAIN instead of sleeping.
 *   now_ns      monotonic clock; needed for finite non-zero timeouts spanning
 *               several waits (without it a finite timeout allows one wait).
 *   cache_clean / cache_inval
 *               for shared mappings that are not cache-coherent (seed 000):
 *               write back after this end wrote shared bytes / discard before
 *               it reads bytes the peer wrote. No-ops when NULL.
 *   fence_setup / fence_peer
 *               asymmetric fences, for platforms whose two ends share one OS
 *               (the hosted port: membarrier(2)). fence_setup, called once at
 *               open, returns 0 if the peer's fence_peer will reach this
 *               thread; the end then publishes its indices without a full
 *               fence of its own. fence_peer, called by an end about to sleep
 *               after it wrote its event word, returns 0 once every thread of
 *               the peer has executed a full memory barrier since the call
 *               began; non-zero: it could not, and the sleep is bounded to
 *               XW_CHAN_FENCE_LOST_NS. Both NULL (every end across worlds):
 *               each publish has its own full fence (docs/abi.md).
 *   spin_ns     not a hook: the spin budget every end opened with these ops
 *               starts with (xw_chan_set_spin(); 0 = sleep at once). Only a
 *               platform whose two ends share one scheduler may set it (the
 *               hosted port: two processes of one OS); the secure kernel,
 *               its applications and xworld.ko leave it 0 (principle 3).
 */
struct xw_chan_ops {
	void (*notify)(void *ctx, unsigned ev);
	int (*wait)(void *ctx, unsigned ev, uint64_t timeout_ns);
	uint64_t (*now_ns)(void *ctx);
	void (*cache_clean)(void *ctx, const volatile void *p, size_t n);
	void (*cache_inval)(void *ctx, const volatile void *p, size_t n);
	int (*fence_setup)(void *ctx);
	int (*fence_peer)(void *ctx);
	uint64_t spin_ns;
};

/* Longest sleep of an end whose fence_peer failed: the peer may have published unseen. */
#define XW_CHAN_FENCE_LOST_NS 100000u

/* Counters of one open end (this end's view). */
struct xw_chan_stats {
	uint64_t tx_msgs, tx_bytes;    /* complete messages / payload bytes sent */
	uint64_t rx_msgs, rx_bytes;    /* complete messages / payload bytes received */
	uint64_t notify_sent;          /* doorbells rung */
	uint64_t notify_suppressed;    /* index publishes that needed no doorbell */
	uint64_t waits;                /* times this end went to sleep */
	uint64_t errors;               /* protocol violations seen, hook failures */
	uint64_t refs_sent, refs_received; /* REF records (payload in the reference area) */
};

/* REF records one end may have in flight (its private bookkeeping, no wire limit). */
#define XW_CHAN_REF_SLOTS 16
/*
 * Default xw_chan_set_ref_min(): smaller fragments are copied through the ring
 * (a 4 KiB piece, as the source service sends, fits the ring as well and
 * would hold a slot and a piece of the area).
 */
#define XW_CHAN_REF_MIN_DEFAULT 8192u

/* Private state of one direction; fields are internal. */
struct xw_chan_tx {
	uint32_t prod;          /* next write index (private; published lazily) */
	uint32_t prod_pub;      /* last value published to the ring */
	uint32_t cons_cache;    /* last validated consumer index */
	uint64_t msg_len;       /* message in progress: total length */
	uint64_t msg_off;       /* message in progress: bytes already queued */
	const void *msg_buf;    /* message in progress: caller's buffer */
	bool in_msg;
	bool closed;            /* xw_chan_close() was called: no more sending */
	/* Reference area in use: REF records queued and not yet consumed, oldest first. */
	struct xw_chan_ref_slot {
		uint32_t rec_end;   /* ring index just past the REF record */
		uint32_t start, end; /* its bytes in the reference area */
	} ref[XW_CHAN_REF_SLOTS];
	uint32_t ref_first, ref_count;
	uint64_t refs;          /* REF records sent */
	uint64_t msgs, bytes, notify_sent, notify_suppressed, waits, errors;
};

struct xw_chan_rx {
	uint32_t cons;          /* next read index (private; may be inside a record) */
	uint32_t cons_done;     /* end of the last fully consumed record */
	uint32_t cons_pub;      /* last value published */
	uint32_t prod_cache;    /* last validated producer index */
	struct xw_chan_rec rec; /* private copy of the current record header */
	uint32_t rec_left;      /* payload bytes of `rec` not yet copied out */
	uint32_t ref_pos;       /* REF record: area offset of its next byte (validated) */
	bool have_rec;
	bool in_msg;
	uint64_t msg_len;       /* message in progress: total length */
	uint64_t msg_off;       /* message in progress: bytes delivered */
	uint64_t max_msg;       /* messages longer than this are a violation */
	uint64_t refs;          /* REF records received */
	uint64_t msgs, bytes, notify_sent, notify_suppressed, waits, errors;
};

struct xw_chan {
	volatile struct xw_chan_hdr *hdr; /* shared: never trust what is read here */
	volatile uint8_t *tx_ring, *rx_ring;
	uint32_t tx_mask, rx_mask;        /* validated ring sizes - 1 (private) */
	volatile uint8_t *tx_bulk, *rx_bulk; /* reference areas (XW_CHAN_F_REF), or NULL */
	uint32_t tx_bulk_size, rx_bulk_size; /* validated sizes; 0 = no REF records that way */
	uint32_t ref_min;                 /* fragments from this size on go by reference */
	unsigned end;
	const struct xw_chan_ops *ops;
	void *ctx;
	_Atomic int broken;               /* 0 or the first error; sticky */
	uint64_t spin_ns;                 /* poll this long before sleeping (xw_chan_set_spin) */
	bool light_publish;               /* fence_setup succeeded: publish with no full fence */
	bool fence_lost;                  /* a fence_peer failed: sleeps are bounded */
	struct xw_chan_tx tx;
	struct xw_chan_rx rx;
};

/* Bytes a region needs for `nchan` channels of two `ring_size` rings each. */
size_t xw_region_size(unsigned nchan, uint32_t ring_size);

/*
 * The same with a reference area of `bulk0` bytes for ring 0 (end 0 -> end 1)
 * and `bulk1` for ring 1 (each 0, or XW_CHAN_BULK_MIN .. XW_CHAN_RING_MAX;
 * rounded up to XW_CHAN_LINE): large fragments then travel as REF records
 * (docs/abi.md), one ring slot each, their bytes in the area. 0 if a size is
 * out of range.
 */
size_t xw_region_size_ref(unsigned nchan, uint32_t ring_size, uint32_t bulk0, uint32_t bulk1);
int xw_region_init_ref(void *base, size_t size, unsigned nchan, uint32_t ring_size,
		       uint32_t bulk0, uint32_t bulk1);
/*
 * The same layouts with each channel and reference area starting on an
 * `align` boundary of the region (a power of two, XW_CHAN_LINE .. 1 MiB; a
 * page: a driver can map exactly an area into a process). XW_CHAN_LINE gives
 * the layout above.
 */
size_t xw_region_size_ref_al(unsigned nchan, uint32_t ring_size, uint32_t bulk0, uint32_t bulk1,
			     uint32_t align);
int xw_region_init_ref_al(void *base, size_t size, unsigned nchan, uint32_t ring_size,
			  uint32_t bulk0, uint32_t bulk1, uint32_t align);

/*
 * Formats [base, base+size) as a region of `nchan` channels with rings of
 * `ring_size` bytes (power of two in [XW_CHAN_RING_MIN, XW_CHAN_RING_MAX]).
 * `base` must be XW_CHAN_LINE aligned. Done by one side before the peer opens.
 */
int xw_region_init(void *base, size_t size, unsigned nchan, uint32_t ring_size);

/*
 * Re-formats channel `idx` of an initialised region (indices, states) so two
 * ends can open it afresh after it broke. Neither end may have it open.
 */
int xw_region_reset_chan(void *base, size_t size, unsigned idx);

/*
 * Opens end `end` (XW_CHAN_END0/1) of channel `idx` in the region. Reads and
 * validates the region and channel headers once (the region is hostile);
 * XW_EINVAL/XW_EPROTO/XW_ENOTSUP on a bad header. `ops` may be NULL.
 */
int xw_chan_open(struct xw_chan *ch, void *base, size_t size, unsigned idx, unsigned end,
		 const struct xw_chan_ops *ops, void *ctx);

/*
 * Half-close: publishes this end's CLOSED state and wakes the peer. This end
 * can send no more (XW_EPIPE) but still receives what the peer queued; the
 * peer drains our queued messages, then gets XW_EPIPE.
 */
void xw_chan_close(struct xw_chan *ch);

/*
 * Sends one message of `len` bytes (0 .. 2^62). A message that fits in one
 * record (see xw_chan_max_record()) is queued whole or not at all; a larger one
 * streams through in fragments. If the call returns XW_EAGAIN / XW_ETIMEDOUT
 * after part of a large message went out, the message stays open: call again
 * with the same buf and len to continue (another message gives XW_EBUSY).
 * Returns 0, XW_EAGAIN (timeout 0, no room), XW_ETIMEDOUT, XW_EBUSY, XW_EINVAL,
 * XW_EPIPE (broken).
 */
int xw_chan_send(struct xw_chan *ch, const void *buf, size_t len, uint64_t timeout_ns,
		 unsigned flags);

/*
 * Sends the next `n` bytes of a message of `msg_len` bytes that the caller
 * produces piece by piece (any size, without holding it whole). The first call
 * when no message is open starts one; the message ends with the call that
 * queues its last byte. Sets *sent (bytes queued; up to `n`). Returns 0 if all
 * of `n` went out, or some did before the ring stayed full past the timeout;
 * XW_EAGAIN / XW_ETIMEDOUT if none did; XW_EINVAL if `n` exceeds what is left
 * of the message; XW_EBUSY if another message is open (this one, with another
 * msg_len, or one of xw_chan_send()); XW_EPIPE. A 0-byte message:
 * msg_len = n = 0. Publishes at the end of each call unless XW_CHAN_MORE
 * (then at xw_chan_flush(), or when the ring fills: even mid-message).
 */
int xw_chan_send_some(struct xw_chan *ch, uint64_t msg_len, const void *buf, size_t n,
		      size_t *sent, uint64_t timeout_ns, unsigned flags);

/*
 * Publish what XW_CHAN_MORE deferred (and notify if the peer sleeps):
 * xw_chan_flush() for sends (sender thread), xw_chan_flush_rx() for receives
 * (receiver thread).
 */
int xw_chan_flush(struct xw_chan *ch);
int xw_chan_flush_rx(struct xw_chan *ch);

/*
 * Bytes queued by sends with XW_CHAN_MORE and not yet published (sender
 * thread, or under the lock that serialises senders): what xw_chan_flush()
 * would hand the peer. Lets a platform defer a flush (doorbell coalescing)
 * and bound how much waits.
 */
size_t xw_chan_tx_pending(const struct xw_chan *ch);

/*
 * This end's two indices (its producer index, its consumer index of the
 * peer's ring) as they are in shared memory now, whoever wrote them: a
 * progress mark (the secure kernel's view of a channel an application drives).
 * Never validated: only compare it with an earlier mark.
 */
uint64_t xw_chan_end_marks(struct xw_chan *ch);

/*
 * Length of the next message (or of the one partly received) without
 * consuming anything. 0, XW_EAGAIN (nothing yet), XW_EPIPE.
 */
int xw_chan_peek(struct xw_chan *ch, uint64_t *len);

/*
 * For poll()-style waiting outside the library (receiver thread): publishes
 * what was consumed and asks the peer to notify when data arrives (arms the
 * event index), then looks again. 0 if data is there now (no notification
 * will come for it), XW_EAGAIN if armed (sleep until notified), XW_EPIPE.
 */
int xw_chan_arm_rx(struct xw_chan *ch);

/*
 * The sending side's counterpart (sender thread): would the next piece of a
 * message with `left` bytes to go find room now (placed as a send would place
 * it: by reference from the ref_min on, else in the ring)? Publishes what
 * XW_CHAN_MORE deferred; if there is no room, asks the peer to notify when it
 * frees what is missing (arms the space event), then looks again. 0 if there
 * is room now (no notification will come for it), XW_EAGAIN if armed,
 * XW_EPIPE. A server whose replies are full can wait for its reader this way
 * without also asking for the writer's next doorbell (lib/echo.c).
 */
int xw_chan_arm_tx(struct xw_chan *ch, uint64_t left);

/*
 * Receives one whole message into buf[0..cap). On success returns 0 and sets
 * *len. XW_EMSGSIZE (nothing consumed, *len = its length) if it does not fit.
 * A message streaming in may time out half-way (XW_EAGAIN / XW_ETIMEDOUT): the
 * part received is kept in buf, call again with the same buf to continue.
 */
int xw_chan_recv(struct xw_chan *ch, void *buf, size_t cap, size_t *len, uint64_t timeout_ns,
		 unsigned flags);

/*
 * Consumes the next up-to-`cap` bytes of the current message (any size of
 * message, piece by piece). Sets *got and *eom (true once the message's last
 * byte was delivered; a 0-byte message gives *got = 0, *eom = true).
 */
int xw_chan_recv_some(struct xw_chan *ch, void *buf, size_t cap, size_t *got, bool *eom,
		      uint64_t timeout_ns, unsigned flags);

/*
 * Fill and take hooks: the zero-copy forms of send_some / recv_some. The
 * library hands the hook the shared bytes where they are (ring or reference
 * area) and the hook copies (copy_from_user/copy_to_user in a kernel,
 * checksum or relay in a service). `off` is the position in the message.
 *   fill: write `n` bytes of the message at `off` to `dst`; 0 or an error
 *         (nothing of that piece is queued; if it was the message's first
 *         piece no message is open afterwards, else the caller should break
 *         the channel, as the message cannot be finished).
 *   take: consume up to `n` bytes at `src` (peer memory: read each byte at
 *         most once, never trust it twice); returns bytes taken (0..n: fewer
 *         stops the call, the rest stays queued) or a negative error.
 */
typedef int (*xw_chan_fill_fn)(void *ctx, volatile void *dst, uint64_t off, size_t n);
typedef int64_t (*xw_chan_take_fn)(void *ctx, const volatile void *src, uint64_t off, size_t n);

/* xw_chan_send_some() with the bytes produced by `fill` (not NULL). */
int xw_chan_send_fill(struct xw_chan *ch, uint64_t msg_len, xw_chan_fill_fn fill, void *fctx,
		      size_t n, size_t *sent, uint64_t timeout_ns, unsigned flags);

/*
 * xw_chan_recv_some() with the bytes handed to `take` (NULL: dropped unread).
 * A hook error is returned as is (nothing of that piece consumed) unless some
 * bytes were delivered before it.
 */
int xw_chan_recv_with(struct xw_chan *ch, xw_chan_take_fn take, void *tctx, size_t cap,
		      size_t *got, bool *eom, uint64_t timeout_ns, unsigned flags);

/*
 * Fragments of at least `n` bytes are sent as REF records when the channel has
 * a reference area that way (default XW_CHAN_REF_MIN_DEFAULT; 0 = never).
 */
void xw_chan_set_ref_min(struct xw_chan *ch, uint32_t n);

/*
 * Zero-copy forms (the caller owns this end's reference area and sets
 * xw_chan_set_ref_min(ch, 0) first, so the library never allocates in it):
 *   xw_chan_send_ref()     sends one whole message of `len` (>= 1) bytes the
 *                          caller wrote at tx area offset `off` as one REF
 *                          record; *mark = the ring index just past it. 0,
 *                          XW_EINVAL (no area, out of it), XW_EBUSY (a message
 *                          is open), XW_EAGAIN/XW_ETIMEDOUT (no ring room), XW_EPIPE.
 *   xw_chan_tx_wait_past() 0 once the consumer moved past `mark` (the piece is
 *                          free again), else XW_EAGAIN/XW_ETIMEDOUT, XW_EPIPE.
 *   xw_chan_peek_ref()     receiver: the next message if it is one REF record,
 *                          untouched: its area offset and length (in place);
 *                          XW_ENOTSUP if it is not one, XW_EAGAIN, XW_EPIPE.
 */
int xw_chan_send_ref(struct xw_chan *ch, uint32_t off, uint32_t len, uint32_t *mark,
		     uint64_t timeout_ns, unsigned flags);
int xw_chan_tx_wait_past(struct xw_chan *ch, uint32_t mark, uint64_t timeout_ns);
int xw_chan_peek_ref(struct xw_chan *ch, uint32_t *off, uint32_t *len);

/* Largest payload sent as one record (atomic send) on this end's tx ring. */
size_t xw_chan_max_record(const struct xw_chan *ch);

/* 0 while healthy, else XW_EPIPE. */
int xw_chan_status(const struct xw_chan *ch);

/* Marks the channel broken (sticky) with `reason`, publishes it, wakes the peer. */
void xw_chan_set_broken(struct xw_chan *ch, int reason);

/* Limit for incoming message lengths (default XW_CHAN_DEFAULT_MAX_MSG). */
#define XW_CHAN_DEFAULT_MAX_MSG (UINT64_C(1) << 40)
void xw_chan_set_max_msg(struct xw_chan *ch, uint64_t max_msg);

/*
 * Before a blocking call sleeps, poll the peer's index for up to `ns`
 * nanoseconds (needs the now_ns hook; 0 sleeps at once). A peer that answers
 * within the budget costs no doorbell and no sleep on either side; one that
 * does not costs the budget in CPU time, then the usual sleep. The default is
 * the platform's ops->spin_ns: 0 across worlds (principle 3, no busy waiting
 * across worlds), a competitive budget in the hosted port (host/xw_host.h,
 * XW_HOST_SPIN_NS). A non-zero budget elsewhere is a choice of the world that
 * spends its own CPU on it, e.g. a normal-world thread expecting a quick answer.
 */
void xw_chan_set_spin(struct xw_chan *ch, uint64_t ns);

void xw_chan_get_stats(const struct xw_chan *ch, struct xw_chan_stats *st);

#endif /* XW_CHANNEL_H */
