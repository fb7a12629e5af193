/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A hosted "normal world" for the OP-TEE front end (unit tests, fuzzer): plays
 * the Linux driver's side of the SMC protocol against xw_optee_handle_call()
 * with the arguments, page lists and RPC buffers in the memfd RAM that the
 * secure NS window aliases (secure/arch/host/nsmap.c).
 */
#ifndef XW_TEST_OPTEE_NW_H
#define XW_TEST_OPTEE_NW_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../secure/abi/optee/optee.h"

/*
 * NS RAM covers the secure carve-out (0x0e000000, 16 MiB, nsmap_host.c), so
 * that "inside RAM but secure" is testable apart from "outside RAM".
 */
#define NW_RAM_PA    0x0c000000ULL
#define NW_RAM_SIZE  (64UL << 20)
#define NW_SEC_PA    0x0e000000ULL
#define NW_ARG_PA    (NW_RAM_PA + 0x00000000ULL) /* one arg page per CPU */
#define NW_RPC_PA    (NW_RAM_PA + 0x00010000ULL) /* RPC argument buffers */
#define NW_LIST_PA   (NW_RAM_PA + 0x00100000ULL) /* page lists */
#define NW_DATA_PA   (NW_RAM_PA + 0x00200000ULL) /* buffers: up to 0x0e000000 */
#define NW_RPC_BUFS  16
#define NW_POOL_PAGES 1024 /* secure page pool (4 MiB): enough for a 1 GiB object's list */

struct nw {
	struct xw_optee o;
	uint8_t *ram;
	/*
	 * Guards the driver-side bookkeeping below, so that several pthreads
	 * (each a CPU: four_cpus, the multi-threaded fuzzer) may answer RPCs at
	 * once, as the driver does; never held across an SMC.
	 */
	pthread_mutex_t lock;
	/* RPC buffers handed out (ALLOC), by cookie */
	uint64_t rpc_cookie[NW_RPC_BUFS];
	uint64_t next_cookie;
	bool alloc_fails;  /* answer ALLOC with a NULL buffer */
	bool stop_at_foreign; /* nw_call returns on FOREIGN_INTR instead of resuming */
	unsigned int allocs, frees, foreigns, cmds;
	uint64_t time_s, time_ns; /* what GET_TIME answers */
	uint64_t rpc_pa; /* where ALLOC hands out buffers; 0: NW_RPC_PA */
	/* the client ID each CPU's calls carry in w7 (guest.h); 0: the host */
	uint16_t client[XW_OPTEE_MAX_CPUS];
	/* RPC CMDs other than GET_TIME (LOAD_TA, SHM_ALLOC, ...): a test's supplicant, or NOT_SUPPORTED */
	void (*supp)(struct nw *n, struct xw_omsg_arg *a);
};

/** Set up RAM (once per process), the guest table and the front end; 0 on success. */
int nw_init(struct nw *n, unsigned int ncpus);
/** As nw_init(), with NS RAM of @ram_size bytes at @ram_pa (the first call per process decides). */
int nw_init_ram(struct nw *n, unsigned int ncpus, uint64_t ram_pa, size_t ram_size);
/** Pointer into NS RAM for physical address @pa. */
void *nw_va(struct nw *n, uint64_t pa);
/** One raw SMC (w7 = n->client[cpu]); yielding is taken from the function ID's fast bit. */
void nw_smc(struct nw *n, unsigned int cpu, const uint64_t x[8], uint64_t out[4]);
/** Answer one RPC the way the driver does; returns false if @out was no RPC. */
bool nw_rpc(struct nw *n, unsigned int cpu, uint64_t out[4]);
/**
 * CALL_WITH_ARG at @arg_pa, then RPCs answered until the call ends (or, with
 * stop_at_foreign, until a FOREIGN_INTR: out[3] is then the thread to resume).
 * Returns out[0] (the SMC result).
 */
uint32_t nw_call(struct nw *n, unsigned int cpu, uint64_t arg_pa, uint64_t out[4]);
/** RETURN_FROM_RPC of thread @t with no results, then as nw_call. */
uint32_t nw_resume(struct nw *n, unsigned int cpu, uint64_t t, uint64_t out[4]);

/* Argument building (in RAM at @pa). */
struct xw_omsg_arg *nw_arg(struct nw *n, uint64_t pa, uint32_t cmd, uint32_t func,
			   uint32_t session, uint32_t nparams);
struct xw_omsg_param *nw_param(struct nw *n, uint64_t pa, unsigned int i);
/**
 * What the live shm objects should hold (no access running): window pages of
 * their cached blocks, secure pool pages of their page lists. The checks
 * compare them with xw_ns_mapped_pages() and the pool's free count.
 */
void nw_shm_footprint(struct nw *n, size_t *mapped, uint64_t *pool_pages);
/** Write a page list for @npages pages starting at @data_pa (contiguous pages). */
void nw_pagelist(struct nw *n, uint64_t list_pa, uint64_t data_pa, uint32_t npages);

#endif
