/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which CPU takes the virtio-blk device's interrupt. The device's SPI has one
 * target (GICD_IROUTER with IRM = 0); a target going off would leave
 * completions pending until it returns, so the interrupt moves to another
 * online CPU first. Portable: the arch glue (secure/arch/aarch64/blk_arch.c)
 * writes the GIC register this decides; tests/unit/test_blk_route.c races
 * CPU_ON against CPU_OFF on the host.
 */
#ifndef XW_SK_BLK_ROUTE_H
#define XW_SK_BLK_ROUTE_H

#include <stdint.h>

struct xw_blk_route {
	/*
	 * CPUs (bit per Aff0, < 32) online in the secure world. CPU_ON updates
	 * it without the caller's route lock, so every update is one atomic
	 * read-modify-write: a plain one in CPU_OFF could drop a bit CPU_ON set.
	 */
	uint32_t online;
	uint32_t target; /* the CPU the SPI is routed to; only xw_blk_route_cpu_off() moves it */
};

/* The boot CPU (0) online and the SPI routed to it. */
#define XW_BLK_ROUTE_INIT { .online = 1, .target = 0 }

/** xw_blk_route_cpu_on() - @cpu came online: it may take the interrupt. Any context. */
void xw_blk_route_cpu_on(struct xw_blk_route *r, unsigned int cpu);
/**
 * xw_blk_route_cpu_off() - @cpu goes off. Returns the CPU the interrupt must
 * be routed to now (target is already updated), or -1 if it stays where it is
 * (not on @cpu, or no other CPU online). Calls of this function are
 * serialised by the caller; xw_blk_route_cpu_on() may run concurrently.
 */
int xw_blk_route_cpu_off(struct xw_blk_route *r, unsigned int cpu);

#endif
