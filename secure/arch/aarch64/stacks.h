/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Layout of the secure kernel's per-CPU stacks (start.S, memprot.c, mmu.c);
 * plain constants, included from assembly. Each CPU owns one slot in the
 * .bss.stacks section, 4 KiB aligned, from its lowest address up:
 *
 *   guard 4 KiB | exception stack 4 KiB | guard 4 KiB | kernel stack 8 KiB
 *
 * The guards are left unmapped, so running off the bottom of either stack
 * faults instead of overwriting what lies below. The kernel runs on SP_EL0
 * (SPSel = 0): a fault, including a stack overflow, is taken on SP_EL1, the
 * exception stack, which is still good, and can be reported.
 */
#ifndef XW_SK_STACKS_H
#define XW_SK_STACKS_H

#define SK_MAX_CPUS        8
#define SK_GUARD_SIZE      0x1000
#define SK_EXC_STACK_SIZE  0x1000
#define SK_STACK_SIZE      0x2000
#define SK_STACK_SLOT      (2 * SK_GUARD_SIZE + SK_EXC_STACK_SIZE + SK_STACK_SIZE)
/* Exception stack top = kernel stack top - this */
#define SK_EXC_TOP_BELOW   (SK_GUARD_SIZE + SK_STACK_SIZE)
/* Emergency stacks for an exception taken on SP_EL1 itself, per CPU */
#define SK_PANIC_STACK_SHIFT 11

/* The saved-register frame of a synchronous exception (memprot.c) */
#define SK_FRAME_X30   240
#define SK_FRAME_ELR   248
#define SK_FRAME_SPSR  256
#define SK_FRAME_SP    264
#define SK_FRAME_SIZE  272

#endif
