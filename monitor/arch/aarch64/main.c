// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL3 monitor glue: cold and warm boot, the trap handler, world switches.
 * The decisions are made by the portable dispatcher (monitor/core); this
 * file performs them. Lock order: one lock, mon_lock, around the dispatcher
 * and the PSCI state machine; never held across a world switch.
 */
#include <stdbool.h>
#include <stdint.h>

#include "../../core/dispatch.h"
#include "../../core/tos.h"
#include "../../core/trap.h"
#include "el1ctx.h"
#include "gicv3.h"
#include "mmu.h"
#include "mon/ctx.h"
#include "fw/log.h"
#include "plat_memmap.h"
#include "arch/spinlock.h"
#include "arch/sysreg.h"
#include "xw/plat/plat.h"
#include "xw/smc.h"

#define KIND_SYNC 0
#define KIND_FIQ  2
/* SCR_EL3 and CPTR_EL3 bits for optional features (set only if implemented) */
#define SCR_APK   (1UL << 16) /* PAuth key registers not trapped */
#define SCR_API   (1UL << 17) /* PAuth instructions not trapped */
#define SCR_FGTEN (1UL << 27) /* EL2 fine-grained trap registers accessible */
#define SCR_HXEN  (1UL << 38) /* HCRX_EL2 accessible */
#define SCR_ENTP2 (1UL << 41) /* TPIDR2_EL0 (SME) accessible */
#define CPTR_EZ   (1UL << 8)  /* SVE not trapped */
#define CPTR_ESM  (1UL << 12) /* SME not trapped */
#define HCR_TGE   (1UL << 27)
#define SCTLR_SPAN (1UL << 23)
#define ZCR_EL3   "s3_6_c1_c2_0"
#define SMCR_EL3  "s3_6_c1_c2_6"
#define ID_AA64ISAR2_EL1 "s3_0_c0_c6_2"

/*
 * What the trusted OS is doing for us: an entry (enum xw_tos_entry), its cold
 * boot, or nothing. Each ends in one return (xw_tos_done_for()).
 */
#define OP_INIT XW_TOS_NENTRIES
#define OP_NONE (XW_TOS_NENTRIES + 1)

struct mon_cpu {
	struct xw_world ns;
	struct xw_world s;
	uint32_t op;        /* what the trusted OS is doing for us */
	uint32_t in_secure; /* which world's EL1 state is live */
	uint64_t fiq_spsr;  /* the trusted OS's SPSR before a FIQ entry (xw_tos.keep_spsr) */
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct xw_gp_ctx, x[30]) == CTX_X30, "ctx");
_Static_assert(__builtin_offsetof(struct xw_gp_ctx, sp_el0) == CTX_SP_EL0, "ctx");
_Static_assert(__builtin_offsetof(struct xw_gp_ctx, elr_el3) == CTX_ELR, "ctx");
_Static_assert(__builtin_offsetof(struct xw_gp_ctx, spsr_el3) == CTX_SPSR, "ctx");
_Static_assert(__builtin_offsetof(struct xw_gp_ctx, scr_el3) == CTX_SCR, "ctx");
_Static_assert(__builtin_offsetof(struct xw_gp_ctx, stack_top) == CTX_STACK, "ctx");
_Static_assert(sizeof(struct xw_gp_ctx) == CTX_GP_SIZE, "ctx");
_Static_assert(__builtin_offsetof(struct mon_cpu, s) % 16 == 0, "SP_EL3 alignment");

extern uint8_t xw_mon_stacks[];
void xw_mon_exit(struct xw_gp_ctx *ctx) __attribute__((noreturn));
void xw_mon_cold_boot(unsigned int cpu) __attribute__((noreturn));
void xw_mon_pen(unsigned int cpu) __attribute__((noreturn));
struct xw_gp_ctx *xw_mon_trap(struct xw_gp_ctx *ctx, uint64_t kind);
void xw_mon_bad_exception(uint64_t kind) __attribute__((noreturn));

/*
 * Set once RAM and the EL3 tables are ready; cleared before a reset. Read by
 * CPUs with their MMU and caches off (entry.S): every store is cleaned to
 * the point of coherency.
 */
uint32_t xw_mon_ready;
static struct mon_cpu cpus[XW_PLAT_MAX_CPUS];
static struct xw_mon_counters counters[XW_PLAT_MAX_CPUS];
/*
 * The secure kernel's own regime (from ENTRY_DONE) and the level-0 table that
 * lets its level-1 table serve a normal-world TCR_EL1 with a larger VA space
 * (regime.h). The table is the monitor's: the kernel's walks read it (secure
 * RAM), the kernel itself cannot reach it. NULL: never borrow.
 */
static struct xw_sk_regime sk_regime;
static const struct xw_sk_regime *sk_borrow;
static uint64_t sk_l0[512] __attribute__((aligned(4096)));
static uint64_t sk_empty[512] __attribute__((aligned(4096))); /* all invalid */
static struct xw_mon mon;
static uint64_t sk_table;
static int has_el2;
/* CPU features the monitor lets the normal world use (cold boot, read-only after) */
static uint64_t ns_scr_features, cptr_val;
static int has_pan;
static uint32_t gic_ready; /* the distributor is set up and has_el2 is known */
static arch_spinlock_t mon_lock = ARCH_SPINLOCK_INIT;

static void lock(void)
{
	arch_spin_lock(&mon_lock);
}

static void unlock(void)
{
	arch_spin_unlock(&mon_lock);
}

static void __attribute__((noreturn)) panic(const char *why, uint64_t v)
{
	xw_log("M: PANIC cpu %u: %s (0x%lx)\n",
	       (unsigned int)(read_sysreg(mpidr_el1) & 0xff), why, v);
	for (;;) {
		wfe();
	}
}

static unsigned int this_cpu(void)
{
	return (unsigned int)(read_sysreg(mpidr_el1) & 0xff);
}

/* Field @shift (4 bits) of an ID register is non-zero: the feature exists. */
#define ID_HAS(v, shift) ((((v) >> (shift)) & 0xfUL) != 0)

/*
 * Which optional features the normal world gets untrapped (docs/boot.md,
 * "Traps to EL3"). Nothing of their state needs a per-world copy: the secure
 * kernel cannot reach it (its CPACR_EL1 is 0, so FP/SVE/SME trap at S-EL1;
 * its SCR_EL3 keeps API/APK clear, so PAuth instructions and key registers
 * trap to EL3, which answers Undefined Instruction).
 */
static void detect_features(void)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1), pfr1 = read_sysreg(id_aa64pfr1_el1);
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1), isar2 = read_sysreg_s(ID_AA64ISAR2_EL1);
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1), mmfr1 = read_sysreg(id_aa64mmfr1_el1);

	if (ID_HAS(isar1, 4) || ID_HAS(isar1, 8) || ID_HAS(isar1, 24) || ID_HAS(isar1, 28) ||
	    ID_HAS(isar2, 8) || ID_HAS(isar2, 12)) {
		ns_scr_features |= SCR_API | SCR_APK;
	}
	if (ID_HAS(mmfr0, 56)) {
		ns_scr_features |= SCR_FGTEN;
	}
	if (ID_HAS(mmfr1, 40)) {
		ns_scr_features |= SCR_HXEN;
	}
	if (ID_HAS(pfr0, 32)) {
		cptr_val |= CPTR_EZ;
	}
	if (ID_HAS(pfr1, 24)) {
		cptr_val |= CPTR_ESM;
		ns_scr_features |= SCR_ENTP2;
	}
	has_pan = ID_HAS(mmfr1, 20);
}

/* SCTLR_EL3 is set by xw_mon_mmu_on() (entry.S): MMU, caches, WXN. */
static void el3_init(void)
{
	write_sysreg(scr_el3, SCR_RES1 | SCR_RW | SCR_SIF | SCR_ST);
	/* No FP/SIMD trap (TFP = 0); SVE and SME untrapped where implemented. */
	write_sysreg(cptr_el3, cptr_val);
	isb();
	/* The longest vector lengths the CPU has: EL1/EL2 choose below that. */
	if (cptr_val & CPTR_EZ) {
		write_sysreg_s(ZCR_EL3, 0xf);
	}
	if (cptr_val & CPTR_ESM) {
		write_sysreg_s(SMCR_EL3, 0xf);
	}
	write_sysreg(mdcr_el3, 0);
	isb();
}

static void reset_world(struct xw_world *w, unsigned int cpu, uint64_t scr)
{
	uint8_t *p = (uint8_t *)w;
	unsigned int i;

	for (i = 0; i < sizeof(*w); i++) {
		p[i] = 0;
	}
	w->gp.scr_el3 = scr;
	w->gp.stack_top = (uint64_t)(uintptr_t)(xw_mon_stacks + (cpu + 1) * MON_STACK_SLOT);
	w->el1.sctlr = SCTLR_EL1_RES1;
}

static uint64_t ns_scr(void)
{
	return SCR_NS | SCR_FIQ | SCR_RES1 | SCR_RW | SCR_SIF | SCR_ST |
	       (has_el2 ? SCR_HCE : 0) | ns_scr_features;
}

/* Enter the trusted OS at @entry with x0..x7 = @args[0..7] (or 0). */
static struct xw_gp_ctx *to_secure(struct mon_cpu *c, unsigned int cpu,
				   uint64_t entry, const uint64_t *args,
				   unsigned int op)
{
	unsigned int i;

	if (!c->in_secure) {
		unsigned int r = xw_el1_to_secure(&c->ns.el1, &c->s.el1, sk_borrow,
						  c->s.gp.scr_el3);

		if ((r & ~XW_EL1_TLBI) == XW_REGIME_BORROW) {
			counters[cpu].borrowed++;
		} else {
			counters[cpu].own_regime++;
		}
		counters[cpu].sk_tlbi += (r & XW_EL1_TLBI) != 0;
		c->in_secure = 1;
	}
	/* Fresh registers: nothing of the normal world beyond x0..x7 gets in. */
	for (i = 0; i < 31; i++) {
		c->s.gp.x[i] = (args != 0 && i < 8) ? args[i] : 0;
	}
	c->s.gp.elr_el3 = entry;
	/*
	 * A fresh start (cold boot, CPU_ON) is EL1h with DAIF masked. Later
	 * entries too, unless the OS wants the mode and masks of its last SMC
	 * (OP-TEE runs on SP_EL0 and keeps its per-CPU pointer in SP_EL1).
	 */
	if (!xw_tos.keep_spsr || op == OP_INIT || op == XW_TOS_E_CPU_ON) {
		c->s.gp.spsr_el3 = SPSR_EL1H_MASKED;
	}
	c->op = op;
	counters[cpu].to_secure++;
	return &c->s.gp;
}

/* Enter the trusted OS's entry @e (which it has) with @args, or its own arguments if 0. */
static struct xw_gp_ctx *to_tos(struct mon_cpu *c, unsigned int cpu, unsigned int e,
				const uint64_t *args)
{
	uint64_t a[8];

	if (args == 0) {
		xw_tos.args(e, a, cpu, mon.ncpus, XW_NS_DTB_ADDR, c->ns.gp.elr_el3);
		args = a;
	}
	if (e == XW_TOS_E_FIQ) {
		c->fiq_spsr = c->s.gp.spsr_el3;
		counters[cpu].fiqs++;
	} else if (e == XW_TOS_E_FAST) {
		counters[cpu].fast_calls++;
	} else if (e == XW_TOS_E_YIELD) {
		counters[cpu].yield_calls++;
	}
	return to_secure(c, cpu, sk_table + xw_tos.entry[e], args, e);
}

static struct xw_gp_ctx *to_ns(struct mon_cpu *c, unsigned int cpu)
{
	xw_el1_switch(&c->s.el1, &c->ns.el1);
	c->in_secure = 0;
	c->op = OP_NONE;
	counters[cpu].from_secure++;
	return &c->ns.gp;
}

static void __attribute__((noreturn)) warm_boot(unsigned int cpu)
{
	struct mon_cpu *c = &cpus[cpu];

	el3_init();
	if (xw_gic_cpu_init(has_el2) != 0) {
		panic("no redistributor", read_sysreg(mpidr_el1));
	}
	reset_world(&c->ns, cpu, ns_scr());
	reset_world(&c->s, cpu, SCR_RES1 | SCR_RW | SCR_SIF | SCR_ST);
	c->in_secure = 1;
	xw_el1_restore(&c->s.el1);
	xw_mon_exit(to_tos(c, cpu, XW_TOS_E_CPU_ON, 0));
}

/*
 * The holding pen, for CPUs after reset and after CPU_OFF. It sleeps in WFI
 * on the wake-up SGI, which CPU_ON sends only after it has made the CPU
 * ON_PENDING: so the SGI is taken (acknowledged here, never left pending for
 * the normal world) before the state is believed. Waking for anything else
 * just sleeps again.
 */
void xw_mon_pen(unsigned int cpu)
{
	while (!__atomic_load_n(&gic_ready, __ATOMIC_ACQUIRE)) {
		wfe(); /* only between reset and the boot CPU's GIC set-up */
	}
	if (xw_gic_cpu_init(has_el2) != 0) {
		panic("no redistributor", read_sysreg(mpidr_el1));
	}
	for (;;) {
		wfi();
		if (xw_gic_ack_group0() == XW_MON_WAKE_SGI &&
		    xw_psci_state(&mon.psci, cpu) == XW_PSCI_STATE_ON_PENDING) {
			break;
		}
	}
	warm_boot(cpu);
}

void xw_mon_cold_boot(unsigned int cpu)
{
	struct mon_cpu *c = &cpus[cpu];
	unsigned int ncpus;
	uint64_t args[8]; /* to_secure() reads x0..x7 */

	/* RAM holds the images (entry.S); the tables go in with the MMU still off. */
	xw_mon_mmu_build();
	xw_mon_mmu_on();
	detect_features(); /* before el3_init() and before any CPU reaches warm_boot() */
	el3_init();
	/* Release the secondaries, which read the flag with their caches off. */
	__atomic_store_n(&xw_mon_ready, 1, __ATOMIC_RELEASE);
	xw_mon_clean_poc(&xw_mon_ready, sizeof(xw_mon_ready));
	sev();
	has_el2 = ((read_sysreg(id_aa64pfr0_el1) >> 8) & 0xf) != 0;
	ncpus = xw_gic_count_cpus();
	if (ncpus > XW_PLAT_MAX_CPUS) {
		ncpus = XW_PLAT_MAX_CPUS;
	}
	xw_log("\nM: Crossworld monitor: %u CPUs, EL2 %s, CNTFRQ %lu\n", ncpus,
	       has_el2 ? "present" : "absent", arch_counter_freq());
	xw_log("M: EL3 MMU %s, caches %s, WXN %s\n",
	       (read_sysreg(sctlr_el3) & 1) ? "on" : "off",
	       (read_sysreg(sctlr_el3) & 4) ? "on" : "off",
	       (read_sysreg(sctlr_el3) & (1UL << 19)) ? "on" : "off");
	xw_gic_dist_init();
	if (xw_gic_cpu_init(has_el2) != 0) {
		panic("no redistributor", read_sysreg(mpidr_el1));
	}
	if (xw_mon_init(&mon, ncpus, cpu, counters) != 0) {
		panic("bad CPU count", ncpus);
	}
	__atomic_store_n(&gic_ready, 1, __ATOMIC_RELEASE);
	dsb_sy();
	sev();
	reset_world(&c->ns, cpu, ns_scr());
	reset_world(&c->s, cpu, SCR_RES1 | SCR_RW | SCR_SIF | SCR_ST);
	c->in_secure = 1;
	xw_el1_restore(&c->s.el1);
	xw_tos.args(OP_INIT, args, cpu, ncpus, XW_NS_DTB_ADDR, 0);
	xw_mon_exit(to_secure(c, cpu, xw_tos.cold_entry, args, OP_INIT));
}

static struct xw_gp_ctx *enter_ns(struct mon_cpu *c, unsigned int cpu,
				  uint64_t entry, uint64_t x0)
{
	reset_world(&c->ns, cpu, ns_scr());
	c->ns.gp.x[0] = x0;
	c->ns.gp.elr_el3 = entry;
	c->ns.gp.spsr_el3 = has_el2 ? SPSR_EL2H_MASKED : SPSR_EL1H_MASKED;
	if (has_el2) {
		write_sysreg(sctlr_el2, SCTLR_EL2_RES1);
		/* Without this the EL1 MMU/caches of a NS EL2 boot are undefined. */
		write_sysreg(hcr_el2, 1UL << 31); /* RW: EL1 is AArch64 */
	}
	return to_ns(c, cpu);
}

static void __attribute__((noreturn)) system_off(void)
{
	plat_system_off();
}

static void __attribute__((noreturn)) system_reset(void)
{
	/* RAM survives a reset: make the other CPUs wait for a fresh copy. */
	__atomic_store_n(&xw_mon_ready, 0, __ATOMIC_RELEASE);
	/* The reset drops the caches: the 0 must be in memory before it. */
	xw_mon_clean_poc(&xw_mon_ready, sizeof(xw_mon_ready));
	plat_system_reset();
}

/*
 * SIP_NS_FLIP, the benchmark's floor: the change of Security state every
 * call into the secure kernel makes, made at EL3 and undone, with nothing
 * else of a world switch (docs/boot.md "World switch"). Nothing below EL3
 * runs meanwhile and no EL1 register is touched; PSTATE.DAIF is masked at
 * EL3, so no interrupt is taken while SCR_EL3 says secure. What it costs is
 * what the CPU (QEMU 7.2: a flush of every EL1&0 and EL2 TLB entry on each
 * change of NS) charges for the change itself.
 */
static void ns_flip(const struct mon_cpu *c)
{
	write_sysreg(scr_el3, c->ns.gp.scr_el3 & ~SCR_NS);
	isb();
	write_sysreg(scr_el3, c->ns.gp.scr_el3);
	isb();
}

static struct xw_gp_ctx *ns_smc(struct mon_cpu *c, unsigned int cpu)
{
	struct xw_mon_action a;
	unsigned int i;
	bool psci;

	counters[cpu].ns_smcs++;
	/*
	 * Only PSCI reads or writes another CPU's state: every other call is
	 * dispatched without the lock, so that fast calls scale with the CPUs.
	 */
	psci = XW_SMC_OWNER((uint32_t)c->ns.gp.x[0]) == XW_SMC_OWNER_STD;
	if (psci) {
		lock();
	}
	xw_mon_dispatch(&mon, cpu, c->ns.gp.x, &a);
	if (psci) {
		unlock();
	}
	switch (a.kind) {
	case XW_MON_NS_FLIP:
		ns_flip(c);
		/* fall through */
	case XW_MON_RETURN:
		for (i = 0; i < a.nret; i++) {
			c->ns.gp.x[i] = a.ret[i];
		}
		if (a.wake != XW_MON_NO_WAKE) {
			xw_gic_send_wake(plat_index_to_mpidr(a.wake));
		}
		return &c->ns.gp;
	case XW_MON_TO_SK_FAST:
		return to_tos(c, cpu, XW_TOS_E_FAST, c->ns.gp.x);
	case XW_MON_TO_SK_YIELD:
		return to_tos(c, cpu, XW_TOS_E_YIELD, c->ns.gp.x);
	case XW_MON_CPU_OFF:
		return to_tos(c, cpu, XW_TOS_E_CPU_OFF, 0);
	case XW_MON_SYSTEM_OFF:
		xw_log("M: PSCI SYSTEM_OFF from cpu %u\n", cpu);
		if (xw_tos.entry[XW_TOS_E_SYSTEM_OFF] != XW_TOS_NO_ENTRY) {
			return to_tos(c, cpu, XW_TOS_E_SYSTEM_OFF, 0); /* then system_off() */
		}
		system_off();
	case XW_MON_SYSTEM_RESET:
		xw_log("M: PSCI SYSTEM_RESET from cpu %u\n", cpu);
		if (xw_tos.entry[XW_TOS_E_SYSTEM_RESET] != XW_TOS_NO_ENTRY) {
			return to_tos(c, cpu, XW_TOS_E_SYSTEM_RESET, 0); /* then system_reset() */
		}
		system_reset();
	}
	panic("bad action", a.kind);
}

/*
 * At ENTRY_DONE on the boot CPU, with the kernel's registers live: its own
 * regime, and @root (x2), its kernel level-1 table. Every CPU's kernel sets up
 * the same regime (secure/arch/aarch64/mmu.c).
 */
static void borrow_setup(uint64_t root)
{
	if (!xw_tos.borrow_regime) {
		return;
	}
	if ((root & 0xfff) != 0 || root < xw_tos.base || root - xw_tos.base >= xw_tos.size) {
		xw_log("M: secure kernel table 0x%lx unusable: it runs in its own regime only\n",
		       root);
		return;
	}
	sk_regime.own.tcr = read_sysreg(tcr_el1);
	sk_regime.own.sctlr = read_sysreg(sctlr_el1);
	sk_regime.own.ttbr0 = root;
	sk_l0[0] = root | 0x3; /* table descriptor */
	sk_regime.l0 = (uint64_t)(uintptr_t)sk_l0; /* identity-mapped at EL3 */
	sk_regime.empty = (uint64_t)(uintptr_t)sk_empty;
	dsb_sy();
	sk_borrow = &sk_regime;
}

/* An SMC from the trusted OS: the end of what it was entered for. */
static struct xw_gp_ctx *tos_smc(struct mon_cpu *c, unsigned int cpu)
{
	uint64_t *x = c->s.gp.x;
	uint64_t entry, ctxid;
	enum xw_tos_ret ret = xw_tos.decode(x[0]);
	unsigned int i;
	int r;

	if (ret != XW_TOS_R_UNKNOWN && (c->op > OP_INIT || ret != xw_tos_done_for(c->op))) {
		panic("unexpected return from the trusted OS, x0", x[0]);
	}
	switch (ret) {
	case XW_TOS_R_ENTRY_DONE:
		if (!xw_tos_table_ok(&xw_tos, x[1])) {
			panic("bad ENTRY_DONE", x[1]);
		}
		sk_table = x[1];
		borrow_setup(x[2]);
		xw_log("M: secure kernel up, entering normal world at 0x%x EL%u\n",
		       XW_NS_IMAGE_ADDR, has_el2 ? 2U : 1U);
		return enter_ns(c, cpu, XW_NS_IMAGE_ADDR, XW_NS_DTB_ADDR);
	case XW_TOS_R_ON_DONE:
		if (xw_tos.on_done_status && x[1] != 0) {
			panic("the trusted OS failed CPU_ON", x[1]);
		}
		lock();
		r = xw_psci_on_finish(&mon.psci, cpu, &entry, &ctxid);
		unlock();
		if (r != 0) {
			panic("CPU_ON not pending", cpu);
		}
		return enter_ns(c, cpu, entry, ctxid);
	case XW_TOS_R_CALL_DONE:
		for (i = 0; i < 4; i++) {
			c->ns.gp.x[i] = x[i + 1];
		}
		return to_ns(c, cpu);
	case XW_TOS_R_FIQ_DONE:
		/* As TF-A does: the OS resumes later in the state it had before the FIQ. */
		if (xw_tos.keep_spsr) {
			c->s.gp.spsr_el3 = c->fiq_spsr;
		}
		return to_ns(c, cpu);
	case XW_TOS_R_OFF_DONE:
		xw_el1_save(&c->s.el1);
		c->op = OP_NONE;
		xw_mon_pen(cpu);
	case XW_TOS_R_SYSTEM_OFF_DONE:
		system_off();
	case XW_TOS_R_SYSTEM_RESET_DONE:
		system_reset();
	case XW_TOS_R_UNKNOWN:
		break;
	}
	x[0] = (uint64_t)(int64_t)XW_SMC_UNK;
	return &c->s.gp;
}

/*
 * An instruction trapped to EL3 that the monitor does not grant: the lower
 * EL gets the Undefined Instruction exception it would get on a CPU without
 * the feature (monitor/core/trap.c decides where it is taken).
 */
static struct xw_gp_ctx *inject_undef(struct mon_cpu *c, unsigned int cpu,
				      struct xw_gp_ctx *ctx, uint64_t esr)
{
	struct xw_trap_from f;
	struct xw_trap_inject in;

	f.spsr = ctx->spsr_el3;
	f.esr = esr;
	f.el2_present = !c->in_secure && has_el2;
	f.tge = f.el2_present && (read_sysreg(hcr_el2) & HCR_TGE) != 0;
	f.pan_to_1 = has_pan && (read_sysreg(sctlr_el1) & SCTLR_SPAN) == 0;
	if (xw_trap_undef(&f, &in) != 0) {
		panic("trap from a mode the monitor cannot inject into, SPSR", f.spsr);
	}
	xw_log("M: cpu %u: EC 0x%lx from %s EL%lu at 0x%lx: undefined instruction injected\n",
	       cpu, esr >> 26, c->in_secure ? "secure" : "non-secure", (f.spsr >> 2) & 3,
	       ctx->elr_el3);
	if (in.el == 2) {
		write_sysreg(elr_el2, ctx->elr_el3);
		write_sysreg(spsr_el2, ctx->spsr_el3);
		write_sysreg(esr_el2, in.esr);
		ctx->elr_el3 = read_sysreg(vbar_el2) + in.vector;
	} else {
		write_sysreg(elr_el1, ctx->elr_el3);
		write_sysreg(spsr_el1, ctx->spsr_el3);
		write_sysreg(esr_el1, in.esr);
		ctx->elr_el3 = read_sysreg(vbar_el1) + in.vector;
	}
	ctx->spsr_el3 = in.pstate;
	return ctx;
}

struct xw_gp_ctx *xw_mon_trap(struct xw_gp_ctx *ctx, uint64_t kind)
{
	unsigned int cpu = this_cpu();
	struct mon_cpu *c = &cpus[cpu];
	uint64_t esr;

	if (kind == KIND_FIQ) {
		/* Only the normal world runs with FIQs routed here. */
		if (c->in_secure) {
			return ctx;
		}
		/* A Group 0 interrupt is the monitor's own: never the secure kernel's. */
		if (xw_gic_ack_group0() >= 0) {
			return ctx;
		}
		return to_tos(c, cpu, XW_TOS_E_FIQ, 0);
	}
	esr = read_sysreg(esr_el3);
	switch (xw_trap_decide((uint32_t)(esr >> 26) & 0x3f)) {
	case XW_TRAP_SMC64:
		return c->in_secure ? tos_smc(c, cpu) : ns_smc(c, cpu);
	case XW_TRAP_SMC32:
		/* Only the normal world can be AArch32 (the secure kernel is AArch64). */
		if (c->in_secure) {
			break;
		}
		if (!xw_trap_smc32_args(c->ns.gp.x)) {
			counters[cpu].ns_smcs++;
			c->ns.gp.x[0] = (uint32_t)XW_SMC_UNK;
			return &c->ns.gp;
		}
		return ns_smc(c, cpu);
	case XW_TRAP_UNDEF:
		return inject_undef(c, cpu, ctx, esr);
	case XW_TRAP_PANIC:
		break;
	}
	panic("unexpected trap, ESR", esr);
}

void xw_mon_bad_exception(uint64_t kind)
{
	xw_log("M: exception %lu in EL3: ESR 0x%lx ELR 0x%lx FAR 0x%lx\n", kind,
	       read_sysreg(esr_el3), read_sysreg(elr_el3), read_sysreg(far_el3));
	for (;;) {
		wfe();
	}
}
