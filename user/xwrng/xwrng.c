// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwrng read <file> <bytes> [chunk]: read <bytes> from <file> (/dev/hwrng) in
 * read(2)s of <chunk> bytes (default 4096) and report the rate, in bytes/s and
 * in DESIGN.md loop iterations per 64 bytes (the loop timed in the same run,
 * best of 3), for the entropy benchmark (bench/rng/) and the demo.
 * Prints: "XWRNG <bytes> <ns> <loop-ns>" and a human line.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xw_loopiter.h"

static int usage(void)
{
	fprintf(stderr, "usage: xwrng read <file> <bytes> [chunk]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static char buf[65536];
	uint64_t want, chunk = 4096, got = 0, t0, t1, loop = UINT64_MAX, l;
	int fd, i;
	ssize_t n;

	if (argc < 4 || strcmp(argv[1], "read") != 0) {
		return usage();
	}
	want = strtoull(argv[3], 0, 0);
	if (argc > 4) {
		chunk = strtoull(argv[4], 0, 0);
	}
	if (want == 0 || chunk == 0 || chunk > sizeof(buf)) {
		return usage();
	}
	fd = open(argv[2], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "xwrng: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	t0 = xw_loopiter_clock_ns();
	while (got < want) {
		n = read(fd, buf, want - got < chunk ? want - got : chunk);
		if (n <= 0) {
			fprintf(stderr, "xwrng: %s: read after %" PRIu64 " bytes: %s\n", argv[2], got,
				n == 0 ? "end of file" : strerror(errno));
			return 1;
		}
		got += (uint64_t)n;
	}
	t1 = xw_loopiter_clock_ns();
	close(fd);
	for (i = 0; i < 3; i++) {
		l = xw_loopiter_run_ns();
		loop = l < loop ? l : loop;
	}
	printf("XWRNG %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", got, t1 - t0, loop);
	printf("xwrng: %s: %" PRIu64 " bytes in %.3f s: %.0f bytes/s, %.0f loop iterations per 64 bytes\n",
	       argv[2], got, (double)(t1 - t0) / 1e9, (double)got * 1e9 / (double)(t1 - t0),
	       (double)(t1 - t0) * 64.0 / (double)got * (double)XW_LOOPITER_N / (double)loop);
	return 0;
}
