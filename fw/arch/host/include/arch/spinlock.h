/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The spinlock contract (fw/arch/aarch64/include/arch/spinlock.h) for the
 * hosted build of portable firmware code (unit tests, fuzzers): plain C11
 * atomics, which ThreadSanitizer understands.
 */
#ifndef XW_ARCH_SPINLOCK_H
#define XW_ARCH_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint32_t v; /* 0 free, 1 held */
} arch_spinlock_t;

#define ARCH_SPINLOCK_INIT { 0 }

static inline void arch_spin_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	while (__atomic_exchange_n(&l->v, 1U, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&l->v, __ATOMIC_RELAXED) != 0) {
			arch_spin_relax();
		}
	}
}

/** arch_spin_trylock() - take @l if it is free. Return: true if taken. */
static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	return __atomic_exchange_n(&l->v, 1U, __ATOMIC_ACQUIRE) == 0;
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0U, __ATOMIC_RELEASE);
}

/* The fully ordered pair: see the AArch64 header. */
static inline bool arch_spin_trylock_full(arch_spinlock_t *l)
{
	return __atomic_exchange_n(&l->v, 1U, __ATOMIC_SEQ_CST) == 0;
}

static inline void arch_spin_unlock_full(arch_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0U, __ATOMIC_SEQ_CST);
}

#endif
