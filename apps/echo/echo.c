// SPDX-License-Identifier: BSD-2-Clause
/*
 * echo at S-EL0: every message comes back unchanged, any size, by the step
 * the S-EL1 echo shares (lib/echo.c, xw/echo.h; linked by apps/module.mk).
 */
#include <xw/echo.h>

#include "xwapp.h"

static int serve(struct xw_chan *ch, void *state)
{
	return xw_echo_step(ch, state, NULL);
}

static const struct xwapp_service svc = {
	.state_size = sizeof(struct xw_echo),
	.serve = serve,
};

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
