// SPDX-License-Identifier: BSD-2-Clause
/* Hosted launcher: one memfd of shared RAM, two world processes, eventfd doorbells. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xw_launch.h"

int xw_world_open(struct xw_world *w, unsigned idx, struct xw_chan *ch)
{
	if (idx >= w->nchan)
		return XW_ENOENT;
	return xw_chan_open(ch, w->base, w->size, idx, w->end, &xw_host_ops, &w->ends[idx]);
}

struct launch {
	int memfd;
	size_t size;
	unsigned nchan;
	struct xw_host_bells bells[XW_LAUNCH_MAX_CHANS];
	int life[XW_LAUNCH_MAX_CHANS][2][2]; /* [chan][end][0 read, 1 write] */
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int run_world(struct launch *l, unsigned end, xw_world_fn fn, void *arg)
{
	struct xw_world w;
	unsigned c;

	memset(&w, 0, sizeof(w));
	w.size = l->size;
	w.fd = l->memfd;
	w.nchan = l->nchan;
	w.end = end;
	/* Each world maps the RAM itself, as two separate address spaces would. */
	w.base = xw_host_region_map(l->memfd, l->size);
	if (!w.base)
		return 111;
	for (c = 0; c < l->nchan; c++) {
		xw_host_end_init(&w.ends[c], &l->bells[c], end);
		/* Keep our write end (our life) and the peer's read end (its death notice). */
		w.life_wr[c] = l->life[c][end][1];
		w.ends[c].peer_gone_fd = l->life[c][!end][0];
		close_fd(&l->life[c][end][0]);
		close_fd(&l->life[c][!end][1]);
	}
	c = (unsigned)fn(&w, arg);
	/* The world ends with _exit(): stdio buffers are ours to flush. */
	fflush(NULL);
	return (int)c;
}

static int status_of(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	return 255;
}

int xw_launch(unsigned nchan, uint32_t ring_size, xw_world_fn secure, xw_world_fn normal,
	      void *arg, unsigned timeout_s, int *st_secure, int *st_normal)
{
	return xw_launch_ref(nchan, ring_size, 0, secure, normal, arg, timeout_s, st_secure,
			     st_normal);
}

int xw_launch_ref(unsigned nchan, uint32_t ring_size, uint32_t ref_bytes, xw_world_fn secure,
		  xw_world_fn normal, void *arg, unsigned timeout_s, int *st_secure,
		  int *st_normal)
{
	struct launch l;
	pid_t pid[2] = { -1, -1 };
	int st[2] = { 255, 255 }, left = 2, rc = XW_OK;
	time_t start = time(NULL);
	void *base;
	unsigned c, e, i;

	if (nchan == 0 || nchan > XW_LAUNCH_MAX_CHANS)
		return XW_EINVAL;
	memset(&l, 0, sizeof(l));
	memset(l.life, 0xff, sizeof(l.life));
	memset(l.bells, 0xff, sizeof(l.bells));
	l.nchan = nchan;
	l.size = xw_region_size_ref(nchan, ring_size, ref_bytes, ref_bytes);
	if (!l.size)
		return XW_EINVAL;
	base = xw_host_region_create(l.size, &l.memfd);
	if (!base)
		return XW_ENOMEM;
	rc = xw_region_init_ref(base, l.size, nchan, ring_size, ref_bytes, ref_bytes);
	xw_host_region_unmap(base, l.size);
	if (rc)
		goto out_fd;
	for (c = 0; c < nchan; c++) {
		if (xw_host_bells_create(&l.bells[c])) {
			rc = XW_ENOMEM;
			goto out_fd;
		}
		for (e = 0; e < 2; e++)
			if (pipe2(l.life[c][e], O_CLOEXEC)) {
				rc = XW_ENOMEM;
				goto out_fd;
			}
	}
	fflush(NULL);
	for (e = 0; e < 2; e++) {
		pid[e] = fork();
		if (pid[e] < 0) {
			rc = XW_ENOMEM;
			break;
		}
		if (pid[e] == 0)
			_exit(run_world(&l, e, e == XW_WORLD_SECURE ? secure : normal, arg));
	}
	/* The launcher holds no life pipe ends: only the worlds' deaths close them. */
	for (c = 0; c < nchan; c++)
		for (e = 0; e < 2; e++)
			for (i = 0; i < 2; i++)
				close_fd(&l.life[c][e][i]);
	for (e = 0; e < 2; e++)
		if (pid[e] < 0)
			left--;
	while (left > 0) {
		int ws;
		pid_t p = waitpid(-1, &ws, WNOHANG);

		if (p > 0) {
			for (e = 0; e < 2; e++)
				if (p == pid[e]) {
					st[e] = status_of(ws);
					pid[e] = -1;
					left--;
				}
			continue;
		}
		if (p < 0 && errno != EINTR)
			break;
		if (timeout_s && time(NULL) - start > (time_t)timeout_s) {
			fprintf(stderr, "xw_launch: timeout after %us, killing both worlds\n", timeout_s);
			for (e = 0; e < 2; e++)
				if (pid[e] > 0)
					kill(pid[e], SIGKILL);
			timeout_s = 0;
		}
		usleep(20000);
	}
	*st_secure = st[XW_WORLD_SECURE];
	*st_normal = st[XW_WORLD_NORMAL];
out_fd:
	for (c = 0; c < nchan; c++) {
		xw_host_bells_destroy(&l.bells[c]);
		for (e = 0; e < 2; e++)
			for (i = 0; i < 2; i++)
				close_fd(&l.life[c][e][i]);
	}
	close(l.memfd);
	return rc;
}
