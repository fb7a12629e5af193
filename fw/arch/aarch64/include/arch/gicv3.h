/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv3 for both firmware images (EL3 monitor, S-EL1 secure kernel): the
 * register map (offsets from the distributor / redistributor bases of the
 * board, plat_memmap.h) and the few helpers both images need. One copy: the
 * monitor sets the security of every interrupt up, the secure kernel raises
 * SPIs at the normal world and enables its own interrupts.
 */
#ifndef XW_ARCH_GICV3_H
#define XW_ARCH_GICV3_H

#include <stdint.h>

/* Distributor */
#define GICD_CTLR        0x0000
#define GICD_TYPER       0x0004
#define GICD_IGROUPR     0x0080
#define GICD_ISENABLER   0x0100
#define GICD_ISPENDR     0x0200
#define GICD_IPRIORITYR  0x0400
#define GICD_IGRPMODR    0x0d00
#define GICD_IROUTER     0x6000
#define GICD_CTLR_GRP0     (1U << 0)
#define GICD_CTLR_GRP1NS   (1U << 1)
#define GICD_CTLR_GRP1S    (1U << 2)
#define GICD_CTLR_ARE_S    (1U << 4)
#define GICD_CTLR_ARE_NS   (1U << 5)
#define GICD_CTLR_RWP      (1U << 31)

/* Redistributor: RD frame, then the SGI/PPI frame 64 KiB above it */
#define GICR_TYPER       0x0008
#define GICR_WAKER       0x0014
#define GICR_TYPER_LAST  (1UL << 4)
#define GICR_WAKER_PSLEEP  (1U << 1)
#define GICR_WAKER_CASLEEP (1U << 2)
#define GICR_SGI_FRAME   0x10000
#define GICR_IGROUPR0    (GICR_SGI_FRAME + 0x0080)
#define GICR_ISENABLER0  (GICR_SGI_FRAME + 0x0100)
#define GICR_ICENABLER0  (GICR_SGI_FRAME + 0x0180)
#define GICR_IPRIORITYR  (GICR_SGI_FRAME + 0x0400)
#define GICR_IGRPMODR0   (GICR_SGI_FRAME + 0x0d00)

/* CPU interface system registers (by encoding: older binutils lack the names) */
#define ICC_PMR_EL1      "S3_0_C4_C6_0"
#define ICC_IAR0_EL1     "S3_0_C12_C8_0"
#define ICC_EOIR0_EL1    "S3_0_C12_C8_1"
#define ICC_SGI0R_EL1    "S3_0_C12_C11_7"
#define ICC_IAR1_EL1     "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1    "S3_0_C12_C12_1"
#define ICC_SRE_EL1      "S3_0_C12_C12_5"
#define ICC_IGRPEN0_EL1  "S3_0_C12_C12_6"
#define ICC_SRE_EL2      "S3_4_C12_C9_5"
#define ICC_SRE_EL3      "S3_6_C12_C12_5"
#define ICC_IGRPEN1_EL3  "S3_6_C12_C12_7"
#define ICC_SRE_SRE      (1UL << 0)
#define ICC_SRE_DFB      (1UL << 1)
#define ICC_SRE_DIB      (1UL << 2)
#define ICC_SRE_ENABLE   (1UL << 3)

/* INTIDs 1020..1023 are special (1023: nothing pending). */
#define GIC_INTID_SPECIAL 1020

/*
 * Secure priority: in the upper half of the range, so that no priority the
 * normal world can program masks a secure interrupt.
 */
#define GIC_SEC_PRIORITY 0x20

/**
 * arch_gic_redist() - the redistributor frame of the CPU with affinity @mpidr.
 * Return: its base address, or 0 if no frame up to the last one matches.
 */
uintptr_t arch_gic_redist(uint64_t mpidr);

/**
 * arch_gic_set_pending() - make SPI @intid pending at the distributor, after a
 * barrier that orders every earlier memory write (what the interrupt announces)
 * before it. Used to notify the normal world: its SPIs are edge-triggered
 * non-secure Group 1, so a pending bit set by software needs no de-assertion.
 */
void arch_gic_set_pending(uint32_t intid);

#endif
