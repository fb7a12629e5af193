// SPDX-License-Identifier: BSD-2-Clause
/* XW_SMC_APP_INFO and XW_SMC_APP_STATS: what the normal world may know of the apps. */
#include "registry.h"

#include "../core/app.h"
#include "app_svc.h"
#include "../core/pages.h"
#include "xw/err.h"
#include "xw/smc.h"

/* The channel service index that reaches @a, or 0xffff (not offered: XW_APPS_IN_KERNEL). */
static unsigned int svc_index(const struct xw_app *a)
{
	unsigned int i, j;

	for (i = 0; i < xw_chan_service_count; i++) {
		const char *n = xw_chan_services[i]->name, *m = a->img->service;

		if (xw_chan_services[i]->serve != xw_app_svc_serve) {
			continue;
		}
		for (j = 0; n[j] == m[j] && n[j] != '\0'; j++) {
		}
		if (n[j] == m[j]) {
			return i;
		}
	}
	return 0xffff;
}

static void call_app_info(struct xw_sk_core *core, unsigned int cpu, const struct xw_sk_req *req,
			  uint64_t out[4])
{
	struct xw_app *a = req->a[0] < XW_APPS_MAX ? xw_app_get((unsigned int)req->a[0]) : 0;
	const char *n;
	uint64_t name = 0, chans = 0;
	unsigned int i;

	(void)core, (void)cpu;
	if (a == 0) {
		out[0] = (uint64_t)(int64_t)XW_ENOENT;
		return;
	}
	n = a->img->service;
	for (i = 0; i < 8 && n[i] != '\0'; i++) {
		name |= (uint64_t)(uint8_t)n[i] << (8 * i);
	}
	for (i = 0; i < XW_APP_MAX_CHANS; i++) {
		chans += __atomic_load_n(&a->chans[i].used, __ATOMIC_RELAXED);
	}
	out[0] = XW_OK;
	out[1] = name;
	out[2] = (uint64_t)(__atomic_load_n(&a->state, __ATOMIC_RELAXED) & 0xff) | chans << 8 |
		 (uint64_t)(a->gen & 0xffff) << 16 | (uint64_t)(uint32_t)a->kills << 32;
	out[3] = (uint64_t)a->pages | (uint64_t)(a->img->quota_pages & 0xffff) << 32 |
		 (uint64_t)svc_index(a) << 48;
}

static void call_app_stats(struct xw_sk_core *core, unsigned int cpu, const struct xw_sk_req *req,
			   uint64_t out[4])
{
	struct xw_apps_stats st;

	(void)core, (void)cpu, (void)req;
	xw_apps_get_stats(&st);
	out[0] = XW_OK;
	out[1] = xw_pages_free_count();
	out[2] = st.chans_bound;
	out[3] = (st.kills & 0xffffffffU) | st.restarts << 32;
}

static const struct xw_sk_call app_calls[] = {
	{ XW_FN_APP_INFO, 0, call_app_info },
	{ XW_FN_APP_STATS, 0, call_app_stats },
};

const struct xw_sk_call_table xw_app_call_table = {
	app_calls, sizeof(app_calls) / sizeof(app_calls[0]),
};
