// SPDX-License-Identifier: BSD-2-Clause
/*
 * FP/SIMD for applications allowed to use it (OP-TEE TAs, sk/arch/app.h):
 * CPACR_EL1.FPEN opens FP/SIMD for the time an application runs, and the
 * normal world's v0..v31, FPCR and FPSR (the secure kernel itself never
 * touches them: -mgeneral-regs-only) are swapped with the application's.
 * struct xw_app_fp: v[64] (32 x 16 bytes) at 0, fpcr at 512, fpsr at 520.
 */
	.arch	armv8-a+fp+simd
	.text

#define CPACR_FPEN (3 << 20)

.macro save_v base
	stp	q0, q1, [\base, #0]
	stp	q2, q3, [\base, #32]
	stp	q4, q5, [\base, #64]
	stp	q6, q7, [\base, #96]
	stp	q8, q9, [\base, #128]
	stp	q10, q11, [\base, #160]
	stp	q12, q13, [\base, #192]
	stp	q14, q15, [\base, #224]
	stp	q16, q17, [\base, #256]
	stp	q18, q19, [\base, #288]
	stp	q20, q21, [\base, #320]
	stp	q22, q23, [\base, #352]
	stp	q24, q25, [\base, #384]
	stp	q26, q27, [\base, #416]
	stp	q28, q29, [\base, #448]
	stp	q30, q31, [\base, #480]
	mrs	x9, fpcr
	mrs	x10, fpsr
	str	x9, [\base, #512]
	str	x10, [\base, #520]
.endm

.macro load_v base
	ldp	q0, q1, [\base, #0]
	ldp	q2, q3, [\base, #32]
	ldp	q4, q5, [\base, #64]
	ldp	q6, q7, [\base, #96]
	ldp	q8, q9, [\base, #128]
	ldp	q10, q11, [\base, #160]
	ldp	q12, q13, [\base, #192]
	ldp	q14, q15, [\base, #224]
	ldp	q16, q17, [\base, #256]
	ldp	q18, q19, [\base, #288]
	ldp	q20, q21, [\base, #320]
	ldp	q22, q23, [\base, #352]
	ldp	q24, q25, [\base, #384]
	ldp	q26, q27, [\base, #416]
	ldp	q28, q29, [\base, #448]
	ldp	q30, q31, [\base, #480]
	ldr	x9, [\base, #512]
	ldr	x10, [\base, #520]
	msr	fpcr, x9
	msr	fpsr, x10
.endm

	.global arch_app_fp_in
arch_app_fp_in:	/* x0 = the app's registers, x1 = where the current ones go */
	mrs	x9, cpacr_el1
	orr	x9, x9, #CPACR_FPEN
	msr	cpacr_el1, x9
	isb
	save_v	x1
	load_v	x0
	ret

	.global arch_app_fp_out
arch_app_fp_out:	/* x0 = the app's registers (saved), x1 = the ones to put back */
	save_v	x0
	load_v	x1
	mrs	x9, cpacr_el1
	bic	x9, x9, #CPACR_FPEN
	msr	cpacr_el1, x9
	isb
	ret
