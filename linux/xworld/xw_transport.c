// SPDX-License-Identifier: BSD-2-Clause
/*
 * xworld's transport: how a channel talks to the secure side.
 *
 * Normal -> secure: the library's notify hook rings CHAN_DOORBELL; the secure
 * service runs inside that SMC. Secure -> normal: every notification happens
 * inside a doorbell, and with XW_CHAN_REG_NOTIFY_RET (the default) the
 * doorbell's return says so: the ringing CPU wakes that channel's sleepers
 * itself. Without it (notify_irq=1) the secure side raises the notify SPI,
 * whose handler wakes every channel. A sleeper takes its snapshot of its
 * channel's event count before the library re-checks the ring, so a wake-up
 * between that check and the sleep is never lost.
 *
 * Also here: channel memory (dma_alloc_coherent(), checked to be normal
 * cacheable RAM as the secure side maps it; seed 004), the list of open
 * channels, service lookup, and blocking send/receive of one message from or
 * into kernel memory, which /dev/xworld (xw_fops.c), its batches (xw_batch.c)
 * and the kernel's own channels (xw_kernel.c) share.
 */
#include <linux/arm-smccc.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <xw/channel.h>
#include <xw/smc.h>

#include "xworld_priv.h"

struct device *xw_dev;
atomic_t xw_irqs = ATOMIC_INIT(0);
atomic64_t xw_irq_lat_sum, xw_irq_lat_max, xw_irq_lat_n;
atomic64_t xw_db_cause[XW_DB_CAUSES];
/* When the last doorbell return that reported a notification came (ns, SPI path only). */
static atomic64_t xw_last_notify_ns;

LIST_HEAD(xw_files);
DEFINE_MUTEX(xw_files_lock);
/* Also held (irq-safe) while the list changes: the SPI handler walks it. */
static DEFINE_SPINLOCK(xw_files_irq_lock);
static u32 xw_next_id;
struct xw_chan_stats xw_closed;
u64 xw_closed_doorbells;
u64 xw_closed_notify_returns;
u64 xw_closed_timer_flushes;
/* Channels closed in the middle of sending a message (a writer killed mid-way). */
u64 xw_closed_abandoned;

/* Every call this driver makes: SMC64 fast calls, x1..x3 in, x0..x3 out. */
void xw_smc(u64 fid, u64 a1, u64 a2, u64 a3, struct arm_smccc_res *res)
{
	arm_smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0, res);
}

u64 xw_reg_flags(void)
{
	return xw_notify_irq ? 0 : XW_CHAN_REG_NOTIFY_RET;
}

/* A notification for this channel: wake its readers and writers (and pollers). */
static void xw_chan_event(struct xw_file *f)
{
	atomic_inc(&f->events);
	wake_up_all(&f->wq);
}

irqreturn_t xw_irq(int irq, void *data)
{
	struct xw_file *f;
	u64 t = atomic64_read(&xw_last_notify_ns), now = ktime_get_ns(), lat, max;

	atomic_inc(&xw_irqs);
	/* How long the SPI took from the raising doorbell's return to here (one sample). */
	if (t && now > t && atomic64_cmpxchg(&xw_last_notify_ns, t, 0) == t) {
		lat = now - t;
		atomic64_add(lat, &xw_irq_lat_sum);
		atomic64_inc(&xw_irq_lat_n);
		max = atomic64_read(&xw_irq_lat_max);
		while (lat > max && atomic64_cmpxchg(&xw_irq_lat_max, max, lat) != max)
			max = atomic64_read(&xw_irq_lat_max);
	}
	/* The SPI names no channel: every channel looks again. */
	spin_lock(&xw_files_irq_lock);
	list_for_each_entry(f, &xw_files, node)
		xw_chan_event(f);
	spin_unlock(&xw_files_irq_lock);
	return IRQ_HANDLED;
}

void xw_file_init(struct xw_file *f)
{
	mutex_init(&f->tx_lock);
	mutex_init(&f->rx_lock);
	init_waitqueue_head(&f->wq);
	atomic_set(&f->events, 0);
}

/* Library hook: ring the secure doorbell until the service has caught up. */
static void xw_notify(void *ctx, unsigned int ev)
{
	struct xw_file *f = ctx;
	struct arm_smccc_res res;
	int i, cause = ev == XW_CHAN_EV_SPACE ? XW_DB_SPACE : XW_DB_DATA;

	for (i = 0;; i++) {
		xw_smc(XW_SMC_CHAN_DOORBELL, f->handle, f->idx, 0, &res);
		f->doorbells++;
		atomic64_inc(&xw_db_cause[cause]);
		if ((long)res.a0 == XW_EBUSY) {
			cause = XW_DB_BUSY;
			/*
			 * Another CPU is serving this channel and may already have
			 * looked for our data: ring until it lets go, else the wake-up
			 * is lost. Spin briefly, then sleep between tries (that CPU may
			 * be preempted, e.g. a vCPU); give up only after ~1 s.
			 */
			if (i < 1000)
				cpu_relax();
			else if (i < 1000 + 20000)
				usleep_range(20, 50);
			else {
				dev_warn_ratelimited(xw_dev, "doorbell: channel busy for 1 s\n");
				break;
			}
			continue;
		}
		/*
		 * The service notified (or the channel broke): this CPU wakes the
		 * channel's sleepers now (XW_CHAN_REG_NOTIFY_RET; with the SPI path
		 * the interrupt does it, and we only time it).
		 */
		if (res.a3 == 1 && (res.a0 == 0 || (long)res.a0 == XW_EPIPE)) {
			f->notify_returns++;
			if (xw_notify_irq)
				atomic64_set(&xw_last_notify_ns, ktime_get_ns());
			else
				xw_chan_event(f);
		}
		if (res.a0 != 0 || res.a1 != 1)
			break; /* done, or broken (the library sees XW_EPIPE itself) */
		cause = XW_DB_AGAIN;
		cond_resched(); /* the service stopped at its budget: more to do */
	}
}

/* Library hook: sleep until the next notification interrupt (or a signal). */
static int xw_wait(void *ctx, unsigned int ev, u64 timeout_ns)
{
	struct xw_file *f = ctx;

	/* EV_SPACE: a sender waits (tx_lock held); EV_DATA: a receiver (rx_lock). */
	unsigned int *seen = ev == XW_CHAN_EV_SPACE ? &f->seen_tx : &f->seen_rx;

	wait_event_interruptible(f->wq, (unsigned int)atomic_read(&f->events) != *seen);
	*seen = atomic_read(&f->events);
	/* "Look again": the caller loops, and returns on a pending signal. */
	return XW_ETIMEDOUT;
}

const struct xw_chan_ops xw_ops = {
	.notify = xw_notify,
	.wait = xw_wait,
};

int xw_region_alloc(size_t size, void **cpu, dma_addr_t *dma)
{
	*cpu = dma_alloc_coherent(xw_dev, size, dma, GFP_KERNEL);
	if (!*cpu)
		return -ENOMEM;
	/* Normal cacheable RAM in the linear map, PA == DMA address (seed 004). */
	if (!virt_addr_valid(*cpu) || virt_to_phys(*cpu) != *dma || !PAGE_ALIGNED(*dma)) {
		dev_err(xw_dev, "channel memory is not normal cacheable RAM\n");
		dma_free_coherent(xw_dev, size, *cpu, *dma);
		return -EIO;
	}
	memset(*cpu, 0, size);
	return 0;
}

/* Adds a channel to the debugfs list (its id is its name there). */
void xw_files_add(struct xw_file *f)
{
	unsigned long fl;

	mutex_lock(&xw_files_lock);
	f->id = xw_next_id++;
	spin_lock_irqsave(&xw_files_irq_lock, fl);
	list_add_tail(&f->node, &xw_files);
	spin_unlock_irqrestore(&xw_files_irq_lock, fl);
	mutex_unlock(&xw_files_lock);
}

/* Takes a channel off the debugfs list; its counters go to the closed totals. */
void xw_files_del(struct xw_file *f)
{
	struct xw_chan_stats cs;
	unsigned long fl;

	mutex_lock(&xw_files_lock);
	spin_lock_irqsave(&xw_files_irq_lock, fl);
	list_del(&f->node);
	spin_unlock_irqrestore(&xw_files_irq_lock, fl);
	xw_chan_get_stats(&f->ch, &cs);
	xw_closed.tx_msgs += cs.tx_msgs;
	xw_closed.tx_bytes += cs.tx_bytes;
	xw_closed.rx_msgs += cs.rx_msgs;
	xw_closed.rx_bytes += cs.rx_bytes;
	xw_closed.notify_sent += cs.notify_sent;
	xw_closed.notify_suppressed += cs.notify_suppressed;
	xw_closed.waits += cs.waits;
	xw_closed.errors += cs.errors;
	xw_closed.refs_sent += cs.refs_sent;
	xw_closed.refs_received += cs.refs_received;
	xw_closed_doorbells += f->doorbells;
	xw_closed_notify_returns += f->notify_returns;
	xw_closed_timer_flushes += f->timer_flushes;
	if (f->ch.tx.in_msg)
		xw_closed_abandoned++;
	mutex_unlock(&xw_files_lock);
}

/*
 * The next n bytes of a message of msg_len, sent blocking, piece by piece with
 * XW_CHAN_MORE: the index is published (and the doorbell rung) once per full
 * ring rather than once per fragment; the secure side drains the whole ring in
 * each doorbell. The caller publishes at the end. tx_lock held. 0 or -errno.
 */
int xw_send_piece(struct xw_file *f, u64 msg_len, const u8 *k, size_t n)
{
	size_t off = 0, sent;
	int rc;

	while (off < n) {
		f->seen_tx = atomic_read(&f->events);
		/* At most 1 MiB per call: see cond_resched() below. */
		rc = xw_chan_send_some(&f->ch, msg_len, k + off, min_t(size_t, n - off, SZ_1M), &sent,
				       1, XW_CHAN_MORE);
		off += sent;
		if (rc == XW_ETIMEDOUT || rc == XW_EAGAIN || (rc == 0 && off < n)) {
			if (signal_pending(current)) {
				/* Half a message cannot be taken back: the channel is done. */
				xw_chan_set_broken(&f->ch, XW_EPIPE);
				return -EINTR;
			}
			/*
			 * The secure side drains the ring inside the doorbell, so a big
			 * message may never sleep: without a slice and this, one write()
			 * of 64 MiB held a CPU of Debian's (voluntary-preemption) kernel
			 * for the whole message, and a kill waited for its end.
			 */
			cond_resched();
			continue;
		}
		if (rc)
			return xw_errno(rc);
	}
	return 0;
}

/* Fill and take hooks: message bytes straight between user memory and the ring or area. */
static int xw_fill_user(void *ctx, volatile void *dst, u64 off, size_t n)
{
	const char __user *ubuf = ctx;

	return copy_from_user((void *)(uintptr_t)dst, ubuf + off, n) ? XW_EFAULT : 0;
}

struct xw_user_dst {
	char __user *ubuf;  /* receives message byte 0 at ubuf[0] */
};

static s64 xw_take_user(void *ctx, const volatile void *src, u64 off, size_t n)
{
	struct xw_user_dst *d = ctx;

	return copy_to_user(d->ubuf + off, (const void *)(uintptr_t)src, n) ?
		       XW_EFAULT : (s64)n;
}

/*
 * A whole message of len bytes from user memory, blocking, with XW_CHAN_MORE
 * (the caller publishes): copied once, from the user buffer into the ring or,
 * for large pieces, into the reference area (REF records: one ring slot and
 * one doorbell for a message as large as the area). tx_lock held. A fault
 * before any byte was queued is -EFAULT with the channel intact; later, half
 * a message is queued and the channel breaks. 0 or -errno.
 */
int xw_send_user(struct xw_file *f, const char __user *ubuf, size_t len)
{
	size_t off = 0, sent;
	int rc;

	if (!access_ok(ubuf, len))
		return -EFAULT;
	/*
	 * Zero-copy mode: the driver allocates in the area (the library no
	 * longer does); if the process's reservations fill it, the ring it is.
	 */
	if (f->zc && len && len <= f->zarea.size) {
		rc = xw_zc_send_user(f, ubuf, len);
		if (rc != -ENOSPC)
			return rc;
	}
	while (off < len || len == 0) {
		f->seen_tx = atomic_read(&f->events);
		/* At most 1 MiB per call: see cond_resched() below. */
		rc = xw_chan_send_fill(&f->ch, len, xw_fill_user, (void *)ubuf,
				       min_t(size_t, len - off, SZ_1M), &sent, 1, XW_CHAN_MORE);
		off += sent;
		if (len == 0 && rc == 0)
			break;
		if (rc == XW_EFAULT) {
			if (f->ch.tx.in_msg)
				xw_chan_set_broken(&f->ch, XW_EPIPE);
			return -EFAULT;
		}
		if (rc == XW_ETIMEDOUT || rc == XW_EAGAIN || (rc == 0 && off < len)) {
			if (signal_pending(current)) {
				if (f->ch.tx.in_msg)
					xw_chan_set_broken(&f->ch, XW_EPIPE);
				return -EINTR;
			}
			/* The secure side drains inside the doorbell: a big message may never sleep. */
			cond_resched();
			continue;
		}
		if (rc)
			return xw_errno(rc);
	}
	return 0;
}

/*
 * Receives the message of `need` bytes whose length xw_next_len() gave
 * straight into user memory (from the ring or the reference area); rx_lock
 * held. `flags` as xw_chan_recv_with()'s. A fault half-way loses the rest of
 * the message: the channel breaks. 0 or -errno.
 */
int xw_recv_user(struct xw_file *f, char __user *ubuf, u64 need, unsigned int flags)
{
	struct xw_user_dst d = { .ubuf = ubuf };
	bool eom = false;
	u64 got = 0;
	size_t n;
	int rc;

	if (!access_ok(ubuf, need))
		return -EFAULT;
	while (!eom) {
		f->seen_rx = atomic_read(&f->events);
		rc = xw_chan_recv_with(&f->ch, xw_take_user, &d, min_t(u64, need - got, SZ_1M), &n,
				       &eom, 1, flags);
		if (rc == XW_ETIMEDOUT || rc == XW_EAGAIN) {
			if (signal_pending(current)) {
				xw_chan_set_broken(&f->ch, XW_EPIPE);
				return -EINTR;
			}
			continue;
		}
		if (rc == XW_EFAULT) {
			xw_chan_set_broken(&f->ch, XW_EPIPE);
			return -EFAULT;
		}
		if (rc)
			return xw_errno(rc);
		got += n;
		cond_resched();
	}
	return 0;
}

/* A message larger than one record from a kernel buffer, sent blocking. */
static int xw_send_big(struct xw_file *f, const u8 *k, size_t len, unsigned int flags)
{
	int rc = xw_send_piece(f, len, k, len);

	if (rc == 0 && !(flags & XW_CHAN_MORE))
		xw_chan_flush(&f->ch);
	return rc;
}

/* Sends one message from a kernel buffer; the caller holds tx_lock. 0 or -errno. */
int xw_send_k(struct xw_file *f, const void *k, size_t len, unsigned int flags,
		     bool nonblock)
{
	int rc;

	if (!nonblock && len > xw_chan_max_record(&f->ch))
		return xw_send_big(f, k, len, flags);
	for (;;) {
		f->seen_tx = atomic_read(&f->events);
		rc = xw_chan_send(&f->ch, k, len, nonblock ? 0 : 1, flags);
		if (rc != XW_ETIMEDOUT && rc != XW_EAGAIN)
			break;
		if (rc == XW_EAGAIN && nonblock && len <= xw_chan_max_record(&f->ch))
			return -EAGAIN; /* nothing went out: the caller may retry */
		if (fatal_signal_pending(current) || signal_pending(current)) {
			/* Half a message cannot be taken back: the channel is done. */
			xw_chan_set_broken(&f->ch, XW_EPIPE);
			return -EINTR;
		}
	}
	return rc ? xw_errno(rc) : 0;
}

/*
 * Waits (unless nonblock) for the next message and learns its length; the
 * caller holds rx_lock. 0 with *need set, 1 if it was a 0-byte message (then
 * already consumed), or -errno.
 */
int xw_next_len(struct xw_file *f, bool nonblock, u64 *need)
{
	size_t len = 0;
	int rc;

	for (;;) {
		f->seen_rx = atomic_read(&f->events);
		rc = xw_chan_peek(&f->ch, need);
		if (rc == 0)
			return 0;
		if (rc != XW_EAGAIN)
			return xw_errno(rc);
		if (nonblock)
			return -EAGAIN;
		rc = xw_chan_recv(&f->ch, NULL, 0, &len, 1, 0);
		if (rc == 0)
			return 1;
		if (rc == XW_EMSGSIZE) {
			*need = len;
			return 0;
		}
		if (rc != XW_ETIMEDOUT)
			return xw_errno(rc);
		if (signal_pending(current))
			return -EINTR;
	}
}

/* Receives the message whose length xw_next_len() gave into k[0..need). */
int xw_recv_k(struct xw_file *f, void *k, u64 need, size_t *len, unsigned int flags)
{
	int rc;

	for (;;) {
		f->seen_rx = atomic_read(&f->events);
		rc = xw_chan_recv(&f->ch, k, need, len, 1, flags);
		if (rc != XW_ETIMEDOUT && rc != XW_EAGAIN)
			return xw_errno(rc);
		if (signal_pending(current)) {
			xw_chan_set_broken(&f->ch, XW_EPIPE);
			return -EINTR;
		}
	}
}

long xw_svc_index(const char *name)
{
	struct arm_smccc_res res;
	char got[XW_SVC_NAME_MAX + 1];
	long i;

	for (i = 0; i < 64; i++) {
		xw_smc(XW_SMC_SVC_INFO, i, 0, 0, &res);
		if (res.a0)
			return -ENOENT;
		memset(got, 0, sizeof(got));
		memcpy(got, &res.a1, 8);
		memcpy(got + 8, &res.a2, 8);
		memcpy(got + 16, &res.a3, 8);
		if (!strncmp(got, name, XW_SVC_NAME_MAX))
			return i;
	}
	return -ENOENT;
}
