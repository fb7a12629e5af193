/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: suspendable secure threads (the OP-TEE
 * front end's yielding calls, secure/abi/optee/thread.c). AArch64: a register
 * switch on per-thread stacks (ctxsw.S); hosted: one pthread per thread, with a
 * baton so only one of a CPU's threads runs at a time.
 */
#ifndef XW_SK_ARCH_THREAD_H
#define XW_SK_ARCH_THREAD_H

#include <stdbool.h>

struct arch_ctx;

/** arch_cpu_ctx() - the context of CPU @cpu's entry path (where a thread returns to). */
struct arch_ctx *arch_cpu_ctx(unsigned int cpu);

/**
 * arch_thread_run() - run thread @t (fresh: from xw_optee_thread_main(@t))
 * until it yields or its main returns; the caller's context is saved in @cpu.
 */
void arch_thread_run(struct arch_ctx *cpu, unsigned int t, bool fresh);

/** arch_thread_yield() - from thread @t back to whoever ran it. */
void arch_thread_yield(unsigned int t);

/**
 * arch_thread_abandon() - suspended thread @t will never be resumed (its
 * guest was dropped): forget its context, so that the next run of @t is a
 * fresh one. Nothing of the abandoned call runs again.
 */
void arch_thread_abandon(unsigned int t);

#endif
