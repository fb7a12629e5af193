// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE side of one guest of xwhyp.ko: yielding calls with the guest's
 * client ID, the RPCs a call may make answered as Linux's driver answers
 * them (foreign interrupt: resume; argument buffers: a page of ours).
 */
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <xw/optee_msg.h>
#include <xw/optee_pta.h>
#include <xw/optee_smc.h>

#include "xwhyp.h"

#define RPC_FUNC(a0) ((u32)(a0) & 0xffffU)

static const u8 test_uuid[16] = XW_PTA_TEST_UUID;

void xwhyp_smc(u16 client, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4,
	       struct arm_smccc_res *res)
{
	arm_smccc_smc(a0, a1, a2, a3, a4, 0, 0, client, res);
}

int xwhyp_optee_init(struct xwhyp_optee *o, u16 client)
{
	memset(o, 0, sizeof(*o));
	o->client = client;
	o->arg = (void *)get_zeroed_page(GFP_KERNEL);
	o->data = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	o->list = (u64 *)get_zeroed_page(GFP_KERNEL);
	if (!o->arg || !o->data || !o->list) {
		xwhyp_optee_free(o);
		return -ENOMEM;
	}
	o->list[0] = virt_to_phys(o->data);
	o->list[1] = virt_to_phys(o->data) + PAGE_SIZE;
	return 0;
}

void xwhyp_optee_free(struct xwhyp_optee *o)
{
	free_page((unsigned long)o->arg);
	free_pages((unsigned long)o->data, 1);
	free_page((unsigned long)o->list);
	o->arg = o->data = NULL;
	o->list = NULL;
}

static struct xw_omsg_arg *arg_set(struct xwhyp_optee *o, u32 cmd, u32 func, u32 session,
				   u32 nparams)
{
	struct xw_omsg_arg *a = o->arg;

	memset(a, 0, XW_OMSG_ARG_SIZE(nparams));
	a->cmd = cmd;
	a->func = func;
	a->session = session;
	a->num_params = nparams;
	return a;
}

static struct xw_omsg_param *param(struct xwhyp_optee *o, unsigned int i)
{
	return (struct xw_omsg_param *)((u8 *)o->arg + XW_OMSG_ARG_SIZE(i));
}

/* CALL_WITH_ARG of o->arg until it ends; RPCs answered here. */
static enum xwhyp_rc call(struct xwhyp_optee *o)
{
	phys_addr_t pa = virt_to_phys(o->arg);
	struct arm_smccc_res res;
	u64 x[6] = { XW_OPTEE_CALL_WITH_ARG, pa >> 32, (u32)pa, 0, 0, 0 };
	unsigned int tries = 0;
	void *p;

	for (;;) {
		arm_smccc_smc(x[0], x[1], x[2], x[3], x[4], x[5], 0, o->client, &res);
		switch ((u32)res.a0) {
		case XW_OPTEE_RET_OK:
			return XWHYP_OK;
		case XW_OPTEE_RET_ENOTAVAIL:
			return XWHYP_REFUSED; /* unknown guest */
		case XW_OPTEE_RET_ERESUME:
			/* our thread was dropped with the guest while we answered it */
			return x[0] == XW_OPTEE_RETURN_FROM_RPC ? XWHYP_REFUSED : XWHYP_FAILED;
		case XW_OPTEE_RET_ETHREAD_LIMIT:
			if (x[0] != XW_OPTEE_CALL_WITH_ARG || ++tries > 100000)
				return XWHYP_FAILED;
			usleep_range(50, 200); /* as the driver does: wait, retry */
			continue;
		}
		if (((u32)res.a0 & 0xffff0000U) != XW_OPTEE_RPC_PREFIX)
			return XWHYP_FAILED;
		/* An RPC: answer it and resume the thread named in a3. */
		memset(x, 0, sizeof(x));
		x[0] = XW_OPTEE_RETURN_FROM_RPC;
		x[3] = res.a3;
		switch (RPC_FUNC(res.a0)) {
		case 0: /* ALLOC: a page of ours; its address is the cookie too */
			p = (void *)get_zeroed_page(GFP_KERNEL);
			if (p) {
				x[1] = (u64)virt_to_phys(p) >> 32;
				x[2] = (u32)virt_to_phys(p);
				x[4] = (u64)(uintptr_t)p >> 32;
				x[5] = (u32)(uintptr_t)p;
			}
			break;
		case 2: /* FREE */
			free_page((unsigned long)((u64)(u32)res.a1 << 32 | (u32)res.a2));
			break;
		default: /* FOREIGN_INTR: the kernel took its interrupt already */
			break;
		}
		cond_resched();
	}
}

enum xwhyp_rc xwhyp_optee_open(struct xwhyp_optee *o, u32 *teec)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_OPEN_SESSION, 0, 0, 2);
	enum xwhyp_rc rc;

	param(o, 0)->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	memcpy(&param(o, 0)->u.value.a, test_uuid, 8);
	memcpy(&param(o, 0)->u.value.b, test_uuid + 8, 8);
	param(o, 1)->attr = XW_OMSG_ATTR_VALUE_IN | XW_OMSG_ATTR_META;
	param(o, 1)->u.value.c = XW_OMSG_LOGIN_PUBLIC;
	rc = call(o);
	*teec = a->ret;
	if (rc == XWHYP_OK && a->ret == XW_TEEC_SUCCESS)
		o->session = a->session;
	return rc;
}

enum xwhyp_rc xwhyp_optee_close(struct xwhyp_optee *o, u32 session, u32 *teec)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_CLOSE_SESSION, 0, session, 0);
	enum xwhyp_rc rc = call(o);

	*teec = a->ret;
	return rc;
}

enum xwhyp_rc xwhyp_optee_register_list(struct xwhyp_optee *o, phys_addr_t list_pa, u64 size,
					u64 cookie, u32 *teec)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_REGISTER_SHM, 0, 0, 1);
	enum xwhyp_rc rc;

	param(o, 0)->attr = XW_OMSG_ATTR_TMEM_OUT | XW_OMSG_ATTR_NONCONTIG |
			    (u64)XW_OPTEE_SHM_CACHED << XW_OMSG_ATTR_CACHE_SHIFT;
	param(o, 0)->u.tmem.buf_ptr = list_pa;
	param(o, 0)->u.tmem.size = size;
	param(o, 0)->u.tmem.shm_ref = cookie;
	rc = call(o);
	*teec = a->ret;
	return rc;
}

enum xwhyp_rc xwhyp_optee_register(struct xwhyp_optee *o, u64 cookie, u32 *teec)
{
	return xwhyp_optee_register_list(o, virt_to_phys(o->list), 2 * PAGE_SIZE, cookie, teec);
}

enum xwhyp_rc xwhyp_optee_nop(struct xwhyp_optee *o, u32 session, u32 *teec)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_NOP, session, 0);
	enum xwhyp_rc rc = call(o);

	*teec = a->ret;
	return rc;
}

enum xwhyp_rc xwhyp_optee_unregister(struct xwhyp_optee *o, u64 cookie, u32 *teec)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_UNREGISTER_SHM, 0, 0, 1);
	enum xwhyp_rc rc;

	param(o, 0)->attr = XW_OMSG_ATTR_RMEM_IN;
	param(o, 0)->u.rmem.shm_ref = cookie;
	rc = call(o);
	*teec = a->ret;
	return rc;
}

enum xwhyp_rc xwhyp_optee_crc(struct xwhyp_optee *o, u32 session, u64 cookie, u32 len,
			      u32 *teec, u32 *crc)
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_CRC32, session, 2);
	enum xwhyp_rc rc;

	param(o, 0)->attr = XW_OMSG_ATTR_RMEM_IN;
	param(o, 0)->u.rmem.size = len;
	param(o, 0)->u.rmem.shm_ref = cookie;
	param(o, 1)->attr = XW_OMSG_ATTR_VALUE_OUT;
	rc = call(o);
	*teec = a->ret;
	*crc = (u32)param(o, 1)->u.value.a;
	return rc;
}

enum xwhyp_rc xwhyp_optee_stats(struct xwhyp_optee *o, u64 counts[3])
{
	struct xw_omsg_arg *a = arg_set(o, XW_OMSG_CMD_INVOKE, XW_PTA_TEST_CMD_STATS,
					o->session, 1);
	enum xwhyp_rc rc;

	param(o, 0)->attr = XW_OMSG_ATTR_VALUE_OUT;
	rc = call(o);
	if (rc == XWHYP_OK && a->ret != XW_TEEC_SUCCESS)
		return XWHYP_FAILED;
	counts[0] = param(o, 0)->u.value.a;
	counts[1] = param(o, 0)->u.value.b;
	counts[2] = param(o, 0)->u.value.c;
	return rc;
}
