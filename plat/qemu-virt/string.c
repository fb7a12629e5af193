// SPDX-License-Identifier: BSD-2-Clause
/* The two libc functions the compiler may emit calls to in freestanding code. */
#include <stddef.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *p = d; /* volatile: keep gcc from calling memset here */

	while (n-- > 0) {
		*p++ = (unsigned char)c;
	}
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *p = d;
	const unsigned char *q = s;

	while (n-- > 0) {
		*p++ = *q++;
	}
	return d;
}
