// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware smoke test payload: a bare normal-world program loaded at the
 * Linux Image address. Entry points and the SMC helpers the C part uses.
 */
#define STACK_SIZE 0x2000

	.section .text.boot, "ax"
	.global _start
_start:				// boot CPU, x0 = device tree (unused)
	ldr	x1, =stacks
	add	sp, x1, #STACK_SIZE
	bl	smoke_main
	b	.

	.global smoke_secondary_entry
smoke_secondary_entry:		// PSCI CPU_ON entry, x0 = context id = CPU index
	ldr	x1, =stacks
	add	x2, x0, #1
	mov	x3, #STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
	bl	smoke_secondary
	b	.

	.text
/* struct smc_res smc(x0..x7): the result struct comes back through x8. */
	.global smc
smc:
	str	x8, [sp, #-16]!
	smc	#0
	ldr	x8, [sp], #16
	stp	x0, x1, [x8]
	stp	x2, x3, [x8, #16]
	ret

/*
 * uint64_t smc_clobbers(fid, a1, a2, a3): make a call with x4..x18 holding
 * known values; return a bit mask of the registers the call changed.
 */
	.global smc_clobbers
smc_clobbers:
	.irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18
	mov	x\n, #(0x5a0 + \n)
	.endr
	smc	#0
	mov	x0, #0
	mov	x1, #1
	.irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18
	cmp	x\n, #(0x5a0 + \n)
	b.eq	1f
	orr	x0, x0, x1, lsl #\n
1:
	.endr
	ret

/*
 * struct smc_res aarch32_smc(r0, r1, r2, r3), at EL2 only: run `smc #0` in
 * an AArch32 EL1 (HCR_EL2.RW = 0) with R0..R3 = the arguments, come back
 * with `hvc #0` and return R0..R3 (upper halves unknown: the caller masks).
 * Tests the monitor's SMC path for AArch32 callers (ESR_EL3.EC 0x13).
 */
	.global aarch32_smc
aarch32_smc:
	ldr	x9, =a32_save
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	stp	x10, x8, [x9, #96]
	mrs	x10, vbar_el2
	mrs	x11, hcr_el2
	stp	x10, x11, [x9, #112]
	ldr	x10, =a32_vectors
	msr	vbar_el2, x10
	bic	x11, x11, #(1 << 31)	// RW = 0: EL1 is AArch32
	msr	hcr_el2, x11
	ldr	x10, =a32_code
	msr	elr_el2, x10
	mov	x10, #0x1d3		// AArch32 Supervisor mode, A32, A/I/F masked
	msr	spsr_el2, x10
	isb
	eret

	.balign 4
a32_code:			// A32 instructions
	.word	0xe1600070	// smc #0
	.word	0xe1400070	// hvc #0
	.word	0xeafffffe	// b .

a32_back:			// from the HVC: x0..x3 = R0..R3
	ldr	x9, =a32_save
	ldp	x10, x11, [x9, #112]
	msr	vbar_el2, x10
	msr	hcr_el2, x11
	isb
	ldp	x19, x20, [x9, #0]
	ldp	x21, x22, [x9, #16]
	ldp	x23, x24, [x9, #32]
	ldp	x25, x26, [x9, #48]
	ldp	x27, x28, [x9, #64]
	ldp	x29, x30, [x9, #80]
	ldp	x10, x8, [x9, #96]
	mov	sp, x10
	stp	x0, x1, [x8]
	stp	x2, x3, [x8, #16]
	ret

	.balign 0x800
a32_vectors:			// only "lower EL, AArch32, synchronous" is expected
	.rept 12
	.balign 0x80
	b	.
	.endr
	.balign 0x80
	b	a32_back
	.rept 3
	.balign 0x80
	b	.
	.endr

	.bss
	.balign 16
a32_save:
	.space 128
	.balign 16
stacks:
	.space STACK_SIZE * 9
