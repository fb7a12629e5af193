// SPDX-License-Identifier: BSD-2-Clause
/*
 * Power-off and reset through the secure PL061: QEMU's virt board wires line 0
 * to its power-off input and line 1 to reset (dtb: gpio-poweroff/-restart).
 * QEMU exits with status 0 on the power-off edge.
 */
#include <stdint.h>

#include "plat_memmap.h"
#include "xw/plat/plat.h"

#define GPIODIR 0x400

static void __attribute__((noreturn)) pulse(unsigned int line)
{
	volatile uint32_t *dir = (volatile uint32_t *)(XW_SEC_GPIO_BASE + GPIODIR);
	/* PL061 data accesses are masked by address bits 9:2: one line only. */
	volatile uint32_t *data =
		(volatile uint32_t *)(uintptr_t)(XW_SEC_GPIO_BASE + ((1U << line) << 2));

	*data = 0;
	*dir |= 1U << line;
	*data = 1U << line;
	for (;;) {
		__asm__ volatile("wfi");
	}
}

void plat_system_off(void)
{
	pulse(XW_GPIO_LINE_POWEROFF);
}

void plat_system_reset(void)
{
	pulse(XW_GPIO_LINE_RESTART);
}
