// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL1 system registers are not banked between the worlds on AArch64: the
 * monitor swaps them on every world switch. EL2 state needs no swap: only the
 * normal world has EL2 (no S-EL2 on the target CPUs).
 */
#include "el1ctx.h"

#include <stddef.h>

#include "arch/sysreg.h"

void xw_el1_save(struct xw_el1_ctx *c)
{
	c->sctlr = read_sysreg(sctlr_el1);
	c->actlr = read_sysreg(actlr_el1);
	c->cpacr = read_sysreg(cpacr_el1);
	c->csselr = read_sysreg(csselr_el1);
	c->sp_el1 = read_sysreg(sp_el1);
	c->esr = read_sysreg(esr_el1);
	c->ttbr0 = read_sysreg(ttbr0_el1);
	c->ttbr1 = read_sysreg(ttbr1_el1);
	c->mair = read_sysreg(mair_el1);
	c->amair = read_sysreg(amair_el1);
	c->tcr = read_sysreg(tcr_el1);
	c->tpidr_el1 = read_sysreg(tpidr_el1);
	c->tpidr_el0 = read_sysreg(tpidr_el0);
	c->tpidrro_el0 = read_sysreg(tpidrro_el0);
	c->par = read_sysreg(par_el1);
	c->far = read_sysreg(far_el1);
	c->afsr0 = read_sysreg(afsr0_el1);
	c->afsr1 = read_sysreg(afsr1_el1);
	c->contextidr = read_sysreg(contextidr_el1);
	c->vbar = read_sysreg(vbar_el1);
	c->spsr_el1 = read_sysreg(spsr_el1);
	c->elr_el1 = read_sysreg(elr_el1);
	c->cntkctl = read_sysreg(cntkctl_el1);
	c->mdscr = read_sysreg(mdscr_el1);
}

void xw_el1_restore(const struct xw_el1_ctx *c)
{
	write_sysreg(sctlr_el1, c->sctlr);
	write_sysreg(actlr_el1, c->actlr);
	write_sysreg(cpacr_el1, c->cpacr);
	write_sysreg(csselr_el1, c->csselr);
	write_sysreg(sp_el1, c->sp_el1);
	write_sysreg(esr_el1, c->esr);
	write_sysreg(ttbr0_el1, c->ttbr0);
	write_sysreg(ttbr1_el1, c->ttbr1);
	write_sysreg(mair_el1, c->mair);
	write_sysreg(amair_el1, c->amair);
	write_sysreg(tcr_el1, c->tcr);
	write_sysreg(tpidr_el1, c->tpidr_el1);
	write_sysreg(tpidr_el0, c->tpidr_el0);
	write_sysreg(tpidrro_el0, c->tpidrro_el0);
	write_sysreg(par_el1, c->par);
	write_sysreg(far_el1, c->far);
	write_sysreg(afsr0_el1, c->afsr0);
	write_sysreg(afsr1_el1, c->afsr1);
	write_sysreg(contextidr_el1, c->contextidr);
	write_sysreg(vbar_el1, c->vbar);
	write_sysreg(spsr_el1, c->spsr_el1);
	write_sysreg(elr_el1, c->elr_el1);
	write_sysreg(cntkctl_el1, c->cntkctl);
	write_sysreg(mdscr_el1, c->mdscr);
	isb();
}

/*
 * Only registers whose value differs between the worlds are written: writing
 * a system register its current value has no architectural effect, and under
 * QEMU's TCG some writes cost a full TLB flush whatever the value (TCR_EL1
 * always; SCTLR_EL1 and TTBRn_EL1 only on a change of value or ASID), which
 * every page the next world touches pays again (docs/boot.md, "World switch").
 * `cur` was just saved from the live registers, so it is their value now.
 */
#define SWITCH(reg, field) do { \
	if (next->field != cur->field) \
		write_sysreg(reg, next->field); \
} while (0)

static void write_changed(const struct xw_el1_ctx *cur, const struct xw_el1_ctx *next)
{
	SWITCH(sctlr_el1, sctlr);
	SWITCH(actlr_el1, actlr);
	SWITCH(cpacr_el1, cpacr);
	SWITCH(csselr_el1, csselr);
	SWITCH(sp_el1, sp_el1);
	SWITCH(esr_el1, esr);
	SWITCH(ttbr0_el1, ttbr0);
	SWITCH(ttbr1_el1, ttbr1);
	SWITCH(mair_el1, mair);
	SWITCH(amair_el1, amair);
	SWITCH(tcr_el1, tcr);
	SWITCH(tpidr_el1, tpidr_el1);
	SWITCH(tpidr_el0, tpidr_el0);
	SWITCH(tpidrro_el0, tpidrro_el0);
	SWITCH(par_el1, par);
	SWITCH(far_el1, far);
	SWITCH(afsr0_el1, afsr0);
	SWITCH(afsr1_el1, afsr1);
	SWITCH(contextidr_el1, contextidr);
	SWITCH(vbar_el1, vbar);
	SWITCH(spsr_el1, spsr_el1);
	SWITCH(elr_el1, elr_el1);
	SWITCH(cntkctl_el1, cntkctl);
	SWITCH(mdscr_el1, mdscr);
	isb();
}

void xw_el1_switch(struct xw_el1_ctx *cur, const struct xw_el1_ctx *next)
{
	xw_el1_save(cur);
	write_changed(cur, next);
}

/*
 * Registers whose secure value is dead at every entry into Crossworld's
 * secure kernel (docs/boot.md "World switch"): it sets SP_EL1 itself on each
 * entry (start.S use_stacks), reads ESR, FAR, ELR, SPSR and PAR only after an
 * exception or an AT instruction of its own wrote them, and never touches
 * AFSR0/1, TPIDR_EL1 or CONTEXTIDR_EL1. They keep the normal world's values
 * on the way in (no write); the way out (xw_el1_switch()) writes back those
 * the kernel changed, bit for bit from the normal world's saved copy. Under
 * QEMU each MSR ends a translation block, a lookup after every NS flush.
 */
static void keep_dead(struct xw_el1_ctx *s, const struct xw_el1_ctx *ns)
{
	s->sp_el1 = ns->sp_el1;
	s->esr = ns->esr;
	s->far = ns->far;
	s->elr_el1 = ns->elr_el1;
	s->spsr_el1 = ns->spsr_el1;
	s->par = ns->par;
	s->afsr0 = ns->afsr0;
	s->afsr1 = ns->afsr1;
	s->tpidr_el1 = ns->tpidr_el1;
	s->contextidr = ns->contextidr;
}

unsigned int xw_el1_to_secure(struct xw_el1_ctx *ns, struct xw_el1_ctx *s,
			      const struct xw_sk_regime *sk, uint64_t s_scr)
{
	struct xw_regime live, next;
	unsigned int why;
	uint64_t prev_tcr = s->tcr, prev_sctlr = s->sctlr;

	xw_el1_save(ns);
	if (sk != NULL) {
		keep_dead(s, ns);
	}
	live.tcr = ns->tcr;
	live.sctlr = ns->sctlr;
	live.ttbr0 = ns->ttbr0;
	why = xw_regime_choose(sk, &live, &next);
	if (why == XW_REGIME_BORROW) {
		s->tcr = next.tcr;
		s->sctlr = next.sctlr;
		s->ttbr0 = next.ttbr0;
		/*
		 * TTBR1: an all-invalid table tagged with the normal world's
		 * TTBR1 ASID bits (the live ASID under TCR.A1 = 1), so an
		 * upper-half address faults instead of walking the normal
		 * world's tables, and QEMU sees no ASID change (no flush).
		 */
		s->ttbr1 = sk->empty | (ns->ttbr1 & XW_TTBR_ASID_MASK);
	} else if (sk != NULL && (prev_tcr != sk->own.tcr || prev_sctlr != sk->own.sctlr)) {
		/* Back from a borrowed regime: the kernel's own table, ASID 0. */
		s->tcr = sk->own.tcr;
		s->sctlr = sk->own.sctlr;
		s->ttbr0 = sk->own.ttbr0;
	}
	write_changed(ns, s);
	if (s->tcr != prev_tcr || s->sctlr != prev_sctlr) {
		/*
		 * The regime the secure kernel's TLB entries were made under
		 * changed: drop them before it runs (architecturally required for
		 * a TCR/SCTLR change; its own switch does the same). From EL3 a
		 * TLBI VMALLE1 acts on the Security state SCR_EL3.NS names, so
		 * the secure world's value goes in first (the exit writes it
		 * anyway); the normal world's entries are not touched.
		 */
		write_sysreg(scr_el3, s_scr);
		isb();
		__asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
		why |= XW_EL1_TLBI;
	}
	return why;
}
