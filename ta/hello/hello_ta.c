// SPDX-License-Identifier: BSD-2-Clause
/*
 * Crossworld's example trusted application: built with Debian's OP-TEE TA
 * dev kit (optee-os-dev) against the GlobalPlatform Internal Core API in its
 * libutee, signed with the dev kit's key. docs/optee.md "Writing a TA".
 */
#include <tee_internal_api.h>

#include <hello_ta.h>

/* Per-session state: how many commands this session made. */
struct session {
	uint32_t calls;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types, TEE_Param params[4], void **ctx)
{
	struct session *s;

	(void)params;
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	*ctx = s;
	IMSG("hello TA: session opened");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	TEE_Free(ctx);
}

static TEE_Result reverse(TEE_Param *p)
{
	uint8_t *b = p->memref.buffer;
	size_t n = p->memref.size, i;

	for (i = 0; i < n / 2; i++) {
		uint8_t t = b[i];

		b[i] = b[n - 1 - i];
		b[n - 1 - i] = t;
	}
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd, uint32_t types,
				      TEE_Param params[4])
{
	struct session *s = ctx;
	uint32_t want;

	s->calls++;
	switch (cmd) {
	case HELLO_CMD_INC:
		want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INOUT, TEE_PARAM_TYPE_NONE,
				       TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE);
		if (types != want)
			return TEE_ERROR_BAD_PARAMETERS;
		params[0].value.a++;
		params[0].value.b = s->calls;
		return TEE_SUCCESS;
	case HELLO_CMD_REVERSE:
		want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT, TEE_PARAM_TYPE_NONE,
				       TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE);
		if (types != want)
			return TEE_ERROR_BAD_PARAMETERS;
		return reverse(&params[0]);
	case HELLO_CMD_RANDOM:
		want = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_NONE,
				       TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE);
		if (types != want)
			return TEE_ERROR_BAD_PARAMETERS;
		TEE_GenerateRandom(params[0].memref.buffer, params[0].memref.size);
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
