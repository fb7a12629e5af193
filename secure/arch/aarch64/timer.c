// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure physical timer (CNTPS_*, PPI 29) and the secure Group 1 CPU
 * interface. The monitor made PPI 29 secure Group 1 with a secure priority;
 * here it is only enabled, acknowledged and ended.
 */
#include "timer.h"

#include "arch/gicv3.h"
#include "arch/sysreg.h"
#include "plat_memmap.h"

/* This CPU's redistributor; the monitor found it at CPU_ON, so it exists. */
static uintptr_t my_redist(void)
{
	return arch_gic_redist(read_sysreg(mpidr_el1));
}

void sk_timer_rearm(uint32_t hz)
{
	write_sysreg(cntps_tval_el1, arch_counter_freq() / hz);
}

void sk_timer_start(uint32_t hz)
{
	sk_timer_rearm(hz);
	write_sysreg(cntps_ctl_el1, 1); /* enabled, not masked */
	mmio_write32(my_redist() + GICR_ISENABLER0, 1U << XW_SEC_TIMER_INTID);
	isb();
}

void sk_timer_stop(void)
{
	write_sysreg(cntps_ctl_el1, 0);
	mmio_write32(my_redist() + GICR_ICENABLER0, 1U << XW_SEC_TIMER_INTID);
	dsb_sy();
}

uint32_t sk_irq_ack(void)
{
	uint32_t id = (uint32_t)read_sysreg_s(ICC_IAR1_EL1) & 0xffffff;

	__asm__ volatile("dsb sy" ::: "memory");
	return id;
}

void sk_irq_eoi(uint32_t intid)
{
	write_sysreg_s(ICC_EOIR1_EL1, intid);
	isb();
}
