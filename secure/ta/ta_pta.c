// SPDX-License-Identifier: BSD-2-Clause
/*
 * OP-TEE's system pseudo-TA as TAs reach it (ta_int.h): zero-initialised
 * maps (libutee's shareable buffers, heap growth), dlopen/dlsym (libraries
 * loaded into the running instance), a tee-supplicant plugin through RPC
 * SUPP_PLUGIN. Its command numbers and parameters are OP-TEE's
 * (lib/libutee/include/pta_system.h).
 */
#include <string.h>

#include "ta_int.h"
#include "ta_str.h"

#include "xw/err.h"
#include "xw/optee_smc.h"

#define SYS_MAP_ZI 2
#define SYS_UNMAP  3
#define SYS_DLOPEN 10
#define SYS_DLSYM  11
#define SYS_SUPP_PLUGIN_INVOKE 13
#define RPC_SUPP_PLUGIN 12U
#define SUPP_PLUGIN_MAX (64U << 10) /* bytes of plugin data one call moves */

static const uint8_t pta_system_uuid[16] = { 0x3a, 0x2f, 0x89, 0x78, 0x5d, 0xc0, 0x11, 0xe8,
					     0x9c, 0x2d, 0xfa, 0x7a, 0xe0, 0x1b, 0xbe, 0xbc };

bool xw_ta_is_system(const uint8_t uuid[16])
{
	return xw_ta_memeq(uuid, pta_system_uuid, 16);
}

/* A TEE_UUID memref (16 bytes of the caller's) as octets. */
static bool uuid_param(const struct xw_ta_param *p, uint8_t oct[16])
{
	const uint8_t *u = p->kbuf;

	if (p->type != 5 || u == 0 || p->size != 16) {
		return false;
	}
	oct[0] = u[3], oct[1] = u[2], oct[2] = u[1], oct[3] = u[0];
	oct[4] = u[5], oct[5] = u[4], oct[6] = u[7], oct[7] = u[6];
	memcpy(oct + 8, u + 8, 8);
	return true;
}

/* dlopen: the library (by UUID) and what it needs, loaded into the running instance. */
static uint32_t sys_dlopen(struct xw_ta *caller, struct xw_ta_param p[4])
{
	uint8_t u[16];
	unsigned int i;

	if (!uuid_param(&p[0], u) || p[1].type != 1) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 0; i < caller->nmods; i++) {
		if (xw_ta_memeq(caller->mods[i].uuid, u, 16)) {
			return XW_TEE_SUCCESS; /* loaded already */
		}
	}
	return xw_ta_add_modules(caller, u);
}

/* dlsym: @name in the library @uuid (nil: the whole TA, in load order). */
static uint32_t sys_dlsym(struct xw_ta *caller, struct xw_ta_param p[4])
{
	static const uint8_t nil[16];
	char name[128];
	uint8_t u[16];
	uint64_t va = 0;
	unsigned int i;
	int rc = XW_ENOENT;

	if (!uuid_param(&p[0], u) || p[1].type != 5 || p[1].kbuf == 0 || p[1].size == 0 ||
	    p[1].size > sizeof(name) || p[2].type != 2) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	memcpy(name, p[1].kbuf, p[1].size);
	name[p[1].size - 1] = '\0';
	for (i = 0; i < caller->nmods && rc != XW_OK; i++) {
		if (xw_ta_memeq(u, nil, 16) || xw_ta_memeq(caller->mods[i].uuid, u, 16)) {
			rc = xw_ta_elf_lookup(&caller->mods[i].e, caller->mods[i].img,
					      caller->mods[i].base, name, &va);
		}
	}
	if (rc != XW_OK) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND;
	}
	p[2].a = va >> 32;
	p[2].b = (uint32_t)va;
	return XW_TEE_SUCCESS;
}

/*
 * A tee-supplicant plugin (by UUID): RPC SUPP_PLUGIN with the data in an APPL
 * buffer, the plugin's answer copied back (up to the length it reports).
 */
static uint32_t sys_supp_plugin(struct xw_ta *caller, struct xw_ta_param p[4])
{
	struct xw_optee_shm *shm = 0;
	struct xw_optee_mref m;
	uint64_t r[4][4], cookie = 0, len = p[2].size, outlen;
	uint32_t ret, w[4];
	uint8_t u[16];
	unsigned int i;

	if (!uuid_param(&p[0], u) || p[1].type != 1 || (p[2].type != 7 && p[2].type != 0) ||
	    (p[3].type != 2 && p[3].type != 0) || len > SUPP_PLUGIN_MAX ||
	    (len != 0 && p[2].kbuf == 0)) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (p[2].type == 0) {
		len = 0;
	}
	if (len != 0) {
		ret = xw_ta_appl_alloc(caller, len, &shm, &cookie);
		m.shm = shm;
		m.offs = 0;
		m.size = len;
		if (ret != XW_TEE_SUCCESS || xw_optee_mref_write(&m, 0, p[2].kbuf, (size_t)len) != XW_OK) {
			xw_ta_appl_free(caller, shm, cookie);
			return ret != XW_TEE_SUCCESS ? ret : XW_TEE_ERROR_COMMUNICATION;
		}
	}
	/* The UUID's octets as four little-endian words, as OP-TEE sends them. */
	for (i = 0; i < 4; i++) {
		w[i] = (uint32_t)u[4 * i] | (uint32_t)u[4 * i + 1] << 8 |
		       (uint32_t)u[4 * i + 2] << 16 | (uint32_t)u[4 * i + 3] << 24;
	}
	memset(r, 0, sizeof(r));
	r[0][0] = XW_OMSG_ATTR_VALUE_IN;
	r[0][1] = 0; /* OPTEE_RPC_SUPP_PLUGIN_INVOKE */
	r[0][2] = w[0];
	r[0][3] = w[1];
	r[1][0] = XW_OMSG_ATTR_VALUE_IN;
	r[1][1] = w[2];
	r[1][2] = w[3];
	r[1][3] = (uint32_t)p[1].a;
	r[2][0] = XW_OMSG_ATTR_VALUE_INOUT;
	r[2][1] = (uint32_t)p[1].b;
	r[3][0] = XW_OMSG_ATTR_RMEM_INOUT;
	r[3][2] = len;
	r[3][3] = cookie;
	if (xw_optee_rpc_cmd(caller->o, caller->t, RPC_SUPP_PLUGIN, 4, r, &ret) != XW_OK) {
		ret = XW_TEE_ERROR_COMMUNICATION;
	}
	outlen = r[2][2];
	if (ret == XW_TEE_SUCCESS && len != 0 && outlen != 0 &&
	    xw_optee_mref_read(&m, 0, p[2].kbuf, (size_t)(outlen < len ? outlen : len)) != XW_OK) {
		ret = XW_TEE_ERROR_COMMUNICATION;
	}
	if (p[3].type == 2) {
		p[3].a = (uint32_t)outlen;
	}
	xw_ta_appl_free(caller, shm, cookie);
	return ret;
}

/* The system pseudo-TA's zero-initialised maps (libutee's heap growth, ldelf's needs). */
uint32_t xw_ta_system_invoke(struct xw_ta *caller, uint32_t cmd, struct xw_ta_param p[4])
{
	uint64_t len, va, pre, post;
	int rc;

	switch (cmd) {
	case SYS_MAP_ZI:
		/* value in: len, flags; value inout: wanted VA (0: any) -> VA; value in: pads */
		if (p[0].type != 1 || (p[1].type != 3 && p[1].type != 2) ||
		    (p[2].type != 1 && p[2].type != 0) || (p[0].b & ~1ULL) != 0) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		len = p[0].a;
		pre = p[2].type ? (p[2].a + XW_PAGE_SIZE - 1) & ~(XW_PAGE_SIZE - 1) : 0;
		post = p[2].type ? (p[2].b + XW_PAGE_SIZE - 1) & ~(XW_PAGE_SIZE - 1) : 0;
		if (len == 0 || len > XW_TA_HEAP_END - XW_TA_HEAP_VA) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		va = p[1].type == 3 ? (p[1].a << 32) | (uint32_t)p[1].b : 0;
		if (va != 0 && (va % XW_PAGE_SIZE != 0 || va < caller->heap_next)) {
			return XW_TEE_ERROR_BAD_PARAMETERS; /* only above what we handed out so far */
		}
		va = va != 0 ? va : caller->heap_next + pre;
		if (va + len + post > XW_TA_HEAP_END) {
			return XW_TEE_ERROR_OUT_OF_MEMORY;
		}
		rc = xw_app_map_new(&caller->app, va, xw_ta_pages_of(len), XW_PROT_R | XW_PROT_W,
				    XW_APP_MAP_HEAP, 0);
		if (rc != XW_OK) {
			return XW_TEE_ERROR_OUT_OF_MEMORY;
		}
		caller->heap_next = va + xw_ta_pages_of(len) * XW_PAGE_SIZE + post;
		p[1].a = va >> 32;
		p[1].b = (uint32_t)va;
		return XW_TEE_SUCCESS;
	case SYS_UNMAP:
		if (p[0].type != 1 || p[1].type != 1) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		va = (p[1].a << 32) | (uint32_t)p[1].b;
		if (va < XW_TA_HEAP_VA || va >= XW_TA_HEAP_END ||
		    xw_app_unmap_at(&caller->app, va) != XW_OK) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		return XW_TEE_SUCCESS;
	case SYS_DLOPEN:
		return sys_dlopen(caller, p);
	case SYS_DLSYM:
		return sys_dlsym(caller, p);
	case SYS_SUPP_PLUGIN_INVOKE:
		return sys_supp_plugin(caller, p);
	default:
		return XW_TEE_ERROR_NOT_SUPPORTED;
	}
}

