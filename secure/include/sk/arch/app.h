/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arch contract of the secure kernel: applications at S-EL0 (docs/apps.md).
 * One address space per application (translation tables tagged with its
 * ASID; the kernel's own entries are shared but unreachable at EL0), and a
 * way to run it until it takes an exception. AArch64: secure/arch/aarch64/
 * app_*.c; hosted: secure/arch/host/app.c (tables are a list, "running" is
 * what the test harness scripts).
 */
#ifndef XW_SK_ARCH_APP_H
#define XW_SK_ARCH_APP_H

#include <stdint.h>

/* Access an application mapping grants at EL0 */
#define XW_PROT_R  1u
#define XW_PROT_W  2u
#define XW_PROT_X  4u
#define XW_PROT_NS 8u /* normal-world memory (a channel region): NS = 1 */

/* Translation tables an address space may hold (L1, L2 and its L3 tables) */
#define XW_APP_MAX_TABLES 24

/** An application's address space: its root table and the tables under it. */
struct xw_app_space {
	uint64_t root;  /* PA of the L1 table (TTBR0_EL1 without the ASID) */
	uint32_t asid;  /* 1..255; 0 is the kernel's */
	uint32_t ntables;
	uint64_t tables[XW_APP_MAX_TABLES]; /* PAs; [0] = L1, [1] = L2 */
	uint64_t l3_va[XW_APP_MAX_TABLES]; /* which 2 MiB block tables[i] (i >= 2) maps */
};

/** The registers of a stopped application (saved at its exception). */
struct xw_app_regs {
	uint64_t x[31];
	uint64_t sp;   /* SP_EL0 */
	uint64_t elr;  /* where it resumes */
	uint64_t spsr; /* its PSTATE */
};

/* Why arch_app_enter() came back */
#define XW_APP_EXIT_SYNC   0 /* synchronous exception: *esr / *far say which */
#define XW_APP_EXIT_IRQ    1 /* a secure interrupt (the timer): arch_app_irq() */
#define XW_APP_EXIT_FIQ    2 /* a normal-world interrupt is pending: give the CPU back */
#define XW_APP_EXIT_SERROR 3

/* Exception classes of ESR the runtime tells apart */
#define XW_ESR_EC(esr)     (((esr) >> 26) & 0x3f)
#define XW_EC_SVC64        0x15

/** arch_app_space_init() - empty address space with ASID @asid. 0 or XW_ENOMEM. */
int arch_app_space_init(struct xw_app_space *s, uint32_t asid);
/**
 * arch_app_map() - map @pages pages at @va to @pa with @prot (XW_PROT_*).
 * @va must lie in the application half (XW_APP_VA_BASE .. + 1 GiB). 0,
 * XW_ENOMEM (no page for a table) or XW_EINVAL.
 */
int arch_app_map(struct xw_app_space *s, uint64_t va, uint64_t pa, uint64_t pages, unsigned prot);
/** arch_app_unmap() - remove @pages pages at @va; no CPU keeps them in its TLB. */
void arch_app_unmap(struct xw_app_space *s, uint64_t va, uint64_t pages);
/** arch_app_space_free() - give back every table; the ASID's TLB entries are gone. */
void arch_app_space_free(struct xw_app_space *s);
/** arch_app_kva() - the kernel's address of secure page memory at @pa. */
void *arch_app_kva(uint64_t pa);
/** arch_app_code_written() - make code written at @kva visible to instruction fetch. */
void arch_app_code_written(void *kva, uint64_t len);
/**
 * arch_app_enter() - run the application in @s from @r until it takes an
 * exception; @r then holds its registers. Return: XW_APP_EXIT_*; for SYNC,
 * *esr and *far are its syndrome and fault address.
 */
unsigned arch_app_enter(struct xw_app_space *s, struct xw_app_regs *r, uint64_t *esr,
			uint64_t *far);
/** arch_app_leave() - back to the kernel's own tables (after the last enter of a run). */
void arch_app_leave(void);
/** arch_app_irq() - handle the secure interrupts that stopped the app (tick, ...). */
void arch_app_irq(void);
/** arch_app_spsr_el0() - PSTATE an application starts with (EL0, interrupts open). */
uint64_t arch_app_spsr_el0(void);
/** arch_app_ns_irq() - let a normal-world interrupt stop @r (@open) or hold it back. */
void arch_app_ns_irq(struct xw_app_regs *r, int open);
/** FP/SIMD registers of an application allowed to use them (OP-TEE TAs): v0..v31, FPCR, FPSR. */
struct xw_app_fp {
	uint64_t v[64];
	uint64_t fpcr, fpsr;
};
/**
 * arch_app_fp_in() - let EL0 use FP/SIMD with @app's registers; the
 * registers there now (the normal world's: the secure kernel never uses
 * them) go to @save.
 */
void arch_app_fp_in(const struct xw_app_fp *app, struct xw_app_fp *save);
/** arch_app_fp_out() - @app's registers back to @app, @save's back in the CPU, FP/SIMD trapped again. */
void arch_app_fp_out(struct xw_app_fp *app, const struct xw_app_fp *save);
/** arch_app_log_kill() - the secure log's line for a killed application. */
void arch_app_log_kill(const char *name, uint32_t gen, const char *why, uint64_t esr,
		       uint64_t far, uint64_t elr);
/** arch_app_log() - one line from application @name on the secure log. */
void arch_app_log(const char *name, const char *line);

#endif
