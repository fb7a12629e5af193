/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted launcher: formats a region of non-secure "RAM" (a memfd), then runs
 * the secure world and the normal world as two processes that each map it.
 * Channel c has doorbells (eventfds) and, per end, a life pipe whose hang-up
 * tells the other end that this end's holder died.
 */
#ifndef XW_LAUNCH_H
#define XW_LAUNCH_H

#include "xw_host.h"

#define XW_LAUNCH_MAX_CHANS 16

/* What one world sees: its own mapping of the region and its hook contexts. */
struct xw_world {
	void *base;
	size_t size;                             /* fixed at creation; never re-read (fstat) */
	int fd;                                  /* the region's memfd, inherited as a real peer has it */
	unsigned nchan;
	unsigned end;                            /* XW_WORLD_SECURE or XW_WORLD_NORMAL */
	struct xw_host_end ends[XW_LAUNCH_MAX_CHANS];
	int life_wr[XW_LAUNCH_MAX_CHANS];        /* this world's life pipe write ends */
};

#define XW_WORLD_SECURE XW_CHAN_END0
#define XW_WORLD_NORMAL XW_CHAN_END1

/* A world's main function; its return value is the process exit status. */
typedef int (*xw_world_fn)(struct xw_world *w, void *arg);

/*
 * Runs both worlds to completion (or until `timeout_s` seconds, then kills
 * them). Exit statuses (128+signal if killed) land in *st_secure and *st_normal.
 * Returns 0, or a negative XW_E* code if the launch itself failed.
 */
int xw_launch(unsigned nchan, uint32_t ring_size, xw_world_fn secure, xw_world_fn normal,
	      void *arg, unsigned timeout_s, int *st_secure, int *st_normal);

/* The same with a reference area of `ref_bytes` per ring (0: none; docs/channel.md). */
int xw_launch_ref(unsigned nchan, uint32_t ring_size, uint32_t ref_bytes, xw_world_fn secure,
		  xw_world_fn normal, void *arg, unsigned timeout_s, int *st_secure,
		  int *st_normal);

/* Opens channel `idx` of the world's region at its own end with the hosted hooks. */
int xw_world_open(struct xw_world *w, unsigned idx, struct xw_chan *ch);

#endif /* XW_LAUNCH_H */
