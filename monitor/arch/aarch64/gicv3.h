/* SPDX-License-Identifier: BSD-2-Clause */
/* GICv3 set-up done by EL3. */
#ifndef XW_MON_GICV3_H
#define XW_MON_GICV3_H

/** xw_gic_count_cpus() - CPUs present, counted as redistributor frames. */
unsigned int xw_gic_count_cpus(void);

/** xw_gic_dist_init() - distributor security set-up; boot CPU, once. */
void xw_gic_dist_init(void);

/** xw_gic_cpu_init() - this CPU's redistributor and CPU interface. Return: 0 or -1. */
int xw_gic_cpu_init(int has_el2);

#endif
