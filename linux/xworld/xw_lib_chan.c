// SPDX-License-Identifier: BSD-2-Clause
/* The channel library, built into xworld.ko from its one copy in lib/. */
#include "chan.c"
