// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 security set-up from EL3: every interrupt is non-secure Group 1
 * except the secure physical timer, which is secure Group 1 so that it is
 * signalled as FIQ (routed to EL3) while the normal world runs. The CPU
 * interface is opened to the system-register interface for lower ELs.
 */
#include "gicv3.h"

#include "plat_memmap.h"
#include "sysreg.h"

#define GICD_CTLR      0x0000
#define GICD_TYPER     0x0004
#define GICD_IGROUPR   0x0080
#define GICD_IGRPMODR  0x0d00
#define CTLR_GRP0      (1U << 0)
#define CTLR_GRP1NS    (1U << 1)
#define CTLR_GRP1S     (1U << 2)
#define CTLR_ARE_S     (1U << 4)
#define CTLR_ARE_NS    (1U << 5)
#define CTLR_RWP       (1U << 31)

#define GICR_TYPER     0x0008
#define GICR_WAKER     0x0014
#define TYPER_LAST     (1UL << 4)
#define WAKER_PSLEEP   (1U << 1)
#define WAKER_CASLEEP  (1U << 2)
#define SGI_FRAME      0x10000
#define GICR_IGROUPR0  (SGI_FRAME + 0x0080)
#define GICR_ISENABLER0 (SGI_FRAME + 0x0100)
#define GICR_IPRIORITY (SGI_FRAME + 0x0400)
#define GICR_IGRPMODR0 (SGI_FRAME + 0x0d00)

#define ICC_PMR_EL1      "S3_0_C4_C6_0"
#define ICC_SRE_EL1      "S3_0_C12_C12_5"
#define ICC_SRE_EL2      "S3_4_C12_C9_5"
#define ICC_SRE_EL3      "S3_6_C12_C12_5"
#define ICC_IGRPEN1_EL3  "S3_6_C12_C12_7"
#define ICC_IGRPEN0_EL1  "S3_0_C12_C12_6"
#define ICC_SGI0R_EL1    "S3_0_C12_C11_7"
#define ICC_IAR0_EL1     "S3_0_C12_C8_0"
#define ICC_EOIR0_EL1    "S3_0_C12_C8_1"
#define SRE_SRE    (1UL << 0)
#define SRE_DFB    (1UL << 1)
#define SRE_DIB    (1UL << 2)
#define SRE_ENABLE (1UL << 3)

/* Secure priority: in the upper half, so no non-secure priority masks it. */
#define SEC_PRIORITY 0x20
#define WAKE_PRIORITY 0x10

static void wait_rwp(void)
{
	while (mmio_read32(XW_GICD_BASE + GICD_CTLR) & CTLR_RWP) {
	}
}

unsigned int xw_gic_count_cpus(void)
{
	uintptr_t rd = XW_GICR_BASE;
	unsigned int n = 1;

	while (!(mmio_read64(rd + GICR_TYPER) & TYPER_LAST) && n < 64) {
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
	mmio_write32(XW_GICD_BASE + GICD_CTLR, CTLR_ARE_S | CTLR_ARE_NS);
	wait_rwp();
	/* SPIs (from INTID 32): all non-secure Group 1. */
	for (i = 1; i < lines; i++) {
		mmio_write32(XW_GICD_BASE + GICD_IGROUPR + 4 * i, 0xffffffffU);
		mmio_write32(XW_GICD_BASE + GICD_IGRPMODR + 4 * i, 0);
	}
	mmio_write32(XW_GICD_BASE + GICD_CTLR,
		     CTLR_ARE_S | CTLR_ARE_NS | CTLR_GRP0 | CTLR_GRP1NS | CTLR_GRP1S);
	wait_rwp();
}

static uintptr_t find_redist(uint64_t mpidr)
{
	uintptr_t rd = XW_GICR_BASE;
	/* GICR_TYPER[63:32] = Aff3.Aff2.Aff1.Aff0 */
	uint64_t want = ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
	uint64_t t;

	for (;;) {
		t = mmio_read64(rd + GICR_TYPER);
		if ((t >> 32) == want) {
			return rd;
		}
		if (t & TYPER_LAST) {
			return 0;
		}
		rd += XW_GICR_STRIDE;
	}
}

int xw_gic_cpu_init(int has_el2)
{
	uintptr_t rd = find_redist(read_sysreg(mpidr_el1));
	uint32_t w;
	uint64_t scr;

	if (rd == 0) {
		return -1;
	}
	w = mmio_read32(rd + GICR_WAKER);
	mmio_write32(rd + GICR_WAKER, w & ~WAKER_PSLEEP);
	while (mmio_read32(rd + GICR_WAKER) & WAKER_CASLEEP) {
	}
	/*
	 * SGIs and PPIs: non-secure Group 1, except the secure timer (secure
	 * Group 1) and the wake-up SGI (Group 0: only EL3 sends and takes it).
	 */
	mmio_write32(rd + GICR_IGROUPR0, ~(1U << XW_SEC_TIMER_INTID | 1U << XW_MON_WAKE_SGI));
	mmio_write32(rd + GICR_IGRPMODR0, 1U << XW_SEC_TIMER_INTID);
	*(volatile uint8_t *)(rd + GICR_IPRIORITY + XW_SEC_TIMER_INTID) = SEC_PRIORITY;
	*(volatile uint8_t *)(rd + GICR_IPRIORITY + XW_MON_WAKE_SGI) = WAKE_PRIORITY;
	mmio_write32(rd + GICR_ISENABLER0, 1U << XW_MON_WAKE_SGI);

	write_sysreg_s(ICC_SRE_EL3, SRE_ENABLE | SRE_DIB | SRE_DFB | SRE_SRE);
	isb();
	if (has_el2) {
		write_sysreg_s(ICC_SRE_EL2, SRE_ENABLE | SRE_DIB | SRE_DFB | SRE_SRE);
	}
	/* ICC_SRE_EL1 is banked: set the secure copy, then the non-secure one. */
	scr = read_sysreg(scr_el3);
	write_sysreg(scr_el3, scr & ~SCR_NS);
	isb();
	write_sysreg_s(ICC_SRE_EL1, SRE_DIB | SRE_DFB | SRE_SRE);
	write_sysreg(scr_el3, scr | SCR_NS);
	isb();
	write_sysreg_s(ICC_SRE_EL1, SRE_DIB | SRE_DFB | SRE_SRE);
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

	if (id >= 1020) {
		return -1; /* nothing pending (1023) or special */
	}
	write_sysreg_s(ICC_EOIR0_EL1, id);
	isb();
	return (int)id;
}
