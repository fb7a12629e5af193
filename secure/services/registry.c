// SPDX-License-Identifier: BSD-2-Clause
/* Which services this secure kernel has, in the order the ABI numbers them. */
#include "registry.h"

const struct xw_chan_service *const xw_chan_services[] = {
	[XW_SVC_ECHO] = &xw_svc_echo,
	[XW_SVC_SINK] = &xw_svc_sink,
	[XW_SVC_SOURCE] = &xw_svc_source,
	[XW_SVC_CHECKSUM] = &xw_svc_checksum,
};
const unsigned int xw_chan_service_count = XW_SVC_COUNT;
_Static_assert(sizeof(xw_chan_services) / sizeof(xw_chan_services[0]) == XW_SVC_COUNT,
	       "one entry per channel service index");

const struct xw_sk_call_table *const xw_sk_service_calls[] = {
	&xw_blk_call_table,
};
const unsigned int xw_sk_service_call_tables =
	sizeof(xw_sk_service_calls) / sizeof(xw_sk_service_calls[0]);
