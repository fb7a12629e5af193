// SPDX-License-Identifier: BSD-2-Clause
/* Access to /dev/xwtest and small helpers shared by the xwsmc commands. */
#define _GNU_SOURCE /* sched_setaffinity */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "xwsmc.h"

int xw_dev(void)
{
	static int fd = -1;

	if (fd < 0) {
		fd = open("/dev/xwtest", O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "xwsmc: /dev/xwtest: %s (is xwtest.ko loaded?)\n",
				strerror(errno));
			exit(2);
		}
	}
	return fd;
}

int xw_call(uint32_t how, const uint64_t a[8], uint64_t r[4])
{
	struct xwtest_call c;

	memset(&c, 0, sizeof(c));
	memcpy(c.a, a, sizeof(c.a));
	c.how = how;
	if (ioctl(xw_dev(), XWTEST_IOC_CALL, &c) < 0) {
		return -errno;
	}
	memcpy(r, c.r, sizeof(c.r));
	return 0;
}

int xw_loop(struct xwtest_loop *l)
{
	return ioctl(xw_dev(), XWTEST_IOC_LOOP, l) < 0 ? -errno : 0;
}

int xw_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) < 0 ? -errno : 0;
}

int xw_ncpus(void)
{
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

uint64_t xw_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t xw_num(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	if (s[0] == '-') {
		v = (uint64_t)strtoll(s, &end, 0);
	} else {
		v = strtoull(s, &end, 0);
	}
	if (errno || end == s || *end) {
		fprintf(stderr, "xwsmc: not a number: '%s'\n", s);
		exit(2);
	}
	return v;
}
