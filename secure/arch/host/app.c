// SPDX-License-Identifier: BSD-2-Clause
/*
 * sk/arch/app.h for the hosted build: secure "physical" addresses are host
 * addresses (the test hands the page pool a buffer), translation tables are
 * pages taken from the pool as on AArch64 (so the leak checks count them),
 * and arch_app_enter() asks the test's script what the application does.
 */
#include <stdio.h>

#include "../../core/pages.h"
#include "app_host.h"
#include "xw/app_abi.h"
#include "xw/err.h"

unsigned int (*host_app_run)(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			     uint64_t *far);
unsigned int host_app_logs, host_app_kill_logs;
void (*host_app_unmap_hook)(void);

void *arch_app_kva(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

int arch_app_space_init(struct xw_app_space *s, uint32_t asid)
{
	uint64_t l1, l2;

	if (asid == 0 || asid > 255) {
		return XW_EINVAL;
	}
	l1 = xw_pages_alloc(1);
	l2 = l1 ? xw_pages_alloc(1) : 0;
	if (l2 == 0) {
		if (l1) {
			xw_pages_free(l1, 1);
		}
		return XW_ENOMEM;
	}
	s->root = l1;
	s->asid = asid;
	s->tables[0] = l1;
	s->tables[1] = l2;
	s->ntables = 2;
	return XW_OK;
}

int arch_app_map(struct xw_app_space *s, uint64_t va, uint64_t pa, uint64_t pages, unsigned prot)
{
	uint64_t blk, i;
	uint32_t t;

	(void)prot;
	if (va < XW_APP_VA_BASE || va % 4096 || pa % 4096 ||
	    pages > (XW_APP_VA_BASE + 0x40000000UL - va) / 4096) {
		return XW_EINVAL;
	}
	/* One "L3 table" page per 2 MiB block touched, as on AArch64. */
	for (i = 0; i < pages; i++) {
		blk = (va + i * 4096) & ~0x1fffffUL;
		for (t = 2; t < s->ntables && s->l3_va[t] != blk; t++) {
		}
		if (t == s->ntables) {
			if (s->ntables >= XW_APP_MAX_TABLES) {
				return XW_ENOMEM;
			}
			s->tables[t] = xw_pages_alloc(1);
			if (s->tables[t] == 0) {
				return XW_ENOMEM;
			}
			s->l3_va[t] = blk;
			s->ntables++;
		}
	}
	return XW_OK;
}

void arch_app_unmap(struct xw_app_space *s, uint64_t va, uint64_t pages)
{
	(void)s, (void)va, (void)pages;
	if (host_app_unmap_hook) {
		host_app_unmap_hook();
	}
}

void arch_app_space_free(struct xw_app_space *s)
{
	uint32_t i;

	for (i = 0; i < s->ntables; i++) {
		xw_pages_free(s->tables[i], 1);
	}
	s->ntables = 0;
	s->root = 0;
}

void arch_app_code_written(void *kva, uint64_t len)
{
	(void)kva, (void)len;
}

unsigned arch_app_enter(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			uint64_t *far)
{
	*esr = 0;
	*far = 0;
	return host_app_run ? host_app_run(s, r, esr, far) : XW_APP_EXIT_SERROR;
}

void arch_app_leave(void)
{
}

void arch_app_irq(void)
{
}

uint64_t arch_app_spsr_el0(void)
{
	return 0;
}

void arch_app_ns_irq(struct xw_app_regs *r, int open)
{
	r->spsr = open ? r->spsr & ~(1UL << 6) : r->spsr | (1UL << 6);
}

void arch_app_log(const char *name, const char *line)
{
	(void)name, (void)line;
	__atomic_fetch_add(&host_app_logs, 1, __ATOMIC_RELAXED);
}

void arch_app_log_kill(const char *name, uint32_t gen, const char *why, uint64_t esr,
		       uint64_t far, uint64_t elr)
{
	(void)name, (void)gen, (void)why, (void)esr, (void)far, (void)elr;
	__atomic_fetch_add(&host_app_kill_logs, 1, __ATOMIC_RELAXED);
}

/* Hosted: no FP state to switch (the scripted app has none). */
void arch_app_fp_in(const struct xw_app_fp *app, struct xw_app_fp *save)
{
	(void)app, (void)save;
}

void arch_app_fp_out(struct xw_app_fp *app, const struct xw_app_fp *save)
{
	(void)app, (void)save;
}
