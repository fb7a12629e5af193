// SPDX-License-Identifier: BSD-2-Clause
#include "blk_route.h"

void xw_blk_route_cpu_on(struct xw_blk_route *r, unsigned int cpu)
{
	if (cpu < 32) {
		__atomic_fetch_or(&r->online, 1U << cpu, __ATOMIC_RELAXED);
	}
}

int xw_blk_route_cpu_off(struct xw_blk_route *r, unsigned int cpu)
{
	uint32_t others, next;

	if (cpu >= 32) {
		return -1;
	}
	/*
	 * One atomic step, and the others taken from the value it replaced: a
	 * load, clear and store would write back a mask from before a CPU_ON
	 * running meanwhile on another CPU, and that CPU would never be
	 * considered online again (nor take the interrupt).
	 */
	others = __atomic_fetch_and(&r->online, ~(1U << cpu), __ATOMIC_RELAXED) & ~(1U << cpu);
	if (r->target != cpu || others == 0) {
		return -1;
	}
	next = (uint32_t)__builtin_ctz(others);
	r->target = next;
	return (int)next;
}
