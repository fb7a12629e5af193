/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's one spinlock (monitor and secure kernel; the hosted build
 * has the same contract in fw/arch/host/include/arch/spinlock.h). A waiter
 * sleeps in WFE with the lock word in its exclusive monitor: the holder's
 * release store clears that monitor, which is an event, so the waiter wakes
 * exactly when the word changes instead of hammering the interconnect.
 *
 * Exclusives need memory the global monitor covers: Normal cacheable memory,
 * which is why every lock lives in RAM mapped Normal Write-Back with the MMU
 * on (docs/boot.md).
 */
#ifndef XW_ARCH_SPINLOCK_H
#define XW_ARCH_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint32_t v; /* 0 free, 1 held */
} arch_spinlock_t;

#define ARCH_SPINLOCK_INIT { 0 }

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	uint32_t tmp, fail;

	__asm__ volatile(
		"	sevl\n"
		"1:	wfe\n"
		"2:	ldaxr	%w0, [%2]\n"
		"	cbnz	%w0, 1b\n"
		"	stxr	%w1, %w3, [%2]\n"
		"	cbnz	%w1, 2b\n"
		: "=&r"(tmp), "=&r"(fail)
		: "r"(&l->v), "r"(1U)
		: "memory");
}

/** arch_spin_trylock() - take @l if it is free. Return: true if taken. */
static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	return __atomic_exchange_n(&l->v, 1U, __ATOMIC_ACQUIRE) == 0;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0U, __ATOMIC_RELEASE); /* stlr: wakes the WFE waiters */
}

/*
 * The fully ordered pair, for a handshake of a flag with the lock ("set the
 * flag, then try the lock" against "release the lock, then read the flag":
 * one of the two must see the other). Sequentially consistent accesses to the
 * lock word, so neither side's flag access can pass it.
 */
static inline bool arch_spin_trylock_full(arch_spinlock_t *l)
{
	return __atomic_exchange_n(&l->v, 1U, __ATOMIC_SEQ_CST) == 0;
}

static inline void arch_spin_unlock_full(arch_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0U, __ATOMIC_SEQ_CST);
}

#endif
