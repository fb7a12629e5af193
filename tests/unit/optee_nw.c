// SPDX-License-Identifier: BSD-2-Clause
/* The hosted normal world of the OP-TEE tests (optee_nw.h). */
#include "optee_nw.h"

#include <stdlib.h>
#include <string.h>

#include "../../secure/core/pages.h"

#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/arch/host/optee_host.h"
#include "xw/optee_smc.h"

static uint8_t *ram;
static uint64_t ram_pa;
static void *pool; /* the secure page pool: shm objects' page lists (pages.h) */

int nw_init(struct nw *n, unsigned int ncpus)
{
	return nw_init_ram(n, ncpus, NW_RAM_PA, NW_RAM_SIZE);
}

int nw_init_ram(struct nw *n, unsigned int ncpus, uint64_t pa, size_t size)
{
	memset(n, 0, sizeof(*n));
	if (ram == NULL) {
		ram = host_ns_init(pa, size, 16384);
		if (ram == NULL) {
			return -1;
		}
		ram_pa = pa;
	}
	if (pool == NULL) {
		pool = aligned_alloc(XW_PAGE_SIZE, NW_POOL_PAGES * XW_PAGE_SIZE);
		if (pool == NULL) {
			return -1;
		}
	}
	xw_pages_init((uintptr_t)pool, NW_POOL_PAGES);
	n->ram = ram;
	pthread_mutex_init(&n->lock, NULL);
	n->next_cookie = 0x100000001ULL; /* both halves used */
	host_optee_set_foreign(false);
	xw_guests_reset(NULL);
	return xw_optee_init(&n->o, ncpus);
}

void *nw_va(struct nw *n, uint64_t pa)
{
	return n->ram + (pa - ram_pa);
}

void nw_smc(struct nw *n, unsigned int cpu, const uint64_t x[8], uint64_t out[4])
{
	bool fast = (x[0] & 0x80000000U) != 0;
	uint64_t y[8];

	memcpy(y, x, sizeof(y));
	y[7] = cpu < XW_OPTEE_MAX_CPUS ? n->client[cpu] : 0;
	xw_optee_handle_call(&n->o, cpu, !fast, y, out);
}

static uint64_t pair(uint64_t hi, uint64_t lo)
{
	return (uint64_t)(uint32_t)hi << 32 | (uint32_t)lo;
}

static uint64_t rpc_base(const struct nw *n)
{
	return n->rpc_pa != 0 ? n->rpc_pa : NW_RPC_PA;
}

/* The driver's answer to one RPC, then RETURN_FROM_RPC. */
bool nw_rpc(struct nw *n, unsigned int cpu, uint64_t out[4])
{
	uint64_t x[8] = { XW_OPTEE_RETURN_FROM_RPC, 0, 0, out[3], 0, 0, 0, 0 };
	uint64_t c, pa;
	unsigned int i;

	if ((out[0] & 0xffff0000U) != XW_OPTEE_RPC_PREFIX) {
		return false;
	}
	pthread_mutex_lock(&n->lock);
	switch ((uint32_t)out[0]) {
	case XW_OPTEE_RPC_ALLOC:
		n->allocs++;
		for (i = 0; i < NW_RPC_BUFS && n->rpc_cookie[i] != 0; i++) {
		}
		if (n->alloc_fails || i == NW_RPC_BUFS) {
			break; /* a1:a2 = 0: no buffer */
		}
		pa = rpc_base(n) + i * 4096ULL;
		n->rpc_cookie[i] = n->next_cookie++;
		x[1] = pa >> 32;
		x[2] = (uint32_t)pa;
		x[4] = n->rpc_cookie[i] >> 32;
		x[5] = (uint32_t)n->rpc_cookie[i];
		break;
	case XW_OPTEE_RPC_FREE:
		n->frees++;
		c = pair(out[1], out[2]);
		for (i = 0; i < NW_RPC_BUFS; i++) {
			if (c != 0 && n->rpc_cookie[i] == c) {
				n->rpc_cookie[i] = 0;
			}
		}
		break;
	case XW_OPTEE_RPC_FOREIGN_INTR:
		n->foreigns++;
		host_optee_set_foreign(false); /* the interrupt is taken */
		break;
	case XW_OPTEE_RPC_CMD:
		n->cmds++;
		c = pair(out[1], out[2]);
		for (i = 0; i < NW_RPC_BUFS && (c == 0 || n->rpc_cookie[i] != c); i++) {
		}
		if (i < NW_RPC_BUFS) {
			struct xw_omsg_arg *a = nw_va(n, rpc_base(n) + i * 4096ULL);
			struct xw_omsg_param *p = (struct xw_omsg_param *)(a + 1);

			if (a->cmd == XW_ORPC_CMD_GET_TIME && a->num_params == 1) {
				p->u.value.a = n->time_s;
				p->u.value.b = n->time_ns;
				a->ret = XW_TEEC_SUCCESS;
			} else if (n->supp != 0) {
				n->supp(n, a);
			} else {
				a->ret = XW_TEEC_ERROR_NOT_SUPPORTED;
			}
		}
		break;
	default:
		break; /* unknown RPC: resume with nothing */
	}
	pthread_mutex_unlock(&n->lock);
	nw_smc(n, cpu, x, out);
	return true;
}

uint32_t nw_call(struct nw *n, unsigned int cpu, uint64_t arg_pa, uint64_t out[4])
{
	uint64_t x[8] = { XW_OPTEE_CALL_WITH_ARG, arg_pa >> 32, (uint32_t)arg_pa, 0, 0, 0, 0, 0 };

	nw_smc(n, cpu, x, out);
	while ((out[0] & 0xffff0000U) == XW_OPTEE_RPC_PREFIX) {
		if (n->stop_at_foreign && out[0] == XW_OPTEE_RPC_FOREIGN_INTR) {
			pthread_mutex_lock(&n->lock);
			n->foreigns++;
			pthread_mutex_unlock(&n->lock);
			host_optee_set_foreign(false);
			break;
		}
		nw_rpc(n, cpu, out);
	}
	return (uint32_t)out[0];
}

uint32_t nw_resume(struct nw *n, unsigned int cpu, uint64_t t, uint64_t out[4])
{
	uint64_t x[8] = { XW_OPTEE_RETURN_FROM_RPC, 0, 0, t, 0, 0, 0, 0 };

	nw_smc(n, cpu, x, out);
	while ((out[0] & 0xffff0000U) == XW_OPTEE_RPC_PREFIX) {
		if (n->stop_at_foreign && out[0] == XW_OPTEE_RPC_FOREIGN_INTR) {
			pthread_mutex_lock(&n->lock);
			n->foreigns++;
			pthread_mutex_unlock(&n->lock);
			host_optee_set_foreign(false);
			break;
		}
		nw_rpc(n, cpu, out);
	}
	return (uint32_t)out[0];
}

struct xw_omsg_arg *nw_arg(struct nw *n, uint64_t pa, uint32_t cmd, uint32_t func,
			   uint32_t session, uint32_t nparams)
{
	struct xw_omsg_arg *a = nw_va(n, pa);

	/* clear what the secure side may read (num_params may be hostile) */
	memset(a, 0, XW_OMSG_ARG_SIZE(nparams <= XW_OPTEE_MAX_PARAMS ? nparams : XW_OPTEE_MAX_PARAMS));
	a->cmd = cmd;
	a->func = func;
	a->session = session;
	a->num_params = nparams;
	return a;
}

struct xw_omsg_param *nw_param(struct nw *n, uint64_t pa, unsigned int i)
{
	return (struct xw_omsg_param *)((uint8_t *)nw_va(n, pa) + XW_OMSG_ARG_SIZE(i));
}

void nw_pagelist(struct nw *n, uint64_t list_pa, uint64_t data_pa, uint32_t npages)
{
	uint32_t i, k = 0;
	uint64_t *l = nw_va(n, list_pa);

	for (i = 0; i < npages; i++) {
		if (k == XW_OMSG_PAGELIST_ENTRIES) {
			list_pa += 4096;
			l[k] = list_pa; /* the next list page follows this one */
			l = nw_va(n, list_pa);
			k = 0;
		}
		l[k++] = data_pa + (uint64_t)i * 4096;
	}
}

void nw_shm_footprint(struct nw *n, size_t *mapped, uint64_t *pool_pages)
{
	unsigned int i;

	*mapped = 0;
	*pool_pages = 0;
	for (i = 0; i < XW_OPTEE_SHM_OBJS; i++) {
		const struct xw_optee_shm *s = &n->o.shm[i];

		if (!s->used) {
			continue;
		}
		*mapped += s->map_va ? s->map_n : 0;
		if (!s->contig && s->npages > XW_OPTEE_SHM_INLINE) {
			*pool_pages += 1 + (s->npages + 1023) / 1024; /* directory + chunks */
		}
	}
}
