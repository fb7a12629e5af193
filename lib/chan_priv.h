/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals shared by lib/chan*.c: accessors for words in shared memory and
 * the copy hook. Everything the peer can write is reached only through these.
 */
#ifndef XW_CHAN_PRIV_H
#define XW_CHAN_PRIV_H

#include <xw/channel.h>

/* A platform without a usable __builtin_memcpy (or wanting a fault-trapping copy) overrides it. */
#ifndef XW_CHAN_MEMCPY
#define XW_CHAN_MEMCPY(d, s, n) __builtin_memcpy((d), (s), (n))
#endif
#ifndef XW_CHAN_MEMSET
#define XW_CHAN_MEMSET(d, c, n) __builtin_memset((d), (c), (n))
#endif

#define XW_CHAN_MSG_MAX (UINT64_C(1) << 62)

/* Shared words are plain memory to the peer; to us they are atomics. */
static inline _Atomic uint32_t *xw_sh32(volatile uint32_t *p)
{
	return (_Atomic uint32_t *)(uintptr_t)p;
}

static inline void *xw_unvol(volatile void *p)
{
	return (void *)(uintptr_t)p;
}

static inline uint32_t xw_align16(uint32_t x)
{
	return (x + (XW_CHAN_REC_ALIGN - 1)) & ~(XW_CHAN_REC_ALIGN - 1);
}

/* True if moving an index from `old` to `cur` crossed event index `ev` (virtio's rule). */
static inline bool xw_need_event(uint32_t ev, uint32_t cur, uint32_t old)
{
	return (uint32_t)(cur - ev - 1) < (uint32_t)(cur - old);
}

/* A polite busy-wait step: lets the core (or its SMT sibling) breathe while spinning. */
static inline void xw_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
}

static inline void xw_clean(struct xw_chan *ch, const volatile void *p, size_t n)
{
	if (ch->ops && ch->ops->cache_clean)
		ch->ops->cache_clean(ch->ctx, p, n);
}

static inline void xw_inval(struct xw_chan *ch, const volatile void *p, size_t n)
{
	if (ch->ops && ch->ops->cache_inval)
		ch->ops->cache_inval(ch->ctx, p, n);
}

#endif /* XW_CHAN_PRIV_H */
