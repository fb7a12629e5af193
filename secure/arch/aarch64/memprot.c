// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure kernel memory protection, AArch64 side: the region table the MMU
 * maps from and the fault handler names faults with, the synchronous
 * exception handler, and a boot self-test that provokes each forbidden
 * access (write to text and rodata, execution from data and rodata, a push
 * into a stack guard) and checks that the handler saw the fault expected.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/sysreg.h"
#include "../../abi/optee/optee.h"
#include "memprot.h"
#include "fw/log.h"
#include "plat_memmap.h"
#include "stacks.h"

struct sk_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t sp; /* SP_EL0: the kernel stack at the fault */
};
_Static_assert(__builtin_offsetof(struct sk_frame, x[30]) == SK_FRAME_X30, "start.S");
_Static_assert(__builtin_offsetof(struct sk_frame, elr) == SK_FRAME_ELR, "start.S");
_Static_assert(__builtin_offsetof(struct sk_frame, spsr) == SK_FRAME_SPSR, "start.S");
_Static_assert(__builtin_offsetof(struct sk_frame, sp) == SK_FRAME_SP, "start.S");
_Static_assert(sizeof(struct sk_frame) == SK_FRAME_SIZE, "start.S");

void sk_sync_exception(struct sk_frame *f);
void sk_bad_exception(uint64_t n) __attribute__((noreturn));
uint64_t sk_probe_write(uintptr_t a);
uint64_t sk_probe_exec(uintptr_t a);
uint64_t sk_probe_push(uintptr_t top);
uint64_t sk_probe_pacga(void);
extern const uint32_t sk_probe_pacga_insn[];
void sk_probe_resume(void);

extern uint8_t sk_stacks[];

#define N_REGIONS (3 + 2 * SK_MAX_CPUS + XW_OPTEE_THREADS)
static struct xw_fault_region regions[N_REGIONS];
static size_t n_regions;

/* The self-test's expectation: armed by the test, consumed by the handler. */
static volatile uint32_t probe_armed;
static uint64_t probe_esr, probe_far, probe_elr;

static void add(uint64_t start, uint64_t end, const char *name, uint32_t idx, uint32_t guard)
{
	struct xw_fault_region *r = &regions[n_regions++];

	r->start = start;
	r->end = end;
	r->name = name;
	r->idx = idx;
	r->guard = guard;
}

static void build_layout(void)
{
	uintptr_t slot;
	unsigned int i;

	add(XW_SK_BASE, (uintptr_t)__sk_text_end, "text", 0, 0);
	add((uintptr_t)__sk_text_end, (uintptr_t)__sk_rodata_end, "rodata", 0, 0);
	add((uintptr_t)__sk_rodata_end, (uintptr_t)__sk_end, "data/bss", 0, 0);
	for (i = 0; i < SK_MAX_CPUS; i++) {
		slot = (uintptr_t)sk_stacks + (uintptr_t)i * SK_STACK_SLOT;
		add(slot, slot + SK_GUARD_SIZE, "exception stack guard, cpu", i, 1);
		slot += SK_GUARD_SIZE + SK_EXC_STACK_SIZE;
		add(slot, slot + SK_GUARD_SIZE, "kernel stack guard, cpu", i, 1);
	}
	for (i = 0; i < XW_OPTEE_THREADS; i++) {
		slot = sk_thread_stack_guard(i);
		add(slot, slot + SK_GUARD_SIZE, "secure thread stack guard, thread", i, 1);
	}
}

const struct xw_fault_region *sk_layout(size_t *n)
{
	if (n_regions == 0) {
		build_layout();
	}
	*n = n_regions;
	return regions;
}

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

static void report(const char *how, uint64_t esr, uint64_t far, uint64_t elr, uint64_t sp)
{
	const struct xw_fault_region *r;
	struct xw_fault f;
	size_t n;

	r = sk_layout(&n);
	xw_fault_decode(esr, far, r, n, &f);
	xw_log("S: PANIC cpu %u: %s: %s", this_cpu(), how, xw_fault_kind_name(f.kind));
	if (f.region != 0) {
		xw_log(" in %s", f.region->name);
		if (f.region->guard) {
			xw_log(" %u (guard page 0x%lx)", f.region->idx, f.region->start);
		}
	}
	xw_log("\nS:   ESR 0x%lx FAR 0x%lx ELR 0x%lx SP 0x%lx\n", esr, far, elr, sp);
}

void sk_sync_exception(struct sk_frame *f)
{
	uint64_t esr = read_sysreg(esr_el1), far = read_sysreg(far_el1);

	if (probe_armed) {
		/* The self-test asked for exactly one fault: record it and resume. */
		probe_armed = 0;
		probe_esr = esr;
		probe_far = far;
		probe_elr = f->elr;
		f->elr = (uint64_t)(uintptr_t)sk_probe_resume;
		return;
	}
	report("fault", esr, far, f->elr, f->sp);
	halt();
}

void sk_bad_exception(uint64_t n)
{
	xw_log("S: exception vector %lu at S-EL1\n", n);
	report("exception", read_sysreg(esr_el1), read_sysreg(far_el1),
	       read_sysreg(elr_el1), read_sysreg(sp_el0));
	halt();
}

/* Code words the execution probes call: `ret`, once in .data, once in .rodata. */
static uint32_t ret_in_data[1] = { 0xd65f03c0 };
static const uint32_t ret_in_rodata[1] = { 0xd65f03c0 };

enum probe { PROBE_WRITE, PROBE_EXEC, PROBE_PUSH };

static unsigned int st_pass, st_fail;

/* @region: start of the region the fault must be reported in. */
static void check(const char *name, enum probe p, uintptr_t a, enum xw_fault_kind want,
		  uintptr_t region)
{
	const struct xw_fault_region *r;
	struct xw_fault f;
	uint64_t faulted;
	size_t n;
	bool ok;

	probe_esr = 0;
	probe_far = 0;
	probe_armed = 1;
	switch (p) {
	case PROBE_WRITE:
		faulted = sk_probe_write(a);
		break;
	case PROBE_EXEC:
		faulted = sk_probe_exec(a);
		break;
	default:
		faulted = sk_probe_push(a);
		a -= 16; /* the push's lowest byte */
		break;
	}
	probe_armed = 0;
	if (!faulted) {
		st_fail++;
		xw_log("S: FAIL memprot_%s: no fault at 0x%lx\n", name, (uint64_t)a);
		return;
	}
	r = sk_layout(&n);
	xw_fault_decode(probe_esr, probe_far, r, n, &f);
	ok = f.kind == want && f.far_valid && probe_far == a && f.region != 0 &&
	     f.region->start == region;
	if (ok) {
		st_pass++;
		xw_log("S: PASS memprot_%s (%s in %s", name, xw_fault_kind_name(f.kind),
		       f.region->name);
		if (f.region->guard) {
			xw_log(" %u", f.region->idx);
		}
		xw_log(", ESR 0x%lx FAR 0x%lx)\n", probe_esr, probe_far);
	} else {
		st_fail++;
		xw_log("S: FAIL memprot_%s: %s, ESR 0x%lx FAR 0x%lx (wanted 0x%lx)\n", name,
		       xw_fault_kind_name(f.kind), probe_esr, probe_far, (uint64_t)a);
	}
}

/* An instruction the monitor traps and answers with Undefined Instruction. */
static void check_undef(void)
{
	uint64_t at = (uintptr_t)sk_probe_pacga_insn;

	probe_esr = 0;
	probe_elr = 0;
	probe_armed = 1;
	if (!sk_probe_pacga()) {
		probe_armed = 0;
		st_fail++;
		xw_log("S: FAIL trap_pacga_undef: PACGA ran at S-EL1\n");
		return;
	}
	/* EC 0 (Unknown reason), IL = 1, at the instruction itself. */
	if (probe_esr == (1UL << 25) && probe_elr == at) {
		st_pass++;
		xw_log("S: PASS trap_pacga_undef (ESR 0x%lx ELR 0x%lx)\n", probe_esr, probe_elr);
	} else {
		st_fail++;
		xw_log("S: FAIL trap_pacga_undef: ESR 0x%lx ELR 0x%lx (wanted 0x2000000 at 0x%lx)\n",
		       probe_esr, probe_elr, at);
	}
}

void sk_memprot_selftest(void)
{
	uintptr_t slot = (uintptr_t)sk_stacks + (uintptr_t)this_cpu() * SK_STACK_SLOT;
	uintptr_t kguard = slot + SK_GUARD_SIZE + SK_EXC_STACK_SIZE;

	check("text_ro", PROBE_WRITE, (uintptr_t)sk_probe_write, XW_FAULT_WRITE_RO, XW_SK_BASE);
	check("rodata_ro", PROBE_WRITE, (uintptr_t)ret_in_rodata, XW_FAULT_WRITE_RO,
	      (uintptr_t)__sk_text_end);
	check("data_nx", PROBE_EXEC, (uintptr_t)ret_in_data, XW_FAULT_EXEC_NX,
	      (uintptr_t)__sk_rodata_end);
	check("rodata_nx", PROBE_EXEC, (uintptr_t)ret_in_rodata, XW_FAULT_EXEC_NX,
	      (uintptr_t)__sk_text_end);
	/* The top of a guard page is the bottom of the stack above it. */
	check("stack_guard", PROBE_PUSH, kguard + SK_GUARD_SIZE, XW_FAULT_STACK_GUARD, kguard);
	check("exc_stack_guard", PROBE_PUSH, slot + SK_GUARD_SIZE, XW_FAULT_STACK_GUARD, slot);
	check("thread_stack_guard", PROBE_PUSH, sk_thread_stack_guard(0) + SK_GUARD_SIZE,
	      XW_FAULT_STACK_GUARD, sk_thread_stack_guard(0));
	check_undef();
	xw_log("S: self-test: %u passed, %u failed\n", st_pass, st_fail);
}
