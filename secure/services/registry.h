/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure kernel's services (this directory): what each one hands the
 * core. The core (secure/core/) knows services only through the two
 * interfaces it defines - a table of SMC calls (calls.h) and a service
 * reached over channels (chan_svc.h) - and the lists in registry.c.
 */
#ifndef XW_SVC_REGISTRY_H
#define XW_SVC_REGISTRY_H

#include "../core/calls.h"
#include "../core/chan_svc.h"

/*
 * Channel services by index: XW_SMC_CHAN_BIND's service argument and
 * XW_SMC_SVC_INFO's order (docs/abi-smc.md). Frozen: new services go last.
 */
#define XW_SVC_ECHO     0
#define XW_SVC_SINK     1
#define XW_SVC_SOURCE   2
#define XW_SVC_CHECKSUM 3
#define XW_SVC_COUNT    4

extern const struct xw_chan_service xw_svc_echo;
extern const struct xw_chan_service xw_svc_sink;
extern const struct xw_chan_service xw_svc_source;
extern const struct xw_chan_service xw_svc_checksum;

/*
 * The S-EL1 echo, sink and source under the names "kecho", "ksink" and
 * "ksource" (firmware with apps).
 */
extern const struct xw_chan_service xw_svc_kecho;
extern const struct xw_chan_service xw_svc_ksink;
extern const struct xw_chan_service xw_svc_ksource;

extern const struct xw_sk_call_table xw_blk_call_table;
/* XW_SMC_APP_INFO, XW_SMC_APP_STATS (app_calls.c) */
extern const struct xw_sk_call_table xw_app_call_table;

#endif
