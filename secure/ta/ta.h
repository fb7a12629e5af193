/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * OP-TEE trusted applications at S-EL0 (docs/optee.md, "Trusted
 * applications"): the second personality of the application runtime
 * (secure/core/app.h). A TA instance is a struct xw_app built by the TA
 * loader (ta_load.c) from images tee-supplicant hands over (RPC LOAD_TA),
 * entered with OP-TEE's convention (__ta_entry(func, session, utee_params,
 * cmd)) on the secure thread of the client's call, and served OP-TEE's TA
 * system calls (ta_sys.c). The calling thread holds the instance's claim for
 * the whole call, so one call at a time runs in an instance; a call may
 * itself issue RPCs (loading a library, the REE time, waits).
 */
#ifndef XW_TA_H
#define XW_TA_H

#include <stdbool.h>
#include <stdint.h>

#include "../abi/optee/optee.h"
#include "../core/app.h"
#include "ta_crypto.h"
#include "ta_elf.h"

#define XW_TA_SLOTS        6        /* instances at once */
#define XW_TA_MAX_MODS     4        /* the TA and its libraries (DT_NEEDED, dlopen) */
#define XW_TA_QUOTA_PAGES  1024     /* 4 MiB: image, stack, heap, parameters */
#define XW_TA_IMG_MAX      (2U << 20) /* largest signed TA file accepted */
#define XW_TA_PARAM_MAX    (1U << 20) /* bytes of memref parameters one call copies */
#define XW_TA_ASID_BASE    64       /* slot i uses ASID 64 + i (apps use 1..8) */

/* TA address space (in the 1 GiB application window) */
#define XW_TA_STACK_TOP    0x40400000UL  /* the stack below it, a guard page below that */
#define XW_TA_PARAM_VA     0x41000000UL  /* memref i at + i * XW_TA_PARAM_SPAN */
#define XW_TA_PARAM_SPAN   0x00200000UL
#define XW_TA_INFO_VA      0x42000000UL  /* the loader's page: dl_phdr_info, phdrs */
#define XW_TA_HEAP_VA      0x43000000UL  /* system PTA's zero-initialised maps grow here */
#define XW_TA_HEAP_END     0x48000000UL
#define XW_TA_LOAD_LO      0x48000000UL  /* random load base between these (ASLR) */
#define XW_TA_LOAD_HI      0x70000000UL

/* GP's TEE_Result codes the personality returns */
#define XW_TEE_SUCCESS               0x00000000U
#define XW_TEE_ERROR_GENERIC         0xffff0000U
#define XW_TEE_ERROR_ACCESS_DENIED   0xffff0001U
#define XW_TEE_ERROR_CANCEL          0xffff0002U
#define XW_TEE_ERROR_BAD_FORMAT      0xffff0005U
#define XW_TEE_ERROR_BAD_PARAMETERS  0xffff0006U
#define XW_TEE_ERROR_BAD_STATE       0xffff0007U
#define XW_TEE_ERROR_ITEM_NOT_FOUND  0xffff0008U
#define XW_TEE_ERROR_NOT_SUPPORTED   0xffff000aU
#define XW_TEE_ERROR_OUT_OF_MEMORY   0xffff000cU
#define XW_TEE_ERROR_BUSY            0xffff000dU
#define XW_TEE_ERROR_COMMUNICATION   0xffff000eU
#define XW_TEE_ERROR_SECURITY        0xffff000fU
#define XW_TEE_ERROR_SHORT_BUFFER    0xffff0010U
#define XW_TEE_ERROR_TARGET_DEAD     0xffff3024U

#define XW_TA_CRYP_STATES  8        /* digest operations an instance holds at once */

/** A TA's digest operation (ta_cryp.c): in the instance, it goes with it. */
struct xw_ta_cryp {
	bool used, init;          /* allocated; initialised (update/final allowed) */
	uint32_t algo;
	struct xw_sha256 h;
};

/** One loaded ELF module of an instance (the TA or a library). */
struct xw_ta_mod {
	struct xw_ta_elf e;
	uint8_t uuid[16];
	uint64_t base, pa; /* VA it runs at; PA of its span's pages (contiguous) */
	uint8_t *img;      /* the kernel's view of those pages */
};

/** One TA instance: an application slot and what OP-TEE's loader knows of it. */
struct xw_ta {
	struct xw_app app;        /* first: ta_of() */
	struct xw_app_image img;  /* name, quota, stack (filled by the loader) */
	struct xw_app_fp fp;
	char name[40];            /* the UUID as text */
	uint8_t uuid[16];         /* octets */
	bool used, dead;
	bool ending;              /* its last session closed: no open may find it (o->lock) */
	uint32_t flags;           /* ta_head.flags */
	uint64_t entry;           /* absolute */
	uint64_t stack_top;
	uint32_t sessions;        /* open sessions (opens in progress included) */
	uint32_t claim;           /* 0, or the claiming thread + 1 */
	uint64_t heap_next;       /* next VA for the system PTA's maps */
	struct xw_ta_mod mods[XW_TA_MAX_MODS];
	unsigned int nmods;
	uint8_t *info;            /* the loader's page (kernel view) */
	uint64_t info_off, next_lo;
	/* during a call (claim held) */
	struct xw_optee *o;
	struct xw_optee_thread *t;
	uint32_t ret;             /* the TA's return value (TEE_SCN_RETURN) */
	bool cancel_masked;
	uint64_t cancel_at_ms;    /* a calling TA's timeout: cancelled from then (0: none) */
	uint32_t login;           /* of the session being served */
	uint8_t client_uuid[16];
	struct xw_ta_cryp cryp[XW_TA_CRYP_STATES]; /* digest operations (handle 0x100 + i) */
};

/** The state of one session (the front end's session->ta, or a TA's own session to another). */
struct xw_ta_session {
	bool used;
	struct xw_ta *ta;         /* the TA it talks to (NULL: the system pseudo-TA) */
	struct xw_ta *owner;      /* a calling TA (NULL: a normal-world client) */
	uint32_t id;
	uint32_t login;
	uint8_t client_uuid[16];
	bool cancel_masked;
};

/** A parameter of a call into a TA: from a normal-world call (@mref) or a calling TA (@kbuf). */
struct xw_ta_param {
	uint32_t type;                     /* GP: 0 none, 1-3 value in/out/inout, 5-7 memref */
	uint64_t a, b;                     /* a value */
	uint64_t size;                     /* a memref's size (out: what the TA set) */
	const struct xw_optee_mref *mref;  /* normal-world memory, or */
	uint8_t *kbuf;                     /* a calling TA's buffer (kernel view); neither: NULL */
};

static inline struct xw_ta *xw_ta_of(struct xw_app *app)
{
	return (struct xw_ta *)(void *)app;
}

/** The OP-TEE TA personality (ta_sys.c). */
extern const struct xw_app_personality xw_ta_pers;

/** The front end's hooks (ta_load.c): set with xw_optee_set_ta_ops() at boot. */
extern const struct xw_optee_ta_ops xw_ta_ops;

/*
 * TA-to-TA sessions (ta_sys.c's calls, ta_load.c's code): @caller's claim is
 * held, on its thread. A session is a handle (> 0) of @caller's; the target
 * is a TA (loaded as for a client, login TEE_LOGIN_TRUSTED_APP) or the
 * system pseudo-TA. Each returns a TEE_Result and sets *@origin.
 */
uint32_t xw_ta_sess_open(struct xw_ta *caller, const uint8_t uuid[16], uint32_t timeout_ms,
			 struct xw_ta_param p[4], uint32_t *handle, uint32_t *origin);
uint32_t xw_ta_sess_invoke(struct xw_ta *caller, uint32_t handle, uint32_t timeout_ms, uint32_t cmd,
			   struct xw_ta_param p[4], uint32_t *origin);
uint32_t xw_ta_sess_close(struct xw_ta *caller, uint32_t handle);

/** xw_ta_now_ms() - the system time of TAs (the counter), ms. */
uint64_t xw_ta_now_ms(void);

/** xw_ta_rng() - @n random bytes for a TA (ASLR, the random call). 0 or XW_E*. */
int xw_ta_rng(void *dst, uint64_t n);

#endif
