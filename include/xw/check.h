/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * XW_CHECK(cond): an always-on internal invariant (docs/errors.md). It states
 * something the code itself guarantees - a reference count that cannot be
 * zero here, a state a lock makes impossible - never something about input:
 * normal-world values are validated and answered with an XW_E* code, they
 * never reach a CHECK unvalidated. When one fails, the state it guarded is
 * already wrong, and going on could hand the normal world someone else's
 * memory: so the CPU stops, after one line naming the file, line and
 * condition.
 *
 * Firmware (freestanding): xw_check_failed() in fw/lib/check.c logs and halts
 * the CPU with interrupts masked. Hosted builds (unit tests, fuzzers, the
 * hosted port): it prints to stderr and aborts, which the test runner and
 * libFuzzer report as a failure.
 */
#ifndef XW_CHECK_H
#define XW_CHECK_H

#if __STDC_HOSTED__ && !defined(__KERNEL__)
#include <stdio.h>
#include <stdlib.h>

static inline __attribute__((noreturn)) void xw_check_failed(const char *file, int line,
							    const char *what)
{
	fprintf(stderr, "CHECK failed: %s:%d: %s\n", file, line, what);
	abort();
}
#else
void xw_check_failed(const char *file, int line, const char *what) __attribute__((noreturn));
#endif

#define XW_CHECK(cond)                                            \
	do {                                                      \
		if (__builtin_expect(!(cond), 0)) {               \
			xw_check_failed(__FILE__, __LINE__, #cond); \
		}                                                 \
	} while (0)

#endif
