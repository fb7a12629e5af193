// SPDX-License-Identifier: BSD-2-Clause
/* teeclient demo: one short, readable exchange with the secure world. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"

int xw_cmd_demo(void)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	const char msg[] = "hello from the normal world";
	uint32_t sum;

	xw_open_ctx(&ctx, &s);
	printf("demo: libteec session open to the Crossworld test service\n");
	CHECK(xw_add(&s, 40, 2, &sum) == TEEC_SUCCESS && sum == 42, "demo add");
	printf("demo: 40 + 2 = %u (computed in the secure world)\n", sum);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = sizeof(msg) - 1;
	CHECK(xw_invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) == TEEC_SUCCESS &&
	      op.params[1].value.a == xw_crc32((const uint8_t *)msg, sizeof(msg) - 1), "demo crc");
	printf("demo: CRC-32 of \"%s\" = %08x (secure) / %08x (here)\n", msg,
	       op.params[1].value.a, xw_crc32((const uint8_t *)msg, sizeof(msg) - 1));
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return xw_fails ? 1 : 0;
}
