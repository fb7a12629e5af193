/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Channel transport on TrustZone, secure side (docs/abi.md, "Channel
 * transport on TrustZone"): the normal world registers channel regions it
 * allocated (physical address + size), binds each channel to a named secure
 * service, and rings a doorbell SMC after it wrote. The secure side serves
 * the channel in the doorbell's context, run to completion within a byte
 * budget, and tells the normal world about replies or freed space by making
 * the notification SPI pending (arch_ns_notify()). Nothing here ever waits:
 * a service with nothing to read returns, having asked (event index) to be
 * rung again when data arrives.
 *
 * Portable; host-tested with the hosted arch layer (secure/arch/host/).
 * Lock order: the registration lock, then the NS window lock (nsmem.c). A
 * channel being served is claimed with its own busy flag (try-lock: a second
 * doorbell for the same channel gets XW_EBUSY instead of spinning).
 */
#ifndef XW_SK_CHAN_SVC_H
#define XW_SK_CHAN_SVC_H

#include <stdint.h>

#include "sk/arch/notify.h"

/*
 * Limits over all clients; each region belongs to the guest that registered
 * it (guest.h: charged XW_GRES_REGIONS, named only by it, dropped with it).
 */
#define XW_CSVC_MAX_REGIONS      32
#define XW_CSVC_MAX_REGION_BYTES (4UL << 20)
#define XW_CSVC_MAX_TOTAL_BYTES  (32UL << 20)
#define XW_CSVC_MAX_CHANS        8  /* channels per region */
/* Bytes a service may move per doorbell before it returns "more" (bounded time). */
#define XW_CSVC_BUDGET           (1UL << 20)

struct xw_chan;

/*
 * A secure service reached over channels (secure/services/): the core binds
 * it to a channel, then calls serve() on each doorbell, on whichever CPU
 * rang, never on two CPUs at once for one channel. A service keeps its
 * per-channel state in a pool of its own (bind hands it out, unbind takes it
 * back), so a channel slot costs the core nothing per service.
 */
struct xw_chan_service {
	const char *name; /* XW_SMC_SVC_INFO: at most 24 bytes */
	/*
	 * bind() - set @ch (our end, opened) up for this service; *state = its
	 * per-channel state (or 0 if it needs none). Return: XW_OK, or
	 * XW_ENOSPC when the service's pool is full.
	 */
	int (*bind)(struct xw_chan *ch, void **state);
	/*
	 * serve() - move what there is to move, at most *budget bytes (it
	 * subtracts what it moved); never wait. Return: 0 idle (the channel's
	 * data or space event armed), 1 budget used up (ring again), < 0 the
	 * channel is broken.
	 */
	int (*serve)(struct xw_chan *ch, void *state, uint64_t *budget);
	/* unbind() - @state (what bind gave) goes back to the pool; may be NULL. */
	void (*unbind)(void *state);
};

/*
 * xw_csvc_notified() - from serve(): the service notified the normal world
 * about @ch by other means than @ch's library hooks (an application at
 * S-EL0 does it with a system call); the doorbell reports it like its own.
 */
void xw_csvc_notified(struct xw_chan *ch);

/* The services, by the index XW_SMC_CHAN_BIND names (secure/services/registry.c). */
extern const struct xw_chan_service *const xw_chan_services[];
extern const unsigned int xw_chan_service_count;

/** Counters for leak checks and statistics (XW_SMC_CHAN_STATS). */
struct xw_csvc_stats {
	uint64_t regions;     /* registered now */
	uint64_t pages;       /* NS pages mapped for them now */
	uint64_t notifies;    /* notifications (interrupts, or doorbell returns), ever */
	uint64_t doorbells;   /* doorbell calls served, ever */
};

/*
 * The calls. Each takes the caller's x1..x3 (validated here: hostile) and
 * fills out[0] (XW_SMC_OK or a negative XW_E*) and out[1..3] as documented
 * in docs/abi-smc.md. Safe on any CPU at once.
 */
void xw_csvc_svc_info(uint64_t index, uint64_t out[4]);
struct xw_guest;
void xw_csvc_register(struct xw_guest *g, uint64_t pa, uint64_t size, uint64_t flags,
		      uint64_t out[4]);
void xw_csvc_unregister(struct xw_guest *g, uint64_t handle, uint64_t out[4]);
void xw_csvc_bind(struct xw_guest *g, uint64_t handle, uint64_t chan, uint64_t svc,
		  uint64_t out[4]);
void xw_csvc_doorbell(struct xw_guest *g, uint64_t handle, uint64_t chan, uint64_t out[4]);
/** xw_csvc_init() - register the drop of a dead guest's regions (guest.h). */
void xw_csvc_init(void);
void xw_csvc_get_stats(struct xw_csvc_stats *st);

/**
 * xw_csvc_chan_where() - the registered region (@pa, @size) holding the
 * secure end @ch, and its index there: for a service's bind() that maps the
 * region elsewhere (an application's address space). Called with the
 * registration lock held (from bind). XW_OK or XW_ENOENT.
 */
int xw_csvc_chan_where(const struct xw_chan *ch, uint64_t *pa, uint64_t *size, unsigned *idx);

/** xw_csvc_reset() - drop every registration (host tests; boot state is zero). */
void xw_csvc_reset(void);


#endif
