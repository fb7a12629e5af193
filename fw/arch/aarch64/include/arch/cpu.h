/* SPDX-License-Identifier: BSD-2-Clause */
/* This CPU's own state: halting it for good. */
#ifndef XW_ARCH_CPU_H
#define XW_ARCH_CPU_H

/**
 * arch_cpu_halt() - stop this CPU: every interrupt masked, then WFI forever, so
 * nothing resumes the state it was in (a failed invariant, a fatal fault).
 */
static inline __attribute__((noreturn)) void arch_cpu_halt(void)
{
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;) {
		__asm__ volatile("wfi" ::: "memory");
	}
}

#endif
