// SPDX-License-Identifier: BSD-2-Clause
/* Which services this secure kernel has, in the order the ABI numbers them. */
/*
 * The firmware (XW_SK_APPS) serves echo, sink, source and checksum from
 * applications at S-EL0 (apps/, docs/apps.md) and keeps S-EL1 echo, sink and
 * source as "kecho", "ksink" and "ksource" for the comparison (make
 * bench-apps, tests/qemu/guest/apps.sh; checksum needs no twin: its replies
 * are checked against the FNV-1a the client computes); XW_APPS_IN_KERNEL=1
 * gives the four names back to the S-EL1 services. Every other application
 * follows, in apps/ order.
 */
#include "registry.h"

#ifdef XW_SK_APPS
#include "apps_gen.h"
#endif

const struct xw_chan_service *const xw_chan_services[] = {
#if defined(XW_SK_APPS) && !defined(XW_APPS_IN_KERNEL)
	[XW_SVC_ECHO] = &xw_app_svc_echo,
	[XW_SVC_SINK] = &xw_app_svc_sink,
	[XW_SVC_SOURCE] = &xw_app_svc_source,
	[XW_SVC_CHECKSUM] = &xw_app_svc_checksum,
#else
	[XW_SVC_ECHO] = &xw_svc_echo,
	[XW_SVC_SINK] = &xw_svc_sink,
	[XW_SVC_SOURCE] = &xw_svc_source,
	[XW_SVC_CHECKSUM] = &xw_svc_checksum,
#endif
#ifdef XW_SK_APPS
	&xw_svc_kecho,
	&xw_svc_ksink,
	&xw_svc_ksource,
	XW_APP_EXTRA_SERVICES
#endif
};
const unsigned int xw_chan_service_count =
	sizeof(xw_chan_services) / sizeof(xw_chan_services[0]);
_Static_assert(sizeof(xw_chan_services) / sizeof(xw_chan_services[0]) >= XW_SVC_COUNT,
	       "one entry per channel service index");

const struct xw_sk_call_table *const xw_sk_service_calls[] = {
	&xw_blk_call_table,
#ifdef XW_SK_APPS
	&xw_app_call_table,
#endif
};
const unsigned int xw_sk_service_call_tables =
	sizeof(xw_sk_service_calls) / sizeof(xw_sk_service_calls[0]);
