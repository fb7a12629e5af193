// SPDX-License-Identifier: BSD-2-Clause
/*
 * xw-example: the smallest libxw program (docs/normal-world.md, "libxw").
 * Sends each argument to the echo service and prints the reply; with no
 * argument, one message "hello". Exit status 0 only if every reply matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xw.h"

int main(int argc, char **argv)
{
	const char *dflt[] = { "hello" };
	const char **msgs = argc > 1 ? (const char **)argv + 1 : dflt;
	int n = argc > 1 ? argc - 1 : 1, fd = xw_open("echo", 0), i;

	if (fd < 0) {
		fprintf(stderr, "xw-example: echo: %s\n", xw_strerror(fd));
		return 1;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(msgs[i]);
		void *reply;
		ssize_t got;

		if (xw_send(fd, msgs[i], len) < 0)
			return 1;
		got = xw_recv_alloc(fd, &reply); /* any size: libxw sizes the buffer */
		if (got < 0) {
			fprintf(stderr, "xw-example: %s\n", xw_strerror((int)got));
			return 1;
		}
		printf("%.*s\n", (int)got, (const char *)reply);
		if ((size_t)got != len || memcmp(reply, msgs[i], len) != 0)
			return 1;
		free(reply);
	}
	return xw_close(fd) != 0;
}
