/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_BLK_ARCH_H
#define XW_SK_BLK_ARCH_H

#include <stdint.h>

/** sk_blk_init() - boot CPU, after the NS window: find the disks, log them. */
void sk_blk_init(void);
/** sk_blk_fiq() - a secure interrupt @intid: 1 if it was the block device's. */
int sk_blk_fiq(uint32_t intid);
/** sk_blk_cpu_on() - @cpu (Aff0) came online: it may take the device's interrupt. */
void sk_blk_cpu_on(unsigned int cpu);
/**
 * sk_blk_cpu_off() - @cpu goes off: if the device's SPI targets it, route the
 * SPI to another online CPU (GICD_IROUTER), then harvest what the device
 * already finished, so no completion waits for CPU 0's return or a doorbell.
 */
void sk_blk_cpu_off(unsigned int cpu);

#endif
