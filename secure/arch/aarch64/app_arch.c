// SPDX-License-Identifier: BSD-2-Clause
/* Running an application at S-EL0 (sk/arch/app.h): the CPU side; tables in app_mmu.c. */
#include "arch/spinlock.h"
#include "arch/sysreg.h"
#include "fw/log.h"
#include "sk/arch/app.h"
#include "mmu.h"

unsigned int sk_app_run(struct xw_app_regs *r, uint64_t ttbr0);
void sk_secure_irqs(int inside);

#define SPSR_F    (1UL << 6)
#define SPSR_NZCV (0xfUL << 28)

unsigned arch_app_enter(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			uint64_t *far)
{
	unsigned int kind;

	/*
	 * EL0t, AArch64; the F mask is ours to choose (arch_app_ns_irq); the
	 * condition flags are the app's own and must survive a preemption
	 * between a compare and its branch (clearing them made a TA take the
	 * wrong branch about once in ten runs of xtest 1040).
	 */
	r->spsr &= SPSR_F | SPSR_NZCV;
	kind = sk_app_run(r, sk_mmu_app_ttbr0(s->root, s->asid)); /* own or borrowed regime */
	*esr = read_sysreg(esr_el1);
	*far = read_sysreg(far_el1);
	return kind;
}

/*
 * Nothing: the kernel runs as well on the app's table (its L1 holds the
 * kernel's entries, and stays the slot's for good, app_mmu.c), and leaving
 * TTBR0 alone means the next run of the same app on this CPU changes no ASID.
 * That matters on QEMU, which flushes its whole EL1&0 TLB on every ASID
 * change (target/arm helper.c, flush_if_asid_change); hardware with ASIDs
 * would not care.
 */
void arch_app_leave(void)
{
}

void arch_app_irq(void)
{
	sk_secure_irqs(1); /* the app was running: no world switch for this tick */
}

uint64_t arch_app_spsr_el0(void)
{
	return 0; /* EL0t, D, A, I, F clear: the timer and the normal world's interrupts stop it */
}

void arch_app_ns_irq(struct xw_app_regs *r, int open)
{
	r->spsr = open ? r->spsr & ~SPSR_F : r->spsr | SPSR_F;
}

/*
 * Apps' lines whole: several CPUs may log at once (TAs killed on two CPUs in
 * xtest 1040), and the UART takes characters, not lines. Nothing faults while
 * it is held (formatting and the UART only).
 */
static arch_spinlock_t log_lock = ARCH_SPINLOCK_INIT;

void arch_app_log(const char *name, const char *line)
{
	arch_spin_lock(&log_lock);
	xw_log("S: app %s: %s\n", name, line);
	arch_spin_unlock(&log_lock);
}

void arch_app_log_kill(const char *name, uint32_t gen, const char *why, uint64_t esr,
		       uint64_t far, uint64_t elr)
{
	arch_spin_lock(&log_lock);
	xw_log("S: app %s (start %u) killed: %s (ESR 0x%lx FAR 0x%lx PC 0x%lx)\n", name, gen, why,
	       esr, far, elr);
	arch_spin_unlock(&log_lock);
}
