/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_APP_MAC_H
#define XW_APP_MAC_H

#include "xwapp.h"

/** siphash24() - the 64-bit SipHash-2-4 tag of @m[0..n) under @key. */
uint64_t siphash24(const uint8_t key[16], const uint8_t *m, size_t n);

#endif
