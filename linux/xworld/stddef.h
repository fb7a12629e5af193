/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel stand-in for <stddef.h> (see stdint.h here). */
#ifndef XW_KCOMPAT_STDDEF_H
#define XW_KCOMPAT_STDDEF_H
#include <linux/stddef.h>
#include <linux/types.h>
#endif
