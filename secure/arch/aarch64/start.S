// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure kernel entry points. The monitor enters the cold entry once (boot
 * CPU), then only the entry table (fw/include/fw/sk_abi.h). Each entry
 * starts on the CPU's own stack, kept in TPIDR_EL1, and leaves with an SMC.
 */
#include "fw/sk_abi.h"

#define STACK_SIZE 0x2000
#define MAX_CPUS   8

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

/* x0 = CPU index: SP and TPIDR_EL1 = top of that CPU's stack, VBAR set. */
set_stack:
	cmp	x0, #MAX_CPUS
	b.hs	sk_protocol_panic
	ldr	x9, =sk_stacks
	add	x10, x0, #1
	mov	x11, #STACK_SIZE
	madd	x9, x10, x11, x9
	mov	sp, x9
	msr	tpidr_el1, x9
	ldr	x9, =sk_vectors
	msr	vbar_el1, x9
	isb
	ret

.macro call_entry yielding
	mrs	x9, tpidr_el1
	mov	sp, x9
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
	mrs	x9, tpidr_el1
	mov	sp, x9
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
	mrs	x9, tpidr_el1
	mov	sp, x9
	bl	sk_cpu_off
	ldr	x0, =XW_SKRET_OFF_DONE
	smc	#0
	b	sk_protocol_panic

/* Every S-EL1 exception is a bug: the secure kernel runs with DAIF masked. */
.macro vec n
	.balign 0x80
	mov	x0, #\n
	b	sk_bad_exception
.endm
	.balign 0x800
sk_vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	vec \n
	.endr

	.bss
	.balign 16
sk_stacks:
	.space STACK_SIZE * (MAX_CPUS + 1)
