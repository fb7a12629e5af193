/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure kernel's memory layout as the MMU and the fault handler see it:
 * section bounds from sk.ld, and every stack guard page (docs/boot.md).
 */
#ifndef XW_SK_MEMPROT_H
#define XW_SK_MEMPROT_H

#include <stddef.h>
#include <stdint.h>

#include "../../core/fault.h"

extern char __sk_text_end[], __sk_rodata_end[], __sk_end[];

/** sk_layout() - the region table (text, rodata, data, guards); @n: entries. */
const struct xw_fault_region *sk_layout(size_t *n);

/** sk_memprot_selftest() - provoke each forbidden access once, print PASS/FAIL. */
void sk_memprot_selftest(void);

/* The OP-TEE front end's secure thread stacks (optee_arch.c) */
/** sk_thread_stack_guard() - VA of thread @t's guard page; its stack sits above it. */
uintptr_t sk_thread_stack_guard(unsigned int t);
uintptr_t sk_thread_stack_top(unsigned int t);

#endif
