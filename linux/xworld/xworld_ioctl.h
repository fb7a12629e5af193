/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev/xworld ioctls (shared by xworld.ko, libxw and xwctl). Usage: open,
 * XW_IOC_BIND a service by name, then write() and read() whole messages.
 */
#ifndef XWORLD_IOCTL_H
#define XWORLD_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define XW_SVC_NAME_MAX 24

/* Largest message through /dev/xworld (write, read, batches): larger is EMSGSIZE. */
#define XW_IOC_MSG_MAX (64ull << 20)

/* Bind this file's channel to a secure service (once). */
struct xw_ioc_bind {
	char name[XW_SVC_NAME_MAX]; /* NUL-padded, e.g. "echo" */
};

/* The secure service list: index in, name out (-ENOENT past the end). */
struct xw_ioc_svc {
	__u32 index;
	__u32 reserved;
	char name[XW_SVC_NAME_MAX];
};

/* Statistics of this file's channel, of the driver and of the secure side. */
struct xw_ioc_stats {
	__u64 tx_msgs, tx_bytes, rx_msgs, rx_bytes;
	__u64 doorbells;        /* notifications normal -> secure (this file) */
	__u64 irqs;             /* notifications taken: SPIs (driver) + this file's doorbell returns */
	__u64 sec_regions;      /* regions registered in the secure world now */
	__u64 sec_pages;        /* their pages */
	__u64 sec_notifies;     /* interrupts the secure side raised, ever */
	__u64 next_len;         /* length of the next message, or ~0 if none */
};

/*
 * Batches: many whole messages in one system call (streaming small messages
 * without a syscall, or a doorbell, per message). One entry per message.
 */
struct xw_ioc_msg {
	__u64 buf;              /* user address */
	__u64 len;              /* SENDV: length; RECVV: in capacity, out length */
};

struct xw_ioc_batch {
	__u64 msgs;             /* user address of struct xw_ioc_msg[count] */
	__u32 count;            /* entries (1..XW_IOC_BATCH_MAX) */
	__u32 done;             /* out: messages sent / received */
};

#define XW_IOC_BATCH_MAX 1024

/*
 * A loop of xw_kernel_call() (the kernel's own per-CPU channels) on the CPU the
 * caller runs on: `count` messages of `size` bytes to `name`; echo replies are
 * checked byte for byte. Any file of /dev/xworld, bound or not.
 */
struct xw_ioc_kbench {
	char name[XW_SVC_NAME_MAX];
	__u32 size;             /* in: bytes per message (<= XW_KCALL_MAX) */
	__u32 count;            /* in: messages */
	__u32 cpu;              /* out: the CPU whose channel was used */
	__u32 reserved;
	__u64 ns;               /* out: wall time of the loop */
	__u64 bad;              /* out: replies that differed */
};

#define XW_KCALL_MAX (1u << 20)

#define XW_IOC_MAGIC 'X'
#define XW_IOC_BIND  _IOW(XW_IOC_MAGIC, 1, struct xw_ioc_bind)
#define XW_IOC_SVC   _IOWR(XW_IOC_MAGIC, 2, struct xw_ioc_svc)
#define XW_IOC_STATS _IOR(XW_IOC_MAGIC, 3, struct xw_ioc_stats)
/*
 * SENDV: sends entries in order, publishing (and ringing the doorbell) once at
 * the end, or when the ring fills. RECVV: receives up to `count` messages,
 * waiting (unless O_NONBLOCK) only for the first; stops early at an empty ring
 * or at a message longer than its entry's capacity (left unconsumed; `done`
 * says where, and that entry's len is set to the size needed). Both return 0
 * if at least one message moved, else the error write()/read() would give.
 */
#define XW_IOC_SENDV _IOWR(XW_IOC_MAGIC, 4, struct xw_ioc_batch)
#define XW_IOC_RECVV _IOWR(XW_IOC_MAGIC, 5, struct xw_ioc_batch)
#define XW_IOC_KBENCH _IOWR(XW_IOC_MAGIC, 6, struct xw_ioc_kbench)
/*
 * NODELAY (__u32 0 or 1): 1 = every write() publishes its message and rings
 * the doorbell at once; 0 (default) = doorbells of consecutive write()s are
 * coalesced: deferred at most the module's coalesce_us (default 1 ms), and
 * rung at once by a read, a poll, a write that blocks, or a quarter-full
 * ring (docs/normal-world.md). Like TCP_NODELAY.
 */
#define XW_IOC_NODELAY _IOW(XW_IOC_MAGIC, 7, __u32)

/*
 * Zero-copy (docs/channel.md, "Zero-copy"). SETUP hands this file's send
 * reference area to the caller's allocations (once; -EBUSY if write() already
 * used it) and says how large both areas are. Map them with MAP_SHARED: the
 * send area at XW_ZC_MMAP_TX read-write, the receive area at XW_ZC_MMAP_RX
 * read-only. Offsets below are byte offsets in the area.
 *   ZC_GET      in len (1..tx_size): out off of a reserved piece (waits for
 *               the secure side to free one unless O_NONBLOCK: -EAGAIN;
 *               -ENOSPC if only uncommitted reservations fill the area).
 *   ZC_COMMIT   sends the first len bytes (0..reserved) of the piece at off as
 *               one whole message; the piece is the driver's again afterwards.
 *   ZC_CANCEL   gives the piece at off back unsent.
 *   ZC_RECV     the next message: if it came as one REF record, held in place
 *               (flags XW_ZC_HELD, off/len in the receive area) until
 *               ZC_RELEASE; otherwise nothing is consumed and flags
 *               XW_ZC_COPY says read() it (len = its length). One held at a
 *               time: read(), RECVV and ZC_RECV give -EBUSY meanwhile.
 *   ZC_RELEASE  consumes the held message at off.
 * A wrong off (never reserved, out of the area, committed twice, released
 * twice) is -EINVAL; nothing changes.
 */
struct xw_ioc_zc_setup {
	__u64 tx_size;          /* out: send area bytes (0: none) */
	__u64 rx_size;          /* out: receive area bytes (0: none) */
};

struct xw_ioc_zc_buf {
	__u64 off;
	__u64 len;
	__u32 flags;            /* ZC_RECV out: XW_ZC_HELD or XW_ZC_COPY; in: 0 */
	__u32 reserved;         /* 0 */
};

#define XW_ZC_HELD 1u
#define XW_ZC_COPY 2u

/* mmap() offsets of the areas. */
#define XW_ZC_MMAP_TX 0ull
#define XW_ZC_MMAP_RX (1ull << 30)

#define XW_IOC_ZC_SETUP   _IOR(XW_IOC_MAGIC, 8, struct xw_ioc_zc_setup)
#define XW_IOC_ZC_GET     _IOWR(XW_IOC_MAGIC, 9, struct xw_ioc_zc_buf)
#define XW_IOC_ZC_COMMIT  _IOW(XW_IOC_MAGIC, 10, struct xw_ioc_zc_buf)
#define XW_IOC_ZC_CANCEL  _IOW(XW_IOC_MAGIC, 11, struct xw_ioc_zc_buf)
#define XW_IOC_ZC_RECV    _IOWR(XW_IOC_MAGIC, 12, struct xw_ioc_zc_buf)
#define XW_IOC_ZC_RELEASE _IOW(XW_IOC_MAGIC, 13, struct xw_ioc_zc_buf)

#endif
