/* SPDX-License-Identifier: BSD-2-Clause */
/* SMCCC function-identifier decoding (portable, host-tested). */
#ifndef XW_MON_SMCCC_H
#define XW_MON_SMCCC_H

#include <stdbool.h>
#include <stdint.h>

/** A decoded SMCCC function identifier. */
struct xw_smccc_fid {
	uint32_t raw;   /* W0: the upper half of X0 never counts */
	bool fast;
	bool smc64;
	uint8_t owner;  /* OEN, 0..63 */
	uint16_t fn;
};

/**
 * xw_smccc_decode() - split X0 into its SMCCC fields.
 * Return: 0, or XW_EINVAL if the identifier is malformed (a fast call with
 * any of bits 23:17 set). @out is filled in either case.
 */
int xw_smccc_decode(uint64_t x0, struct xw_smccc_fid *out);

#endif
