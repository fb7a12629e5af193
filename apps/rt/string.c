// SPDX-License-Identifier: BSD-2-Clause
/*
 * The freestanding helpers an application needs. Not picolibc: Debian's
 * picolibc for aarch64 implements memcpy/memset with FP/SIMD registers, and
 * the secure world switches no FP state (docs/apps.md).
 */
#include "xwapp.h"

void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	/* Word copies when both are aligned: the data path of every service. */
	if ((((uintptr_t)dp | (uintptr_t)sp) & 7) == 0) {
		for (; n >= 8; n -= 8, dp += 8, sp += 8) {
			*(uint64_t *)(void *)dp = *(const uint64_t *)(const void *)sp;
		}
	}
	while (n--) {
		*dp++ = *sp++;
	}
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	if (dp <= sp || dp >= sp + n) {
		return memcpy(d, s, n);
	}
	while (n--) {
		dp[n] = sp[n];
	}
	return d;
}

void *memset(void *d, int c, size_t n)
{
	uint8_t *dp = d;

	while (n--) {
		*dp++ = (uint8_t)c;
	}
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i] != y[i]) {
			return x[i] < y[i] ? -1 : 1;
		}
	}
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

size_t xw_fmt_u64(char *buf, uint64_t v)
{
	char t[20];
	size_t n = 0, i;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++) {
		buf[i] = t[n - 1 - i];
	}
	buf[n] = '\0';
	return n;
}
