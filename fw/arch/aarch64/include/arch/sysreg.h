/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System registers, barriers, MMIO accessors and the generic counter for the
 * AArch64 firmware (monitor and secure kernel). Arch code only.
 */
#ifndef XW_ARCH_SYSREG_H
#define XW_ARCH_SYSREG_H

#include <stdint.h>

#define read_sysreg(r) ({ uint64_t __v; \
	__asm__ volatile("mrs %0, " #r : "=r"(__v)); __v; })
#define write_sysreg(r, v) do { uint64_t __v = (uint64_t)(v); \
	__asm__ volatile("msr " #r ", %0" : : "r"(__v)); } while (0)
/* For registers binutils knows only by encoding (GICv3 ICC_*_EL3 etc.) */
#define read_sysreg_s(enc) ({ uint64_t __v; \
	__asm__ volatile("mrs %0, " enc : "=r"(__v)); __v; })
#define write_sysreg_s(enc, v) do { uint64_t __v = (uint64_t)(v); \
	__asm__ volatile("msr " enc ", %0" : : "r"(__v)); } while (0)

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void dsb_ish(void) { __asm__ volatile("dsb ish" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

/*
 * The generic timer's physical count, ordered after earlier instructions
 * (the ISB): what every timestamp of the firmware reads.
 */
static inline uint64_t arch_counter_now(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

/** arch_counter_freq() - counter ticks per second (CNTFRQ_EL0, set by the board). */
static inline uint64_t arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

static inline uint32_t mmio_read32(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}
static inline void mmio_write32(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}
static inline uint64_t mmio_read64(uintptr_t a)
{
	return *(volatile uint64_t *)a;
}

/* SCR_EL3 */
#define SCR_NS   (1UL << 0)
#define SCR_IRQ  (1UL << 1)
#define SCR_FIQ  (1UL << 2)
#define SCR_RES1 (3UL << 4)
#define SCR_HCE  (1UL << 8)
#define SCR_SIF  (1UL << 9)
#define SCR_RW   (1UL << 10)
#define SCR_ST   (1UL << 11)

/* SPSR: DAIF masked, AArch64 */
#define SPSR_EL1H_MASKED 0x3c5UL
#define SPSR_EL2H_MASKED 0x3c9UL

/* SCTLR reset-like values: RES1 bits only, MMU and caches off, little endian */
#define SCTLR_EL1_RES1 0x30d00800UL
#define SCTLR_EL2_RES1 0x30c50830UL

#endif
