/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xwsmc: the normal-world test tool that issues SMCs through /dev/xwtest.
 * Shared declarations of its parts (device access, checks, stress, benchmark).
 */
#ifndef XWSMC_H
#define XWSMC_H

#include <stdint.h>

#include "xwtest_ioctl.h"

/* Opens /dev/xwtest once; exits with a message if it cannot. */
int xw_dev(void);
/* One call with x1..x7 = a[1..7]; fills r[0..3]. Returns 0 or -errno. */
int xw_call(uint32_t how, const uint64_t a[8], uint64_t r[4]);
/* A loop inside the kernel (see struct xwtest_loop). Returns 0 or -errno. */
int xw_loop(struct xwtest_loop *l);
/* Pins the calling thread to one CPU. Returns 0 or -errno. */
int xw_pin(int cpu);
/* Online CPUs as the kernel counts them. */
int xw_ncpus(void);
/* Monotonic time in ns. */
uint64_t xw_now_ns(void);
/* Parses a number (decimal, 0x hex, or negative); exits on a malformed one. */
uint64_t xw_num(const char *s);

int xw_cmd_check(int argc, char **argv);
int xw_cmd_stress(int argc, char **argv);
int xw_cmd_bench(int argc, char **argv);
int xw_cmd_demo(int argc, char **argv);

#endif /* XWSMC_H */
