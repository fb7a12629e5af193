/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: telling the normal world. Each makes the
 * normal world's interrupt for one purpose pending (an edge SPI the device
 * tree names), after a barrier that orders the writes it announces before it.
 */
#ifndef XW_SK_ARCH_NOTIFY_H
#define XW_SK_ARCH_NOTIFY_H

/** arch_ns_notify() - channel data or space (/firmware/crossworld's interrupt). */
void arch_ns_notify(void);

/** arch_blk_notify() - block completions (the xwblk node's interrupt). */
void arch_blk_notify(void);

#endif
