// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwmac: the normal-world client of the secure application apps/mac
 * (docs/apps.md). The key stays in the secure world; this program only asks.
 *   xwmac sign DATA          print DATA's tag (16 hex digits)
 *   xwmac verify TAG DATA    exit 0 if TAG is DATA's tag, 1 if not
 *   xwmac count              print "S.N TAG": the secure counter, one higher
 *                            than any before it in this start S of the app
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../../linux/xworld/xworld_ioctl.h"

static int ask(const char *req, char *rep, size_t cap)
{
	struct xw_ioc_bind b;
	int fd = open("/dev/xworld", O_RDWR);
	ssize_t n;

	if (fd < 0) {
		perror("xwmac: /dev/xworld");
		return -1;
	}
	memset(&b, 0, sizeof(b));
	strcpy(b.name, "mac");
	if (ioctl(fd, XW_IOC_BIND, &b) != 0) {
		perror("xwmac: bind mac");
		close(fd);
		return -1;
	}
	if (write(fd, req, strlen(req)) != (ssize_t)strlen(req) || (n = read(fd, rep, cap - 1)) < 0) {
		perror("xwmac: mac");
		close(fd);
		return -1;
	}
	rep[n] = 0;
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	char req[512], rep[128];

	if (argc == 3 && !strcmp(argv[1], "sign") && strlen(argv[2]) < 400) {
		snprintf(req, sizeof(req), "sign %s", argv[2]);
	} else if (argc == 4 && !strcmp(argv[1], "verify") && strlen(argv[2]) == 16 &&
		   strlen(argv[3]) < 400) {
		snprintf(req, sizeof(req), "verify %s %s", argv[2], argv[3]);
	} else if (argc == 2 && !strcmp(argv[1], "count")) {
		strcpy(req, "count");
	} else {
		fprintf(stderr, "usage: xwmac sign DATA | verify TAG DATA | count\n");
		return 2;
	}
	if (ask(req, rep, sizeof(rep)) != 0)
		return 2;
	printf("%s\n", rep);
	if (!strcmp(argv[1], "verify"))
		return strcmp(rep, "ok") != 0;
	return 0;
}
