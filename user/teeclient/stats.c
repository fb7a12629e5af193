// SPDX-License-Identifier: BSD-2-Clause
/* teeclient stats: the sessions, shm objects and threads the secure side holds. */
#include <stdint.h>
#include <stdio.h>

#include <tee_client_api.h>

#include "teeclient.h"

int xw_cmd_stats(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t v[6];

	xw_open_ctx(&ctx, &s);
	xw_stats(&s, v);
	/* This session is one of them. */
	printf("sessions %u shm %u busy %u foreign %u\n", v[0] - 1, v[1], v[2], v[3]);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return 0;
}
