/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Channel services served by applications at S-EL0 (app_svc.c): the core's
 * struct xw_chan_service, forwarded to the application runtime. The build
 * generates one service per application (XW_APP_SERVICE, in apps_gen.c).
 */
#ifndef XW_SVC_APP_SVC_H
#define XW_SVC_APP_SVC_H

#include "../core/chan_svc.h"

int xw_app_svc_bind(unsigned int app, struct xw_chan *ch, void **state);
int xw_app_svc_serve(struct xw_chan *ch, void *state, uint64_t *budget);
void xw_app_svc_unbind(void *state);

/* The service of application number @n (its index in xw_app_images), offered as @svc. */
#define XW_APP_SERVICE(n, var, svc)                                                  \
	static int bind_##var(struct xw_chan *ch, void **state)                       \
	{                                                                             \
		return xw_app_svc_bind((n), ch, state);                               \
	}                                                                             \
	const struct xw_chan_service xw_app_svc_##var = {                             \
		.name = (svc),                                                        \
		.bind = bind_##var,                                                   \
		.serve = xw_app_svc_serve,                                            \
		.unbind = xw_app_svc_unbind,                                          \
	}

#endif
