/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE SMC ABI, the subset Crossworld's OP-TEE front end serves: our own
 * transcription of the numbers the stock Linux driver (drivers/tee/optee,
 * smc_abi.c) uses, written from the public ABI description. docs/optee.md says
 * which calls are answered and how. Macros only: freestanding everywhere.
 *
 * Every OP-TEE call is SMC32: arguments and results are W registers, 64-bit
 * values (physical addresses, cookies) travel as (upper, lower) register pairs.
 */
#ifndef XW_OPTEE_SMC_H
#define XW_OPTEE_SMC_H

#define XW_OPTEE_OWNER          50U /* trusted OS: OP-TEE's calls */
#define XW_OPTEE_OWNER_QUERY    63U /* trusted OS end: UID/revision/count queries */

#define XW_OPTEE_FAST(fn)       (0xb2000000U | (fn))
#define XW_OPTEE_STD(fn)        (0x32000000U | (fn))
#define XW_OPTEE_QUERY(fn)      (0xbf000000U | (fn))

/* Queries (owner 63, fast) */
#define XW_OPTEE_CALLS_COUNT    XW_OPTEE_QUERY(0xff00)
#define XW_OPTEE_CALLS_UID      XW_OPTEE_QUERY(0xff01)
#define XW_OPTEE_CALLS_REVISION XW_OPTEE_QUERY(0xff03)

/* API UID 384fb3e0-e7f8-11e3-af63-0002a5d5c51b, revision 2.0 */
#define XW_OPTEE_UID_0          0x384fb3e0U
#define XW_OPTEE_UID_1          0xe7f811e3U
#define XW_OPTEE_UID_2          0xaf630002U
#define XW_OPTEE_UID_3          0xa5d5c51bU
#define XW_OPTEE_REV_MAJOR      2U
#define XW_OPTEE_REV_MINOR      0U

/* Fast calls (owner 50) */
#define XW_OPTEE_GET_OS_UUID          XW_OPTEE_FAST(0)
#define XW_OPTEE_GET_OS_REVISION      XW_OPTEE_FAST(1)
#define XW_OPTEE_GET_SHM_CONFIG       XW_OPTEE_FAST(7)
#define XW_OPTEE_EXCHANGE_CAPS        XW_OPTEE_FAST(9)
#define XW_OPTEE_DISABLE_SHM_CACHE    XW_OPTEE_FAST(10)
#define XW_OPTEE_ENABLE_SHM_CACHE     XW_OPTEE_FAST(11)
#define XW_OPTEE_VM_CREATED           XW_OPTEE_FAST(13) /* a1 = guest; hypervisor only (w7 = 0) */
#define XW_OPTEE_VM_DESTROYED         XW_OPTEE_FAST(14) /* a1 = guest; hypervisor only */
#define XW_OPTEE_GET_THREAD_COUNT     XW_OPTEE_FAST(15)

/* Yielding calls (owner 50) */
#define XW_OPTEE_RETURN_FROM_RPC      XW_OPTEE_STD(3) /* a1..a3 = what the RPC returned */
#define XW_OPTEE_CALL_WITH_ARG        XW_OPTEE_STD(4) /* a1:a2 = PA of struct optee_msg_arg */

/* Secure-world capabilities (EXCHANGE_CAPS result a1) */
#define XW_OPTEE_SEC_CAP_HAVE_RESERVED_SHM (1U << 0)
#define XW_OPTEE_SEC_CAP_UNREGISTERED_SHM  (1U << 1)
#define XW_OPTEE_SEC_CAP_DYNAMIC_SHM       (1U << 2)
#define XW_OPTEE_SEC_CAP_VIRTUALIZATION    (1U << 3)
#define XW_OPTEE_SEC_CAP_MEMREF_NULL       (1U << 4)
#define XW_OPTEE_SEC_CAP_ASYNC_NOTIF       (1U << 5)
#define XW_OPTEE_SEC_CAP_RPC_ARG           (1U << 6)
/* Normal-world capabilities (EXCHANGE_CAPS argument a1) */
#define XW_OPTEE_NSEC_CAP_UNIPROCESSOR     (1U << 0)

/* Cache attribute value for OPTEE_SMC_SHM_* (write-back cached) */
#define XW_OPTEE_SHM_CACHED     1U

/* Return values in a0 */
#define XW_OPTEE_RET_OK             0x0U
#define XW_OPTEE_RET_ETHREAD_LIMIT  0x1U /* driver waits for a call to finish, then retries */
#define XW_OPTEE_RET_EBUSY          0x2U
#define XW_OPTEE_RET_ERESUME        0x3U
#define XW_OPTEE_RET_EBADADDR       0x4U
#define XW_OPTEE_RET_EBADCMD        0x5U
#define XW_OPTEE_RET_ENOMEM         0x6U
#define XW_OPTEE_RET_ENOTAVAIL      0x7U
#define XW_OPTEE_RET_UNKNOWN_FUNC   0xffffffffU

/* RPC requests: a0 = 0xffff0000 | function; a3 carries the thread (resume info) */
#define XW_OPTEE_RPC_PREFIX         0xffff0000U
#define XW_OPTEE_RPC_ALLOC          (XW_OPTEE_RPC_PREFIX | 0) /* a1 = size; back: a1:a2 PA, a4:a5 cookie */
#define XW_OPTEE_RPC_FREE           (XW_OPTEE_RPC_PREFIX | 2) /* a1:a2 = cookie */
#define XW_OPTEE_RPC_FOREIGN_INTR   (XW_OPTEE_RPC_PREFIX | 4) /* let the normal world take its IRQ */
#define XW_OPTEE_RPC_CMD            (XW_OPTEE_RPC_PREFIX | 5) /* a1:a2 = cookie of a msg_arg */

#endif /* XW_OPTEE_SMC_H */
