/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev/xwtest ioctl interface, shared by the xwtest module and the user tools.
 * It is a test device: it hands any SMC to the firmware, so only root opens it.
 */
#ifndef XWTEST_IOCTL_H
#define XWTEST_IOCTL_H

/* uint64_t on both sides: the same layout, and printf formats that match in user space. */
#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif
#include <linux/ioctl.h>

/* How the module issues the call. */
#define XWTEST_HOW_FULL  0 /* arm_smccc_smc/hvc: x0..x7 in, x0..x3 out */
#define XWTEST_HOW_1_1   1 /* arm_smccc_1_1_invoke: x0..x6 in (a[7] must be 0) */

/* One call: a[0] is the function ID. */
struct xwtest_call {
	uint64_t a[8];   /* in */
	uint64_t r[4];   /* out: x0..x3 */
	uint32_t how;    /* in: XWTEST_HOW_* */
	uint32_t cpu;    /* out: the CPU the call was made on */
};

/*
 * `count` calls in a loop inside the kernel (no syscall per call). Call i passes
 * a[vary] + i in register `vary` (vary 1..7; 0 = nothing varies) and expects
 * r[0] == expect_r0 and, when check is 1..3, r[check] == expect + i * step.
 * Calls whose results differ are counted in `bad`; the first one is kept.
 */
struct xwtest_loop {
	uint64_t a[8];        /* in */
	uint64_t count;       /* in: at most XWTEST_LOOP_MAX */
	uint64_t expect_r0;   /* in */
	uint64_t expect;      /* in */
	uint64_t step;        /* in */
	uint32_t vary;        /* in: 0..7 */
	uint32_t check;       /* in: 0 (only r0) or 1..3 */
	uint32_t how;         /* in: XWTEST_HOW_* */
	uint32_t cpu;         /* out: the CPU the loop started on */
	uint64_t ns;          /* out: wall time of the whole loop */
	uint64_t done;        /* out: calls made (less than count if interrupted) */
	uint64_t bad;         /* out: calls with a wrong result */
	uint64_t bad_index;   /* out: index of the first bad call */
	uint64_t bad_r[4];    /* out: its x0..x3 */
	uint32_t migrated;    /* out: 1 if the loop ended on another CPU */
	uint32_t pad;
};

#define XWTEST_LOOP_MAX  100000000ULL

/* Conduit the module uses: 1 = SMC, 2 = HVC (as enum arm_smccc_conduit). */
#define XWTEST_IOC_MAGIC 'x'
#define XWTEST_IOC_CALL     _IOWR(XWTEST_IOC_MAGIC, 1, struct xwtest_call)
#define XWTEST_IOC_LOOP     _IOWR(XWTEST_IOC_MAGIC, 2, struct xwtest_loop)
#define XWTEST_IOC_CONDUIT  _IOR(XWTEST_IOC_MAGIC, 3, uint32_t)

#endif /* XWTEST_IOCTL_H */
