// SPDX-License-Identifier: BSD-2-Clause
/*
 * The two libc functions the compiler may emit calls to in freestanding code.
 *
 * Word copies where both pointers share an 8-byte alignment (the common case:
 * channel rings, shared-memory pages, message buffers), bytes otherwise. Only
 * aligned accesses: EL3 runs with its MMU off, where memory is Device and an
 * unaligned access faults. The loop-pattern optimisation is off so that gcc
 * does not turn these loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>

#define XW_NOPATTERN __attribute__((optimize("no-tree-loop-distribute-patterns")))

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

XW_NOPATTERN void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;
	uint64_t w = 0x0101010101010101ULL * (unsigned char)c;

	while (n > 0 && ((uintptr_t)p & 7) != 0) {
		*p++ = (unsigned char)c;
		n--;
	}
	for (; n >= 8; n -= 8, p += 8) {
		*(uint64_t *)(void *)p = w;
	}
	while (n-- > 0) {
		*p++ = (unsigned char)c;
	}
	return d;
}

XW_NOPATTERN void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	if ((((uintptr_t)p ^ (uintptr_t)q) & 7) == 0) {
		while (n > 0 && ((uintptr_t)p & 7) != 0) {
			*p++ = *q++;
			n--;
		}
		for (; n >= 32; n -= 32, p += 32, q += 32) {
			const uint64_t *src = (const void *)q;
			uint64_t *dst = (void *)p;
			uint64_t a = src[0], b = src[1], e = src[2], f = src[3];

			dst[0] = a;
			dst[1] = b;
			dst[2] = e;
			dst[3] = f;
		}
		for (; n >= 8; n -= 8, p += 8, q += 8) {
			*(uint64_t *)(void *)p = *(const uint64_t *)(const void *)q;
		}
	}
	while (n-- > 0) {
		*p++ = *q++;
	}
	return d;
}
