// SPDX-License-Identifier: BSD-2-Clause
/*
 * The built-in test service of each trusted OS the benchmark runs against
 * (docs/benchmarks.md, docs/tos.md): Crossworld's test pseudo-TA, or real
 * OP-TEE's invoke_tests.pta (compiled into every OP-TEE with its default
 * CFG_TEE_CORE_EMBED_INTERNAL_TESTS, Debian's included). Neither has a
 * command the other has, so each operation names its command per side:
 *  - nop: an invoke the service answers without work. Crossworld: NOP (OK).
 *    OP-TEE: a command number the PTA does not know: it runs OP-TEE's whole
 *    invoke path (thread, message, session, parameter mapping, PTA entry) and
 *    the PTA answers TEE_ERROR_BAD_PARAMETERS - its no-work answer, since its
 *    only parameterless success (TRACE) prints a log line.
 *  - value: one VALUE_INOUT parameter the service uses. Crossworld: NOP
 *    (value untouched); OP-TEE: PARAMS, a = a + b.
 *  - marker (OP-TEE only): TRACE prints one known line on the secure log, so
 *    the host can count the log bytes between two markers.
 */
#include <stdlib.h>
#include <string.h>

#include "teeclient.h"

/* Invoke-tests PTA: d96a5b40-c3e5-21e3-8794-1002a5d5c61b (pta_invoke_tests.h) */
#define OPTEE_PTA_INVOKE_TESTS_CMD_TRACE  0
#define OPTEE_PTA_INVOKE_TESTS_CMD_PARAMS 1
#define OPTEE_PTA_UNKNOWN_CMD             0x7fff0000U

static const struct xw_side sides[] = {
	{
		.name = "crossworld",
		.uuid = { 0x6ee52807, 0xb9b8, 0x4c28,
			  { 0xbf, 0x0e, 0xea, 0x93, 0x83, 0x89, 0xcb, 0x96 } },
		.cmd_nop = XW_PTA_TEST_CMD_NOP,
		.nop_answer = TEEC_SUCCESS,
		.cmd_value = XW_PTA_TEST_CMD_NOP,
		.value_adds = 0,
		.value_answer = TEEC_SUCCESS,
		.cmd_marker = XW_SIDE_NO_MARKER,
	},
	{
		.name = "optee-os",
		.uuid = { 0xd96a5b40, 0xc3e5, 0x21e3,
			  { 0x87, 0x94, 0x10, 0x02, 0xa5, 0xd5, 0xc6, 0x1b } },
		.cmd_nop = OPTEE_PTA_UNKNOWN_CMD,
		.nop_answer = TEEC_ERROR_BAD_PARAMETERS,
		.cmd_value = OPTEE_PTA_INVOKE_TESTS_CMD_PARAMS,
		.value_adds = 1,
		.value_answer = TEEC_SUCCESS,
		.cmd_marker = OPTEE_PTA_INVOKE_TESTS_CMD_TRACE,
	},
	{
		/*
		 * A user TA at S-EL0, the same file on either OS (Debian's sims,
		 * xtest's single-instance TA; bench/optee/ta-run.sh): GET_COUNTER
		 * with parameter types it does not take. The whole round trip -
		 * entry, libutee's dispatch, the TA's type check, return - and the
		 * answer TEE_ERROR_BAD_PARAMETERS, with values untouched.
		 */
		.name = "ta",
		.uuid = { 0xe6a33ed4, 0x562b, 0x463a,
			  { 0xbb, 0x7e, 0xff, 0x5e, 0x15, 0xa4, 0x93, 0xc8 } },
		.cmd_nop = 3,
		.nop_answer = TEEC_ERROR_BAD_PARAMETERS,
		.cmd_value = 3,
		.value_adds = 0,
		.value_answer = TEEC_ERROR_BAD_PARAMETERS,
		.cmd_marker = XW_SIDE_NO_MARKER,
	},
};

const struct xw_side *xw_side(const char *name)
{
	unsigned int i;

	if (!name) {
		return &sides[0];
	}
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		if (!strcmp(name, sides[i].name)) {
			return &sides[i];
		}
	}
	return NULL;
}

void xw_side_open(const struct xw_side *d, TEEC_Context *ctx, TEEC_Session *s)
{
	uint32_t origin;
	TEEC_Result r;

	xw_open_ctx(ctx, NULL);
	r = TEEC_OpenSession(ctx, s, &d->uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		printf("FAIL OpenSession %s: 0x%x origin %u\n", d->name, r, origin);
		exit(1);
	}
}

/* One marker line on the secure log (sides with a marker command). */
int xw_cmd_mark(const char *side)
{
	const struct xw_side *d = xw_side(side);
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;

	if (!d || d->cmd_marker == XW_SIDE_NO_MARKER) {
		printf("FAIL mark: side %s has no marker command\n", side ? side : "(default)");
		return 1;
	}
	xw_side_open(d, &ctx, &s);
	memset(&op, 0, sizeof(op));
	CHECK(xw_invoke(&s, d->cmd_marker, &op) == TEEC_SUCCESS, "marker");
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return xw_fails ? 1 : 0;
}
