// SPDX-License-Identifier: BSD-2-Clause
/* sk/arch/time.h on AArch64: the generic timer's physical count (CNTPCT_EL0). */
#include "sk/arch/time.h"

#include "arch/sysreg.h"

uint64_t arch_now(void)
{
	return arch_counter_now();
}

uint64_t arch_now_freq(void)
{
	return arch_counter_freq();
}
