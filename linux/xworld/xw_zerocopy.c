// SPDX-License-Identifier: BSD-2-Clause
/*
 * Zero-copy /dev/xworld (XW_IOC_ZC_*, mmap): a process maps its channel's
 * reference areas (docs/abi.md "REF records") and builds a message to send in
 * place, or reads a received one in place, instead of write()/read() copying
 * it once between its buffer and the area.
 *
 * What a hostile or buggy process can and cannot do:
 *   - it maps only the area pages of its own channel (the areas start and end
 *     on page boundaries: xw_fops.c formats the region page-aligned), the send
 *     area writable, the receive area read-only (VM_MAYWRITE cleared, so no
 *     mprotect() can add write); rings and headers are never mapped;
 *   - it names pieces only by offsets the driver handed out: every commit,
 *     cancel and release is checked against the driver's own allocation state
 *     (xw_zarea.c) or held record, never against anything in shared memory;
 *   - it may rewrite a piece after committing it: the secure side reads REF
 *     payload once and copies what it validates, so that only changes the
 *     bytes of its own message;
 *   - it can hold a received message, which only stalls its own channel.
 * The mapping holds a reference to the file, so the region outlives every
 * mapping (release runs after the last munmap). Pieces outstanding at close
 * need nothing: the region goes as a whole after the secure side let go.
 * After fork() parent and child share the open file: reservations and a held
 * message belong to the file, and both processes go through the same locks.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include <xw/channel.h>

#include "xworld_ioctl.h"
#include "xworld_priv.h"

/* Area offsets in the region (the library validated the header we formatted). */
static size_t tx_area_off(struct xw_file *f)
{
	return (size_t)((const volatile u8 *)f->ch.tx_bulk - (const u8 *)f->cpu);
}

static size_t rx_area_off(struct xw_file *f)
{
	return (size_t)((const volatile u8 *)f->ch.rx_bulk - (const u8 *)f->cpu);
}

static long zc_setup(struct xw_file *f, unsigned long arg)
{
	struct xw_ioc_zc_setup s = { 0 };
	struct xw_chan_stats cs;
	long rc = 0;

	mutex_lock(&f->tx_lock);
	if (!f->zc && f->ch.tx_bulk_size) {
		xw_chan_get_stats(&f->ch, &cs);
		/* The library's own pieces would still be in flight: it must never have used the area. */
		if (cs.refs_sent || f->ch.tx.in_msg || !PAGE_ALIGNED(tx_area_off(f))) {
			rc = -EBUSY;
		} else {
			xw_chan_set_ref_min(&f->ch, 0);
			xw_zarea_init(&f->zarea, f->ch.tx_bulk_size);
			f->zc = true;
		}
	}
	mutex_unlock(&f->tx_lock);
	if (rc)
		return rc;
	s.tx_size = f->zc ? f->zarea.size : 0;
	s.rx_size = f->ch.rx_bulk_size && PAGE_ALIGNED(rx_area_off(f)) ? f->ch.rx_bulk_size : 0;
	return copy_to_user((void __user *)arg, &s, sizeof(s)) ? -EFAULT : 0;
}

static bool zc_passed(void *ctx, u32 mark)
{
	return xw_chan_tx_wait_past(ctx, mark, 0) == 0;
}

/*
 * Reserves `len` bytes of the send area; tx_lock held. Waits (unless
 * nonblock) while pieces the secure side has not consumed yet block it.
 */
static int zc_reserve(struct xw_file *f, u32 len, bool nonblock, u32 *off)
{
	u32 oldest = 0;
	unsigned int inflight;
	int rc;

	for (;;) {
		inflight = xw_zarea_reclaim(&f->zarea, zc_passed, &f->ch, f->ch.tx.prod, &oldest);
		rc = xw_zarea_reserve(&f->zarea, len, off);
		if (rc != XW_ENOSPC && rc != XW_ENOMEM)
			return xw_errno(rc);
		/* Only the caller's own uncommitted reservations fill it: waiting would never end. */
		if (!inflight)
			return -ENOSPC;
		if (nonblock)
			return -EAGAIN;
		f->seen_tx = atomic_read(&f->events);
		rc = xw_chan_tx_wait_past(&f->ch, oldest, 1);
		if (rc && rc != XW_ETIMEDOUT && rc != XW_EAGAIN)
			return xw_errno(rc);
		if (signal_pending(current))
			return -EINTR;
	}
}

/*
 * Sends piece i's first len bytes as one message, queued with XW_CHAN_MORE;
 * with `coalesce`, coalescing publishes it as it does a write()'s (else the
 * caller publishes: write() and batches do it themselves); tx_lock held.
 */
static int zc_commit(struct xw_file *f, int i, u32 len, bool nonblock, bool coalesce)
{
	u32 mark;
	int rc;

	if (len == 0) {
		/* The empty message has no REF form: one record in the ring. */
		rc = xw_send_k(f, "", 0, XW_CHAN_MORE, nonblock);
		if (rc == 0) {
			xw_zarea_free(&f->zarea, i);
			if (coalesce)
				xw_coalesce_after_write(f);
		}
		return rc;
	}
	for (;;) {
		f->seen_tx = atomic_read(&f->events);
		rc = xw_chan_send_ref(&f->ch, f->zarea.p[i].off, len, &mark, nonblock ? 0 : 1,
				      XW_CHAN_MORE);
		if (rc == 0)
			break;
		if (rc != XW_ETIMEDOUT && rc != XW_EAGAIN)
			return xw_errno(rc);
		/* Nothing was queued: the piece stays reserved, the caller may retry. */
		if (nonblock)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
	}
	xw_zarea_sent(&f->zarea, i, len, mark);
	if (coalesce)
		xw_coalesce_after_write(f);
	return 0;
}

/* The reserved piece the user names by its offset (checked: at most the area's size), or -EINVAL. */
static int zc_piece(struct xw_file *f, const struct xw_ioc_zc_buf *b, u64 len)
{
	int i;

	if (b->off > f->zarea.size)
		return -EINVAL;
	i = xw_zarea_find_reserved(&f->zarea, (u32)b->off, len);
	return i < 0 ? -EINVAL : i;
}

/*
 * A large write() in zero-copy mode: the driver reserves a piece itself and
 * copies the user's buffer into it (the one copy write() always makes).
 * -ENOSPC if the process's own reservations fill the area (the caller then
 * streams through the ring).
 */
int xw_zc_send_user(struct xw_file *f, const char __user *ubuf, size_t len)
{
	u32 off;
	int rc, i;

	rc = zc_reserve(f, (u32)len, false, &off);
	if (rc)
		return rc;
	i = xw_zarea_find_reserved(&f->zarea, off, len);
	if (copy_from_user((void *)((u8 *)f->ch.tx_bulk + off), ubuf, len)) {
		xw_zarea_free(&f->zarea, i);
		return -EFAULT;
	}
	rc = zc_commit(f, i, (u32)len, false, false);
	if (rc)
		xw_zarea_free(&f->zarea, i);
	return rc;
}

/* The next message held in place, or how long it is if it must be read(); rx_lock held. */
static int zc_recv(struct xw_file *f, bool nonblock, struct xw_ioc_zc_buf *b)
{
	u32 off, len;
	u64 need;
	int rc;

	if (f->rx_held)
		return -EBUSY;
	rc = xw_next_len(f, nonblock, &need);
	if (rc == 1) {
		b->len = 0; /* an empty message, consumed: nothing to hold */
		b->flags = XW_ZC_HELD;
		return 0;
	}
	if (rc)
		return rc;
	rc = xw_chan_peek_ref(&f->ch, &off, &len);
	if (rc == XW_ENOTSUP || (rc == 0 && !PAGE_ALIGNED(rx_area_off(f)))) {
		b->len = need;
		b->flags = XW_ZC_COPY;
		return 0;
	}
	if (rc)
		return xw_errno(rc);
	f->rx_held_off = off;
	f->rx_held_len = len;
	WRITE_ONCE(f->rx_held, true);
	b->off = off;
	b->len = len;
	b->flags = XW_ZC_HELD;
	return 0;
}

/* Consumes the held message (its record, and its piece goes back to the secure side); rx_lock held. */
static int zc_release(struct xw_file *f, u64 off)
{
	size_t got;
	bool eom;
	int rc;

	if (!f->rx_held || off != f->rx_held_off)
		return -EINVAL;
	rc = xw_chan_recv_with(&f->ch, NULL, NULL, f->rx_held_len, &got, &eom, 0, 0);
	WRITE_ONCE(f->rx_held, false);
	if (rc)
		return xw_errno(rc);
	return got == f->rx_held_len && eom ? 0 : -EIO;
}

long xw_zc_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xw_file *f = file->private_data;
	bool nonblock = file->f_flags & O_NONBLOCK;
	struct xw_ioc_zc_buf b;
	u32 off;
	int rc, i;

	if (cmd == XW_IOC_ZC_SETUP)
		return zc_setup(f, arg);
	if (copy_from_user(&b, (void __user *)arg, sizeof(b)))
		return -EFAULT;
	if (b.flags || b.reserved)
		return -EINVAL;
	if (!f->bound)
		return -ENOTCONN;
	switch (cmd) {
	case XW_IOC_ZC_GET:
	case XW_IOC_ZC_COMMIT:
	case XW_IOC_ZC_CANCEL:
		if (!f->zc)
			return -EINVAL; /* XW_IOC_ZC_SETUP first */
		break;
	case XW_IOC_ZC_RECV:
	case XW_IOC_ZC_RELEASE:
		if (!f->ch.rx_bulk_size)
			return -EOPNOTSUPP;
		break;
	default:
		return -ENOTTY;
	}
	switch (cmd) {
	case XW_IOC_ZC_GET:
		if (b.len == 0)
			return -EINVAL;
		if (b.len > f->zarea.size)
			return -EMSGSIZE;
		mutex_lock(&f->tx_lock);
		rc = zc_reserve(f, (u32)b.len, nonblock, &off);
		mutex_unlock(&f->tx_lock);
		if (rc)
			return rc;
		b.off = off;
		if (copy_to_user((void __user *)arg, &b, sizeof(b))) {
			/* The caller cannot learn the offset: the piece must not stay lost. */
			mutex_lock(&f->tx_lock);
			i = xw_zarea_find_reserved(&f->zarea, off, 0);
			if (i >= 0)
				xw_zarea_free(&f->zarea, i);
			mutex_unlock(&f->tx_lock);
			return -EFAULT;
		}
		return 0;
	case XW_IOC_ZC_COMMIT:
	case XW_IOC_ZC_CANCEL:
		mutex_lock(&f->tx_lock);
		i = zc_piece(f, &b, cmd == XW_IOC_ZC_COMMIT ? b.len : 0);
		if (i >= 0 && cmd == XW_IOC_ZC_CANCEL)
			xw_zarea_free(&f->zarea, i);
		else if (i >= 0)
			i = zc_commit(f, i, (u32)b.len, nonblock, true);
		mutex_unlock(&f->tx_lock);
		return i < 0 ? i : 0;
	case XW_IOC_ZC_RECV:
		/* A request this file's writer deferred goes out before we wait for its reply. */
		xw_coalesce_kick(f);
		mutex_lock(&f->rx_lock);
		rc = zc_recv(f, nonblock, &b);
		mutex_unlock(&f->rx_lock);
		if (rc)
			return rc;
		if (copy_to_user((void __user *)arg, &b, sizeof(b))) {
			/* The caller cannot learn the offset: un-hold (nothing was consumed). */
			mutex_lock(&f->rx_lock);
			WRITE_ONCE(f->rx_held, false);
			mutex_unlock(&f->rx_lock);
			return -EFAULT;
		}
		return 0;
	default: /* XW_IOC_ZC_RELEASE */
		mutex_lock(&f->rx_lock);
		rc = zc_release(f, b.off);
		mutex_unlock(&f->rx_lock);
		return rc;
	}
}

int xw_zc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct xw_file *f = file->private_data;
	unsigned long len = vma->vm_end - vma->vm_start;
	size_t off, size;

	/* A private mapping of these pages would be copy-on-write: nonsense for a shared area. */
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_pgoff == XW_ZC_MMAP_TX >> PAGE_SHIFT) {
		if (!f->zc)
			return -EINVAL; /* XW_IOC_ZC_SETUP first: until then write() owns the area */
		off = tx_area_off(f);
		size = f->ch.tx_bulk_size;
	} else if (vma->vm_pgoff == XW_ZC_MMAP_RX >> PAGE_SHIFT) {
		/* The secure side writes it; the process only reads. */
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vma->vm_flags &= ~VM_MAYWRITE;
		off = rx_area_off(f);
		size = f->ch.rx_bulk_size;
	} else {
		return -EINVAL;
	}
	if (!size || !PAGE_ALIGNED(off) || len > PAGE_ALIGN(size))
		return -EINVAL;
	/* The region is normal cacheable RAM (xw_region_alloc()): the default attributes match. */
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(f->dma + off), len, vma->vm_page_prot);
}
