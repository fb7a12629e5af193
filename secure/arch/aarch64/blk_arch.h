/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_BLK_ARCH_H
#define XW_SK_BLK_ARCH_H

#include <stdint.h>

/** sk_blk_init() - boot CPU, after the NS window: find the disks, log them. */
void sk_blk_init(void);
/** sk_blk_fiq() - a secure interrupt @intid: 1 if it was the block device's. */
int sk_blk_fiq(uint32_t intid);

#endif
