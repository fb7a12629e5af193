/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE message protocol: the argument structure a yielding call points at,
 * its parameters, commands, RPC requests and the GlobalPlatform result codes
 * that travel in it. Our own transcription of the public ABI (the layout the
 * stock Linux driver uses); sizes and offsets are asserted below.
 * All fields are little-endian; the structure lives in normal-world memory and
 * is copied into secure memory before anything reads it.
 */
#ifndef XW_OPTEE_MSG_H
#define XW_OPTEE_MSG_H

#include <stdint.h>

/* Parameter attribute: type in bits 7:0 */
#define XW_OMSG_ATTR_NONE          0x0U
#define XW_OMSG_ATTR_VALUE_IN      0x1U
#define XW_OMSG_ATTR_VALUE_OUT     0x2U
#define XW_OMSG_ATTR_VALUE_INOUT   0x3U
#define XW_OMSG_ATTR_RMEM_IN       0x5U
#define XW_OMSG_ATTR_RMEM_OUT      0x6U
#define XW_OMSG_ATTR_RMEM_INOUT    0x7U
#define XW_OMSG_ATTR_TMEM_IN       0x9U
#define XW_OMSG_ATTR_TMEM_OUT      0xaU
#define XW_OMSG_ATTR_TMEM_INOUT    0xbU
#define XW_OMSG_ATTR_TYPE_MASK     0xffU
#define XW_OMSG_ATTR_META          (1U << 8)  /* absorbed by the OS (open session) */
#define XW_OMSG_ATTR_NONCONTIG     (1U << 9)  /* tmem.buf_ptr is a page list */
#define XW_OMSG_ATTR_CACHE_SHIFT   16
#define XW_OMSG_ATTR_CACHE_MASK    0x7U
/* Every other attribute bit must be zero. */
#define XW_OMSG_ATTR_KNOWN \
	(XW_OMSG_ATTR_TYPE_MASK | XW_OMSG_ATTR_META | XW_OMSG_ATTR_NONCONTIG | \
	 ((uint64_t)XW_OMSG_ATTR_CACHE_MASK << XW_OMSG_ATTR_CACHE_SHIFT))

/* Page lists: 4 KiB pages of 511 page addresses + the address of the next list page */
#define XW_OMSG_PAGE_SIZE          4096U
#define XW_OMSG_PAGELIST_ENTRIES   511U

/* Login classes (GlobalPlatform TEE_LOGIN_*) */
#define XW_OMSG_LOGIN_PUBLIC       0x0U
#define XW_OMSG_LOGIN_USER         0x1U
#define XW_OMSG_LOGIN_GROUP        0x2U
#define XW_OMSG_LOGIN_APPLICATION  0x4U
#define XW_OMSG_LOGIN_APP_USER     0x5U
#define XW_OMSG_LOGIN_APP_GROUP    0x6U
#define XW_OMSG_LOGIN_REE_KERNEL   0x80000000U

/* Commands from the normal world (struct xw_omsg_arg.cmd) */
#define XW_OMSG_CMD_OPEN_SESSION   0U
#define XW_OMSG_CMD_INVOKE         1U
#define XW_OMSG_CMD_CLOSE_SESSION  2U
#define XW_OMSG_CMD_CANCEL         3U
#define XW_OMSG_CMD_REGISTER_SHM   4U
#define XW_OMSG_CMD_UNREGISTER_SHM 5U
#define XW_OMSG_CMD_DO_BOTTOM_HALF 6U
#define XW_OMSG_CMD_STOP_ASYNC     7U

/* RPC commands to the normal world (through XW_OPTEE_RPC_CMD) */
#define XW_ORPC_CMD_GET_TIME       3U  /* value out: a = seconds, b = nanoseconds */
#define XW_ORPC_CMD_SUSPEND        5U  /* value in: a = milliseconds to sleep */
#define XW_ORPC_CMD_SHM_ALLOC      6U
#define XW_ORPC_CMD_SHM_FREE       7U
#define XW_ORPC_SHM_TYPE_KERNEL    1U

/* GlobalPlatform TEE Client API results (ret) and origins (ret_origin) */
#define XW_TEEC_SUCCESS                0x00000000U
#define XW_TEEC_ERROR_GENERIC          0xffff0000U
#define XW_TEEC_ERROR_ACCESS_DENIED    0xffff0001U
#define XW_TEEC_ERROR_CANCEL           0xffff0002U
#define XW_TEEC_ERROR_BAD_FORMAT       0xffff0005U
#define XW_TEEC_ERROR_BAD_PARAMETERS   0xffff0006U
#define XW_TEEC_ERROR_BAD_STATE        0xffff0007U
#define XW_TEEC_ERROR_ITEM_NOT_FOUND   0xffff0008U
#define XW_TEEC_ERROR_NOT_SUPPORTED    0xffff000aU
#define XW_TEEC_ERROR_OUT_OF_MEMORY    0xffff000cU
#define XW_TEEC_ERROR_BUSY             0xffff000dU
#define XW_TEEC_ERROR_COMMUNICATION    0xffff000eU
#define XW_TEEC_ERROR_SHORT_BUFFER     0xffff0010U
#define XW_TEEC_ORIGIN_API             1U
#define XW_TEEC_ORIGIN_COMMS           2U
#define XW_TEEC_ORIGIN_TEE             3U
#define XW_TEEC_ORIGIN_TRUSTED_APP     4U

/** Temporary memory reference: a physical address (or a page list's, NONCONTIG). */
struct xw_omsg_tmem {
	uint64_t buf_ptr;
	uint64_t size;
	uint64_t shm_ref;
};

/** Registered memory reference: an offset into a registered object. */
struct xw_omsg_rmem {
	uint64_t offs;
	uint64_t size;
	uint64_t shm_ref;
};

struct xw_omsg_value {
	uint64_t a;
	uint64_t b;
	uint64_t c;
};

/** One parameter: attr selects the member of u. */
struct xw_omsg_param {
	uint64_t attr;
	union {
		struct xw_omsg_tmem tmem;
		struct xw_omsg_rmem rmem;
		struct xw_omsg_value value;
		uint8_t octets[24];
	} u;
};

/** The argument of CALL_WITH_ARG and of RPC commands; num_params params follow. */
struct xw_omsg_arg {
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t cancel_id;
	uint32_t pad;
	uint32_t ret;
	uint32_t ret_origin;
	uint32_t num_params;
	/* struct xw_omsg_param params[num_params]; */
};

#define XW_OMSG_ARG_SIZE(n) (sizeof(struct xw_omsg_arg) + sizeof(struct xw_omsg_param) * (n))

_Static_assert(sizeof(struct xw_omsg_param) == 32, "optee_msg_param is 32 bytes");
_Static_assert(__builtin_offsetof(struct xw_omsg_param, u) == 8, "param union at 8");
_Static_assert(__builtin_offsetof(struct xw_omsg_tmem, shm_ref) == 16, "tmem.shm_ref");
_Static_assert(sizeof(struct xw_omsg_arg) == 32, "optee_msg_arg header is 32 bytes");
_Static_assert(__builtin_offsetof(struct xw_omsg_arg, ret) == 20, "arg.ret");
_Static_assert(__builtin_offsetof(struct xw_omsg_arg, num_params) == 28, "arg.num_params");

#endif /* XW_OPTEE_MSG_H */
