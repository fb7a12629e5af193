/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * teeclient: a GlobalPlatform TEE Client API program (Debian's libteec, the
 * stock Linux OP-TEE driver) against Crossworld's test pseudo-TA. One file per
 * subcommand (main.c dispatches); this header is what they share: the test
 * service's UUID, the failure count and CHECK(), and the small helpers around
 * libteec (common.c).
 */
#ifndef TEECLIENT_H
#define TEECLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <tee_client_api.h>

#include "xw/optee_pta.h"

extern const TEEC_UUID xw_test_uuid;

/* The test service of one trusted OS (side.c): what the benchmark invokes there. */
#define XW_SIDE_NO_MARKER 0xffffffffU
struct xw_side {
	const char *name;        /* "crossworld" or "optee-os" */
	TEEC_UUID uuid;
	uint32_t cmd_nop;        /* answered without work ... */
	TEEC_Result nop_answer;  /* ... with this */
	uint32_t cmd_value;      /* one VALUE_INOUT parameter */
	int value_adds;          /* it answers a = a + b (else a, b untouched) */
	TEEC_Result value_answer; /* what cmd_value answers (TEEC_SUCCESS for the services) */
	uint32_t cmd_marker;     /* prints one line on the secure log, or XW_SIDE_NO_MARKER */
};
/* The side called @name (NULL: Crossworld), or NULL if there is none. */
const struct xw_side *xw_side(const char *name);
/* A context and a session to @d's service; exits on failure. */
void xw_side_open(const struct xw_side *d, TEEC_Context *ctx, TEEC_Session *s);
/* Checks failed so far; a subcommand exits 1 if any did. */
extern int xw_fails;

#define CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			printf("FAIL " __VA_ARGS__); \
			printf("\n"); \
			xw_fails++; \
		} \
	} while (0)

uint32_t xw_crc32(const uint8_t *p, size_t n);
/* Monotonic time in µs. */
double xw_now_us(void);
/* A context and, if @s, a session to the test service; exits on failure. */
void xw_open_ctx(TEEC_Context *ctx, TEEC_Session *s);
TEEC_Result xw_invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op);
/* The service's ADD command: *sum = a + b (32-bit). */
TEEC_Result xw_add(TEEC_Session *s, uint64_t a, uint64_t b, uint32_t *sum);
/* The service's STATS: sessions, shm objects, busy and foreign-interrupt returns; v[4..5] = 0. */
void xw_stats(TEEC_Session *s, uint32_t v[6]);

int xw_cmd_test(void);
int xw_cmd_stats(void);
int xw_cmd_hang(unsigned int ms);
int xw_cmd_bench(const char *side);
int xw_cmd_invokes(int n, const char *variant, const char *side);
int xw_cmd_mark(const char *side);
int xw_cmd_demo(void);
int xw_cmd_cancel(void);
int xw_cmd_pinned(int rounds);

#endif /* TEECLIENT_H */
