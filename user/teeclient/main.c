// SPDX-License-Identifier: BSD-2-Clause
/*
 * teeclient: a GlobalPlatform TEE Client API program (Debian's libteec, the
 * stock Linux OP-TEE driver) against Crossworld's test pseudo-TA.
 *   teeclient test       every parameter type and size boundary, registered and
 *                        temporary memory, bad UUIDs/parameters, many sessions,
 *                        threads on every CPU, foreign-interrupt round trips, RPC
 *   teeclient stats      print sessions/shm objects/threads the secure side holds
 *   teeclient hang MS    invoke a MS-long wait (to be killed in the middle)
 *   teeclient bench [SIDE]  each operation's cost in µs and loop iterations against
 *                        SIDE's test service (crossworld or optee-os; side.c)
 *   teeclient invokes N [OP [SIDE]]  exactly N operations OP (world-switch counting)
 *   teeclient mark SIDE  one marker line on the secure log (optee-os)
 *   teeclient demo       one short, readable exchange
 *   teeclient cancel     TEEC_RequestCancellation from a second thread ends a
 *                        long WAIT with TEEC_ERROR_CANCEL (and only that call)
 *   teeclient pinned N   one client thread pinned to every online CPU, all at
 *                        once, N invokes each (values, temp and registered memrefs)
 * Prints "FAIL <what>" lines and exits 1 if any check fails; a bad argument is
 * named with the reason (exit 2); teeclient --help. One file per
 * subcommand; teeclient.h is what they share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"
#include "xw_args.h"

static const char usage[] =
	"usage: teeclient COMMAND [ARGS]\n"
	"  test                 every parameter type and boundary, against the test pseudo-TA\n"
	"  stats                sessions, shm objects and threads the secure side holds\n"
	"  hang MS              one invoke that waits MS ms (1..3600000; to be killed)\n"
	"  bench [SIDE]         BENCH lines (us and loop iterations) against SIDE's test service\n"
	"                       (crossworld, the default, or optee-os)\n"
	"  invokes N [OP [SIDE]] exactly N operations OP (0..10000000; default invoke-noparam)\n"
	"  mark SIDE            one marker line on the secure log (optee-os)\n"
	"  demo                 one short, readable exchange\n"
	"  cancel               a long WAIT cancelled from a second thread\n"
	"  pinned N             a client per online CPU, N rounds each (1..1000000)\n"
	"  -h, --help           this text\n"
	"Exit status: 0 ok, 1 a check failed, 2 bad arguments.\n";

/* A usage error: what was wrong, then the usage, exit status 2. */
static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "teeclient: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return XW_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	uint64_t n;

	if (!cmd)
		return bad_usage("no command given%s", "");
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		fputs(usage, stdout);
		return 0;
	}
#define NARGS(lo, hi, what) \
	if (argc - 2 < (lo) || argc - 2 > (hi)) \
		return bad_usage("%s: wrong number of arguments (" what ")", cmd)
	if (!strcmp(cmd, "test")) {
		NARGS(0, 0, "none");
		return xw_cmd_test();
	}
	if (!strcmp(cmd, "stats")) {
		NARGS(0, 0, "none");
		return xw_cmd_stats();
	}
	if (!strcmp(cmd, "hang")) {
		NARGS(1, 1, "MS");
		if (xw_arg_u64("teeclient", "MS", argv[2], 1, 3600000, &n))
			return XW_EXIT_USAGE;
		return xw_cmd_hang((unsigned int)n);
	}
	if (!strcmp(cmd, "bench")) {
		NARGS(0, 1, "[SIDE]");
		return xw_cmd_bench(argc > 2 ? argv[2] : NULL);
	}
	if (!strcmp(cmd, "invokes")) {
		/* OP and SIDE are checked by name where they are used (bench.c, side.c). */
		NARGS(1, 3, "N [OP [SIDE]]");
		if (xw_arg_u64("teeclient", "N", argv[2], 0, 10000000, &n))
			return XW_EXIT_USAGE;
		return xw_cmd_invokes((int)n, argc > 3 ? argv[3] : NULL, argc > 4 ? argv[4] : NULL);
	}
	if (!strcmp(cmd, "mark")) {
		NARGS(1, 1, "SIDE");
		return xw_cmd_mark(argv[2]);
	}
	if (!strcmp(cmd, "demo")) {
		NARGS(0, 0, "none");
		return xw_cmd_demo();
	}
	if (!strcmp(cmd, "cancel")) {
		NARGS(0, 0, "none");
		return xw_cmd_cancel();
	}
	if (!strcmp(cmd, "pinned")) {
		NARGS(1, 1, "N");
		if (xw_arg_u64("teeclient", "N", argv[2], 1, 1000000, &n))
			return XW_EXIT_USAGE;
		return xw_cmd_pinned((int)n);
	}
	return bad_usage("unknown command '%s'", cmd);
}
