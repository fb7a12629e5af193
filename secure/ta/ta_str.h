/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The few string helpers the TA code needs: the firmware's C library has
 * memcpy and memset only, and the same files build hosted.
 */
#ifndef XW_TA_STR_H
#define XW_TA_STR_H

#include <stdbool.h>
#include <stddef.h>

static inline bool xw_ta_memeq(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i] != y[i]) {
			return false;
		}
	}
	return true;
}

static inline size_t xw_ta_strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0') {
		n++;
	}
	return n;
}

static inline bool xw_ta_streq(const char *a, const char *b)
{
	size_t i;

	for (i = 0; a[i] == b[i]; i++) {
		if (a[i] == '\0') {
			return true;
		}
	}
	return false;
}

#endif
