// SPDX-License-Identifier: BSD-2-Clause
/*
 * `xwsmc demo`: a readable tour of the calls, for people watching `make demo-qemu`.
 * Every step checks its answer; the exit status is 1 if any step was wrong.
 */
#include <inttypes.h>
#include <stdio.h>

#include "xw/smc.h"

#include "xwsmc.h"

static int wrong;

static void step(int ok, const char *what)
{
	printf("    -> %s%s\n", ok ? "right" : "WRONG: ", ok ? "" : what);
	wrong += !ok;
}

static void call(uint64_t r[4], uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t a[8] = { fid, a1, a2, a3, 0, 0, 0, 0 };

	if (xw_call(XWTEST_HOW_FULL, a, r)) {
		r[0] = r[1] = r[2] = r[3] = ~0ULL;
	}
}

static void counters(int ncpu)
{
	uint64_t w[4], c[4];
	int cpu;

	printf("    cpu  secure-entries  returns  SMCs-seen  fast-calls  yielding-calls\n");
	for (cpu = 0; cpu < ncpu; cpu++) {
		call(w, XW_SIP_WORLD_SWITCHES, (uint64_t)cpu, 0, 0);
		call(c, XW_SMC_CALL_COUNT, (uint64_t)cpu, 0, 0);
		printf("    %3d  %14" PRIu64 "  %7" PRIu64 "  %9" PRIu64 "  %10" PRIu64 "  %14" PRIu64
		       "\n", cpu, w[1], w[2], w[3], c[1], c[2]);
		wrong += w[0] != XW_SMC_OK || c[0] != XW_SMC_OK;
	}
}

int xw_cmd_demo(int argc, char **argv)
{
	struct xwtest_loop l = { 0 };
	uint64_t r[4], w0[4], w1[4], t0[4], t1[4], ticks;
	int ncpu = xw_ncpus();

	(void)argc;
	(void)argv;
	xw_pin(0);
	printf("[1] Who answers? The secure kernel's UID (fast call 0x%08x):\n",
	       XW_SMC_CALL_UID);
	call(r, XW_SMC_CALL_UID, 0, 0, 0);
	printf("    %08" PRIx32 "-%08" PRIx32 "-%08" PRIx32 "-%08" PRIx32 "\n", (uint32_t)r[0],
	       (uint32_t)r[1], (uint32_t)r[2], (uint32_t)r[3]);
	step((uint32_t)r[0] == XW_SMC_UID_0 && (uint32_t)r[1] == XW_SMC_UID_1 &&
		     (uint32_t)r[2] == XW_SMC_UID_2 && (uint32_t)r[3] == XW_SMC_UID_3,
	     "not Crossworld's UID");
	call(r, XW_SMC_REVISION, 0, 0, 0);
	printf("[2] Its revision: %" PRIu64 ".%" PRIu64 "\n", r[0], r[1]);
	step(r[0] == XW_SMC_REVISION_MAJOR && r[1] == XW_SMC_REVISION_MINOR, "unexpected revision");
	call(r, XW_SIP_REVISION, 0, 0, 0);
	printf("[3] The EL3 monitor's own revision (SiP call): %" PRIu64 ".%" PRIu64 "\n", r[0],
	       r[1]);
	step(r[0] == XW_SIP_REVISION_MAJOR && r[1] == XW_SIP_REVISION_MINOR, "unexpected revision");
	call(r, XW_SMC_ADD64, 40000000000ULL, 2000000000ULL, 42);
	printf("[4] The secure kernel adds: 40000000000 + 2000000000 + 42 = %" PRIu64 "\n", r[1]);
	step(r[0] == XW_SMC_OK && r[1] == 42000000042ULL && r[2] == 0, "wrong sum");
	call(r, XW_SMC_ADD64, ~0ULL, ~0ULL, 5);
	printf("    and wraps like hardware: 2^64-1 + 2^64-1 + 5 = %" PRIu64 " with %" PRIu64
	       " carries\n", r[1], r[2]);
	step(r[0] == XW_SMC_OK && r[1] == 3 && r[2] == 2, "wrong wrap-around");
	call(r, XW_FAST32(0x7777), 0, 0, 0);
	printf("[5] An unknown function ID answers SMC_UNK: x0 = %" PRId64 "\n", (int64_t)r[0]);
	step((uint32_t)r[0] == 0xffffffffU, "not -1");
	printf("[6] Counters per CPU before 10000 calls on cpu 0:\n");
	counters(ncpu);
	call(t0, XW_SMC_TIMER_TICKS, 0, 0, 0);
	call(w0, XW_SIP_WORLD_SWITCHES, 0, 0, 0);
	l.a[0] = XW_SMC_ADD64;
	l.a[2] = 1;
	l.count = 10000;
	l.vary = 1;
	l.check = 1;
	l.expect = 1;
	l.step = 1;
	l.expect_r0 = XW_SMC_OK;
	l.how = XWTEST_HOW_1_1;
	if (xw_loop(&l)) {
		l.bad = 1;
	}
	call(w1, XW_SIP_WORLD_SWITCHES, 0, 0, 0);
	call(t1, XW_SMC_TIMER_TICKS, 0, 0, 0);
	ticks = t1[1] - t0[1];
	printf("[7] 10000 additions in a kernel loop: %" PRIu64 " wrong, %" PRIu64
	       " ns per round trip\n", l.bad, l.done ? l.ns / l.done : 0);
	step(l.bad == 0 && l.done == 10000, "wrong answers");
	printf("    cpu 0 world switches: +%" PRIu64 " entries, +%" PRIu64 " returns;"
	       " the secure timer ticked %" PRIu64 " times meanwhile\n",
	       w1[1] - w0[1], w1[2] - w0[2], ticks);
	/* One entry and one return per call, and one of each per secure timer tick. */
	step(w1[1] - w0[1] >= 10000 && w1[1] - w0[1] <= 10000 + ticks &&
		     w1[2] - w0[2] == w1[1] - w0[1],
	     "not one entry and one return per call");
	printf("[8] Counters per CPU after:\n");
	counters(ncpu);
	printf("demo: %s\n", wrong ? "SOMETHING WAS WRONG" : "every answer was right");
	return wrong ? 1 : 0;
}
