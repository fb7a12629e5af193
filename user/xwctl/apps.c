// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwctl's application commands (docs/apps.md):
 *   xwctl apps                 every secure application: service, state, starts,
 *                              kills, channels, pages (XW_SMC_APP_INFO via /dev/xwtest)
 *   xwctl appstats             free secure pages, channels bound to apps, kills,
 *                              restarts (XW_SMC_APP_STATS), one "key value" a line
 *   xwctl provoke SVC CMD      send CMD to SVC; "killed" (exit 0) if the channel then
 *                              reports EPIPE, else the reply (exit 3)
 *   xwctl call SVC MSG         send MSG, print the reply (exit 0 if one came)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "xw/smc.h"
#include "xwtest_ioctl.h"
#include "xwctl.h"

static int smc(uint64_t fid, uint64_t a1, uint64_t r[4])
{
	static int fd = -1;
	struct xwtest_call c;

	if (fd < 0)
		fd = open("/dev/xwtest", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&c, 0, sizeof(c));
	c.a[0] = fid;
	c.a[1] = a1;
	if (ioctl(fd, XWTEST_IOC_CALL, &c) < 0)
		return -errno;
	memcpy(r, c.r, sizeof(c.r));
	return 0;
}

static const char *state_name(unsigned s)
{
	static const char *const n[] = { "empty", "waiting", "ready", "running", "dead" };

	return s < sizeof(n) / sizeof(n[0]) ? n[s] : "?";
}

int xwctl_apps(void)
{
	uint64_t r[4];
	char name[9];
	unsigned i;

	for (i = 0;; i++) {
		if (smc(XW_SMC_APP_INFO, i, r) != 0) {
			fprintf(stderr, "xwctl: /dev/xwtest: %s\n", strerror(errno));
			return 1;
		}
		if ((int64_t)r[0] != 0)
			break;
		memcpy(name, &r[1], 8);
		name[8] = 0;
		printf("app %-8s %-7s starts %llu kills %llu channels %llu pages %llu/%llu\n", name,
		       state_name((unsigned)(r[2] & 0xff)), (unsigned long long)((r[2] >> 16) & 0xffff),
		       (unsigned long long)(r[2] >> 32), (unsigned long long)((r[2] >> 8) & 0xff),
		       (unsigned long long)(r[3] & 0xffffffff),
		       (unsigned long long)((r[3] >> 32) & 0xffff));
	}
	return i == 0;
}

int xwctl_app_note(unsigned index, char *out, size_t cap)
{
	uint64_t r[4];
	unsigned i;

	for (i = 0; smc(XW_SMC_APP_INFO, i, r) == 0 && (int64_t)r[0] == 0; i++) {
		if ((r[3] >> 48) != index)
			continue;
		snprintf(out, cap, "  (S-EL0 app: %s, starts %llu, kills %llu)",
			 state_name((unsigned)(r[2] & 0xff)), (unsigned long long)((r[2] >> 16) & 0xffff),
			 (unsigned long long)(r[2] >> 32));
		return 1;
	}
	out[0] = 0;
	return 0;
}

int xwctl_appstats(void)
{
	uint64_t r[4];

	if (smc(XW_SMC_APP_STATS, 0, r) != 0 || (int64_t)r[0] != 0) {
		fprintf(stderr, "xwctl: APP_STATS failed\n");
		return 1;
	}
	printf("free_pages %llu\nchans_bound %llu\nkills %llu\nrestarts %llu\n",
	       (unsigned long long)r[1], (unsigned long long)r[2],
	       (unsigned long long)(r[3] & 0xffffffff), (unsigned long long)(r[3] >> 32));
	return 0;
}

/* One message, then the reply or the channel's end. Return: reply length, or -errno. */
static ssize_t send_recv(const char *svc, const char *msg, char *rep, size_t cap)
{
	int fd = xwctl_open_bound(svc);
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (write(fd, msg, strlen(msg)) != (ssize_t)strlen(msg)) {
		n = -errno;
		close(fd);
		return n;
	}
	n = read(fd, rep, cap);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

int xwctl_provoke(const char *svc, const char *cmd)
{
	char rep[256];
	ssize_t n = send_recv(svc, cmd, rep, sizeof(rep) - 1);

	if (n == -EPIPE) {
		printf("provoke %s %s: killed (EPIPE)\n", svc, cmd);
		return 0;
	}
	if (n < 0) {
		printf("provoke %s %s: %s\n", svc, cmd, strerror((int)-n));
		return 1;
	}
	rep[n] = 0;
	printf("provoke %s %s: not killed, reply \"%s\"\n", svc, cmd, rep);
	return 3;
}

int xwctl_call(const char *svc, const char *msg)
{
	char rep[4096];
	ssize_t n = send_recv(svc, msg, rep, sizeof(rep) - 1);

	if (n < 0) {
		fprintf(stderr, "xwctl: call %s: %s\n", svc, strerror((int)-n));
		return 1;
	}
	rep[n] = 0;
	printf("%s\n", rep);
	return 0;
}
