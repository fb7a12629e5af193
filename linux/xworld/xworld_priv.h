/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals shared by the module's files: xw_main.c (probe), xw_transport.c
 * (SMC, interrupt, library hooks, kernel-buffer send/receive), xw_fops.c
 * (/dev/xworld), xw_batch.c (XW_IOC_SENDV/RECVV), xw_kernel.c (per-CPU kernel
 * channels) and xw_debugfs.c (statistics, fault knob).
 */
#ifndef XWORLD_PRIV_H
#define XWORLD_PRIV_H

#include <linux/arm-smccc.h>
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#include <xw/channel.h>

#include "xworld_ioctl.h"
#include "xw_zarea.h"

struct file;
struct miscdevice;
struct vm_area_struct;

/*
 * Messages larger than this move straight between the user buffer and the
 * ring or reference area (xw_send_user/xw_recv_user): never a kernel copy.
 */
#define XW_BOUNCE   (256u << 10)
/* Largest message through /dev/xworld (read, write, batches). */
#define XW_MAX_MSG  XW_IOC_MSG_MAX

/* One channel: a region of one channel, registered and (once bound) served. */
struct xw_file {
	struct xw_chan ch;
	void *cpu;
	dma_addr_t dma;
	size_t size;
	u64 handle;
	u32 idx;                /* channel index in its region (doorbell x2) */
	bool bound;
	struct mutex tx_lock, rx_lock;
	/*
	 * Notifications for this channel (a doorbell's return said so, or the
	 * SPI came) and who sleeps for the next: a message wakes only the
	 * readers and writers of its own channel.
	 */
	atomic_t events;
	wait_queue_head_t wq;
	/*
	 * Event count snapshots taken before a library call, one per
	 * direction: a reader and a writer of one file sleep independently, and
	 * one's snapshot must not overwrite the other's (a lost wake-up).
	 */
	unsigned int seen_tx, seen_rx;
	u64 doorbells;
	u64 notify_returns;     /* doorbells whose return carried a notification */
	/*
	 * Doorbell coalescing of write() (xw_coalesce.c): messages are queued
	 * unpublished, and published (the doorbell rung) at once after a quiet
	 * spell, else at most once per coalesce_us: by a timer, by a read, poll
	 * or block of this file, or when a quarter of the ring waits.
	 */
	bool coalesce;          /* a /dev/xworld file (kernel channels never defer) */
	bool nodelay;           /* XW_IOC_NODELAY: publish at every write() */
	bool read_since_write;  /* read or poll since the last write(): publish the next */
	u64 last_flush_ns;      /* when write() last published (tx_lock) */
	struct hrtimer flush_timer;
	struct work_struct flush_work;
	u64 timer_flushes;      /* publishes the timer made (a writer that stopped) */
	/*
	 * Zero-copy (xw_zerocopy.c). Once `zc` is set the driver, not the
	 * library, allocates in the send area (zarea, under tx_lock); a
	 * received message held in place is rx_held_off/len (rx_lock).
	 */
	bool zc;
	struct xw_zarea zarea;
	bool rx_held;
	u32 rx_held_off, rx_held_len;
	struct list_head node;  /* on xw_files (xw_files_lock) */
	u32 id;                 /* number in debugfs listings */
	pid_t pid;              /* who opened it (0: the kernel's own) */
	char svc[XW_SVC_NAME_MAX + 1];
};

/* Open channels, and the counters of those already closed (xw_files_lock). */
extern struct list_head xw_files;
extern struct mutex xw_files_lock;
extern struct xw_chan_stats xw_closed;
extern u64 xw_closed_doorbells;
extern u64 xw_closed_notify_returns;
extern u64 xw_closed_timer_flushes;
extern u64 xw_closed_abandoned;
/*
 * Doorbells by cause, all channels (debugfs): the library asked for one as a
 * writer published data (XW_CHAN_EV_DATA) or as a reader freed space
 * (XW_CHAN_EV_SPACE); or one was rung again because the secure side answered
 * XW_EBUSY (served on another CPU) or "ring again" (budget used up, or the
 * application was preempted).
 */
enum { XW_DB_DATA, XW_DB_SPACE, XW_DB_BUSY, XW_DB_AGAIN, XW_DB_CAUSES };
extern atomic64_t xw_db_cause[XW_DB_CAUSES];
/* Notification interrupts taken (regions registered without XW_CHAN_REG_NOTIFY_RET). */
extern atomic_t xw_irqs;
/* Module parameter notify_irq: register without XW_CHAN_REG_NOTIFY_RET (the SPI path). */
extern bool xw_notify_irq;
/* Flags for CHAN_REGISTER (XW_CHAN_REG_NOTIFY_RET unless notify_irq). */
u64 xw_reg_flags(void);
/* SPI latency: from the doorbell return that reported a notification to the handler. */
extern atomic64_t xw_irq_lat_sum, xw_irq_lat_max, xw_irq_lat_n;

extern struct device *xw_dev;
extern const struct xw_chan_ops xw_ops;
/* Ring size per direction in KiB of each /dev/xworld channel (module parameter ring_kib). */
extern unsigned int xw_ring_kib;
/* Reference areas in KiB of each /dev/xworld channel, to / from the secure side (0: none). */
extern unsigned int xw_ref_kib, xw_ref_back_kib;
/* /dev/xworld (xw_fops.c), registered at probe. */
extern struct miscdevice xw_misc;

/* Library results and SMC statuses become errnos in one place: xw_errno() (docs/errors.md). */
#include "xw_errno.h"

void xw_smc(u64 fid, u64 a1, u64 a2, u64 a3, struct arm_smccc_res *res);
/* The notification SPI's handler: counts and wakes every open channel's sleepers. */
irqreturn_t xw_irq(int irq, void *data);
/* dma_alloc_coherent() checked to be normal cacheable RAM, zeroed. 0 or -errno. */
int xw_region_alloc(size_t size, void **cpu, dma_addr_t *dma);
/* Sets up a channel's wait queue and counters (before its first use). */
void xw_file_init(struct xw_file *f);
void xw_files_add(struct xw_file *f);
void xw_files_del(struct xw_file *f);
/* Index of a secure service by name (XW_SMC_SVC_INFO), or -ENOENT. */
long xw_svc_index(const char *name);
/* One message from / into kernel memory; see xw_transport.c. 0 or -errno. */
int xw_send_k(struct xw_file *f, const void *k, size_t len, unsigned int flags, bool nonblock);
int xw_next_len(struct xw_file *f, bool nonblock, u64 *need);
/* The next n bytes of a message of msg_len bytes, blocking, unpublished; tx_lock held. */
int xw_send_piece(struct xw_file *f, u64 msg_len, const u8 *k, size_t n);
int xw_recv_k(struct xw_file *f, void *k, u64 need, size_t *len, unsigned int flags);
/* Large messages straight between user memory and the channel (no kernel copy). */
int xw_send_user(struct xw_file *f, const char __user *ubuf, size_t len);
int xw_recv_user(struct xw_file *f, char __user *ubuf, u64 need, unsigned int flags);

/* Doorbell coalescing of write() (xw_coalesce.c); coalesce_us module parameter. */
extern unsigned int xw_coalesce_us;
void xw_coalesce_init(struct xw_file *f);
/* After a write()'s message was queued with XW_CHAN_MORE; tx_lock held. */
void xw_coalesce_after_write(struct xw_file *f);
/* Publish what write() deferred, if tx_lock is free (read, poll; never blocks). */
void xw_coalesce_kick(struct xw_file *f);
/* Publish what waits and stop the timer (nodelay set, release); sleeps. */
void xw_coalesce_stop(struct xw_file *f);

/* Zero-copy (xw_zerocopy.c): XW_IOC_ZC_*, mmap() of the areas, large write()s in zc mode. */
long xw_zc_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
int xw_zc_mmap(struct file *file, struct vm_area_struct *vma);
/* A write() of len (<= the area) in zc mode: reserve, copy in, commit; tx_lock held. */
int xw_zc_send_user(struct xw_file *f, const char __user *ubuf, size_t len);

/* XW_IOC_SENDV / XW_IOC_RECVV (xw_batch.c). */
long xw_sendv(struct file *file, unsigned long arg);
long xw_recvv(struct file *file, unsigned long arg);

/* Per-CPU kernel channels (xw_kernel.c): set up at probe, torn down at remove. */
int xw_kernel_init(void);
void xw_kernel_exit(void);
int xw_kernel_call(const char *service, const void *msg, size_t len, void *reply, size_t cap,
		   size_t *rlen);
/* XW_IOC_KBENCH: a loop of xw_kernel_call() on the calling CPU. */
long xw_kernel_bench(unsigned long arg);

/* /sys/kernel/debug/xworld/: stats, channels, corrupt. */
void xw_debugfs_init(void);
void xw_debugfs_exit(void);

#endif
