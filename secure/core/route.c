// SPDX-License-Identifier: BSD-2-Clause
#include "route.h"

#include "xw/smc.h"
#include "xw/trng.h"

enum xw_sk_front xw_sk_route(uint32_t fid)
{
	if (XW_TRNG_IS_FID(fid)) {
		return XW_SK_FRONT_TRNG;
	}
	switch (XW_SMC_OWNER(fid)) {
	case XW_SMC_OWNER_XW:
		return XW_SK_FRONT_XW;
	case XW_SMC_OWNER_OPTEE:
	case XW_SMC_OWNER_TOS_QUERY:
		return XW_SK_FRONT_OPTEE;
	default:
		return XW_SK_FRONT_NONE;
	}
}
