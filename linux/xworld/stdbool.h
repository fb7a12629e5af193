/* SPDX-License-Identifier: BSD-2-Clause */
/* Kernel stand-in for <stdbool.h>: <linux/types.h> has bool, true, false. */
#ifndef XW_KCOMPAT_STDBOOL_H
#define XW_KCOMPAT_STDBOOL_H
#include <linux/types.h>
#endif
