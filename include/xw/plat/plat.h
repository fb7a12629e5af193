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

/** plat_ns_addr_ok() - true if [pa, pa+len) lies wholly in normal-world RAM. */
int plat_ns_addr_ok(uint64_t pa, uint64_t len);

/** plat_log_putc() - write one byte to the secure log UART (blocking). */
void plat_log_putc(char c);

/** plat_system_off() - power the machine off; does not return. */
void plat_system_off(void) __attribute__((noreturn));

/** plat_system_reset() - reset the machine; does not return. */
void plat_system_reset(void) __attribute__((noreturn));

#endif /* XW_PLAT_PLAT_H */
