/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted arch layer of the OP-TEE front end (secure/arch/host/optee_arch.c):
 * what the tests and the fuzzer use to play the hardware around the front end.
 * Each secure thread is a pthread that holds a baton while it runs; the
 * caller of xw_optee_handle_call() blocks until the thread yields an RPC or
 * finishes, exactly as the CPU's entry path waits on the target.
 */
#ifndef XW_SK_OPTEE_HOST_H
#define XW_SK_OPTEE_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "time_host.h"

#include "../../abi/optee/optee.h"

/** Make a normal-world interrupt pending (true) or take it (false). */
void host_optee_set_foreign(bool pending);
/** How often arch_foreign_pending() has been asked (spin detection). */
uint64_t host_optee_foreign_polls(void);
/**
 * Call @fn(@p, @cookie, @arg) at every interleaving point the front end passes
 * (arch_optee_point(), on whichever pthread runs the secure thread); NULL
 * removes it. The hook may block to hold that CPU at the point.
 */
typedef void host_optee_point_fn(enum xw_optee_point p, uint64_t cookie, void *arg);
void host_optee_set_point_hook(host_optee_point_fn *fn, void *arg);
/** Join every secure thread's pthread (each must be idle: no call in flight). */
void host_optee_shutdown(void);

#endif
