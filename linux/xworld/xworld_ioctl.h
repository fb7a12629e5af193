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
	__u64 irqs;             /* notification interrupts taken (driver) */
	__u64 sec_regions;      /* regions registered in the secure world now */
	__u64 sec_pages;        /* their pages */
	__u64 sec_notifies;     /* interrupts the secure side raised, ever */
	__u64 next_len;         /* length of the next message, or ~0 if none */
};

#define XW_IOC_MAGIC 'X'
#define XW_IOC_BIND  _IOW(XW_IOC_MAGIC, 1, struct xw_ioc_bind)
#define XW_IOC_SVC   _IOWR(XW_IOC_MAGIC, 2, struct xw_ioc_svc)
#define XW_IOC_STATS _IOR(XW_IOC_MAGIC, 3, struct xw_ioc_stats)

#endif
