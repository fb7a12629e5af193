/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Platform contract of the firmware (monitor and secure kernel). Each board in
 * plat/<board>/ implements these; portable code calls nothing else of a board.
 */
#ifndef XW_PLAT_PLAT_H
#define XW_PLAT_PLAT_H

#include <stdint.h>

/**
 * plat_mpidr_to_index() - linear CPU index of an MPIDR value.
 * @mpidr: MPIDR_EL1 value or a PSCI target_cpu (bit 31 and MT/U bits ignored).
 * @ncpus: CPUs present.
 * Return: index in [0, ncpus), or -1 if no such CPU exists.
 */
int plat_mpidr_to_index(uint64_t mpidr, unsigned int ncpus);

/** plat_index_to_mpidr() - affinity fields of CPU @index (inverse of the above). */
uint64_t plat_index_to_mpidr(unsigned int index);

/** plat_ns_addr_ok() - true if [pa, pa+len) lies wholly in normal-world RAM (PSCI entry points). */
int plat_ns_addr_ok(uint64_t pa, uint64_t len);

/**
 * struct xw_mem_range - one physical range of the board's memory map.
 * @base, @size: [base, base + size), size > 0, no wrap.
 * @kind: XW_MEM_* below (what the range is, for logs, docs and xw_ns_map_own()).
 * @name: short human-readable name (logs, test messages).
 */
struct xw_mem_range {
	uint64_t base;
	uint64_t size;
	uint32_t kind;
	const char *name;
};

#define XW_MEM_NS_RAM   0 /* normal-world RAM (plat_ns_ram_ranges() only) */
#define XW_MEM_SEC_RAM  1 /* secure-only RAM: monitor, secure kernel */
#define XW_MEM_CARVE    2 /* NS RAM the secure world keeps for itself (device DMA rings) */
#define XW_MEM_DEVICE   3 /* registers of a device the secure world owns or shares */
#define XW_MEM_FLASH    4 /* secure firmware flash */

/**
 * plat_reserved_ranges() - every physical range the secure world owns or
 * reserves: secure RAM, carve-outs in NS RAM, device windows, flash. No
 * normal-world address may touch one (secure/core/nsmem.c, the NS gate).
 * @n: set to the number of entries.
 * Return: a static table, constant for the life of the system.
 */
const struct xw_mem_range *plat_reserved_ranges(unsigned int *n);

/**
 * plat_ns_ram_ranges() - the normal-world RAM the secure world may map on the
 * normal world's behalf (shared memory, call arguments, block queues). A
 * normal-world address must lie wholly inside one entry, and outside every
 * plat_reserved_ranges() entry.
 * @n: set to the number of entries.
 * Return: a static table, constant for the life of the system.
 */
const struct xw_mem_range *plat_ns_ram_ranges(unsigned int *n);

/** plat_log_putc() - write one byte to the secure log UART (blocking). */
void plat_log_putc(char c);

/** plat_system_off() - power the machine off; does not return. */
void plat_system_off(void) __attribute__((noreturn));

/** plat_system_reset() - reset the machine; does not return. */
void plat_system_reset(void) __attribute__((noreturn));

#endif /* XW_PLAT_PLAT_H */
