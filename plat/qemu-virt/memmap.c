// SPDX-License-Identifier: BSD-2-Clause
/*
 * The NS gate's tables for QEMU virt (include/xw/plat/plat.h): what the
 * secure world owns or reserves, and which normal-world RAM it may map.
 * Portable: also linked into the host unit tests, which check every front
 * end against every entry (tests/unit/test_ns_gate.c).
 *
 * A range belongs here if a normal-world address could name it, even if no
 * normal-world RAM covers it on this board today: the gate refuses it on its
 * own, so a board whose RAM grows over a device or a carve-out stays safe.
 */
#include "xw/plat/plat.h"
#include "plat_memmap.h"

static const struct xw_mem_range reserved[] = {
	/* -bios loads the firmware here; QEMU makes bank 0 (64 MiB) secure-only. */
	{ XW_FLASH_BASE, XW_SEC_FLASH_SIZE, XW_MEM_FLASH, "secure flash" },
	/* GICD, ITS and the redistributors: the secure kernel programs them. */
	{ XW_GICD_BASE, XW_GIC_WINDOW_SIZE, XW_MEM_DEVICE, "GIC" },
	{ XW_SEC_UART_BASE, 0x1000, XW_MEM_DEVICE, "secure UART" },
	{ XW_SEC_GPIO_BASE, 0x1000, XW_MEM_DEVICE, "secure GPIO" },
	/* The secure disk's virtio-mmio transport (docs/block.md). */
	{ XW_VBLK_MMIO_BASE, XW_VBLK_MMIO_SIZE, XW_MEM_DEVICE, "secure virtio-mmio" },
	/* The secure entropy source's transport (docs/entropy.md). */
	{ XW_VRNG_MMIO_BASE, XW_VRNG_MMIO_SIZE, XW_MEM_DEVICE, "secure virtio-rng" },
	{ XW_SEC_RAM_BASE, XW_SEC_RAM_SIZE, XW_MEM_SEC_RAM, "secure RAM" },
	/* Virtqueues and request headers: NS RAM the device DMAs to, ours only. */
	{ XW_BLK_CARVE_BASE, XW_BLK_CARVE_SIZE, XW_MEM_CARVE, "block carve-out" },
	{ XW_RNG_CARVE_BASE, XW_RNG_CARVE_SIZE, XW_MEM_CARVE, "entropy carve-out" },
};

static const struct xw_mem_range ns_ram[] = {
	{ XW_NS_RAM_BASE, XW_NS_SHM_RAM_SIZE, XW_MEM_NS_RAM, "NS RAM" },
};

const struct xw_mem_range *plat_reserved_ranges(unsigned int *n)
{
	*n = (unsigned int)(sizeof(reserved) / sizeof(reserved[0]));
	return reserved;
}

const struct xw_mem_range *plat_ns_ram_ranges(unsigned int *n)
{
	*n = (unsigned int)(sizeof(ns_ram) / sizeof(ns_ram[0]));
	return ns_ram;
}
