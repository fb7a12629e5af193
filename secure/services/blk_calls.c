// SPDX-License-Identifier: BSD-2-Clause
/*
 * The block backend's SMC calls (docs/abi-smc.md, "Block device"): register
 * decoding only; the checks and state live in blk_backend.c.
 */
#include "registry.h"

#include "blk_backend.h"
#include "xw/smc.h"

static void call_blk_info(struct xw_sk_core *core, unsigned int cpu,
			  const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_blkb_info(req->a[0], out);
}

static void call_blk_register(struct xw_sk_core *core, unsigned int cpu,
			      const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_blkb_register(req->a[0], req->a[1], req->a[2], out);
}

static void call_blk_unregister(struct xw_sk_core *core, unsigned int cpu,
				const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_blkb_unregister(req->a[0], out);
}

static void call_blk_kick(struct xw_sk_core *core, unsigned int cpu,
			  const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_blkb_kick(req->a[0], req->a[1], out);
}

static void call_blk_stats(struct xw_sk_core *core, unsigned int cpu,
			   const struct xw_sk_req *req, uint64_t out[4])
{
	(void)core, (void)cpu;
	xw_blkb_stats(req->a[0], req->a[1], out);
}

static const struct xw_sk_call blk_calls[] = {
	{ XW_FN_BLK_INFO, XW_SK_CALL_HOST_ONLY, call_blk_info },
	{ XW_FN_BLK_REGISTER, XW_SK_CALL_HOST_ONLY, call_blk_register },
	{ XW_FN_BLK_UNREGISTER, XW_SK_CALL_HOST_ONLY, call_blk_unregister },
	{ XW_FN_BLK_KICK, XW_SK_CALL_HOST_ONLY, call_blk_kick },
	{ XW_FN_BLK_STATS, XW_SK_CALL_HOST_ONLY, call_blk_stats },
};

const struct xw_sk_call_table xw_blk_call_table = {
	blk_calls, sizeof(blk_calls) / sizeof(blk_calls[0]),
};
