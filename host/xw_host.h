/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hosted port of the channel platform hooks: doorbells are eventfds, the
 * clock is CLOCK_MONOTONIC, caches are coherent (no clean/invalidate), and a
 * peer's death is seen through a "life" pipe whose write end only the peer
 * holds (it hangs up when the peer dies), so a sleeper never waits for a corpse.
 *
 * One struct xw_host_end per open channel end. Its `own` eventfds are what
 * this end sleeps on; `peer` are the peer's (written to notify it). Both
 * worlds get the same four eventfds (inherited over fork, or created in one
 * process for the two-thread mode) with the roles swapped.
 */
#ifndef XW_HOST_H
#define XW_HOST_H

#include <xw/channel.h>

struct xw_host_end {
	int own[2];     /* indexed by XW_CHAN_EV_DATA / XW_CHAN_EV_SPACE */
	int peer[2];
	int peer_gone_fd; /* readable or hung up once the peer is gone; -1: none */
};

/* Doorbell set of one channel: efd[end][ev] is what `end` sleeps on. */
struct xw_host_bells {
	int efd[2][2];
};

/*
 * The hosted ends' default spin budget (ops->spin_ns; docs/channel.md
 * "Spinning"). Both ends are processes of one OS, under one scheduler: a spin
 * here is a process spending its own time slice, never one world waiting on
 * another, so principle 3 does not forbid it. It is competitive (the ski-rental
 * rule): a blocking call polls for at most what sleeping and being woken
 * costs, so it never burns more than twice the CPU an oracle would, and a peer
 * that answers within the budget costs no eventfd write, no sleep and no
 * wake-up. 10 us: one eventfd sleep + cross-CPU wake-up measured 9-28 us on the
 * development host (half a sleeping round trip, docs/benchmarks.md); the low
 * end, so the bound holds where wake-ups are cheap too.
 * xw_chan_set_spin(ch, 0) restores sleep-at-once for an end.
 */
#define XW_HOST_SPIN_NS 10000u

extern const struct xw_chan_ops xw_host_ops;

int xw_host_bells_create(struct xw_host_bells *b);
void xw_host_bells_destroy(struct xw_host_bells *b);
/* Fills the hook context of `end` from a bell set; peer_gone_fd = -1. */
void xw_host_end_init(struct xw_host_end *e, const struct xw_host_bells *b, unsigned end);

/*
 * Shared region: a memfd of `size` bytes mapped MAP_SHARED; fd stays open for
 * fork/exec. Its size is sealed (no shrink, no grow, no further seals), so the
 * peer holding the fd cannot make the creator's mapping fault; users keep the
 * size they created it with and never take it from fstat.
 */
void *xw_host_region_create(size_t size, int *fd);
void *xw_host_region_map(int fd, size_t size);
void xw_host_region_unmap(void *base, size_t size);

uint64_t xw_host_now_ns(void);

#endif /* XW_HOST_H */
