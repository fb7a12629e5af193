// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient cancel: TEEC_RequestCancellation from a second thread ends a long
 * WAIT with TEEC_ERROR_CANCEL (and only that call).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "teeclient.h"

struct waiter {
	TEEC_Session *s;
	TEEC_Operation op;
	TEEC_Result r;
	uint32_t origin;
	double us;
};

static void *wait_body(void *arg)
{
	struct waiter *w = arg;
	double t0 = xw_now_us();

	w->r = TEEC_InvokeCommand(w->s, XW_PTA_TEST_CMD_WAIT, &w->op, &w->origin);
	w->us = xw_now_us() - t0;
	return NULL;
}

int xw_cmd_cancel(void)
{
	TEEC_Context ctx;
	TEEC_Session s, other;
	struct waiter w;
	pthread_t th;
	uint32_t sum, v[6], v0[6];
	uint32_t origin;

	xw_open_ctx(&ctx, &s);
	/* What is open before (this session; kernel clients such as optee-rng). */
	xw_stats(&s, v0);
	CHECK(TEEC_OpenSession(&ctx, &other, &xw_test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			       &origin) == TEEC_SUCCESS, "open second session");
	/* A 20 s WAIT, cancelled after 300 ms from this thread. */
	memset(&w, 0, sizeof(w));
	w.s = &s;
	w.op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE,
					   TEEC_NONE);
	w.op.params[0].value.a = 20000;
	pthread_create(&th, NULL, wait_body, &w);
	usleep(300000);
	/* the other session works meanwhile (another secure thread) */
	CHECK(xw_add(&other, 1, 2, &sum) == TEEC_SUCCESS && sum == 3, "add during wait");
	TEEC_RequestCancellation(&w.op);
	pthread_join(th, NULL);
	CHECK(w.r == TEEC_ERROR_CANCEL, "cancelled wait: 0x%x origin %u", w.r, w.origin);
	CHECK(w.us < 10e6, "cancel took %.0f us", w.us);
	printf("cancel: WAIT ended 0x%x after %.0f ms (%u foreign-interrupt returns)\n", w.r,
	       w.us / 1000, w.op.params[1].value.a);
	/* the session stays usable; nothing is left busy */
	CHECK(xw_add(&s, 2, 3, &sum) == TEEC_SUCCESS && sum == 5, "add after cancel");
	/* a cancel of an operation that already ended changes nothing */
	TEEC_RequestCancellation(&w.op);
	w.op.params[0].value.a = 10;
	wait_body(&w);
	CHECK(w.r == TEEC_SUCCESS, "wait after a stale cancel: 0x%x", w.r);
	xw_stats(&s, v);
	CHECK(v[0] == v0[0] + 1 && v[1] == v0[1], "after cancel: sessions %u shm %u (before: %u, %u)",
	      v[0], v[1], v0[0], v0[1]);
	TEEC_CloseSession(&other);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return xw_fails ? 1 : 0;
}
