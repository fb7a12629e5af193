/* SPDX-License-Identifier: BSD-2-Clause */
/* GICv3 set-up done by EL3. */
#ifndef XW_MON_GICV3_H
#define XW_MON_GICV3_H

#include <stdint.h>

/** xw_gic_count_cpus() - CPUs present, counted as redistributor frames. */
unsigned int xw_gic_count_cpus(void);

/** xw_gic_dist_init() - distributor security set-up; boot CPU, once. */
void xw_gic_dist_init(void);

/** xw_gic_cpu_init() - this CPU's redistributor and CPU interface. Return: 0 or -1. */
int xw_gic_cpu_init(int has_el2);

/*
 * The wake-up SGI: Group 0, so only EL3 can send or acknowledge it. A CPU
 * parked in the holding pen sleeps in WFI (which QEMU really halts, unlike
 * WFE, which it treats as a yield and spins on) until PSCI CPU_ON sends it.
 */
#define XW_MON_WAKE_SGI 15

/** xw_gic_send_wake() - send the wake-up SGI to the CPU with affinity @mpidr. */
void xw_gic_send_wake(uint64_t mpidr);

/** xw_gic_ack_group0() - acknowledge and end a pending Group 0 interrupt. Return: INTID or -1. */
int xw_gic_ack_group0(void);

#endif
