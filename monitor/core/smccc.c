// SPDX-License-Identifier: BSD-2-Clause
#include "smccc.h"

#include "xw/err.h"
#include "xw/smc.h"

int xw_smccc_decode(uint64_t x0, struct xw_smccc_fid *out)
{
	uint32_t fid = (uint32_t)x0;

	out->raw = fid;
	out->fast = XW_SMC_IS_FAST(fid);
	out->smc64 = XW_SMC_IS_64(fid);
	out->owner = (uint8_t)XW_SMC_OWNER(fid);
	out->fn = (uint16_t)XW_SMC_FN(fid);
	/* Yielding calls give bits 23:16 no meaning; fast calls reserve 23:17. */
	if (out->fast && (fid & XW_SMC_MBZ_MASK) != 0) {
		return XW_EINVAL;
	}
	return XW_OK;
}
