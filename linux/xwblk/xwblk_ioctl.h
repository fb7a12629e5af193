/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioctls of /dev/xwblkN (xwblk.ko), for tests and benchmarks; root only.
 * XWBLK_IOC_RAW hands a request to the secure side exactly as given (no
 * checks on this side): the secure side's checks must answer it.
 */
#ifndef XWBLK_IOCTL_H
#define XWBLK_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>

#include "xw/blk_abi.h"

struct xwblk_raw {
	struct xw_blk_req req; /* in */
	__s32 status;          /* out: 0 or a negative XW_E* from the secure side */
	__u32 reserved;
};

struct xwblk_stats {
	__u64 done, rejected, dev_irqs; /* secure side, this disk */
	__u64 world_switches;           /* entries into the secure world, all CPUs */
	__u64 kicks, notify_irqs;       /* this side: doorbell SMCs, completion interrupts */
	__u32 nqueues, depth;
	/* Appended: secure side, this disk (BLK_STATS pages 1 and 2, docs/block.md). */
	__u64 dev_reqs, dev_ticks;      /* device requests, summed submit-to-reap counter ticks */
	__u64 dev_inflight_max;         /* most device requests in flight at once */
	__u64 reaped_kick, reaped_irq;  /* device completions found by a doorbell / interrupt */
	__u64 cntfrq;                   /* counter ticks per second */
};

#define XWBLK_IOC_RAW   _IOWR('X', 0x40, struct xwblk_raw)
#define XWBLK_IOC_STATS _IOR('X', 0x41, struct xwblk_stats)

#endif
