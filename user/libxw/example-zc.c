// SPDX-License-Identifier: BSD-2-Clause
/*
 * xw-example-zc: libxw's zero-copy forms (docs/channel.md, "Zero-copy").
 * Builds a message of SIZE bytes (default 1 MiB) in place in the channel's
 * send area, sends it to echo, and reads the reply where it lies in the
 * receive area; no buffer of its own, no copy by the driver. Exit status 0
 * only if the reply matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xw.h"

int main(int argc, char **argv)
{
	size_t size = argc > 1 ? strtoul(argv[1], NULL, 0) : 1 << 20, i;
	int fd = xw_open("echo", 0), rc;
	struct xw_zc z;
	const uint8_t *reply;
	uint8_t *msg;
	ssize_t got;

	if (fd < 0) {
		fprintf(stderr, "xw-example-zc: echo: %s\n", xw_strerror(fd));
		return 1;
	}
	rc = xw_zc_map(fd, &z);
	if (rc) {
		fprintf(stderr, "xw-example-zc: map: %s\n", xw_strerror(rc));
		return 1;
	}
	/* A piece of the send area is ours until commit: the message is built right there. */
	rc = xw_send_buf_get(&z, size, (void **)&msg);
	if (rc) {
		fprintf(stderr, "xw-example-zc: %zu bytes: %s\n", size, xw_strerror(rc));
		return 1;
	}
	for (i = 0; i < size; i++)
		msg[i] = (uint8_t)(i * 31 + 7);
	rc = xw_send_buf_commit(&z, msg, size); /* from here on the driver's: do not touch */
	if (rc) {
		fprintf(stderr, "xw-example-zc: send: %s\n", xw_strerror(rc));
		return 1;
	}
	/* The reply, read where the secure side put it (read-only) until released. */
	got = xw_recv_zc(&z, (const void **)&reply);
	if (got < 0) {
		fprintf(stderr, "xw-example-zc: receive: %s\n", xw_strerror((int)got));
		return 1;
	}
	for (i = 0; i < (size_t)got && reply[i] == (uint8_t)(i * 31 + 7); i++)
		;
	printf("xw-example-zc: %zd bytes back %s, %s\n", got,
	       reply >= z.rx && reply < z.rx + z.rx_size ? "in place" : "copied",
	       (size_t)got == size && i == size ? "matching" : "DIFFERENT");
	rc = (size_t)got != size || i != size;
	xw_recv_release(&z, reply);
	xw_zc_unmap(&z);
	xw_close(fd);
	return rc;
}
