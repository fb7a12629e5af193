// SPDX-License-Identifier: BSD-2-Clause
/*
 * tahello: the normal-world client of the example TA (ta/hello/), through
 * Debian's libteec. Opens a session by the TA's UUID (the secure side has
 * tee-supplicant load and verify /lib/optee_armtz/<uuid>.ta), then runs each
 * command once and checks its answer. docs/optee.md "Writing a TA".
 * Exit status 0 and a last line "tahello: ok" when every answer is right.
 */
#include <stdio.h>
#include <string.h>

#include <tee_client_api.h>

#include "../../ta/hello/include/hello_ta.h"

static int fail(const char *what, TEEC_Result rc, uint32_t origin)
{
	fprintf(stderr, "tahello: %s: 0x%08x (origin %u)\n", what, rc, origin);
	return 1;
}

int main(void)
{
	const TEEC_UUID uuid = HELLO_TA_UUID;
	char text[] = "Crossworld";
	uint8_t rnd[16] = { 0 }, zero[16] = { 0 };
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	TEEC_Result rc;
	uint32_t origin = 0;
	int bad = 0;

	rc = TEEC_InitializeContext(NULL, &ctx);
	if (rc != TEEC_SUCCESS)
		return fail("InitializeContext", rc, 0);
	rc = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (rc != TEEC_SUCCESS) {
		TEEC_FinalizeContext(&ctx);
		return fail("OpenSession", rc, origin);
	}

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 41;
	rc = TEEC_InvokeCommand(&sess, HELLO_CMD_INC, &op, &origin);
	if (rc != TEEC_SUCCESS)
		bad |= fail("INC", rc, origin);
	else
		printf("tahello: inc 41 -> %u (call %u)\n", op.params[0].value.a, op.params[0].value.b);
	bad |= rc != TEEC_SUCCESS || op.params[0].value.a != 42 || op.params[0].value.b != 1;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = text;
	op.params[0].tmpref.size = strlen(text);
	rc = TEEC_InvokeCommand(&sess, HELLO_CMD_REVERSE, &op, &origin);
	if (rc != TEEC_SUCCESS)
		bad |= fail("REVERSE", rc, origin);
	else
		printf("tahello: reverse -> %s\n", text);
	bad |= rc != TEEC_SUCCESS || strcmp(text, "dlrowssorC") != 0;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = rnd;
	op.params[0].tmpref.size = sizeof(rnd);
	rc = TEEC_InvokeCommand(&sess, HELLO_CMD_RANDOM, &op, &origin);
	if (rc != TEEC_SUCCESS)
		bad |= fail("RANDOM", rc, origin);
	/* 16 zero bytes from a working generator: odds of 2^-128. */
	bad |= rc != TEEC_SUCCESS || memcmp(rnd, zero, sizeof(rnd)) == 0;

	memset(&op, 0, sizeof(op));
	rc = TEEC_InvokeCommand(&sess, 99, &op, &origin);
	if (rc != TEEC_ERROR_NOT_SUPPORTED)
		bad |= fail("unknown command answered", rc, origin);

	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	printf("tahello: %s\n", bad ? "FAILED" : "ok");
	return bad;
}
