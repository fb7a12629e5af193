// SPDX-License-Identifier: BSD-2-Clause
/*
 * EL3 reset entry, holding pen, exception vectors and world exit.
 * Linked to run in secure RAM; the code up to the branch into RAM runs from
 * the secure flash at 0 and is position independent.
 */
#include "mmu.h"
#include "mon/ctx.h"
#include "mon/tos_image.h"
#include "plat_memmap.h"

	.section .text.reset, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	mrs	x0, mpidr_el1
	ubfx	x1, x0, #8, #16		// Aff1 and Aff2
	ubfx	x2, x0, #32, #8		// Aff3
	orr	x1, x1, x2
	cbnz	x1, dead		// not a CPU this firmware knows
	and	x19, x0, #0xff		// CPU index
	cmp	x19, #XW_PLAT_MAX_CPUS
	b.hs	dead
	cbnz	x19, wait_copy

	/*
	 * Boot CPU, MMU and caches off. First discard whatever secure RAM
	 * lines a cache may hold from before this reset (an earlier boot, a
	 * dirty line in a system cache): evicted later, they would overwrite
	 * the copies made below with non-cacheable stores.
	 */
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		// DminLine: log2(words)
	mov	x4, #4
	lsl	x4, x4, x3
	ldr	x1, =XW_SEC_RAM_BASE
	ldr	x2, =(XW_SEC_RAM_BASE + XW_SEC_RAM_SIZE)
0:	dc	ivac, x1
	add	x1, x1, x4
	cmp	x1, x2
	b.lo	0b
	dsb	sy
	/* Copy the monitor, then the trusted OS (mon/tos_image.h), into RAM. */
	adr	x0, _start
	ldr	x1, =__mon_start
	ldr	x2, =__mon_load_end
1:	ldr	x3, [x0], #8
	str	x3, [x1], #8
	cmp	x1, x2
	b.lo	1b
	adr	x0, _start
	add	x0, x0, #XW_FLASH_SK_OFFSET
	ldr	x1, =XW_TOS_IMAGE_BASE
	ldr	x2, =(XW_TOS_IMAGE_BASE + XW_TOS_MAX_IMAGE)
2:	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x1], #16
	cmp	x1, x2
	b.lo	2b
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
3:	str	xzr, [x1], #8
	cmp	x1, x2
	b.lo	3b
	dsb	sy
	/* Nothing stale may be fetched from the copied code (all CPUs). */
	ic	ialluis
	dsb	sy
	isb
	/* The secondaries are released by xw_mon_cold_boot, once the EL3 tables exist. */
	ldr	x0, =in_ram
	br	x0

	/* Other CPUs: wait (MMU off) until the boot CPU has set up RAM and tables. */
wait_copy:
	ldr	x0, =xw_mon_ready
4:	wfe
	ldr	w1, [x0]
	cbz	w1, 4b
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =in_ram
	br	x0

dead:	wfe
	b	dead
	.ltorg

	.text
in_ram:
	/*
	 * A secondary turns its MMU and caches on before its first store:
	 * a non-cacheable write next to lines the boot CPU already caches
	 * would not be coherent. The boot CPU builds the tables first (in C,
	 * MMU off) and turns its MMU on in xw_mon_cold_boot.
	 */
	cbz	x19, 6f
	bl	xw_mon_mmu_on
6:	ldr	x0, =xw_mon_vectors
	msr	vbar_el3, x0
	isb
	/* Per-CPU stack: the top of slot index (guard, then stack). */
	ldr	x0, =xw_mon_stacks
	add	x1, x19, #1
	mov	x2, #MON_STACK_SLOT
	madd	x0, x1, x2, x0
	mov	sp, x0
	mov	x0, x19
	cbnz	x19, 5f
	bl	xw_mon_cold_boot	// never returns
5:	bl	xw_mon_pen		// never returns
	b	dead

/*
 * void xw_mon_mmu_on(void): this CPU's EL3 MMU and caches on, with the
 * tables xw_mon_mmu_build() made. Uses no stack and only x0.
 */
	.global xw_mon_mmu_on
xw_mon_mmu_on:
	ldr	x0, =MON_MAIR
	msr	mair_el3, x0
	ldr	x0, =MON_TCR
	msr	tcr_el3, x0
	ldr	x0, =xw_mon_l1
	msr	ttbr0_el3, x0
	isb
	tlbi	alle3			// TLB contents are unknown after reset
	dsb	nsh
	isb
	ldr	x0, =MON_SCTLR
	msr	sctlr_el3, x0
	isb
	ret

/*
 * void xw_mon_exit(struct xw_gp_ctx *ctx): resume a lower EL from @ctx.
 * SP_EL3 stays at @ctx so that the next exception saves there.
 */
	.global xw_mon_exit
xw_mon_exit:
	mov	sp, x0
	ldp	x2, x3, [sp, #CTX_SP_EL0]
	ldp	x4, x5, [sp, #CTX_SPSR]
	msr	sp_el0, x2
	msr	elr_el3, x3
	msr	spsr_el3, x4
	msr	scr_el3, x5
	isb
	ldp	x0, x1, [sp, #0x00]
	ldp	x2, x3, [sp, #0x10]
	ldp	x4, x5, [sp, #0x20]
	ldp	x6, x7, [sp, #0x30]
	ldp	x8, x9, [sp, #0x40]
	ldp	x10, x11, [sp, #0x50]
	ldp	x12, x13, [sp, #0x60]
	ldp	x14, x15, [sp, #0x70]
	ldp	x16, x17, [sp, #0x80]
	ldp	x18, x19, [sp, #0x90]
	ldp	x20, x21, [sp, #0xa0]
	ldp	x22, x23, [sp, #0xb0]
	ldp	x24, x25, [sp, #0xc0]
	ldp	x26, x27, [sp, #0xd0]
	ldp	x28, x29, [sp, #0xe0]
	ldr	x30, [sp, #CTX_X30]
	eret

/* Save a lower EL's state in the context at SP_EL3, call the C handler. */
lower_common:
	stp	x2, x3, [sp, #0x10]
	stp	x4, x5, [sp, #0x20]
	stp	x6, x7, [sp, #0x30]
	stp	x8, x9, [sp, #0x40]
	stp	x10, x11, [sp, #0x50]
	stp	x12, x13, [sp, #0x60]
	stp	x14, x15, [sp, #0x70]
	stp	x16, x17, [sp, #0x80]
	stp	x18, x19, [sp, #0x90]
	stp	x20, x21, [sp, #0xa0]
	stp	x22, x23, [sp, #0xb0]
	stp	x24, x25, [sp, #0xc0]
	stp	x26, x27, [sp, #0xd0]
	stp	x28, x29, [sp, #0xe0]
	str	x30, [sp, #CTX_X30]
	mrs	x2, sp_el0
	mrs	x3, elr_el3
	mrs	x4, spsr_el3
	stp	x2, x3, [sp, #CTX_SP_EL0]
	str	x4, [sp, #CTX_SPSR]
	mov	x0, sp
	ldr	x2, [sp, #CTX_STACK]
	mov	sp, x2
	bl	xw_mon_trap		// x0 = ctx, x1 = kind; returns the ctx to resume
	b	xw_mon_exit

.macro lower kind
	.balign 0x80
	stp	x0, x1, [sp, #0x00]
	mov	x1, #\kind
	b	lower_common
.endm
.macro bad kind
	.balign 0x80
	mov	x0, #\kind
	b	bad_common
.endm

/*
 * An exception in EL3 itself is a bug; it may be a stack overflow into a
 * guard page, so report it from a per-CPU emergency stack.
 */
bad_common:
	mrs	x1, mpidr_el1
	and	x1, x1, #(XW_PLAT_MAX_CPUS - 1)
	add	x1, x1, #1
	ldr	x2, =xw_mon_panic_stacks
	add	x2, x2, x1, lsl #MON_PANIC_STACK_SHIFT
	mov	sp, x2
	b	xw_mon_bad_exception

	.balign 0x800
	.global xw_mon_vectors
xw_mon_vectors:
	bad 0		// current EL, SP_EL0
	bad 1
	bad 2
	bad 3
	bad 4		// current EL, SP_EL3
	bad 5
	bad 6
	bad 7
	lower 0		// lower EL AArch64: sync (SMC, traps: monitor/core/trap.c)
	bad 9		// IRQ: never routed to EL3
	lower 2		// FIQ: a secure interrupt while the normal world runs
	bad 11		// SError
	bad 12		// lower EL AArch32: never, SCR_EL3.RW = 1 makes the EL
	bad 13		// below EL3 AArch64; an AArch32 EL1/EL0 under it comes
	bad 14		// through the AArch64 entries above (ESR EC 0x13 for an
	bad 15		// SMC): the vector follows the EL right below EL3

	.section .bss.stacks, "aw", %nobits
	.balign 4096
	.global xw_mon_stacks
xw_mon_stacks:
	.space MON_STACK_SLOT * XW_PLAT_MAX_CPUS

	.bss
	.balign 16
xw_mon_panic_stacks:
	.space (1 << MON_PANIC_STACK_SHIFT) * XW_PLAT_MAX_CPUS
