/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one translation, on the firmware side, of a Crossworld result into the
 * status register of an SMC return (docs/errors.md). Every handler of the
 * monitor and the secure kernel works with int results (XW_OK or an XW_E*
 * code) and calls this once where the result becomes x0.
 */
#ifndef XW_SMC_STATUS_H
#define XW_SMC_STATUS_H

#include <stdint.h>

#include "xw/err.h"
#include "xw/smc.h"

/*
 * xw_smc_status() - x0 for result @rc: sign-extended to 64 bits (an SMC32
 * caller reads W0). Anything but XW_OK or a code of err.h - a positive value,
 * -1 (which the normal world would read as XW_SMC_UNK: "no such function,
 * nothing happened"), or a value below XW_ERR_MIN - is a bug in the handler;
 * it is answered as XW_EIO, never passed on as something the caller would
 * misread.
 */
static inline uint64_t xw_smc_status(int rc)
{
	if (rc != XW_OK && (rc >= XW_SMC_UNK || rc < XW_ERR_MIN)) {
		rc = XW_EIO;
	}
	return (uint64_t)(int64_t)rc;
}

/* xw_smc_unknown() - x0 for a function ID nobody implements. */
static inline uint64_t xw_smc_unknown(void)
{
	return (uint64_t)(int64_t)XW_SMC_UNK;
}

#endif
