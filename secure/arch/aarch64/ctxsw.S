// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure thread context switch (callee-saved registers, FP/LR and SP only:
 * the secure kernel is built -mgeneral-regs-only, DAIF stays masked).
 * Layout: struct sk_ctx in optee_arch.c, 13 words.
 */
	.text
	.global sk_ctx_switch
sk_ctx_switch:	/* x0 = save here, x1 = load from here */
	mov	x9, sp
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	str	x9, [x0, #96]
	ldp	x19, x20, [x1, #0]
	ldp	x21, x22, [x1, #16]
	ldp	x23, x24, [x1, #32]
	ldp	x25, x26, [x1, #48]
	ldp	x27, x28, [x1, #64]
	ldp	x29, x30, [x1, #80]
	ldr	x9, [x1, #96]
	mov	sp, x9
	ret

	.global sk_thread_trampoline
sk_thread_trampoline:	/* first run of a thread: x19 = its index */
	mov	x0, x19
	mov	x29, xzr
	bl	sk_thread_entry
	b	sk_protocol_panic
