// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the TA dev kit's libmbedtls.a (and the one libutils.a object it pulls,
 * fault_mitigation.o) need from a C library, for the S-EL1 kernel only: the
 * allocator over a fixed secure arena, the string functions the firmware's
 * libc lacks, the stack protector they were compiled with, and inert
 * versions of the calls only their self-tests make (printf, rand). Hosted
 * builds use the host's library and libc instead.
 */
#include <stddef.h>
#include <stdint.h>

#include "fw/log.h"
#include "ta_arena.h"

/* An RSA-2048 verification peaks at 4.8 KiB (boot log); room for every secure thread at once. */
#define XW_TA_HEAP_SIZE (96U * 1024U)

static _Alignas(16) uint8_t heap[XW_TA_HEAP_SIZE];
static struct xw_arena arena;
static int arena_ready; /* set by the first caller under the lock below */
static arch_spinlock_t init_lock = ARCH_SPINLOCK_INIT;

void *calloc(size_t n, size_t sz);
size_t xw_ta_heap_peak(void);
void free(void *p);
int memcmp(const void *a, const void *b, size_t n);
void *memmove(void *d, const void *s, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int printf(const char *fmt, ...);
int puts(const char *s);
int putchar(int c);
int rand(void);
void *mempool_alloc(void *pool, size_t size);
void *mempool_calloc(void *pool, size_t nmemb, size_t size);
void mempool_free(void *pool, void *ptr);
void __stack_chk_fail(void);
void TEE_Panic(uint32_t code);

static struct xw_arena *the_arena(void)
{
	if (!__atomic_load_n(&arena_ready, __ATOMIC_ACQUIRE)) {
		arch_spin_lock(&init_lock);
		if (!arena_ready) {
			xw_arena_init(&arena, heap, sizeof(heap));
			__atomic_store_n(&arena_ready, 1, __ATOMIC_RELEASE);
		}
		arch_spin_unlock(&init_lock);
	}
	return &arena;
}

size_t xw_ta_heap_peak(void)
{
	return the_arena()->peak;
}

void *calloc(size_t n, size_t sz)
{
	return xw_arena_calloc(the_arena(), n, sz);
}

void free(void *p)
{
	xw_arena_free(the_arena(), p);
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != q[i]) {
			return p[i] < q[i] ? -1 : 1;
		}
	}
	return 0;
}

__attribute__((optimize("no-tree-loop-distribute-patterns"))) void *memmove(void *d, const void *s,
									     size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	if (p < q) {
		while (n-- > 0) {
			*p++ = *q++;
		}
	} else {
		while (n-- > 0) {
			p[n] = q[n];
		}
	}
	return d;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != 0) {
		n++;
	}
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a != 0 && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Only the library's self-tests print or draw random numbers; none runs here. */
int printf(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int puts(const char *s)
{
	(void)s;
	return 0;
}

int putchar(int c)
{
	return c;
}

int rand(void)
{
	return 0;
}

/*
 * OP-TEE's memory pools: the dev kit's bignum code takes the numbers of an
 * RSA context from its pool (mbedtls_mpi_mempool, which nobody sets here).
 * Every pool is the arena.
 */
void *mempool_alloc(void *pool, size_t size)
{
	(void)pool;
	return calloc(1, size);
}

void *mempool_calloc(void *pool, size_t nmemb, size_t size)
{
	(void)pool;
	return calloc(nmemb, size);
}

void mempool_free(void *pool, void *ptr)
{
	(void)pool;
	free(ptr);
}

/* The library is built with -fstack-protector-strong: a fixed canary, and a
 * smashed stack or a fault-mitigation mismatch stops this CPU. */
uintptr_t __stack_chk_guard = 0x5e17a9c3d2b1f00dUL;

static void __attribute__((noreturn)) stop(const char *why)
{
	xw_log("sk: crypto library: %s, CPU stopped\n", why);
	for (;;) {
		__asm__ volatile("wfe");
	}
}

void __stack_chk_fail(void)
{
	stop("stack smashed");
}

void TEE_Panic(uint32_t code)
{
	(void)code;
	stop("fault mitigation check failed");
}
