/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel stand-in for <stdint.h>, so that the channel library (lib/, C11)
 * builds unchanged inside xworld.ko: the kernel's own fixed-width types plus
 * the few macros the library uses. <stdatomic.h> is gcc's own (Kbuild
 * -idirafter): its builtins compile to LDAR/STLR/DMB on arm64.
 */
#ifndef XW_KCOMPAT_STDINT_H
#define XW_KCOMPAT_STDINT_H
#include <linux/types.h>
#include <linux/limits.h>
#ifndef UINT64_C
#define UINT64_C(c) c##ULL
#endif
#ifndef UINT64_MAX
#define UINT64_MAX U64_MAX
#endif
#ifndef UINT32_MAX
#define UINT32_MAX U32_MAX
#endif
#endif
