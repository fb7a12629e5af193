/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inside the TA support (secure/ta/): what the loader (ta_load.c), the calls
 * (ta_call.c) and the system pseudo-TA (ta_pta.c) share. Not for other code:
 * ta.h is the interface.
 */
#ifndef XW_TA_INT_H
#define XW_TA_INT_H

#include "ta.h"

#include "../core/pages.h"

#define XW_TA_SHM_APPL 0U /* OPTEE_RPC_SHM_TYPE_APPL: memory the supplicant sees */

static inline uint64_t xw_ta_pages_of(uint64_t n)
{
	return (n + XW_PAGE_SIZE - 1) / XW_PAGE_SIZE;
}

/** xw_ta_load() - instance @ta in slot @slot of TA @uuid (ta_load.c). A TEE_Result. */
uint32_t xw_ta_load(struct xw_ta *ta, unsigned int slot, const uint8_t uuid[16]);
/** xw_ta_add_modules() - load @uuid and what it needs into running @ta (dlopen too). */
uint32_t xw_ta_add_modules(struct xw_ta *ta, const uint8_t uuid[16]);
/** xw_ta_appl_alloc() - @size bytes of APPL shared memory (RPC SHM_ALLOC) as a per-call object. */
uint32_t xw_ta_appl_alloc(struct xw_ta *ta, uint64_t size, struct xw_optee_shm **shm,
			  uint64_t *cookie);
/** xw_ta_appl_free() - drop that object and the driver's buffer (RPC SHM_FREE). */
void xw_ta_appl_free(struct xw_ta *ta, struct xw_optee_shm *shm, uint64_t cookie);
/** xw_ta_log_code() - one secure-log line "@what 0x@v" for TA @name. */
void xw_ta_log_code(const char *name, const char *what, uint64_t v);
/** xw_ta_uuid_pack() - 16 octets as a message value's a (first 8) and b. */
void xw_ta_uuid_pack(const uint8_t u[16], uint64_t *a, uint64_t *b);

/** xw_ta_is_system() - is @uuid OP-TEE's system pseudo-TA (ta_pta.c)? */
bool xw_ta_is_system(const uint8_t uuid[16]);
/** xw_ta_system_invoke() - command @cmd of the system pseudo-TA for @caller. */
uint32_t xw_ta_system_invoke(struct xw_ta *caller, uint32_t cmd, struct xw_ta_param p[4]);

#endif
