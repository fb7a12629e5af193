// SPDX-License-Identifier: BSD-2-Clause
/* What the subcommands share: the test service, the failure count, libteec helpers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tee_client_api.h>

#include "teeclient.h"

const TEEC_UUID xw_test_uuid = { 0x6ee52807, 0xb9b8, 0x4c28,
				     { 0xbf, 0x0e, 0xea, 0x93, 0x83, 0x89, 0xcb, 0x96 } };
int xw_fails;

uint32_t xw_crc32(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffU;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++) {
			c = (c >> 1) ^ (0xedb88320U & (0U - (c & 1U)));
		}
	}
	return ~c;
}

double xw_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

void xw_open_ctx(TEEC_Context *ctx, TEEC_Session *s)
{
	uint32_t origin;
	TEEC_Result r = TEEC_InitializeContext(NULL, ctx);

	if (r != TEEC_SUCCESS) {
		printf("FAIL InitializeContext: 0x%x\n", r);
		exit(1);
	}
	if (s) {
		r = TEEC_OpenSession(ctx, s, &xw_test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		if (r != TEEC_SUCCESS) {
			printf("FAIL OpenSession: 0x%x origin %u\n", r, origin);
			exit(1);
		}
	}
}

TEEC_Result xw_invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(s, cmd, op, &origin);
}

TEEC_Result xw_add(TEEC_Session *s, uint64_t a, uint64_t b, uint32_t *sum)
{
	TEEC_Operation op;
	TEEC_Result r;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = (uint32_t)a;
	op.params[0].value.b = (uint32_t)b;
	r = xw_invoke(s, XW_PTA_TEST_CMD_ADD, &op);
	*sum = op.params[1].value.a;
	return r;
}

void xw_stats(TEEC_Session *s, uint32_t v[6])
{
	TEEC_Operation op;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	CHECK(xw_invoke(s, XW_PTA_TEST_CMD_STATS, &op) == TEEC_SUCCESS, "stats");
	v[0] = op.params[0].value.a; /* sessions */
	v[1] = op.params[0].value.b; /* shm objects */
	v[2] = op.params[1].value.a; /* busy returns */
	v[3] = op.params[1].value.b; /* foreign-interrupt returns */
	v[4] = 0;
	v[5] = 0;
}
