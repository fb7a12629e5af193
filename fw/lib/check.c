// SPDX-License-Identifier: BSD-2-Clause
/* A failed XW_CHECK in firmware: one log line, then this CPU stops for good. */
#include "xw/check.h"

#include "arch/cpu.h"
#include "fw/log.h"

void xw_check_failed(const char *file, int line, const char *what)
{
	xw_log("CHECK failed: %s:%d: %s\n", file, line, what);
	/*
	 * Interrupts masked, so nothing resumes this CPU's secure state; a
	 * normal world waiting on it waits forever, which is safer than
	 * serving it from a state an invariant says is wrong.
	 */
	arch_cpu_halt();
}
