// SPDX-License-Identifier: BSD-2-Clause
/* teeclient hang MS: a MS-long wait in the secure world, to be killed in the middle. */
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"

int xw_cmd_hang(unsigned int ms)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_SharedMemory shm;
	TEEC_Operation op;

	xw_open_ctx(&ctx, &s);
	memset(&shm, 0, sizeof(shm));
	shm.size = 8192;
	shm.flags = TEEC_MEM_INPUT;
	TEEC_AllocateSharedMemory(&ctx, &shm); /* left for the kernel to clean up */
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = ms;
	printf("hang: waiting %u ms in the secure world\n", ms);
	fflush(stdout);
	/* optee-client.sh kills this process in the call: this line must not appear. */
	printf("hang: returned 0x%x\n", (unsigned int)xw_invoke(&s, XW_PTA_TEST_CMD_WAIT, &op));
	return 0;
}
