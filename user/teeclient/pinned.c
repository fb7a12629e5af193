// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient pinned N: one client thread pinned to every online CPU, all at
 * once, N invokes each (values, temp and registered memrefs).
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "teeclient.h"

struct pinned {
	int cpu, rounds, fails, wrong_cpu;
	pthread_barrier_t *start;
};

static void *pinned_body(void *arg)
{
	struct pinned *p = arg;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op;
	TEEC_SharedMemory shm;
	uint8_t tmp[3000];
	uint32_t sum;
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	CPU_SET(p->cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		p->fails++;
		return NULL;
	}
	xw_open_ctx(&ctx, &s);
	memset(&shm, 0, sizeof(shm));
	shm.size = 8192;
	shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	p->fails += TEEC_AllocateSharedMemory(&ctx, &shm) != TEEC_SUCCESS;
	pthread_barrier_wait(p->start);
	for (i = 0; i < p->rounds && shm.buffer; i++) {
		p->wrong_cpu += sched_getcpu() != p->cpu;
		p->fails += xw_add(&s, (uint32_t)i, (uint32_t)p->cpu, &sum) != TEEC_SUCCESS ||
			    sum != (uint32_t)(i + p->cpu);
		/* temp memref: INC every byte */
		memset(tmp, (int)(i + p->cpu), sizeof(tmp));
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].tmpref.buffer = tmp;
		op.params[0].tmpref.size = sizeof(tmp);
		p->fails += xw_invoke(&s, XW_PTA_TEST_CMD_INC, &op) != TEEC_SUCCESS ||
			    tmp[0] != (uint8_t)(i + p->cpu + 1) ||
			    tmp[sizeof(tmp) - 1] != (uint8_t)(i + p->cpu + 1);
		/* registered memref: CRC32 of 8 KiB */
		memset(shm.buffer, (int)i, shm.size);
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = &shm;
		op.params[0].memref.size = shm.size;
		p->fails += xw_invoke(&s, XW_PTA_TEST_CMD_CRC32, &op) != TEEC_SUCCESS ||
			    op.params[1].value.a != xw_crc32(shm.buffer, shm.size);
	}
	if (shm.buffer) {
		TEEC_ReleaseSharedMemory(&shm);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

int xw_cmd_pinned(int rounds)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	struct pinned p[64];
	pthread_t th[64];
	pthread_barrier_t start;
	double t0;
	int i;

	if (n < 1 || n > 64) {
		printf("FAIL pinned: %ld CPUs\n", n);
		return 1;
	}
	pthread_barrier_init(&start, NULL, (unsigned int)n + 1);
	for (i = 0; i < n; i++) {
		p[i] = (struct pinned){ .cpu = i, .rounds = rounds, .start = &start };
		pthread_create(&th[i], NULL, pinned_body, &p[i]);
	}
	pthread_barrier_wait(&start);
	t0 = xw_now_us();
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		CHECK(p[i].fails == 0, "pinned cpu %d: %d failed invokes", i, p[i].fails);
		CHECK(p[i].wrong_cpu == 0, "pinned cpu %d: ran %d times elsewhere", i,
		      p[i].wrong_cpu);
	}
	printf("pinned: %ld threads x %d rounds (3 invokes each) in %.0f ms\n", n, rounds,
	       (xw_now_us() - t0) / 1000);
	return xw_fails ? 1 : 0;
}
