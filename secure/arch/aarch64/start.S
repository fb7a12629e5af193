// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure kernel entry points. The monitor enters the cold entry once (boot
 * CPU), then only the entry table (fw/include/fw/sk_abi.h). Each entry
 * starts on the CPU's own stacks (stacks.h), found from MPIDR_EL1's Aff0 (the
 * CPU index the monitor uses): the kernel stack as SP_EL0, and the exception
 * stack as SP_EL1, set on every entry; it leaves with an SMC. No entry reads
 * SP_EL1, TPIDR_EL1 or a register an exception writes before setting it:
 * the monitor leaves the normal world's values there (docs/boot.md "World
 * switch", monitor/arch/aarch64/el1ctx.c keep_dead()).
 */
#include "fw/sk_abi.h"
#include "stacks.h"

/* \top = kernel stack top: SP_EL1 = exception stack, then run on SP_EL0. */
.macro use_stacks top, tmp
	sub	\tmp, \top, #SK_EXC_TOP_BELOW
	msr	spsel, #1
	mov	sp, \tmp
	msr	spsel, #0
	mov	sp, \top
.endm

	.section .text.entry, "ax"
	.global _start
_start:	/* x0 = CPU index, x1 = CPUs present */
	ldr	x9, =__bss_start
	ldr	x10, =__bss_end
1:	str	xzr, [x9], #8
	cmp	x9, x10
	b.lo	1b
	bl	set_stack
	bl	sk_cold_init
	bl	sk_mmu_kernel_l1
	mov	x2, x0
	ldr	x1, =sk_entry_table
	ldr	x0, =XW_SKRET_ENTRY_DONE
	smc	#0
	b	sk_protocol_panic

	.balign 8
	.global sk_entry_table
sk_entry_table:
	b	fast_entry
	b	yield_entry
	b	fiq_entry
	b	cpu_on_entry
	b	cpu_off_entry

/* \cpu = CPU index: \top = top of that CPU's kernel stack (\cpu, \tmp clobbered). */
.macro stack_top cpu, top, tmp
	cmp	\cpu, #SK_MAX_CPUS
	b.hs	sk_protocol_panic
	ldr	\top, =sk_stacks
	add	\cpu, \cpu, #1
	mov	\tmp, #SK_STACK_SLOT
	madd	\top, \cpu, \tmp, \top
.endm

/* x0 = CPU index: stacks on, VBAR set (x0, x1 kept for the C entry). */
set_stack:
	mov	x11, x0
	stack_top x11, x9, x10
	use_stacks x9, x10
	ldr	x9, =sk_vectors
	msr	vbar_el1, x9
	isb
	ret

/* This CPU's stacks, from MPIDR_EL1.Aff0 (as the monitor numbers CPUs). */
.macro entry_stacks
	mrs	x11, mpidr_el1
	and	x11, x11, #0xff
	stack_top x11, x9, x10
	use_stacks x9, x10
.endm

.macro call_entry yielding
	entry_stacks
	sub	sp, sp, #64
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	mov	x0, sp
	mov	x1, #\yielding
	bl	sk_call			// results in x[0..3]
	ldp	x1, x2, [sp, #0]
	ldp	x3, x4, [sp, #16]
	ldr	x0, =XW_SKRET_CALL_DONE
	smc	#0
	b	sk_protocol_panic
.endm

fast_entry:
	call_entry 0
yield_entry:
	call_entry 1

fiq_entry:
	entry_stacks
	bl	sk_fiq
	ldr	x0, =XW_SKRET_FIQ_DONE
	smc	#0
	b	sk_protocol_panic

cpu_on_entry:	/* x0 = CPU index, x1 = CPUs present */
	bl	set_stack
	bl	sk_cpu_on
	ldr	x0, =XW_SKRET_ON_DONE
	smc	#0
	b	sk_protocol_panic

cpu_off_entry:
	entry_stacks
	bl	sk_cpu_off
	ldr	x0, =XW_SKRET_OFF_DONE
	smc	#0
	b	sk_protocol_panic

/*
 * Vectors. The kernel runs with DAIF masked on SP_EL0, so the only exception
 * expected is a synchronous one from the current EL with SP_EL0: a fault
 * (memprot.c decides whether it was expected by a self-test, and reports it
 * otherwise). Everything else is a bug, reported from a per-CPU emergency
 * stack because SP_EL1 itself may be what overflowed.
 */
.macro vec_bad n
	.balign 0x80
	mov	x0, #\n
	b	sk_vec_bad
.endm
	.balign 0x800
sk_vectors:
	.balign 0x80
	b	sk_vec_sync		// current EL, SP_EL0: synchronous
	.irp n, 1,2,3,4,5,6,7
	vec_bad \n
	.endr
	/* Lower EL, AArch64: an application at S-EL0 stopped (app_entry.S) */
	.irp kind, 0,1,2,3
	.balign 0x80
	stp	x0, x1, [sp, #-16]!
	mov	x1, #\kind
	b	sk_app_exit
	.endr
	.irp n, 12,13,14,15
	vec_bad \n
	.endr

sk_vec_sync:
	sub	sp, sp, #SK_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x0, elr_el1
	stp	x30, x0, [sp, #SK_FRAME_X30]
	mrs	x0, spsr_el1
	mrs	x1, sp_el0
	stp	x0, x1, [sp, #SK_FRAME_SPSR]
	mov	x0, sp
	bl	sk_sync_exception	// returns only for an expected fault
	ldp	x0, x1, [sp, #SK_FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldr	x0, [sp, #SK_FRAME_SP]
	msr	sp_el0, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #SK_FRAME_X30]
	add	sp, sp, #SK_FRAME_SIZE
	eret

sk_vec_bad:	/* x0 = vector number */
	mrs	x1, mpidr_el1
	and	x1, x1, #(SK_MAX_CPUS - 1)
	add	x1, x1, #1
	ldr	x2, =sk_panic_stacks
	add	x2, x2, x1, lsl #SK_PANIC_STACK_SHIFT
	msr	spsel, #1
	mov	sp, x2
	b	sk_bad_exception

	.section .bss.stacks, "aw", %nobits
	.balign 4096
	.global sk_stacks
sk_stacks:
	.space SK_STACK_SLOT * SK_MAX_CPUS

	.bss
	.balign 16
sk_panic_stacks:
	.space (1 << SK_PANIC_STACK_SHIFT) * SK_MAX_CPUS
