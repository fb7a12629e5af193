// SPDX-License-Identifier: BSD-2-Clause
/* Secure log on the secure-only PL011 (QEMU's second serial port). */
#include <stdint.h>

#include "plat_memmap.h"
#include "xw/plat/plat.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define FR_TXFF (1U << 5)

void plat_log_putc(char c)
{
	volatile uint32_t *base = (volatile uint32_t *)XW_SEC_UART_BASE;

	while (base[UART_FR / 4] & FR_TXFF) {
	}
	base[UART_DR / 4] = (uint8_t)c;
}
