/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Command-line arguments for the normal-world tools (xwctl, ...): one path
 * for parsing and for saying what was wrong. Each helper names the argument,
 * the text given and why it was refused (not a number, out of range with the
 * range, no such CPU with the online ones) on stderr as "PROG: ...", and
 * returns 0 or -1; a tool then exits with XW_EXIT_USAGE.
 */
#ifndef XW_ARGS_H
#define XW_ARGS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* CPU_SET, sched_getaffinity */
#endif
#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit status of a tool given a bad argument (as getopt users do). */
#define XW_EXIT_USAGE 2

/*
 * xw_arg_u64() - @s as a decimal (or 0x hex) number in [@min, @max]; the
 * whole text must be the number: "-5", "hello", "12abc" and "" are refused.
 */
static inline int xw_arg_u64(const char *prog, const char *name, const char *s, uint64_t min,
			     uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ') {
		fprintf(stderr, "%s: %s '%s': not a number\n", prog, name, s ? s : "");
		return -1;
	}
	v = strtoull(s, &end, 0);
	if (*end) {
		fprintf(stderr, "%s: %s '%s': not a number\n", prog, name, s);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		fprintf(stderr, "%s: %s '%s': out of range (%" PRIu64 "..%" PRIu64 ")\n", prog, name,
			s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* The CPUs this process may run on, as "0-1,3" into @buf. */
static inline void xw_cpus_text(const cpu_set_t *set, char *buf, size_t cap)
{
	size_t n = 0;
	int c, first = -1;

	buf[0] = 0;
	for (c = 0; c <= CPU_SETSIZE; c++) {
		int in = c < CPU_SETSIZE && CPU_ISSET(c, set);

		if (in && first < 0)
			first = c;
		if (!in && first >= 0) {
			n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%d", n ? "," : "",
					      first);
			if (c - 1 > first)
				n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "-%d", c - 1);
			first = -1;
		}
	}
}

/* xw_arg_cpu() - @s as a CPU this process may be pinned to (the online ones). */
static inline int xw_arg_cpu(const char *prog, const char *s, int *cpu)
{
	cpu_set_t set;
	char online[128];
	uint64_t v;

	CPU_ZERO(&set);
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		CPU_SET(0, &set);
	if (xw_arg_u64(prog, "CPU", s, 0, CPU_SETSIZE - 1, &v))
		return -1;
	if (!CPU_ISSET((int)v, &set)) {
		xw_cpus_text(&set, online, sizeof(online));
		fprintf(stderr, "%s: CPU '%s': no such CPU (online: %s)\n", prog, s, online);
		return -1;
	}
	*cpu = (int)v;
	return 0;
}

#endif
