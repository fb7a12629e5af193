// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwsmc: issues SMCs from the normal world through /dev/xwtest (linux/xwtest).
 *
 *   xwsmc call [-1] <fid> [x1 .. x7]   one call; prints x0..x3 (-1: SMCCC 1.1 helper)
 *   xwsmc loop <n> <fid> [x1 .. x7]    n calls in the kernel; prints ns per call
 *   xwsmc check                        the basic calls answer as specified
 *   xwsmc stress [n]                   n checked calls on every CPU at once
 *   xwsmc bench [n]                    BENCH lines: SMC round trip vs getppid
 *   xwsmc demo                         a readable tour of the calls (exits 1 on error)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "xwsmc.h"

static const char usage_text[] =
	"usage: xwsmc COMMAND [ARGS]   (numbers: decimal, 0x hex, or negative)\n"
	"  call [-1] FID [X1 .. X7]   one call; prints x0..x3 (-1: the SMCCC 1.1 helper)\n"
	"  loop N FID [X1 .. X7]      N calls in the kernel (1..1000000000); ns per call\n"
	"  check                      the basic calls answer as specified\n"
	"  stress [N]                 N checked calls on every CPU at once\n"
	"  bench [N]                  BENCH lines: SMC round trip vs getppid\n"
	"  demo                       a readable tour of the calls\n"
	"  conduit                    smc or hvc, as the test module found it\n"
	"  -h, --help                 this text\n"
	"Exit status: 0 ok, 1 failed, 2 bad arguments.\n";

/* A usage error: what was wrong (a printf format with one string), then the usage. */
static int usage_why(const char *fmt, const char *arg)
{
	fprintf(stderr, "xwsmc: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	return 2;
}

static void args(uint64_t a[8], int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && i < 8; i++) {
		a[i] = xw_num(argv[i]);
	}
}

static int cmd_call(int argc, char **argv)
{
	uint64_t a[8] = { 0 }, r[4];
	uint32_t how = XWTEST_HOW_FULL;
	int e;

	if (argc > 1 && !strcmp(argv[1], "-1")) {
		how = XWTEST_HOW_1_1;
		argc--;
		argv++;
	}
	if (argc < 2 || argc > 9) {
		return usage_why("call: wrong number of arguments (%sFID [X1 .. X7])",
				 how == XWTEST_HOW_1_1 ? "-1 " : "");
	}
	args(a, argc - 1, argv + 1);
	e = xw_call(how, a, r);
	if (e) {
		fprintf(stderr, "xwsmc: call failed: %s\n", strerror(-e));
		return 1;
	}
	printf("x0=0x%016" PRIx64 " x1=0x%016" PRIx64 " x2=0x%016" PRIx64 " x3=0x%016" PRIx64
	       "\n", r[0], r[1], r[2], r[3]);
	return 0;
}

static int cmd_loop(int argc, char **argv)
{
	struct xwtest_loop l = { 0 };
	int e;

	if (argc < 3 || argc > 10) {
		return usage_why("loop: wrong number of arguments (N FID [X1 .. X7])%s", "");
	}
	l.count = xw_num(argv[1]);
	if (l.count < 1 || l.count > 1000000000) {
		return usage_why("N '%s': out of range (1..1000000000)", argv[1]);
	}
	args(l.a, argc - 2, argv + 2);
	l.how = XWTEST_HOW_FULL;
	e = xw_loop(&l);
	if (e) {
		fprintf(stderr, "xwsmc: loop failed: %s\n", strerror(-e));
		return 1;
	}
	/* Without an expectation every answer other than x0 == 0 counts as "bad". */
	printf("%" PRIu64 " calls on cpu %u in %" PRIu64 " ns: %" PRIu64 " ns/call, %" PRIu64
	       " with x0 != 0\n", l.done, l.cpu, l.ns, l.done ? l.ns / l.done : 0, l.bad);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		return usage_why("no command given%s", "");
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "call")) {
		return cmd_call(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "loop")) {
		return cmd_loop(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "check")) {
		return xw_cmd_check(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "stress")) {
		return xw_cmd_stress(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "bench")) {
		return xw_cmd_bench(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "demo")) {
		return xw_cmd_demo(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "conduit")) {
		uint32_t c = 0;

		if (ioctl(xw_dev(), XWTEST_IOC_CONDUIT, &c) < 0) {
			return 1;
		}
		printf("%s\n", c == 2 ? "hvc" : "smc");
		return 0;
	}
	return usage_why("unknown command '%s'", argv[1]);
}
