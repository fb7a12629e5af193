// SPDX-License-Identifier: BSD-2-Clause
/*
 * `xwsmc stress [N]`: N arithmetic fast calls on every online CPU at once (a
 * process pinned to each, started together), every result checked in the kernel
 * loop; then each CPU's secure call counter must have grown by at least N.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xw/smc.h"

#include "xwsmc.h"

static uint64_t calls_on(int cpu)
{
	uint64_t a[8] = { XW_SMC_CALL_COUNT, (uint64_t)cpu, 0, 0, 0, 0, 0, 0 }, r[4];

	if (xw_call(XWTEST_HOW_FULL, a, r) || r[0] != XW_SMC_OK) {
		return 0;
	}
	return r[1];
}

static int stress_one(int cpu, uint64_t n, int go_fd)
{
	struct xwtest_loop l = { 0 };
	char c;
	int e;

	if (xw_pin(cpu)) {
		printf("cpu %d: cannot pin\n", cpu);
		return 1;
	}
	/* Wait until every worker is pinned, so that the loops overlap. */
	if (read(go_fd, &c, 1) < 0) {
		return 1;
	}
	/* Even CPUs use SMC64, odd ones SMC32: both conventions under load. */
	l.a[0] = (cpu & 1) ? XW_SMC_ADD32 : XW_SMC_ADD64;
	l.a[1] = (cpu & 1) ? (uint64_t)cpu << 24 : (uint64_t)cpu << 40;
	l.a[2] = 0x1111ULL * (uint64_t)(cpu + 1);
	l.a[3] = 7;
	l.count = n;
	l.vary = 1;
	l.check = 1;
	l.expect_r0 = XW_SMC_OK;
	l.expect = l.a[1] + l.a[2] + l.a[3];
	l.step = 1;
	l.how = XWTEST_HOW_1_1;
	e = xw_loop(&l);
	if (e) {
		printf("cpu %d: loop ioctl failed: %d\n", cpu, e);
		return 1;
	}
	printf("cpu %u: %" PRIu64 " calls, %" PRIu64 " wrong, %" PRIu64 " ns/call%s\n", l.cpu,
	       l.done, l.bad, l.done ? l.ns / l.done : 0, l.migrated ? " (migrated!)" : "");
	if (l.bad) {
		printf("cpu %d: first wrong answer at call %" PRIu64 ": x0 %#" PRIx64 " x1 %#" PRIx64
		       "\n", cpu, l.bad_index, l.bad_r[0], l.bad_r[1]);
	}
	return l.done == n && !l.bad && !l.migrated && l.cpu == (uint32_t)cpu ? 0 : 1;
}

int xw_cmd_stress(int argc, char **argv)
{
	uint64_t n = argc > 1 ? xw_num(argv[1]) : 100000, before[64], after;
	int ncpu = xw_ncpus(), go[2], cpu, st, bad = 0;
	pid_t pids[64];

	if (ncpu < 1 || ncpu > 64 || pipe(go)) {
		printf("cannot set up %d workers\n", ncpu);
		return 1;
	}
	for (cpu = 0; cpu < ncpu; cpu++) {
		before[cpu] = calls_on(cpu);
	}
	fflush(stdout);
	for (cpu = 0; cpu < ncpu; cpu++) {
		pids[cpu] = fork();
		if (pids[cpu] == 0) {
			close(go[1]);
			fflush(stdout);
			_exit(stress_one(cpu, n, go[0]));
		}
	}
	close(go[0]);
	/* Closing the write end wakes every worker at once (read returns 0). */
	close(go[1]);
	for (cpu = 0; cpu < ncpu; cpu++) {
		if (pids[cpu] < 0 || waitpid(pids[cpu], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st)) {
			bad++;
		}
	}
	for (cpu = 0; cpu < ncpu; cpu++) {
		after = calls_on(cpu);
		if (after - before[cpu] < n) {
			printf("cpu %d: secure call counter grew by %" PRIu64 ", expected >= %" PRIu64
			       "\n", cpu, after - before[cpu], n);
			bad++;
		}
	}
	if (bad) {
		printf("stress: %d problem(s) over %d cpus\n", bad, ncpu);
		return 1;
	}
	printf("stress: %" PRIu64 " calls on each of %d cpus, all answers right\n", n, ncpu);
	return 0;
}
