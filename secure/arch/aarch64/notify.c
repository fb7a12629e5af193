// SPDX-License-Identifier: BSD-2-Clause
/*
 * Notification of the normal world: the secure kernel sets the notify SPI
 * pending at the distributor (GICD_ISPENDR). The SPI is non-secure Group 1
 * (monitor gicv3.c), so Linux takes it as an ordinary IRQ - after the SMC
 * returns, because S-EL1 runs with interrupts masked. Edge-triggered in the
 * device tree: a software-set pending bit needs no de-assertion.
 */
#include "../../../monitor/arch/aarch64/sysreg.h"
#include "../../core/chan_svc.h"
#include "plat_memmap.h"

#define GICD_ISPENDR 0x0200

void arch_ns_notify(void)
{
	dsb_sy(); /* the ring writes before the interrupt */
	mmio_write32(XW_GICD_BASE + GICD_ISPENDR + 4 * (XW_NS_NOTIFY_INTID / 32),
		     1U << (XW_NS_NOTIFY_INTID % 32));
}
