// SPDX-License-Identifier: BSD-2-Clause
/*
 * Batches of whole messages per system call (XW_IOC_SENDV / XW_IOC_RECVV): the
 * index is published, and the ring space given back, once per batch rather
 * than once per message; the messages go through a kernel bounce buffer.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <xw/channel.h>

#include "xworld_ioctl.h"
#include "xworld_priv.h"

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

long xw_sendv(struct file *file, unsigned long arg)
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
		if (m[i].len > XW_BOUNCE && !(file->f_flags & O_NONBLOCK)) {
			/* Large: straight from the user buffer, no kernel copy. */
			rc = xw_send_user(f, u64_to_user_ptr(m[i].buf), m[i].len);
			if (rc)
				break;
			continue;
		}
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

long xw_recvv(struct file *file, unsigned long arg)
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
	xw_coalesce_kick(f);
	mutex_lock(&f->rx_lock);
	/* A message held in place (XW_IOC_ZC_RECV) comes first: its release consumes it. */
	rc = -EBUSY;
	for (i = 0; i < b.count && !f->rx_held; i++) {
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
		if (need > XW_BOUNCE) {
			/* Large: straight into the user buffer, no kernel copy. */
			rc = xw_recv_user(f, u64_to_user_ptr(m[i].buf), need, XW_CHAN_MORE);
			if (rc)
				break;
			m[i].len = need;
			continue;
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
