// SPDX-License-Identifier: BSD-2-Clause
/*
 * Entering and leaving an application at S-EL0 (app_arch.c). The kernel runs
 * on SP_EL0; an application uses SP_EL0 too, so sk_app_run parks the
 * kernel's SP and callee-saved registers on the kernel stack, and two words
 * on the exception stack (SP_EL1): the application's register block and the
 * kernel's SP. An exception from EL0 (vectors + 0x400.. in start.S) saves the
 * application's registers into that block and returns from sk_app_run with
 * what kind of exception it was, SP_EL1 back at its top.
 *
 * Register block (struct xw_app_regs): x0..x30 at 0, sp 248, elr 256, spsr 264.
 */
#define R_SP   248
#define R_ELR  256

	.text
	.global sk_app_run
sk_app_run:	/* x0 = register block, x1 = TTBR0 (root | ASID << 48) */
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	msr	ttbr0_el1, x1
	isb
	mov	x9, sp
	msr	spsel, #1
	stp	x0, x9, [sp, #-16]!
	ldr	x9, [x0, #R_SP]
	msr	sp_el0, x9
	ldp	x9, x10, [x0, #R_ELR]
	msr	elr_el1, x9
	msr	spsr_el1, x10
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
	eret
	/* No speculation past the ERET */
	dsb	nsh
	isb

	.global sk_app_exit
sk_app_exit:	/* from the vectors: x1 = kind; [sp] = app x0, x1; [sp + 16] = block, kernel SP */
	ldr	x0, [sp, #16]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	mrs	x2, sp_el0
	str	x2, [x0, #R_SP]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [x0, #R_ELR]
	ldp	x0, x9, [sp], #16
	msr	spsel, #0
	mov	sp, x9
	mov	x0, x1
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
