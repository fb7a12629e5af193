// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory-protection probes for the boot self-test (memprot.c). Each makes
 * one access that must fault; the fault handler, told to expect it, resumes
 * at sk_probe_resume, which returns 1. A probe that returns 0 was allowed
 * to do what the map forbids. Each keeps the caller's SP in x9 and LR in
 * x10 (caller-saved), so the resume path needs no memory.
 */
	.text
	.global sk_probe_write
sk_probe_write:	/* x0 = address: write back the word found there */
	mov	x9, sp
	mov	x10, x30
	ldr	x1, [x0]
	str	x1, [x0]
	mov	x0, #0
	ret

	.global sk_probe_exec
sk_probe_exec:	/* x0 = address of a `ret` instruction: call it */
	mov	x9, sp
	mov	x10, x30
	blr	x0
	mov	x30, x10
	mov	x0, #0
	ret

	.global sk_probe_push
sk_probe_push:	/* x0 = a stack top right above a guard page: push one frame */
	mov	x9, sp
	mov	x10, x30
	mov	sp, x0
	stp	x29, x30, [sp, #-16]!
	mov	sp, x9
	mov	x0, #0
	ret

	.global sk_probe_resume
sk_probe_resume:
	mov	sp, x9
	mov	x30, x10
	mov	x0, #1
	ret

/*
 * PACGA x0, x0, x1 (FEAT_PAuth, encoded by hand for -march=armv8-a): the
 * secure world is not granted pointer authentication (SCR_EL3.API = 0), so
 * on a CPU that has it the monitor must answer the trap with an Undefined
 * Instruction exception here; on a CPU without it, it is undefined anyway.
 */
	.global sk_probe_pacga, sk_probe_pacga_insn
sk_probe_pacga:
	mov	x9, sp
	mov	x10, x30
sk_probe_pacga_insn:
	.inst	0x9ac13000
	mov	x0, #0
	ret
