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

	.bss
	.balign 16
stacks:
	.space STACK_SIZE * 9
