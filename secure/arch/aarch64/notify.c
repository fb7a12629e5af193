// SPDX-License-Identifier: BSD-2-Clause
/*
 * Notification of the normal world: the secure kernel sets the notify SPI
 * pending at the distributor (GICD_ISPENDR). The SPI is non-secure Group 1
 * (monitor gicv3.c), so Linux takes it as an ordinary IRQ - after the SMC
 * returns, because S-EL1 runs with interrupts masked. Edge-triggered in the
 * device tree: a software-set pending bit needs no de-assertion.
 */
#include "arch/gicv3.h"
#include "../../core/chan_svc.h"
#include "plat_memmap.h"

void arch_ns_notify(void)
{
	arch_gic_set_pending(XW_NS_NOTIFY_INTID); /* after the ring writes */
}
