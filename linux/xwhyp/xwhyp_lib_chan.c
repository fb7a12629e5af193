// SPDX-License-Identifier: BSD-2-Clause
/* The channel library, built into xwhyp.ko from its one copy in lib/. */
#include "chan.c"
