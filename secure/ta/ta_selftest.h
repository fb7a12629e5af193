/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Boot-time known-answer check of the TA signature path (portable): SHA-256
 * of "abc", one real RSA-PSS signature accepted under the root key and the
 * same with a changed hash refused. Proves the Debian library works where it
 * is linked (S-EL1: no libc, a fixed arena, another config than the host's).
 */
#ifndef XW_TA_SELFTEST_H
#define XW_TA_SELFTEST_H

#include <stddef.h>

/* Return: 0 if every answer is right, -1 otherwise. */
int xw_ta_selftest(void);

/* S-EL1 only (ta_libc.c): the most the crypto arena has held, in bytes. */
size_t xw_ta_heap_peak(void);

#endif
