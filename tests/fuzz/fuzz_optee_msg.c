// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the OP-TEE front end's decoders over hostile bytes: the
 * message argument (any length, any num_params, any attributes) and page-list
 * pages. Invariants: no crash/UB, and a successful decode is within bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../secure/abi/optee/optee.h"
#include "xw/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xw_optee_call c;
	uint64_t pl[512];
	unsigned int i;

	if (xw_optee_decode_arg(data, size, &c) == XW_OK) {
		if (c.num_params > XW_OPTEE_MAX_PARAMS || size < XW_OMSG_ARG_SIZE(c.num_params)) {
			__builtin_trap();
		}
		for (i = 0; i < c.num_params; i++) {
			if ((c.p[i].type & ~0xfU) != 0 || (c.p[i].noncontig && (c.p[i].type >> 2) != 2)) {
				__builtin_trap();
			}
		}
	}
	memset(pl, 0, sizeof(pl));
	memcpy(pl, data, size < sizeof(pl) ? size : sizeof(pl));
	(void)xw_optee_pagelist_check(pl, size % 1024, (size & 1) != 0);
	return 0;
}
