/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Which front end of the secure kernel serves a call. The monitor hands the
 * secure kernel every Trusted Application / Trusted OS owner (48..63,
 * docs/abi-smc.md); here OP-TEE's two owners go to the OP-TEE front end
 * (secure/abi/optee/), Crossworld's owner to the kernel's call table
 * (calls.c), the SMCCC TRNG functions (owner 4, which the monitor forwards:
 * docs/entropy.md) to services/trng.c, and every other owner is answered SMC_UNK. Portable, host-tested
 * (test_dispatch_sk); the arch entry (secure/arch/<arch>/main.c) switches on it.
 */
#ifndef XW_SK_ROUTE_H
#define XW_SK_ROUTE_H

#include <stdint.h>

enum xw_sk_front {
	XW_SK_FRONT_NONE,  /* nobody: SMC_UNK, registers x1..x3 kept */
	XW_SK_FRONT_XW,    /* owner 51: calls.c */
	XW_SK_FRONT_OPTEE, /* owners 50 and 63: the OP-TEE front end */
	XW_SK_FRONT_TRNG,  /* owner 4, 0x50..0x5f: SMCCC TRNG (services/trng.c) */
};

/** xw_sk_route() - the front end for function ID @fid (only W0 counts). */
enum xw_sk_front xw_sk_route(uint32_t fid);

#endif
