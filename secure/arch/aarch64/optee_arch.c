// SPDX-License-Identifier: BSD-2-Clause
/* AArch64 side of the OP-TEE front end's thread contract (optee.h). */
#include <stdbool.h>
#include <stdint.h>

#include "arch/sysreg.h"
#include "../../abi/optee/optee.h"
#include "memprot.h"
#include "stacks.h"

#define THREAD_STACK 0x8000

/* Callee-saved state; ctxsw.S knows this layout. */
struct arch_ctx {
	uint64_t x19_x30[12];
	uint64_t sp;
};
_Static_assert(sizeof(struct arch_ctx) == 13 * 8, "ctxsw.S layout");

void sk_ctx_switch(struct arch_ctx *save, struct arch_ctx *load);
void sk_thread_trampoline(void);
void sk_thread_entry(uint64_t t) __attribute__((noreturn));
void sk_protocol_panic(void) __attribute__((noreturn));

static struct arch_ctx cpu_ctx[XW_OPTEE_MAX_CPUS];
static struct arch_ctx thread_ctx[XW_OPTEE_THREADS];
static struct arch_ctx *resumer[XW_OPTEE_THREADS];
/*
 * Each secure thread's stack sits on an unmapped guard page (mmu.c), so an
 * overflow faults and is reported by name (memprot.c) instead of running
 * into the next thread's stack.
 */
struct thread_stack {
	uint8_t guard[SK_GUARD_SIZE];
	uint8_t stack[THREAD_STACK];
};
static struct thread_stack stacks[XW_OPTEE_THREADS]
	__attribute__((aligned(4096), section(".bss.stacks")));

uintptr_t sk_thread_stack_guard(unsigned int t)
{
	return (uintptr_t)stacks[t].guard;
}

uintptr_t sk_thread_stack_top(unsigned int t)
{
	return (uintptr_t)&stacks[t].stack[THREAD_STACK];
}

struct arch_ctx *arch_cpu_ctx(unsigned int cpu)
{
	return &cpu_ctx[cpu];
}

void arch_thread_run(struct arch_ctx *cpu, unsigned int t, bool fresh)
{
	resumer[t] = cpu;
	if (fresh) {
		thread_ctx[t].x19_x30[0] = t;                                 /* x19 */
		thread_ctx[t].x19_x30[11] = (uint64_t)(uintptr_t)sk_thread_trampoline; /* x30 */
		thread_ctx[t].sp = sk_thread_stack_top(t);
	}
	sk_ctx_switch(cpu, &thread_ctx[t]);
}

void arch_thread_yield(unsigned int t)
{
	sk_ctx_switch(&thread_ctx[t], resumer[t]);
}

void arch_thread_abandon(unsigned int t)
{
	/*
	 * Nothing to undo: a suspended thread is only its saved registers and
	 * its stack, and the next (fresh) run of @t sets both up anew.
	 */
	resumer[t] = 0;
}

void sk_thread_entry(uint64_t t)
{
	struct arch_ctx dead;

	xw_optee_thread_main((unsigned int)t);
	/* Finished: back to the entry path for good; this stack is free again. */
	sk_ctx_switch(&dead, resumer[t]);
	sk_protocol_panic();
}

/* Interleaving points exist for the host tests only. */
void arch_optee_point(enum xw_optee_point p, uint64_t cookie)
{
	(void)p;
	(void)cookie;
}

bool arch_foreign_pending(void)
{
	/* ISR_EL1.I/F: an interrupt is pending though masked here (DAIF). */
	return (read_sysreg(isr_el1) & (3UL << 6)) != 0;
}

