/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: interrupts that wait while it runs
 * (S-EL1 runs with interrupts masked; a long call polls and leaves with a
 * foreign-interrupt RPC when the normal world has one pending).
 */
#ifndef XW_SK_ARCH_IRQ_H
#define XW_SK_ARCH_IRQ_H

#include <stdbool.h>

/** arch_foreign_pending() - is a normal-world interrupt waiting? */
bool arch_foreign_pending(void);

#endif
