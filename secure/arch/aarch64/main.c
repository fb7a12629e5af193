// SPDX-License-Identifier: BSD-2-Clause
/* Secure kernel C entries, called from start.S with a per-CPU stack. */
#include <stdbool.h>
#include <stdint.h>

#include "arch/sysreg.h"
#include "../../core/calls.h"
#include "../../core/app.h"
#include "../../core/nsmem.h"
#include "../../core/pages.h"
#include "../../core/route.h"
#include "../../abi/optee/optee.h"
#include "../../services/rng_pool.h"
#include "../../services/trng.h"
#include "../../ta/ta.h"
#include "blk_arch.h"
#include "memprot.h"
#include "mmu.h"
#include "fw/log.h"
#include "plat_memmap.h"
#include "rng_arch.h"
#include "timer.h"
#include "../../ta/ta_selftest.h"
#include "sk/arch/time.h"

void sk_cold_init(uint64_t cpu, uint64_t ncpus);
void sk_cpu_on(uint64_t cpu, uint64_t ncpus);
void sk_cpu_off(void);
void sk_call(uint64_t x[8], uint64_t yielding);
void sk_fiq(void);
void sk_secure_irqs(int inside);
void sk_protocol_panic(void) __attribute__((noreturn));

static struct xw_sk_core core;
static struct xw_optee optee;

static unsigned int this_cpu(void)
{
	return (unsigned int)(read_sysreg(mpidr_el1) & 0xff);
}

static void __attribute__((noreturn)) halt(void)
{
	for (;;) {
		__asm__ volatile("wfe");
	}
}

/* The page pool is the secure RAM above the image's 2 MiB blocks; then the apps. */
static void sk_apps_init(void)
{
	uint64_t base = ((uintptr_t)__sk_end + 0x1fffffUL) & ~0x1fffffUL;
	unsigned int i;

	xw_pages_init(base, (XW_SK_BASE + XW_SK_SIZE - base) / XW_PAGE_SIZE);
	xw_apps_init(xw_app_images, xw_app_image_count);
	for (i = 0; i < xw_app_count(); i++) {
		struct xw_app *a = xw_app_get(i);

		xw_log("S: app %s: %s, %u pages of %u, %lu pages free\n", a->img->name,
		       a->state == XW_APP_ST_DEAD ? "did not load" : "loaded", a->pages,
		       a->img->quota_pages, xw_pages_free_count());
	}
}

/* TA signatures: Debian's crypto library as linked here, on known answers (docs/optee.md). */
static void sk_ta_selftest(void)
{
	uint64_t t0 = arch_now();
	int rc = xw_ta_selftest();
	uint64_t us = (arch_now() - t0) * 1000000U / arch_now_freq();

	xw_log("S: TA signature check %s (%lu us, crypto heap peak %lu bytes)\n",
	       rc == 0 ? "ok" : "FAILED", us, (unsigned long)xw_ta_heap_peak());
}

void sk_cold_init(uint64_t cpu, uint64_t ncpus)
{
	/* The NS gate's one table: the board's RAM and reserved ranges. */
	struct xw_nsmem_cfg nsmem_cfg = {
		.va_base = XW_SK_NS_WIN_VA,
		.va_pages = XW_SK_NS_WIN_PAGES,
	};

	nsmem_cfg.ram = plat_ns_ram_ranges(&nsmem_cfg.nram);
	nsmem_cfg.rsv = plat_reserved_ranges(&nsmem_cfg.nrsv);
	sk_mmu_build();
	sk_mmu_enable();
	/* Cheap (seven faults): every boot proves the map it runs with. */
	sk_memprot_selftest();
	sk_ta_selftest();
	if (xw_nsmem_init(&nsmem_cfg) != 0) {
		xw_log("S: bad NS memory window\n");
		halt();
	}
	if (xw_sk_core_init(&core, (unsigned int)ncpus, XW_SEC_TIMER_HZ) != 0 ||
	    xw_optee_init(&optee, (unsigned int)ncpus) != 0) {
		xw_log("S: bad CPU count %lu\n", ncpus);
		halt();
	}
	sk_blk_init(); /* block backend: virtio disk + RAM disk (docs/block.md) */
	sk_rng_init(); /* entropy source and pool (docs/entropy.md) */
	sk_apps_init();
	/* OP-TEE trusted applications (docs/optee.md): sessions to UUIDs no built-in service has. */
	xw_optee_set_ta_ops(&optee, &xw_ta_ops);
	sk_timer_start(XW_SEC_TIMER_HZ);
	xw_log("S: Crossworld secure kernel %u.%u: cpu %lu of %lu, MMU on, timer %u Hz\n",
	       0U, 1U, cpu, ncpus, XW_SEC_TIMER_HZ);
}

void sk_cpu_on(uint64_t cpu, uint64_t ncpus)
{
	(void)ncpus;
	sk_mmu_enable();
	sk_timer_start(XW_SEC_TIMER_HZ);
	sk_blk_cpu_on((unsigned int)cpu);
	xw_log("S: cpu %lu online\n", cpu);
}

void sk_cpu_off(void)
{
	sk_timer_stop();
	sk_blk_cpu_off(this_cpu()); /* the block device's interrupt must not go with it */
	xw_log("S: cpu %u off\n", this_cpu());
}

void sk_call(uint64_t x[8], uint64_t yielding)
{
	uint64_t out[4];
	unsigned int i;

	switch (xw_sk_route((uint32_t)x[0])) {
	case XW_SK_FRONT_OPTEE:
		xw_optee_handle_call(&optee, this_cpu(), yielding != 0, x, out);
		break;
	case XW_SK_FRONT_XW:
		xw_sk_handle_call(&core, this_cpu(), yielding != 0, x, out);
		break;
	case XW_SK_FRONT_TRNG:
		if (yielding) {
			xw_sk_unknown_call(x, out); /* the monitor forwards fast calls only */
		} else {
			xw_trng_handle_call(&xw_rng_main, x, out);
		}
		break;
	default:
		xw_sk_unknown_call(x, out);
		break;
	}
	for (i = 0; i < 4; i++) {
		x[i] = out[i];
	}
}

/*
 * Every pending secure interrupt, handled (also when one stops an application:
 * @inside, the tick then came without a world switch of its own).
 */
void sk_secure_irqs(int inside)
{
	uint32_t id;

	/* Drain: every pending secure interrupt is handled before returning. */
	while ((id = sk_irq_ack()) < 1020) {
		if (id == XW_SEC_TIMER_INTID) {
			if (inside) {
				xw_sk_core_tick_inside(&core, this_cpu());
			} else {
				xw_sk_core_tick(&core, this_cpu());
			}
			sk_timer_rearm(XW_SEC_TIMER_HZ);
		} else if (!sk_blk_fiq(id)) {
			xw_log("S: unexpected secure interrupt %u\n", id);
		}
		sk_irq_eoi(id);
	}
}

void sk_fiq(void)
{
	sk_secure_irqs(0);
	/* Applications whose wait timed out, or that were preempted, run now. */
	xw_apps_tick(this_cpu());
}

void sk_protocol_panic(void)
{
	xw_log("S: PANIC: the monitor answered a return SMC\n");
	halt();
}
