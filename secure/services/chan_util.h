/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the channel services (echo, sink, source, checksum) share: the
 * "never wait" calling convention of the secure end, budget accounting,
 * little-endian fields, and a pool of per-channel states.
 */
#ifndef XW_SVC_CHAN_UTIL_H
#define XW_SVC_CHAN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xw/channel.h>

#include "xw/err.h"

/*
 * "Arm the event index, then return": a service calls the library with this
 * timeout, and the core's wait hook returns XW_ETIMEDOUT at once, so an idle
 * service publishes "ring me" (data_event / space_event) and never blocks.
 */
#define SVC_NO_WAIT 1

/* Scratch buffers live on the 8 KiB per-CPU stack. */
#define SVC_SCRATCH 1024

/** svc_idle() - @rc means "nothing to do until the next doorbell". */
static inline bool svc_idle(int rc)
{
	return rc == XW_EAGAIN || rc == XW_ETIMEDOUT;
}

/**
 * svc_out_of_budget() - the budget is used up: 1 ("ring again") if more is
 * queued, else 0 with the data event armed, as when idle. A 1 MiB message
 * that uses the whole budget then costs no second doorbell. Or XW_EPIPE.
 */
static inline int svc_out_of_budget(struct xw_chan *ch)
{
	int rc = xw_chan_arm_rx(ch);

	return rc == XW_OK ? 1 : rc == XW_EAGAIN ? 0 : rc;
}

/** svc_take() - account @n bytes against *@budget (saturating at 0). */
static inline void svc_take(uint64_t *budget, uint64_t n)
{
	*budget = n >= *budget ? 0 : *budget - n;
}

static inline uint64_t svc_get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

static inline void svc_put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

/*
 * svc_pool_get() - claim a free entry of a pool whose entries are marked by
 * @used[0..n): lock-free (one atomic exchange per entry tried), so two CPUs
 * binding at once never get the same entry. Return: its index, or -1.
 */
static inline int svc_pool_get(uint32_t *used, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (__atomic_load_n(&used[i], __ATOMIC_RELAXED) == 0 &&
		    __atomic_exchange_n(&used[i], 1, __ATOMIC_ACQUIRE) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/** svc_pool_put() - give entry @i back (its state must no longer be used). */
static inline void svc_pool_put(uint32_t *used, unsigned int i)
{
	__atomic_store_n(&used[i], 0, __ATOMIC_RELEASE);
}

#endif
