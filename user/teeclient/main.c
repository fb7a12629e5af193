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
 * Prints "FAIL <what>" lines and exits 1 if any check fails. One file per
 * subcommand; teeclient.h is what they share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_client_api.h>

#include "teeclient.h"

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "test")) {
		return xw_cmd_test();
	}
	if (argc >= 2 && !strcmp(argv[1], "stats")) {
		return xw_cmd_stats();
	}
	if (argc >= 3 && !strcmp(argv[1], "hang")) {
		return xw_cmd_hang((unsigned int)atoi(argv[2]));
	}
	if (argc >= 2 && !strcmp(argv[1], "bench")) {
		return xw_cmd_bench(argc >= 3 ? argv[2] : NULL);
	}
	if (argc >= 3 && !strcmp(argv[1], "invokes")) {
		return xw_cmd_invokes(atoi(argv[2]), argc >= 4 ? argv[3] : NULL,
				      argc >= 5 ? argv[4] : NULL);
	}
	if (argc >= 3 && !strcmp(argv[1], "mark")) {
		return xw_cmd_mark(argv[2]);
	}
	if (argc >= 2 && !strcmp(argv[1], "demo")) {
		return xw_cmd_demo();
	}
	if (argc >= 2 && !strcmp(argv[1], "cancel")) {
		return xw_cmd_cancel();
	}
	if (argc >= 3 && !strcmp(argv[1], "pinned")) {
		return xw_cmd_pinned(atoi(argv[2]));
	}
	fprintf(stderr, "usage: teeclient test | stats | hang <ms> | bench [side] | "
		"invokes <n> [op [side]] | mark <side> | demo | cancel | pinned <rounds>\n");
	return 2;
}
