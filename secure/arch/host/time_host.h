/* SPDX-License-Identifier: BSD-2-Clause */
/* Test controls of the hosted clock (secure/arch/host/time.c). */
#ifndef XW_TIME_HOST_H
#define XW_TIME_HOST_H

#include <stdint.h>

/** host_clock_step() - 0: real time; else every arch_now() advances @ns_per_read. */
void host_clock_step(uint64_t ns_per_read);

#endif
