// SPDX-License-Identifier: BSD-2-Clause
/*
 * CPU topology of QEMU virt: with GICv3 QEMU puts up to 16 CPUs in cluster 0
 * (Aff0 = index), and the firmware supports XW_PLAT_MAX_CPUS of them.
 * Portable: also linked into the host unit tests.
 */
#include "xw/plat/plat.h"
#include "plat_memmap.h"

#define MPIDR_AFF_MASK 0xff00ffffffULL /* Aff3..Aff0; drops bit 31, U, MT */

int plat_mpidr_to_index(uint64_t mpidr, unsigned int ncpus)
{
	uint64_t aff = mpidr & MPIDR_AFF_MASK;

	if (aff >= ncpus || aff >= XW_PLAT_MAX_CPUS) {
		return -1;
	}
	return (int)aff;
}

uint64_t plat_index_to_mpidr(unsigned int index)
{
	return index;
}

int plat_ns_addr_ok(uint64_t pa, uint64_t len)
{
	uint64_t end = XW_NS_RAM_BASE + (uint64_t)XW_NS_RAM_MAX;

	if (pa < XW_NS_RAM_BASE || pa >= end) {
		return 0;
	}
	return len <= end - pa;
}
