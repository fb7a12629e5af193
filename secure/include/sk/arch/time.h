/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: time. One free-running counter for
 * every timestamp (OP-TEE waits and GET_TIME, block latency statistics).
 * AArch64: the generic timer's physical count; hosted: CLOCK_MONOTONIC in ns,
 * or a virtual clock the tests step (host_clock_step()).
 */
#ifndef XW_SK_ARCH_TIME_H
#define XW_SK_ARCH_TIME_H

#include <stdint.h>

/** arch_now() - the counter now; never goes backwards on one CPU. */
uint64_t arch_now(void);

/** arch_now_freq() - counter ticks per second. */
uint64_t arch_now_freq(void);

#endif
