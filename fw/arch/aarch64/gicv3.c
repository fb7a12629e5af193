// SPDX-License-Identifier: BSD-2-Clause
/* GICv3 helpers shared by the EL3 monitor and the S-EL1 secure kernel. */
#include "arch/gicv3.h"

#include "arch/sysreg.h"
#include "plat_memmap.h"

uintptr_t arch_gic_redist(uint64_t mpidr)
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
		if (t & GICR_TYPER_LAST) {
			return 0;
		}
		rd += XW_GICR_STRIDE;
	}
}

void arch_gic_set_pending(uint32_t intid)
{
	dsb_sy(); /* what the interrupt announces is visible before it */
	mmio_write32(XW_GICD_BASE + GICD_ISPENDR + 4 * (intid / 32), 1U << (intid % 32));
}
