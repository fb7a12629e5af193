// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 security set-up from EL3: every interrupt is non-secure Group 1
 * except the secure physical timer, which is secure Group 1 so that it is
 * signalled as FIQ (routed to EL3) while the normal world runs. The CPU
 * interface is opened to the system-register interface for lower ELs.
 */
#include "gicv3.h"

#include "arch/gicv3.h"
#include "arch/sysreg.h"
#include "plat_memmap.h"

#define WAKE_PRIORITY 0x10

static void wait_rwp(void)
{
	while (mmio_read32(XW_GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP) {
	}
}

unsigned int xw_gic_count_cpus(void)
{
	uintptr_t rd = XW_GICR_BASE;
	unsigned int n = 1;

	while (!(mmio_read64(rd + GICR_TYPER) & GICR_TYPER_LAST) && n < 64) {
		rd += XW_GICR_STRIDE;
		n++;
	}
	return n;
}

void xw_gic_dist_init(void)
{
	unsigned int lines = (mmio_read32(XW_GICD_BASE + GICD_TYPER) & 0x1f) + 1;
	unsigned int i;

	mmio_write32(XW_GICD_BASE + GICD_CTLR, 0);
	wait_rwp();
	mmio_write32(XW_GICD_BASE + GICD_CTLR, GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS);
	wait_rwp();
	/* SPIs (from INTID 32): all non-secure Group 1. */
	for (i = 1; i < lines; i++) {
		mmio_write32(XW_GICD_BASE + GICD_IGROUPR + 4 * i, 0xffffffffU);
		mmio_write32(XW_GICD_BASE + GICD_IGRPMODR + 4 * i, 0);
	}
	mmio_write32(XW_GICD_BASE + GICD_CTLR,
		     GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS | GICD_CTLR_GRP0 | GICD_CTLR_GRP1NS | GICD_CTLR_GRP1S);
	wait_rwp();
}

int xw_gic_cpu_init(int has_el2)
{
	uintptr_t rd = arch_gic_redist(read_sysreg(mpidr_el1));
	uint32_t w;
	uint64_t scr;

	if (rd == 0) {
		return -1;
	}
	w = mmio_read32(rd + GICR_WAKER);
	mmio_write32(rd + GICR_WAKER, w & ~GICR_WAKER_PSLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_CASLEEP) {
	}
	/*
	 * SGIs and PPIs: non-secure Group 1, except the secure timer (secure
	 * Group 1) and the wake-up SGI (Group 0: only EL3 sends and takes it).
	 */
	mmio_write32(rd + GICR_IGROUPR0, ~(1U << XW_SEC_TIMER_INTID | 1U << XW_MON_WAKE_SGI));
	mmio_write32(rd + GICR_IGRPMODR0, 1U << XW_SEC_TIMER_INTID);
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + XW_SEC_TIMER_INTID) = GIC_SEC_PRIORITY;
	*(volatile uint8_t *)(rd + GICR_IPRIORITYR + XW_MON_WAKE_SGI) = WAKE_PRIORITY;
	mmio_write32(rd + GICR_ISENABLER0, 1U << XW_MON_WAKE_SGI);

	write_sysreg_s(ICC_SRE_EL3, ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
	isb();
	if (has_el2) {
		write_sysreg_s(ICC_SRE_EL2, ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
	}
	/* ICC_SRE_EL1 is banked: set the secure copy, then the non-secure one. */
	scr = read_sysreg(scr_el3);
	write_sysreg(scr_el3, scr & ~SCR_NS);
	isb();
	write_sysreg_s(ICC_SRE_EL1, ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
	write_sysreg(scr_el3, scr | SCR_NS);
	isb();
	write_sysreg_s(ICC_SRE_EL1, ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
	write_sysreg(scr_el3, scr);
	isb();
	/* Unmask every priority until a lower EL chooses otherwise. */
	write_sysreg_s(ICC_PMR_EL1, 0xff);
	write_sysreg_s(ICC_IGRPEN1_EL3, 3); /* Group 1 NS and S */
	write_sysreg_s(ICC_IGRPEN0_EL1, 1);
	isb();
	return 0;
}

void xw_gic_send_wake(uint64_t mpidr)
{
	/* TargetList holds Aff0 bits 0..15; Aff1..Aff3 select the cluster. */
	uint64_t v = (uint64_t)XW_MON_WAKE_SGI << 24 | 1UL << (mpidr & 0xf) |
		     ((mpidr >> 8) & 0xff) << 16 | ((mpidr >> 16) & 0xff) << 32 |
		     ((mpidr >> 32) & 0xff) << 48;

	/* Make the PSCI state the target will read visible before it wakes. */
	dsb_sy();
	write_sysreg_s(ICC_SGI0R_EL1, v);
	isb();
}

int xw_gic_ack_group0(void)
{
	uint64_t id = read_sysreg_s(ICC_IAR0_EL1);

	if (id >= GIC_INTID_SPECIAL) {
		return -1; /* nothing pending (1023) or special */
	}
	write_sysreg_s(ICC_EOIR0_EL1, id);
	isb();
	return (int)id;
}
