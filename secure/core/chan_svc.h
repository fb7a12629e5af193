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

/* Per-client limits (the one normal-world client of this version). */
#define XW_CSVC_MAX_REGIONS      32
#define XW_CSVC_MAX_REGION_BYTES (4UL << 20)
#define XW_CSVC_MAX_TOTAL_BYTES  (32UL << 20)
#define XW_CSVC_MAX_CHANS        8  /* channels per region */
/* Bytes a service may move per doorbell before it returns "more" (bounded time). */
#define XW_CSVC_BUDGET           (1UL << 20)
/* Largest message the source service produces (its secure pattern buffer). */
#define XW_CSVC_SOURCE_MAX       (512UL << 10)
/*
 * Echo relays each message through a per-channel buffer of this size, piece
 * by piece (xw_chan_send_some): messages of any size, no staging pool.
 */
#define XW_CSVC_ECHO_CHUNK       4096

/* Service indices (XW_SMC_SVC_INFO lists their names in this order). */
#define XW_SVC_ECHO     0
#define XW_SVC_SINK     1
#define XW_SVC_SOURCE   2
#define XW_SVC_CHECKSUM 3
#define XW_SVC_COUNT    4

/** Counters for leak checks and statistics (XW_SMC_CHAN_STATS). */
struct xw_csvc_stats {
	uint64_t regions;     /* registered now */
	uint64_t pages;       /* NS pages mapped for them now */
	uint64_t notifies;    /* notification interrupts raised, ever */
	uint64_t doorbells;   /* doorbell calls served, ever */
};

/*
 * The calls. Each takes the caller's x1..x3 (validated here: hostile) and
 * fills out[0] (XW_SMC_OK or a negative XW_E*) and out[1..3] as documented
 * in docs/abi-smc.md. Safe on any CPU at once.
 */
void xw_csvc_svc_info(uint64_t index, uint64_t out[4]);
void xw_csvc_register(uint64_t pa, uint64_t size, uint64_t out[4]);
void xw_csvc_unregister(uint64_t handle, uint64_t out[4]);
void xw_csvc_bind(uint64_t handle, uint64_t chan, uint64_t svc, uint64_t out[4]);
void xw_csvc_doorbell(uint64_t handle, uint64_t chan, uint64_t out[4]);
void xw_csvc_get_stats(struct xw_csvc_stats *st);

/** xw_csvc_reset() - drop every registration (host tests; boot state is zero). */
void xw_csvc_reset(void);

/** arch_ns_notify() - make the normal world's notification interrupt pending. */
void arch_ns_notify(void);

#endif
