// SPDX-License-Identifier: BSD-2-Clause
/*
 * /dev/xworld: one channel per open file. Every open file gets its own channel
 * region (xw_region_alloc()), formatted here, registered by SMC (physical
 * address + size) and torn down (unregistered, then freed) on release.
 * write() and read() move one whole message; poll() arms the data event;
 * ioctls bind a service, list services, report statistics and hand batches to
 * xw_batch.c.
 */
#include <linux/arm-smccc.h>
#include <linux/atomic.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <xw/channel.h>
#include <xw/smc.h>

#include "xworld_ioctl.h"
#include "xworld_priv.h"

static int xw_open(struct inode *inode, struct file *file)
{
	struct arm_smccc_res res;
	struct xw_file *f;
	u32 ring = xw_ring_kib << 10, ref = xw_ref_kib << 10, back = xw_ref_back_kib << 10;
	int rc;

	if (!xw_ring_kib || xw_ring_kib > 1024 || (xw_ring_kib & (xw_ring_kib - 1)) ||
	    (xw_ref_kib && (xw_ref_kib < 4 || xw_ref_kib > 2048)) ||
	    (xw_ref_back_kib && (xw_ref_back_kib < 4 || xw_ref_back_kib > 2048)))
		return -EINVAL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	xw_file_init(f);
	xw_coalesce_init(f);
	/* Areas on page boundaries: XW_IOC_ZC_SETUP and mmap() map exactly them (xw_zerocopy.c). */
	f->size = PAGE_ALIGN(xw_region_size_ref_al(1, ring, ref, back, PAGE_SIZE));
	rc = xw_region_alloc(f->size, &f->cpu, &f->dma);
	if (rc)
		goto free;
	rc = -EIO;
	if (xw_region_init_ref_al(f->cpu, f->size, 1, ring, ref, back, PAGE_SIZE) ||
	    xw_chan_open(&f->ch, f->cpu, f->size, 0, XW_CHAN_END0, &xw_ops, f))
		goto dfree;
	xw_chan_set_max_msg(&f->ch, XW_MAX_MSG);
	xw_smc(XW_SMC_CHAN_REGISTER, f->dma, f->size, xw_reg_flags(), &res);
	if (res.a0) {
		rc = xw_errno((long)res.a0);
		dev_warn(xw_dev, "secure world refused the channel region: %d\n", rc);
		if (rc == -EOPNOTSUPP)
			rc = -ENODEV; /* firmware without channels */
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

	/* What write() deferred is delivered before the channel goes. */
	xw_coalesce_stop(f);
	xw_files_del(f);
	/* The secure side must drop its mapping before the memory goes back. */
	for (i = 0; i < 100000; i++) {
		xw_smc(XW_SMC_CHAN_UNREGISTER, f->handle, 0, 0, &res);
		if ((long)res.a0 != XW_EBUSY)
			break;
		cond_resched();
	}
	if (res.a0) {
		dev_err(xw_dev, "unregister failed (%d): leaking the region\n",
			xw_errno((long)res.a0));
		kfree(f);
		return 0;
	}
	dma_free_coherent(xw_dev, f->size, f->cpu, f->dma);
	kfree(f);
	return 0;
}

/*
 * A large message, blocking: straight from the user buffer into the channel
 * (xw_send_user). Returns len or -errno.
 */
static ssize_t xw_write_big(struct xw_file *f, const char __user *ubuf, size_t len)
{
	int rc;

	mutex_lock(&f->tx_lock);
	rc = xw_send_user(f, ubuf, len);
	if (!rc)
		xw_coalesce_after_write(f);
	mutex_unlock(&f->tx_lock);
	return rc ? rc : (ssize_t)len;
}

/* Messages up to this size go through the stack, not an allocation (one write() each). */
#define XW_WRITE_STACK 256

static ssize_t xw_write(struct file *file, const char __user *ubuf, size_t len, loff_t *off)
{
	struct xw_file *f = file->private_data;
	u8 small[XW_WRITE_STACK];
	void *k = small;
	int rc;

	if (!f->bound)
		return -ENOTCONN;
	if (len > XW_MAX_MSG)
		return -EMSGSIZE;
	if (len > XW_BOUNCE && !(file->f_flags & O_NONBLOCK))
		return xw_write_big(f, ubuf, len);
	if (len > sizeof(small))
		k = kvmalloc(len, GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	if (copy_from_user(k, ubuf, len)) {
		if (k != small)
			kvfree(k);
		return -EFAULT;
	}
	mutex_lock(&f->tx_lock);
	/* Queued unpublished: xw_coalesce.c decides when the doorbell rings. */
	rc = xw_send_k(f, k, len, XW_CHAN_MORE, file->f_flags & O_NONBLOCK);
	xw_coalesce_after_write(f);
	mutex_unlock(&f->tx_lock);
	if (k != small)
		kvfree(k);
	return rc ? rc : (ssize_t)len;
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
	/* A request this file's writer deferred goes out before we wait for its reply. */
	xw_coalesce_kick(f);
	mutex_lock(&f->rx_lock);
	/* A message held in place (XW_IOC_ZC_RECV) comes first: its release consumes it. */
	rc = -EBUSY;
	if (f->rx_held)
		goto out;
	/* Learn the length (waiting for a message), then receive it whole. */
	rc = xw_next_len(f, file->f_flags & O_NONBLOCK, &need);
	if (rc)
		goto out;
	if (need > cap) {
		rc = -EMSGSIZE; /* nothing consumed; XW_IOC_STATS next_len says how much */
		goto out;
	}
	if (need > XW_BOUNCE) {
		rc = xw_recv_user(f, ubuf, need, 0);
		len = need;
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

static __poll_t xw_poll(struct file *file, poll_table *wait)
{
	struct xw_file *f = file->private_data;
	__poll_t mask = 0;
	int rc;

	poll_wait(file, &f->wq, wait);
	if (!f->bound)
		return EPOLLERR;
	xw_coalesce_kick(f);
	/*
	 * Arm the data event before reporting "nothing to read": otherwise the
	 * secure side has no reason to raise the interrupt that wakes this poll.
	 * A reader inside read() holds rx_lock and arms for itself; its
	 * notification wakes every sleeper of this channel, this poll included.
	 */
	/* A held message (XW_IOC_ZC_RECV) is not news: nothing else can be read until its release. */
	if (!READ_ONCE(f->rx_held) && mutex_trylock(&f->rx_lock)) {
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

static long xw_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xw_file *f = file->private_data;
	struct arm_smccc_res res;
	struct xw_chan_stats cs;
	struct xw_ioc_stats st;
	struct xw_ioc_bind b;
	struct xw_ioc_svc s;
	long idx;
	u32 v;
	int rc;

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
		if (res.a0) {
			rc = xw_errno((long)res.a0);
			/* The service has no room for another channel: busy, try later. */
			return rc == -ENOMEM || rc == -ENOSPC ? -EBUSY : rc;
		}
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
		/* Notifications taken: interrupts, plus this file's doorbell returns. */
		st.irqs = atomic_read(&xw_irqs) + f->notify_returns;
		xw_smc(XW_SMC_CHAN_STATS, 0, 0, 0, &res);
		st.sec_regions = res.a1;
		st.sec_pages = res.a2;
		st.sec_notifies = res.a3;
		mutex_lock(&f->rx_lock);
		if (xw_chan_peek(&f->ch, &st.next_len))
			st.next_len = ~0ull;
		mutex_unlock(&f->rx_lock);
		return copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
	case XW_IOC_NODELAY:
		if (get_user(v, (__u32 __user *)arg))
			return -EFAULT;
		if (v > 1)
			return -EINVAL;
		f->nodelay = v;
		if (v)
			xw_coalesce_stop(f); /* what waits goes now; no timer from here on */
		return 0;
	case XW_IOC_KBENCH:
		return xw_kernel_bench(arg);
	case XW_IOC_SENDV:
		return xw_sendv(file, arg);
	case XW_IOC_RECVV:
		return xw_recvv(file, arg);
	case XW_IOC_ZC_SETUP:
	case XW_IOC_ZC_GET:
	case XW_IOC_ZC_COMMIT:
	case XW_IOC_ZC_CANCEL:
	case XW_IOC_ZC_RECV:
	case XW_IOC_ZC_RELEASE:
		return xw_zc_ioctl(file, cmd, arg);
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
	.mmap = xw_zc_mmap,
	.llseek = no_llseek,
};

struct miscdevice xw_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xworld",
	.fops = &xw_fops,
};
