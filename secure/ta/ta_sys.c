// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OP-TEE TA personality: OP-TEE's TA system calls (numbers from its
 * lib/libutee/include/tee_syscall_numbers.h: svc #0, the number in x8,
 * arguments in x0..x7, the TEE_Result back in x0) on the runtime's checks.
 * Every pointer goes through xw_app_user() (the caller's own secure
 * mappings): a bad one is TEE_ERROR_ACCESS_DENIED to the TA, as in OP-TEE
 * (libutee then panics it). Calls not offered answer TEE_ERROR_NOT_SUPPORTED.
 */
#include <string.h>

#include "ta_str.h"

#include "ta.h"
#include "ta_cryp.h"

#include "../core/pages.h"
#include "sk/arch/time.h"
#include "xw/err.h"
#include "xw/optee_smc.h"

enum {
	SCN_RETURN = 0,
	SCN_LOG = 1,
	SCN_PANIC = 2,
	SCN_GET_PROPERTY = 3,
	SCN_GET_PROPERTY_NAME_TO_INDEX = 4,
	SCN_OPEN_TA_SESSION = 5,
	SCN_CLOSE_TA_SESSION = 6,
	SCN_INVOKE_TA_COMMAND = 7,
	SCN_CHECK_ACCESS_RIGHTS = 8,
	SCN_GET_CANCELLATION_FLAG = 9,
	SCN_UNMASK_CANCELLATION = 10,
	SCN_MASK_CANCELLATION = 11,
	SCN_WAIT = 12,
	SCN_GET_TIME = 13,
	SCN_SET_TA_TIME = 14,
	SCN_CRYP_STATE_ALLOC = 15,
	SCN_CRYP_STATE_COPY = 16,
	SCN_CRYP_STATE_FREE = 17,
	SCN_HASH_INIT = 18,
	SCN_HASH_UPDATE = 19,
	SCN_HASH_FINAL = 20,
	SCN_CRYP_RANDOM_NUMBER_GENERATE = 33,
	SCN_COUNT = 71,
};

#define TEE_ERROR_TIME_NOT_SET 0xffff5000U
#define LOG_MAX                256

/* GP's property sets (TEE_PropSetHandle values) and OP-TEE's property types */
#define PROPSET_TEE    0xfffffffdU
#define PROPSET_CLIENT 0xfffffffeU
#define PROPSET_TA     0xffffffffU
enum { P_BOOL, P_U32, P_UUID, P_IDENTITY, P_STRING, P_BINARY, P_U64 };

/* GP's memory access flags */
#define ACC_READ      0x1U
#define ACC_WRITE     0x2U
#define ACC_ANY_OWNER 0x4U

static int64_t put_user(struct xw_app *app, uint64_t va, const void *src, uint64_t n)
{
	void *p = xw_app_user(app, va, n, XW_PROT_W);

	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(p, src, n);
	return XW_TEE_SUCCESS;
}

static int64_t get_u32(struct xw_app *app, uint64_t va, uint32_t *v)
{
	const void *p = xw_app_user(app, va, 4, XW_PROT_R);

	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(v, p, 4);
	return XW_TEE_SUCCESS;
}

static int64_t sys_return(struct xw_app *app, const uint64_t a[6])
{
	xw_ta_of(app)->ret = (uint32_t)a[0];
	app->sys_ctl = XW_APP_SYS_RETURN;
	return 0;
}

static int64_t sys_log(struct xw_app *app, const uint64_t a[6])
{
	char line[LOG_MAX + 1];
	const uint8_t *p;
	uint64_t i, n = a[1] > LOG_MAX ? LOG_MAX : a[1], k = 0;

	p = xw_app_user(app, a[0], n, XW_PROT_R);
	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			continue; /* the log adds its own line end */
		}
		line[k++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	}
	line[k] = '\0';
	if (k > 0) {
		arch_app_log(app->img->name, line);
	}
	return XW_TEE_SUCCESS;
}

static int64_t sys_panic(struct xw_app *app, const uint64_t a[6])
{
	(void)a;
	app->kill_why = "panicked (TEE_Panic)";
	app->sys_ctl = XW_APP_SYS_KILL;
	return XW_TEE_ERROR_TARGET_DEAD;
}

/* ---- properties ------------------------------------------------------------- */

struct prop {
	const char *name;
	uint32_t type;
	const void *data;
	uint32_t len;   /* 0: computed (identity, app ID) */
};

static const uint8_t f_false;
static const uint32_t u32_1000 = 1000, u32_100 = 100, u32_0 = 0, bin_version = 0x00040500;
static const char api_version[] = "GPD-1.1-dev";
static const char description[] = "Crossworld secure kernel (OP-TEE TA personality)";
static const char os_version[] = "4.5.0 (Crossworld)";
static const char manufacturer[] = "Crossworld";
static const char fw_version[] = "Crossworld monitor";
/* A fixed device ID: this TEE has no device-unique secret to derive one from yet. */
static const uint8_t device_id[16] = { 0x78, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x00, 0x11,
				       0x80, 0x00, 0x78, 0x77, 0x6f, 0x72, 0x6c, 0x64 };

static const struct prop tee_props[] = {
	{ "gpd.tee.apiversion", P_STRING, api_version, sizeof(api_version) },
	{ "gpd.tee.description", P_STRING, description, sizeof(description) },
	{ "gpd.tee.deviceID", P_UUID, device_id, 16 },
	{ "gpd.tee.systemTime.protectionLevel", P_U32, &u32_1000, 4 },
	{ "gpd.tee.TAPersistentTime.protectionLevel", P_U32, &u32_100, 4 },
	{ "gpd.tee.cryptography.ecc", P_BOOL, &f_false, 1 },
	{ "gpd.tee.trustedStorage.antiRollback.protectionLevel", P_U32, &u32_0, 4 },
	{ "gpd.tee.trustedos.implementation.version", P_STRING, os_version, sizeof(os_version) },
	{ "gpd.tee.trustedos.implementation.binaryversion", P_U32, &bin_version, 4 },
	{ "gpd.tee.trustedos.manufacturer", P_STRING, manufacturer, sizeof(manufacturer) },
	{ "gpd.tee.firmware.implementation.version", P_STRING, fw_version, sizeof(fw_version) },
	{ "gpd.tee.firmware.implementation.binaryversion", P_U32, &bin_version, 4 },
	{ "gpd.tee.firmware.manufacturer", P_STRING, manufacturer, sizeof(manufacturer) },
	{ "org.trustedfirmware.optee.cpu.feat_bti_implemented", P_BOOL, &f_false, 1 },
	{ "org.trustedfirmware.optee.cpu.feat_pauth_implemented", P_BOOL, &f_false, 1 },
	{ "org.trustedfirmware.optee.cpu.feat_memtag_implemented", P_U32, &u32_0, 4 },
};
static const struct prop client_props[] = {
	{ "gpd.client.identity", P_IDENTITY, 0, 0 },
	{ "gpd.client.endian", P_U32, &u32_0, 4 },
};
static const struct prop ta_props[] = {
	{ "gpd.ta.appID", P_UUID, 0, 0 },
};

static const struct prop *prop_set(uint64_t set, uint32_t *n)
{
	switch ((uint32_t)set) {
	case PROPSET_TEE:
		*n = sizeof(tee_props) / sizeof(tee_props[0]);
		return tee_props;
	case PROPSET_CLIENT:
		*n = sizeof(client_props) / sizeof(client_props[0]);
		return client_props;
	case PROPSET_TA:
		*n = sizeof(ta_props) / sizeof(ta_props[0]);
		return ta_props;
	default:
		*n = 0;
		return 0;
	}
}

/* A TEE_UUID (time fields little-endian) from 16 octets in canonical order. */
static void uuid_struct(uint8_t out[16], const uint8_t oct[16])
{
	out[0] = oct[3], out[1] = oct[2], out[2] = oct[1], out[3] = oct[0];
	out[4] = oct[5], out[5] = oct[4], out[6] = oct[7], out[7] = oct[6];
	memcpy(out + 8, oct + 8, 8);
}

/* The value of @p for the session being served: bytes into @buf (>= 20), *len. */
static void prop_value(struct xw_ta *ta, const struct prop *p, uint8_t *buf, uint32_t *len)
{
	if (p->data != 0) {
		memcpy(buf, p->data, p->len);
		*len = p->len;
	} else if (p->type == P_IDENTITY) {
		memcpy(buf, &ta->login, 4); /* TEE_Identity: login, then the client's UUID */
		uuid_struct(buf + 4, ta->client_uuid);
		*len = 20;
	} else {
		uuid_struct(buf, ta->uuid);
		*len = 16;
	}
}

/* get_property(set, index, name, name_len *, buf, blen *, type *) */
static int64_t sys_get_property(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta *ta = xw_ta_of(app);
	uint64_t name = a[2], name_len = a[3], buf = a[4], blen = a[5], ptype = app->regs.x[6];
	uint8_t val[64];
	uint32_t n, klen, vlen, nlen;
	const struct prop *set = prop_set(a[0], &n), *p;
	int64_t r = XW_TEE_SUCCESS, r2;

	if (set == 0 || a[1] >= n) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND;
	}
	p = &set[a[1]];
	if (ptype != 0 && (r = put_user(app, ptype, &p->type, 4)) != XW_TEE_SUCCESS) {
		return r;
	}
	if (buf != 0 && blen != 0) {
		if ((r = get_u32(app, blen, &klen)) != XW_TEE_SUCCESS) {
			return r;
		}
		prop_value(ta, p, val, &vlen);
		r = klen < vlen ? XW_TEE_ERROR_SHORT_BUFFER : put_user(app, buf, val, vlen);
		r2 = put_user(app, blen, &vlen, 4);
		if (r2 != XW_TEE_SUCCESS) {
			return r2;
		}
		if (r != XW_TEE_SUCCESS) {
			return r;
		}
	}
	if (name != 0 && name_len != 0) {
		if ((r = get_u32(app, name_len, &klen)) != XW_TEE_SUCCESS) {
			return r;
		}
		nlen = (uint32_t)xw_ta_strlen(p->name) + 1;
		r = klen < nlen ? XW_TEE_ERROR_SHORT_BUFFER : put_user(app, name, p->name, nlen);
		r2 = put_user(app, name_len, &nlen, 4);
		if (r2 != XW_TEE_SUCCESS) {
			return r2;
		}
	}
	return r;
}

/* get_property_name_to_index(set, name, name_len, index *) */
static int64_t sys_prop_index(struct xw_app *app, const uint64_t a[6])
{
	uint32_t n, i;
	const struct prop *set = prop_set(a[0], &n);
	const char *name;
	uint64_t len = a[2];

	if (set == 0) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND;
	}
	if (a[1] == 0 || len == 0) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	if (len > 256) {
		return XW_TEE_ERROR_ITEM_NOT_FOUND; /* longer than any name we have */
	}
	name = xw_app_user(app, a[1], len, XW_PROT_R);
	if (name == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	/* As OP-TEE: the last byte of the given length stands for the NUL. */
	for (i = 0; i < n; i++) {
		size_t k = xw_ta_strlen(set[i].name);

		if (k == len - 1 && xw_ta_memeq(name, set[i].name, k)) {
			return put_user(app, a[3], &i, 4);
		}
		if (k < len - 1 && xw_ta_memeq(name, set[i].name, k) && name[k] == '\0') {
			return put_user(app, a[3], &i, 4);
		}
	}
	return XW_TEE_ERROR_ITEM_NOT_FOUND;
}

/* ---- memory, cancellation, time, random ------------------------------------ */

/*
 * GP's TEE_CheckMemoryAccessRights: every byte must be the TA's own memory
 * with the access asked; memory shared with the client (a memref's pages)
 * only with TEE_MEMORY_ACCESS_ANY_OWNER.
 */
static int64_t sys_check_access(struct xw_app *app, const uint64_t a[6])
{
	uint32_t flags = (uint32_t)a[0], prot = 0, i;
	uint64_t va = a[1], len = a[2], end;

	if (len == 0) {
		return XW_TEE_SUCCESS;
	}
	if (va + len < va) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	prot |= (flags & ACC_READ) ? XW_PROT_R : 0;
	prot |= (flags & ACC_WRITE) ? XW_PROT_W : 0;
	end = va + len;
	while (va < end) {
		for (i = 0; i < app->nmaps; i++) {
			const struct xw_app_map *m = &app->maps[i];

			if (va >= m->va && va < m->va + m->pages * XW_PAGE_SIZE) {
				break;
			}
		}
		if (i == app->nmaps || (app->maps[i].prot & prot) != prot ||
		    app->maps[i].kind == XW_APP_MAP_CHAN ||
		    (app->maps[i].kind == XW_APP_MAP_PARAM && !(flags & ACC_ANY_OWNER))) {
			return XW_TEE_ERROR_ACCESS_DENIED;
		}
		va = app->maps[i].va + app->maps[i].pages * XW_PAGE_SIZE;
	}
	return XW_TEE_SUCCESS;
}

/* The client cancelled (the normal world's CANCEL, or a calling TA's timeout ran out). */
static bool cancelled(struct xw_ta *ta)
{
	if (ta->cancel_masked) {
		return false;
	}
	return (ta->t != 0 && __atomic_load_n(&ta->t->cancel, __ATOMIC_RELAXED)) ||
	       (ta->cancel_at_ms != 0 && xw_ta_now_ms() >= ta->cancel_at_ms);
}

static int64_t sys_cancel_flag(struct xw_app *app, const uint64_t a[6])
{
	uint32_t v = cancelled(xw_ta_of(app));

	return put_user(app, a[0], &v, 4);
}

static int64_t set_mask(struct xw_app *app, uint64_t old, bool mask)
{
	struct xw_ta *ta = xw_ta_of(app);
	uint32_t v = ta->cancel_masked;
	int64_t r = put_user(app, old, &v, 4);

	if (r == XW_TEE_SUCCESS) {
		ta->cancel_masked = mask;
	}
	return r;
}

static int64_t sys_unmask(struct xw_app *app, const uint64_t a[6])
{
	return set_mask(app, a[0], false);
}

static int64_t sys_mask(struct xw_app *app, const uint64_t a[6])
{
	return set_mask(app, a[0], true);
}

uint64_t xw_ta_now_ms(void)
{
	uint64_t t = arch_now(), f = arch_now_freq();

	return (t / f) * 1000ULL + (t % f) * 1000ULL / f;
}

/* wait(ms): the normal world sleeps for us (RPC SUSPEND) in steps; cancellable. */
static int64_t sys_wait(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta *ta = xw_ta_of(app);
	uint64_t end = xw_ta_now_ms() + (uint32_t)a[0], now, p[1][4];
	uint32_t ret;

	while ((now = xw_ta_now_ms()) < end) {
		if (cancelled(ta)) {
			return XW_TEE_ERROR_CANCEL;
		}
		p[0][0] = XW_OMSG_ATTR_VALUE_IN;
		p[0][1] = end - now < 100 ? end - now : 100;
		p[0][2] = p[0][3] = 0;
		if (xw_optee_rpc_cmd(ta->o, ta->t, XW_ORPC_CMD_SUSPEND, 1, p, &ret) != XW_OK) {
			/* No RPC buffer: give the CPU back at least, and keep counting. */
			xw_optee_rpc(ta->t, XW_OPTEE_RPC_FOREIGN_INTR, 0, 0);
		}
	}
	return XW_TEE_SUCCESS;
}

/*
 * TA persistent time: an offset from the system time per TA (by UUID), kept
 * while the kernel runs (not across a reboot: then "not set" again).
 */
#define TA_TIMES 8
#define TEE_ERROR_OVERFLOW 0xffff300fU
static struct {
	bool used;
	uint8_t uuid[16];
	int64_t offset_ms;
} ta_times[TA_TIMES];

static int64_t sys_set_ta_time(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta *ta = xw_ta_of(app);
	const void *p = xw_app_user(app, a[0], 8, XW_PROT_R);
	uint32_t tm[2];
	unsigned int i, f = TA_TIMES;
	int64_t r = XW_TEE_ERROR_OUT_OF_MEMORY;

	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(tm, p, sizeof(tm));
	if (tm[1] >= 1000) {
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	xw_optee_lock(ta->o);
	for (i = 0; i < TA_TIMES; i++) {
		if (ta_times[i].used && xw_ta_memeq(ta_times[i].uuid, ta->uuid, 16)) {
			break;
		}
		if (!ta_times[i].used && f == TA_TIMES) {
			f = i;
		}
	}
	i = i < TA_TIMES ? i : f;
	if (i < TA_TIMES) {
		ta_times[i].used = true;
		memcpy(ta_times[i].uuid, ta->uuid, 16);
		ta_times[i].offset_ms =
			(int64_t)((uint64_t)tm[0] * 1000 + tm[1]) - (int64_t)xw_ta_now_ms();
		r = XW_TEE_SUCCESS;
	}
	xw_optee_unlock(ta->o);
	return r;
}

static int64_t get_ta_time(struct xw_ta *ta, uint32_t tm[2])
{
	int64_t t = -1;
	unsigned int i;

	xw_optee_lock(ta->o);
	for (i = 0; i < TA_TIMES; i++) {
		if (ta_times[i].used && xw_ta_memeq(ta_times[i].uuid, ta->uuid, 16)) {
			t = (int64_t)xw_ta_now_ms() + ta_times[i].offset_ms;
		}
	}
	xw_optee_unlock(ta->o);
	if (t < 0) {
		return TEE_ERROR_TIME_NOT_SET;
	}
	tm[0] = (uint32_t)((uint64_t)t / 1000); /* wraps past 2^32 s: OVERFLOW, as GP says */
	tm[1] = (uint32_t)((uint64_t)t % 1000);
	return (uint64_t)t / 1000 > UINT32_MAX ? TEE_ERROR_OVERFLOW : XW_TEE_SUCCESS;
}

/* get_time(category, TEE_Time *): system (the counter), TA persistent, REE (RPC). */
static int64_t sys_get_time(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta *ta = xw_ta_of(app);
	uint32_t tm[2];
	uint64_t ms, s, ns;

	if (xw_app_user(app, a[1], 8, XW_PROT_W) == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	switch (a[0]) {
	case 0:
		ms = xw_ta_now_ms();
		tm[0] = (uint32_t)(ms / 1000);
		tm[1] = (uint32_t)(ms % 1000);
		break;
	case 1: {
		int64_t r = get_ta_time(ta, tm);

		if (r == TEE_ERROR_TIME_NOT_SET) {
			return r;
		}
		return put_user(app, a[1], tm, sizeof(tm)) != XW_TEE_SUCCESS ?
			       XW_TEE_ERROR_ACCESS_DENIED : r;
	}
	case 2:
		if (xw_optee_rpc_get_time(ta->o, ta->t, &s, &ns) != XW_OK) {
			return XW_TEE_ERROR_COMMUNICATION;
		}
		tm[0] = (uint32_t)s;
		tm[1] = (uint32_t)(ns / 1000000);
		break;
	default:
		return XW_TEE_ERROR_BAD_PARAMETERS;
	}
	return put_user(app, a[1], tm, sizeof(tm));
}

static int64_t sys_random(struct xw_app *app, const uint64_t a[6])
{
	uint8_t *p = xw_app_user(app, a[0], a[1], XW_PROT_W);

	if (p == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	return a[1] == 0 || xw_ta_rng(p, a[1]) == XW_OK ? XW_TEE_SUCCESS : XW_TEE_ERROR_GENERIC;
}

static uint8_t empty_buf;

/* ---- TA-to-TA sessions --------------------------------------------------- */

/*
 * The caller's struct utee_params at @va into @p: values copied, memrefs as
 * kernel views of the caller's own memory with the access their direction
 * needs (a buffer it does not own: ACCESS_DENIED; address 0: a NULL memref).
 */
static int64_t params_in(struct xw_app *app, uint64_t va, struct xw_ta_param p[4])
{
	const void *up; /* the TA's pointer: maybe unaligned */
	uint64_t v[9];
	unsigned int i;

	memset(p, 0, 4 * sizeof(p[0]));
	if (va == 0) {
		return XW_TEE_SUCCESS;
	}
	up = xw_app_user(app, va, sizeof(v), XW_PROT_R);
	if (up == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(v, up, sizeof(v)); /* one read, then only the copy */
	for (i = 0; i < 4; i++) {
		uint32_t t = (uint32_t)(v[0] >> (4 * i)) & 0xf;
		uint32_t prot = 0;

		if (t == 4 || (t > 7)) {
			return XW_TEE_ERROR_BAD_PARAMETERS;
		}
		p[i].type = t;
		if (t >= 1 && t <= 3) {
			p[i].a = (uint32_t)v[1 + 2 * i];
			p[i].b = (uint32_t)v[2 + 2 * i];
		} else if (t >= 5) {
			p[i].size = v[2 + 2 * i];
			if (v[1 + 2 * i] == 0) {
				continue;
			}
			if (p[i].size == 0) {
				/* An empty buffer (not a NULL one): nothing is ever copied. */
				p[i].kbuf = (uint8_t *)&empty_buf;
				continue;
			}
			prot |= (t & 1) ? XW_PROT_R : 0;
			prot |= (t & 2) ? XW_PROT_W : 0;
			p[i].kbuf = xw_app_user(app, v[1 + 2 * i], p[i].size, prot);
			if (p[i].kbuf == 0) {
				return XW_TEE_ERROR_ACCESS_DENIED;
			}
		}
	}
	return XW_TEE_SUCCESS;
}

/*
 * Results back into the caller's utee_params (values, memref sizes). The
 * TA's pointer need not be aligned (a hostile TA's is not): byte copies.
 */
static void params_out(struct xw_app *app, uint64_t va, const struct xw_ta_param p[4])
{
	uint8_t *up = va ? xw_app_user(app, va, 72, XW_PROT_W) : 0;
	unsigned int i;

	for (i = 0; up != 0 && i < 4; i++) {
		if (p[i].type == 2 || p[i].type == 3) {
			memcpy(up + 8 * (1 + 2 * i), &p[i].a, 8);
			memcpy(up + 8 * (2 + 2 * i), &p[i].b, 8);
		} else if (p[i].type == 6 || p[i].type == 7) {
			memcpy(up + 8 * (2 + 2 * i), &p[i].size, 8);
		}
	}
}

static void put_origin(struct xw_app *app, uint64_t va, uint32_t origin)
{
	if (va != 0) {
		(void)put_user(app, va, &origin, 4);
	}
}

/* open_ta_session(dest *, cancel_req_to, utee_params *, sess *, ret_orig *) */
static int64_t sys_open_ta_session(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_param p[4];
	const uint8_t *d = xw_app_user(app, a[0], 16, XW_PROT_R);
	uint8_t u[16], oct[16];
	uint32_t h = 0, origin = XW_TEEC_ORIGIN_TEE, ret;
	int64_t r;

	if (d == 0 || xw_app_user(app, a[3], 4, XW_PROT_W) == 0) {
		return XW_TEE_ERROR_ACCESS_DENIED;
	}
	memcpy(u, d, 16);
	uuid_struct(oct, u); /* the swap is its own inverse: octets from a TEE_UUID */
	r = params_in(app, a[2], p);
	if (r != XW_TEE_SUCCESS) {
		put_origin(app, a[4], origin);
		return r;
	}
	ret = xw_ta_sess_open(xw_ta_of(app), oct, (uint32_t)a[1], p, &h, &origin);
	params_out(app, a[2], p);
	(void)put_user(app, a[3], &h, 4);
	put_origin(app, a[4], origin);
	return ret;
}

static int64_t sys_close_ta_session(struct xw_app *app, const uint64_t a[6])
{
	return xw_ta_sess_close(xw_ta_of(app), (uint32_t)a[0]);
}

/* invoke_ta_command(sess, cancel_req_to, cmd, utee_params *, ret_orig *) */
static int64_t sys_invoke_ta_command(struct xw_app *app, const uint64_t a[6])
{
	struct xw_ta_param p[4];
	uint32_t origin = XW_TEEC_ORIGIN_TEE, ret;
	int64_t r = params_in(app, a[3], p);

	if (r != XW_TEE_SUCCESS) {
		put_origin(app, a[4], origin);
		return r;
	}
	ret = xw_ta_sess_invoke(xw_ta_of(app), (uint32_t)a[0], (uint32_t)a[1], (uint32_t)a[2], p,
				&origin);
	params_out(app, a[3], p);
	put_origin(app, a[4], origin);
	return ret;
}

static const xw_app_sys_fn ta_sys[SCN_COUNT] = {
	[SCN_RETURN] = sys_return,
	[SCN_LOG] = sys_log,
	[SCN_PANIC] = sys_panic,
	[SCN_GET_PROPERTY] = sys_get_property,
	[SCN_GET_PROPERTY_NAME_TO_INDEX] = sys_prop_index,
	[SCN_OPEN_TA_SESSION] = sys_open_ta_session,
	[SCN_CLOSE_TA_SESSION] = sys_close_ta_session,
	[SCN_INVOKE_TA_COMMAND] = sys_invoke_ta_command,
	[SCN_CHECK_ACCESS_RIGHTS] = sys_check_access,
	[SCN_GET_CANCELLATION_FLAG] = sys_cancel_flag,
	[SCN_UNMASK_CANCELLATION] = sys_unmask,
	[SCN_MASK_CANCELLATION] = sys_mask,
	[SCN_WAIT] = sys_wait,
	[SCN_GET_TIME] = sys_get_time,
	[SCN_SET_TA_TIME] = sys_set_ta_time,
	[SCN_CRYP_STATE_ALLOC] = xw_ta_sys_cryp_state_alloc,
	[SCN_CRYP_STATE_COPY] = xw_ta_sys_cryp_state_copy,
	[SCN_CRYP_STATE_FREE] = xw_ta_sys_cryp_state_free,
	[SCN_HASH_INIT] = xw_ta_sys_hash_init,
	[SCN_HASH_UPDATE] = xw_ta_sys_hash_update,
	[SCN_HASH_FINAL] = xw_ta_sys_hash_final,
	[SCN_CRYP_RANDOM_NUMBER_GENERATE] = sys_random,
};

/* Registers are set per call by the loader (ta_load.c): nothing at "start". */
static void ta_start(struct xw_app *app, struct xw_app_regs *r)
{
	(void)app, (void)r;
}

const struct xw_app_personality xw_ta_pers = {
	.name = "optee-ta",
	.nsys = SCN_COUNT,
	.sys = ta_sys,
	.nr_reg = 8,
	.kill_on_efault = 0,
	.nosys = XW_TEE_ERROR_NOT_SUPPORTED,
	.start = ta_start,
};
