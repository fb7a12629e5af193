/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xwhyp.ko: a test module that plays the hypervisor (docs/guests.md). Debian's
 * Xen has no OP-TEE mediator and KVM does not forward guest SMCs, so on QEMU
 * this module stands in for both the hypervisor and its guests: it announces
 * guests (VM_CREATED / VM_DESTROYED), and issues each guest's calls itself
 * with the guest's client ID in w7 - OP-TEE sessions, registered shared
 * memory and invokes, channel regions with echo traffic - from memory it owns.
 * It is not a hypervisor: nothing here translates guest addresses.
 */
#ifndef XWHYP_H
#define XWHYP_H

#include <linux/arm-smccc.h>
#include <linux/types.h>

#include <xw/channel.h>

/* One SMC with the client ID @client in w7. */
void xwhyp_smc(u16 client, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4,
	       struct arm_smccc_res *res);

/* What a call of a guest came back with. */
enum xwhyp_rc {
	XWHYP_OK,       /* done; its own result is in the argument */
	XWHYP_REFUSED,  /* the secure world does not know this guest (any more) */
	XWHYP_FAILED,   /* a protocol error: the test fails */
};

/* ---- OP-TEE as one guest (xwhyp_optee.c) ---- */
struct xwhyp_optee {
	u16 client;
	void *arg;             /* one page: struct xw_omsg_arg + params */
	void *data;            /* two pages of data, registered as one object */
	u64 *list;             /* the page list of data */
	u32 session;           /* 0: none */
	u64 cookie;            /* 0: not registered */
};

int xwhyp_optee_init(struct xwhyp_optee *o, u16 client);
void xwhyp_optee_free(struct xwhyp_optee *o);
/* OPEN_SESSION of the test service; sets o->session. */
enum xwhyp_rc xwhyp_optee_open(struct xwhyp_optee *o, u32 *teec);
enum xwhyp_rc xwhyp_optee_close(struct xwhyp_optee *o, u32 session, u32 *teec);
/* REGISTER_SHM of o->data under @cookie / UNREGISTER_SHM of @cookie. */
enum xwhyp_rc xwhyp_optee_register(struct xwhyp_optee *o, u64 cookie, u32 *teec);
/* REGISTER_SHM of @size bytes described by the page list at @list_pa. */
enum xwhyp_rc xwhyp_optee_register_list(struct xwhyp_optee *o, phys_addr_t list_pa, u64 size,
					u64 cookie, u32 *teec);
/* An invoke of the test service's NOP command in @session. */
enum xwhyp_rc xwhyp_optee_nop(struct xwhyp_optee *o, u32 session, u32 *teec);
enum xwhyp_rc xwhyp_optee_unregister(struct xwhyp_optee *o, u64 cookie, u32 *teec);
/* CRC32 of the first @len bytes of object @cookie in session @session. */
enum xwhyp_rc xwhyp_optee_crc(struct xwhyp_optee *o, u32 session, u64 cookie, u32 len,
			      u32 *teec, u32 *crc);
/* The front end's counts (sessions, objects, threads) via the test service. */
enum xwhyp_rc xwhyp_optee_stats(struct xwhyp_optee *o, u64 counts[3]);

/* ---- a channel region as one guest (xwhyp_chan.c) ---- */
struct xwhyp_chan {
	u16 client;
	void *mem;
	size_t size;
	u64 handle;            /* 0: not registered */
	struct xw_chan ch;
};

int xwhyp_chan_init(struct xwhyp_chan *c, u16 client);
void xwhyp_chan_free(struct xwhyp_chan *c);
#define XWHYP_SVC_ECHO 0 /* XW_SMC_SVC_INFO indices (secure/services/registry.h) */
#define XWHYP_SVC_SINK 1
/* Format, register and bind the region's one channel to service @svc. */
enum xwhyp_rc xwhyp_chan_open(struct xwhyp_chan *c, unsigned int svc, long *err);
enum xwhyp_rc xwhyp_chan_close(struct xwhyp_chan *c, long *err);
/* Send @len bytes, ring, receive the echo into @back: *err a negative XW_E*. */
enum xwhyp_rc xwhyp_chan_echo(struct xwhyp_chan *c, const void *msg, size_t len, void *back,
			      long *err);
/* Stream @n messages of @len bytes to the bound sink; *err a negative XW_E*. */
enum xwhyp_rc xwhyp_chan_stream(struct xwhyp_chan *c, const void *msg, size_t len, u64 n,
				long *err);
/* Doorbell on someone's handle (the cross-guest check); returns x0. */
long xwhyp_chan_ring(u16 client, u64 handle);

/* ---- benchmarks (xwhyp_bench.c): bench=1 ---- */
int xwhyp_bench(void);

#endif
