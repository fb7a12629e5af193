/* SPDX-License-Identifier: BSD-2-Clause */
/* The root key TA images are checked against (ta_key.c, scripts/ta-pubkey.sh). */
#ifndef XW_TA_KEY_H
#define XW_TA_KEY_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t xw_ta_root_exponent;
extern const size_t xw_ta_root_modulus_len;
extern const uint8_t xw_ta_root_modulus[];

#endif
