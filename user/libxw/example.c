// SPDX-License-Identifier: BSD-2-Clause
/*
 * xw-example: the smallest libxw program (docs/normal-world.md, "libxw").
 * Sends the arguments to the echo service in one batch, waits for each reply
 * as a poll() loop would and prints it; with no argument, one message "hello". Exit status 0 only if every reply matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

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
	/* All messages in one system call (one doorbell at most), if they fit a batch. */
	if (n <= 64) {
		struct iovec iov[64];

		for (i = 0; i < n; i++) {
			iov[i].iov_base = (void *)msgs[i];
			iov[i].iov_len = strlen(msgs[i]);
		}
		if (xw_sendv(fd, iov, (unsigned)n) != n) {
			fprintf(stderr, "xw-example: the batch did not go out whole\n");
			return 1;
		}
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(msgs[i]);
		void *reply;
		ssize_t got;

		if (n > 64 && xw_send(fd, msgs[i], len) < 0)
			return 1;
		/* As a poll() loop would: wait until the reply is there. */
		if (xw_wait(fd, 10000) != 1) {
			fprintf(stderr, "xw-example: no reply within 10 s\n");
			return 1;
		}
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
