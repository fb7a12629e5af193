// SPDX-License-Identifier: BSD-2-Clause
/*
 * xworld: cross-world channels between Linux and the Crossworld secure kernel.
 *
 * Found through /firmware/crossworld (compatible "crossworld,xw"; its
 * `interrupts` is the SPI the secure side raises) and refuses to load unless
 * the owner-51 UID and revision (0.2 or later) answer. Every open file gets its
 * own channel region from dma_alloc_coherent() on the platform device, which
 * must be DMA-coherent (normal cacheable memory, as the secure side maps it;
 * seed 004); the region is formatted here, registered by SMC (physical
 * address + size) and torn down (unregistered, then freed) on release.
 *
 * Normal -> secure: the library's notify hook rings CHAN_DOORBELL; the secure
 * service runs inside that SMC. Secure -> normal: the notify SPI; its handler
 * counts and wakes the sleepers, which re-check their channel. A sleeper takes
 * its snapshot of the interrupt count before the library re-checks the ring,
 * so a wake-up between that check and the sleep is never lost.
 *
 * Also here: batches of whole messages per system call (XW_IOC_SENDV/RECVV);
 * the kernel's own per-CPU channels are xw_kernel.c, debugfs is xw_debugfs.c.
 */
#include <linux/arm-smccc.h>
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/list.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <xw/channel.h>
#include <xw/smc.h>

#include "xworld_ioctl.h"
#include "xworld_priv.h"

#define XW_RING     (64u << 10)
#define XW_MAX_MSG  (64ull << 20)

static unsigned int ring_kib = 64;
module_param(ring_kib, uint, 0444);
MODULE_PARM_DESC(ring_kib, "ring size per direction in KiB (power of two, 1..1024)");

struct device *xw_dev;
atomic_t xw_irqs = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(xw_wq);

LIST_HEAD(xw_files);
DEFINE_MUTEX(xw_files_lock);
static u32 xw_next_id;
struct xw_chan_stats xw_closed;
u64 xw_closed_doorbells;

/* Every call this driver makes: SMC64 fast calls, x1..x3 in, x0..x3 out. */
void xw_smc(u64 fid, u64 a1, u64 a2, u64 a3, struct arm_smccc_res *res)
{
	arm_smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0, res);
}

static irqreturn_t xw_irq(int irq, void *data)
{
	atomic_inc(&xw_irqs);
	wake_up_all(&xw_wq);
	return IRQ_HANDLED;
}

/* Library hook: ring the secure doorbell until the service has caught up. */
static void xw_notify(void *ctx, unsigned int ev)
{
	struct xw_file *f = ctx;
	struct arm_smccc_res res;
	int i;

	for (i = 0;; i++) {
		xw_smc(XW_SMC_CHAN_DOORBELL, f->handle, f->idx, 0, &res);
		f->doorbells++;
		if ((long)res.a0 == XW_EBUSY) {
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
		if (res.a0 != 0 || res.a1 != 1)
			break; /* done, or broken (the library sees XW_EPIPE itself) */
		cond_resched(); /* the service stopped at its budget: more to do */
	}
}

/* Library hook: sleep until the next notification interrupt (or a signal). */
static int xw_wait(void *ctx, unsigned int ev, u64 timeout_ns)
{
	struct xw_file *f = ctx;

	/* EV_SPACE: a sender waits (tx_lock held); EV_DATA: a receiver (rx_lock). */
	unsigned int *seen = ev == XW_CHAN_EV_SPACE ? &f->seen_tx : &f->seen_rx;

	wait_event_interruptible(xw_wq, (unsigned int)atomic_read(&xw_irqs) != *seen);
	*seen = atomic_read(&xw_irqs);
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
	mutex_lock(&xw_files_lock);
	f->id = xw_next_id++;
	list_add_tail(&f->node, &xw_files);
	mutex_unlock(&xw_files_lock);
}

/* Takes a channel off the debugfs list; its counters go to the closed totals. */
void xw_files_del(struct xw_file *f)
{
	struct xw_chan_stats cs;

	mutex_lock(&xw_files_lock);
	list_del(&f->node);
	xw_chan_get_stats(&f->ch, &cs);
	xw_closed.tx_msgs += cs.tx_msgs;
	xw_closed.tx_bytes += cs.tx_bytes;
	xw_closed.rx_msgs += cs.rx_msgs;
	xw_closed.rx_bytes += cs.rx_bytes;
	xw_closed.notify_sent += cs.notify_sent;
	xw_closed.notify_suppressed += cs.notify_suppressed;
	xw_closed.waits += cs.waits;
	xw_closed.errors += cs.errors;
	xw_closed_doorbells += f->doorbells;
	mutex_unlock(&xw_files_lock);
}

static int xw_open(struct inode *inode, struct file *file)
{
	struct arm_smccc_res res;
	struct xw_file *f;
	u32 ring = ring_kib << 10;
	int rc;

	if (!ring_kib || ring_kib > 1024 || (ring_kib & (ring_kib - 1)))
		return -EINVAL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->tx_lock);
	mutex_init(&f->rx_lock);
	f->size = PAGE_ALIGN(xw_region_size(1, ring));
	rc = xw_region_alloc(f->size, &f->cpu, &f->dma);
	if (rc)
		goto free;
	rc = -EIO;
	if (xw_region_init(f->cpu, f->size, 1, ring) ||
	    xw_chan_open(&f->ch, f->cpu, f->size, 0, XW_CHAN_END0, &xw_ops, f))
		goto dfree;
	xw_chan_set_max_msg(&f->ch, XW_MAX_MSG);
	xw_smc(XW_SMC_CHAN_REGISTER, f->dma, f->size, 0, &res);
	if (res.a0) {
		dev_warn(xw_dev, "register: secure side says %ld\n", (long)res.a0);
		rc = (long)res.a0 == XW_SMC_UNK ? -ENODEV : (int)(long)res.a0;
		goto dfree;
	}
	f->handle = res.a1;
	f->pid = task_tgid_nr(current);
	file->private_data = f;
	xw_files_add(f);
	return 0;
dfree:
	dma_free_coherent(xw_dev, f->size, f->cpu, f->dma);
free:
	kfree(f);
	return rc;
}

static int xw_release(struct inode *inode, struct file *file)
{
	struct xw_file *f = file->private_data;
	struct arm_smccc_res res;
	int i;

	xw_files_del(f);
	/* The secure side must drop its mapping before the memory goes back. */
	for (i = 0; i < 100000; i++) {
		xw_smc(XW_SMC_CHAN_UNREGISTER, f->handle, 0, 0, &res);
		if ((long)res.a0 != XW_EBUSY)
			break;
		cond_resched();
	}
	if (res.a0) {
		dev_err(xw_dev, "unregister failed (%ld): leaking the region\n", (long)res.a0);
		kfree(f);
		return 0;
	}
	dma_free_coherent(xw_dev, f->size, f->cpu, f->dma);
	kfree(f);
	return 0;
}

static int xw_errno(int rc)
{
	return rc == XW_EPIPE ? -EPIPE : rc;
}

/* A kernel bounce buffer that grows to the largest message seen. */
struct xw_bounce {
	void *p;
	size_t cap;
};

static int xw_bounce_need(struct xw_bounce *b, size_t n)
{
	if (n <= b->cap)
		return 0;
	kvfree(b->p);
	b->cap = max_t(size_t, n, 4096);
	b->p = kvmalloc(b->cap, GFP_KERNEL);
	if (!b->p) {
		b->cap = 0;
		return -ENOMEM;
	}
	return 0;
}

/*
 * A message larger than one record, sent blocking: piece by piece with
 * XW_CHAN_MORE, so the index is published (and the doorbell rung) once per
 * full ring rather than once per fragment; the secure side drains the whole
 * ring in each doorbell. Published at the end unless the caller batches.
 */
static int xw_send_big(struct xw_file *f, const u8 *k, size_t len, unsigned int flags)
{
	size_t off = 0, sent;
	int rc;

	while (off < len) {
		f->seen_tx = atomic_read(&xw_irqs);
		rc = xw_chan_send_some(&f->ch, len, k + off, len - off, &sent, 1, XW_CHAN_MORE);
		off += sent;
		if (rc == XW_ETIMEDOUT || rc == XW_EAGAIN || (rc == 0 && off < len)) {
			if (signal_pending(current)) {
				/* Half a message cannot be taken back: the channel is done. */
				xw_chan_set_broken(&f->ch, XW_EPIPE);
				return -EINTR;
			}
			continue;
		}
		if (rc)
			return xw_errno(rc);
	}
	if (!(flags & XW_CHAN_MORE))
		xw_chan_flush(&f->ch);
	return 0;
}

/* Sends one message from a kernel buffer; the caller holds tx_lock. 0 or -errno. */
int xw_send_k(struct xw_file *f, const void *k, size_t len, unsigned int flags,
		     bool nonblock)
{
	int rc;

	if (!nonblock && len > xw_chan_max_record(&f->ch))
		return xw_send_big(f, k, len, flags);
	for (;;) {
		f->seen_tx = atomic_read(&xw_irqs);
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

static ssize_t xw_write(struct file *file, const char __user *ubuf, size_t len, loff_t *off)
{
	struct xw_file *f = file->private_data;
	void *k;
	int rc;

	if (!f->bound)
		return -ENOTCONN;
	if (len > XW_MAX_MSG)
		return -EMSGSIZE;
	k = kvmalloc(len ? len : 1, GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	if (copy_from_user(k, ubuf, len)) {
		kvfree(k);
		return -EFAULT;
	}
	mutex_lock(&f->tx_lock);
	rc = xw_send_k(f, k, len, 0, file->f_flags & O_NONBLOCK);
	mutex_unlock(&f->tx_lock);
	kvfree(k);
	return rc ? rc : (ssize_t)len;
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
		f->seen_rx = atomic_read(&xw_irqs);
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
		f->seen_rx = atomic_read(&xw_irqs);
		rc = xw_chan_recv(&f->ch, k, need, len, 1, flags);
		if (rc != XW_ETIMEDOUT && rc != XW_EAGAIN)
			return xw_errno(rc);
		if (signal_pending(current)) {
			xw_chan_set_broken(&f->ch, XW_EPIPE);
			return -EINTR;
		}
	}
}

static ssize_t xw_read(struct file *file, char __user *ubuf, size_t cap, loff_t *off)
{
	struct xw_file *f = file->private_data;
	size_t len = 0;
	void *k = NULL;
	u64 need;
	int rc;

	if (!f->bound)
		return -ENOTCONN;
	mutex_lock(&f->rx_lock);
	/* Learn the length (waiting for a message), then receive it whole. */
	rc = xw_next_len(f, file->f_flags & O_NONBLOCK, &need);
	if (rc)
		goto out;
	if (need > cap) {
		rc = -EMSGSIZE; /* nothing consumed; XW_IOC_STATS next_len says how much */
		goto out;
	}
	k = kvmalloc(need ? need : 1, GFP_KERNEL);
	rc = -ENOMEM;
	if (!k)
		goto out;
	rc = xw_recv_k(f, k, need, &len, 0);
	if (rc == 0 && copy_to_user(ubuf, k, len))
		rc = -EFAULT;
out:
	mutex_unlock(&f->rx_lock);
	kvfree(k);
	if (rc == 1)
		return 0;
	return rc ? rc : (ssize_t)len;
}

/* Reads the batch header and its entries; *msgs is kmalloc'ed. */
static int xw_batch_get(unsigned long arg, struct xw_ioc_batch *b, struct xw_ioc_msg **msgs)
{
	if (copy_from_user(b, (void __user *)arg, sizeof(*b)))
		return -EFAULT;
	if (b->count == 0 || b->count > XW_IOC_BATCH_MAX)
		return -EINVAL;
	*msgs = memdup_user(u64_to_user_ptr(b->msgs), b->count * sizeof(**msgs));
	return IS_ERR(*msgs) ? PTR_ERR(*msgs) : 0;
}

static long xw_sendv(struct file *file, unsigned long arg)
{
	struct xw_file *f = file->private_data;
	struct xw_bounce bb = { 0 };
	struct xw_ioc_batch b;
	struct xw_ioc_msg *m;
	u32 i;
	int rc;

	if (!f->bound)
		return -ENOTCONN;
	rc = xw_batch_get(arg, &b, &m);
	if (rc)
		return rc;
	mutex_lock(&f->tx_lock);
	for (i = 0; i < b.count; i++) {
		rc = -EMSGSIZE;
		if (m[i].len > XW_MAX_MSG)
			break;
		rc = xw_bounce_need(&bb, m[i].len);
		if (rc)
			break;
		rc = -EFAULT;
		if (copy_from_user(bb.p, u64_to_user_ptr(m[i].buf), m[i].len))
			break;
		/* XW_CHAN_MORE: publish once, after the last (or when the ring fills). */
		/*
		 * Only the first entry waits for room (as write() would); later small
		 * ones stop the batch instead, so a caller that must read replies
		 * first is not blocked. A later large one waits: it streams.
		 */
		rc = xw_send_k(f, bb.p, m[i].len, XW_CHAN_MORE, (file->f_flags & O_NONBLOCK) ||
			       (i && m[i].len <= xw_chan_max_record(&f->ch)));
		if (rc)
			break;
	}
	xw_chan_flush(&f->ch);
	mutex_unlock(&f->tx_lock);
	kvfree(bb.p);
	kfree(m);
	b.done = i;
	if (i == 0)
		return rc;
	return put_user(b.done, &((struct xw_ioc_batch __user *)arg)->done);
}

static long xw_recvv(struct file *file, unsigned long arg)
{
	struct xw_file *f = file->private_data;
	struct xw_bounce bb = { 0 };
	struct xw_ioc_batch b;
	struct xw_ioc_msg *m;
	size_t len;
	u64 need;
	u32 i;
	int rc;

	if (!f->bound)
		return -ENOTCONN;
	rc = xw_batch_get(arg, &b, &m);
	if (rc)
		return rc;
	mutex_lock(&f->rx_lock);
	for (i = 0; i < b.count; i++) {
		/* Wait for the first message only: a batch takes what is there. */
		rc = xw_next_len(f, (file->f_flags & O_NONBLOCK) || i, &need);
		if (rc == 1) {
			m[i].len = 0;
			continue;
		}
		if (rc)
			break;
		if (need > m[i].len) {
			m[i].len = need;
			rc = -EMSGSIZE;
			break;
		}
		rc = xw_bounce_need(&bb, need);
		if (rc)
			break;
		/* XW_CHAN_MORE: free the ring space once, at the end. */
		rc = xw_recv_k(f, bb.p, need, &len, XW_CHAN_MORE);
		if (rc)
			break;
		m[i].len = len;
		rc = -EFAULT;
		if (copy_to_user(u64_to_user_ptr(m[i].buf), bb.p, len))
			break;
		rc = 0;
	}
	xw_chan_flush_rx(&f->ch);
	mutex_unlock(&f->rx_lock);
	kvfree(bb.p);
	b.done = i;
	if (copy_to_user(u64_to_user_ptr(b.msgs), m, min(b.count, i + 1) * sizeof(*m)) ||
	    put_user(b.done, &((struct xw_ioc_batch __user *)arg)->done))
		rc = -EFAULT;
	else if (i > 0)
		rc = 0;
	kfree(m);
	return rc;
}

static __poll_t xw_poll(struct file *file, poll_table *wait)
{
	struct xw_file *f = file->private_data;
	__poll_t mask = 0;
	int rc;

	poll_wait(file, &xw_wq, wait);
	if (!f->bound)
		return EPOLLERR;
	/*
	 * Arm the data event before reporting "nothing to read": otherwise the
	 * secure side has no reason to raise the interrupt that wakes this poll.
	 * A reader inside read() holds rx_lock and arms for itself; its
	 * interrupt wakes every sleeper on xw_wq, this poll included.
	 */
	if (mutex_trylock(&f->rx_lock)) {
		rc = xw_chan_arm_rx(&f->ch);
		mutex_unlock(&f->rx_lock);
		if (rc == 0)
			mask |= EPOLLIN | EPOLLRDNORM;
		else if (rc == XW_EPIPE)
			mask |= EPOLLERR | EPOLLHUP;
	}
	/* Writable: a small message fits now (the library's view). */
	if (xw_chan_status(&f->ch) == 0)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
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

static long xw_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xw_file *f = file->private_data;
	struct arm_smccc_res res;
	struct xw_chan_stats cs;
	struct xw_ioc_stats st;
	struct xw_ioc_bind b;
	struct xw_ioc_svc s;
	long idx;

	switch (cmd) {
	case XW_IOC_BIND:
		if (copy_from_user(&b, (void __user *)arg, sizeof(b)))
			return -EFAULT;
		if (!memchr(b.name, 0, sizeof(b.name)))
			return -EINVAL;
		if (f->bound)
			return -EBUSY;
		idx = xw_svc_index(b.name);
		if (idx < 0)
			return idx;
		xw_smc(XW_SMC_CHAN_BIND, f->handle, 0, idx, &res);
		if (res.a0)
			return (long)res.a0 == XW_ENOMEM ? -EBUSY : (long)res.a0;
		strscpy(f->svc, b.name, sizeof(f->svc));
		f->bound = true;
		return 0;
	case XW_IOC_SVC:
		if (copy_from_user(&s, (void __user *)arg, sizeof(s)))
			return -EFAULT;
		if (s.reserved)
			return -EINVAL;
		xw_smc(XW_SMC_SVC_INFO, s.index, 0, 0, &res);
		if (res.a0)
			return -ENOENT;
		memcpy(s.name, &res.a1, 8);
		memcpy(s.name + 8, &res.a2, 8);
		memcpy(s.name + 16, &res.a3, 8);
		return copy_to_user((void __user *)arg, &s, sizeof(s)) ? -EFAULT : 0;
	case XW_IOC_STATS:
		memset(&st, 0, sizeof(st));
		xw_chan_get_stats(&f->ch, &cs);
		st.tx_msgs = cs.tx_msgs;
		st.tx_bytes = cs.tx_bytes;
		st.rx_msgs = cs.rx_msgs;
		st.rx_bytes = cs.rx_bytes;
		st.doorbells = f->doorbells;
		st.irqs = atomic_read(&xw_irqs);
		xw_smc(XW_SMC_CHAN_STATS, 0, 0, 0, &res);
		st.sec_regions = res.a1;
		st.sec_pages = res.a2;
		st.sec_notifies = res.a3;
		mutex_lock(&f->rx_lock);
		if (xw_chan_peek(&f->ch, &st.next_len))
			st.next_len = ~0ull;
		mutex_unlock(&f->rx_lock);
		return copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
	case XW_IOC_KBENCH:
		return xw_kernel_bench(arg);
	case XW_IOC_SENDV:
		return xw_sendv(file, arg);
	case XW_IOC_RECVV:
		return xw_recvv(file, arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations xw_fops = {
	.owner = THIS_MODULE,
	.open = xw_open,
	.release = xw_release,
	.read = xw_read,
	.write = xw_write,
	.poll = xw_poll,
	.unlocked_ioctl = xw_ioctl,
	.llseek = no_llseek,
};

static struct miscdevice xw_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xworld",
	.fops = &xw_fops,
};

static int xw_probe(struct platform_device *pdev)
{
	struct arm_smccc_res res;
	int irq, rc;

	/* Without a secure monitor an SMC is an undefined instruction: ask first. */
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		dev_err(&pdev->dev, "no SMC conduit (PSCI/SMCCC does not use SMC): "
			"no secure firmware to talk to\n");
		return -ENODEV;
	}
	xw_smc(XW_SMC_CALL_UID, 0, 0, 0, &res);
	if (res.a0 != XW_SMC_UID_0 || res.a1 != XW_SMC_UID_1 || res.a2 != XW_SMC_UID_2 ||
	    res.a3 != XW_SMC_UID_3) {
		dev_err(&pdev->dev, "no Crossworld secure kernel answers (UID %lx)\n", res.a0);
		return -ENODEV;
	}
	xw_smc(XW_SMC_REVISION, 0, 0, 0, &res);
	if (res.a0 != XW_SMC_REVISION_MAJOR || res.a1 < 2) {
		dev_err(&pdev->dev, "secure kernel speaks revision %lu.%lu, need %u.2 or later\n",
			res.a0, res.a1, XW_SMC_REVISION_MAJOR);
		return -ENODEV;
	}
	if (!dev_is_dma_coherent(&pdev->dev)) {
		dev_err(&pdev->dev, "device tree node lacks dma-coherent: channel memory would "
			"not be normal cacheable memory, as the secure side maps it\n");
		return -EINVAL;
	}
	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	rc = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(40));
	if (rc)
		return rc;
	rc = devm_request_irq(&pdev->dev, irq, xw_irq, 0, "xworld", NULL);
	if (rc)
		return rc;
	xw_dev = &pdev->dev;
	/* The kernel's per-CPU channels; without them /dev/xworld still works. */
	rc = xw_kernel_init();
	if (rc)
		dev_warn(&pdev->dev, "no per-CPU kernel channels (%d)\n", rc);
	rc = misc_register(&xw_misc);
	if (rc) {
		xw_kernel_exit();
		return rc;
	}
	xw_debugfs_init();
	dev_info(&pdev->dev, "Crossworld channels: revision %lu.%lu, irq %d, %u KiB rings\n",
		 res.a0, res.a1, irq, ring_kib);
	return 0;
}

static int xw_remove(struct platform_device *pdev)
{
	xw_debugfs_exit();
	misc_deregister(&xw_misc);
	xw_kernel_exit();
	return 0;
}

static const struct of_device_id xw_of_match[] = {
	{ .compatible = "crossworld,xw" },
	{},
};
MODULE_DEVICE_TABLE(of, xw_of_match);

static struct platform_driver xw_driver = {
	.probe = xw_probe,
	.remove = xw_remove,
	.driver = { .name = "xworld", .of_match_table = xw_of_match },
};
module_platform_driver(xw_driver);

MODULE_DESCRIPTION("Crossworld cross-world channels");
MODULE_LICENSE("Dual BSD/GPL");
