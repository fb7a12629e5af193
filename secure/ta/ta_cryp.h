/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The digest system calls of the TA personality (ta_cryp.c): OP-TEE's
 * cryp_state_alloc/copy/free and hash_init/update/final for the digest
 * operations, SHA-256 backed by ta_crypto.h. Called from ta_sys.c's table.
 */
#ifndef XW_TA_CRYP_H
#define XW_TA_CRYP_H

#include <stdint.h>

struct xw_app;

int64_t xw_ta_sys_cryp_state_alloc(struct xw_app *app, const uint64_t a[6]);
int64_t xw_ta_sys_cryp_state_copy(struct xw_app *app, const uint64_t a[6]);
int64_t xw_ta_sys_cryp_state_free(struct xw_app *app, const uint64_t a[6]);
int64_t xw_ta_sys_hash_init(struct xw_app *app, const uint64_t a[6]);
int64_t xw_ta_sys_hash_update(struct xw_app *app, const uint64_t a[6]);
int64_t xw_ta_sys_hash_final(struct xw_app *app, const uint64_t a[6]);

#endif
