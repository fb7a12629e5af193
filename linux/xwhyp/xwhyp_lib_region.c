// SPDX-License-Identifier: BSD-2-Clause
/* The channel library's region code, built into xwhyp.ko from lib/. */
#include "chan_region.c"
