// SPDX-License-Identifier: BSD-2-Clause
/*
 * Secure channel service through the real call table (xw_sk_handle_call):
 * registration checks and limits, service listing and binding, echo /
 * checksum / source / sink served by doorbells, notifications, teardown
 * without leaks, and a normal world that corrupts one channel's indices.
 * NS RAM is a memfd that the window really aliases (secure/arch/host).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <xw/channel.h>

#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/core/calls.h"
#include "../../secure/core/chan_svc.h"
#include "../../secure/core/guest.h"
#include "../../secure/services/registry.h"
#include "../../secure/core/nsmem.h"
#include "xw/err.h"
#include "xw/smc.h"

#define RAM_PA   0x40000000ULL
#define RAM_SIZE (64UL << 20)
#define RING     4096u
#define S64(v)   ((uint64_t)(int64_t)(v))

static struct xw_sk_core core;
static uint8_t *ram;

static uint16_t client; /* w7 of every call smc() makes (guest.h) */

static void smc(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t o[4])
{
	uint64_t x[8] = { x0, x1, x2, x3, 0, 0, 0, client };

	xw_sk_handle_call(&core, 0, false, x, o);
}

static int setup(void **state)
{
	(void)state;
	xw_csvc_reset();
	xw_guests_reset(NULL);
	client = XW_GUEST_HOST;
	if (ram == NULL) {
		ram = host_ns_init(RAM_PA, RAM_SIZE, XW_NS_WIN_MAX_PAGES);
	}
	host_ns_notifies = 0;
	return ram == NULL || xw_sk_core_init(&core, 2, 100);
}

/* NS end: never blocks; timeout 1 + this wait arm the event index (as the secure end). */
static int ns_wait(void *ctx, unsigned ev, uint64_t t)
{
	(void)ctx, (void)ev, (void)t;
	return XW_ETIMEDOUT;
}
static const struct xw_chan_ops ns_ops = { .wait = ns_wait };

/* Formats nchan channels at PA pa; returns its size (page multiple). */
static uint64_t format(uint64_t pa, unsigned nchan)
{
	size_t sz = (xw_region_size(nchan, RING) + 4095) & ~(size_t)4095;

	memset(ram + (pa - RAM_PA), 0, sz);
	assert_int_equal(xw_region_init(ram + (pa - RAM_PA), sz, nchan, RING), XW_OK);
	return sz;
}

static uint64_t reg(uint64_t pa, uint64_t size)
{
	uint64_t o[4];

	smc(XW_SMC_CHAN_REGISTER, pa, size, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	assert_int_not_equal(o[1], 0);
	return o[1];
}

static void stats(uint64_t o[4])
{
	smc(XW_SMC_CHAN_STATS, 0, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
}

static void svc_info(void **state)
{
	uint64_t o[4];

	(void)state;
	smc(XW_SMC_SVC_INFO, 0, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_memory_equal(&o[1], "echo\0\0\0\0", 8);
	smc(XW_SMC_SVC_INFO, 3, 0, 0, o);
	assert_memory_equal(&o[1], "checksum", 8);
	assert_int_equal(o[2], 0);
	smc(XW_SMC_SVC_INFO, 4, 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_SVC_INFO, 1ULL << 32, 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
}

static void register_checks(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 2), o[4];

	(void)state;
	smc(XW_SMC_CHAN_REGISTER, pa + 16, sz, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, pa, sz + 1, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, pa, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, 0x0e200000, sz, 0, o);
	assert_int_equal(o[0], S64(XW_EFAULT));
	smc(XW_SMC_CHAN_REGISTER, RAM_PA + RAM_SIZE - 4096, 8192, 0, o);
	assert_int_equal(o[0], S64(XW_EFAULT));
	smc(XW_SMC_CHAN_REGISTER, ~0ULL & ~4095ULL, 8192, 0, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, pa, XW_CSVC_MAX_REGION_BYTES + 4096, 0, o);
	assert_int_equal(o[0], S64(XW_E2BIG));
	/* A header that is not a region: refused, nothing stays mapped. */
	ram[pa - RAM_PA] ^= 0xff;
	smc(XW_SMC_CHAN_REGISTER, pa, sz, 0, o);
	assert_int_equal(o[0], S64(XW_EPROTO));
	ram[pa - RAM_PA] ^= 0xff;
	/* Region size field must equal the registered size. */
	smc(XW_SMC_CHAN_REGISTER, pa, sz + 4096, 0, o);
	assert_true((int64_t)o[0] < 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
	stats(o);
	assert_int_equal(o[1], 0);
}

static void limits_and_teardown(void **state)
{
	uint64_t h[XW_CSVC_MAX_REGIONS], o[4], pa = RAM_PA + (1 << 20), sz = format(pa, 1);
	unsigned i;

	(void)state;
	/* The same NS memory may be registered repeatedly; the slot count is the limit. */
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		h[i] = reg(pa, sz);
	}
	smc(XW_SMC_CHAN_REGISTER, pa, sz, 0, o);
	assert_int_equal(o[0], S64(XW_ENOMEM));
	stats(o);
	assert_int_equal(o[1], XW_CSVC_MAX_REGIONS);
	assert_int_equal(o[2], XW_CSVC_MAX_REGIONS * sz / 4096);
	for (i = 0; i < XW_CSVC_MAX_REGIONS; i++) {
		smc(XW_SMC_CHAN_UNREGISTER, h[i], 0, 0, o);
		assert_int_equal(o[0], 0);
	}
	/* Stale handle, garbage handles. */
	smc(XW_SMC_CHAN_UNREGISTER, h[0], 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_UNREGISTER, 0, 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_DOORBELL, ~0ULL, 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	assert_int_equal(xw_ns_mapped_pages(), 0);
	stats(o);
	assert_int_equal(o[1], 0);
	assert_int_equal(o[2], 0);
	/* The total byte limit. */
	{
		uint64_t big = XW_CSVC_MAX_REGION_BYTES, pb = RAM_PA + (8 << 20);
		uint64_t hh[XW_CSVC_MAX_TOTAL_BYTES / XW_CSVC_MAX_REGION_BYTES];

		memset(ram + (pb - RAM_PA), 0, big);
		assert_int_equal(xw_region_init(ram + (pb - RAM_PA), big, 1, RING), XW_OK);
		for (i = 0; i < XW_CSVC_MAX_TOTAL_BYTES / big; i++) {
			hh[i] = reg(pb, big);
		}
		smc(XW_SMC_CHAN_REGISTER, pa, sz, 0, o);
		assert_int_equal(o[0], S64(XW_E2BIG));
		for (i = 0; i < XW_CSVC_MAX_TOTAL_BYTES / big; i++) {
			smc(XW_SMC_CHAN_UNREGISTER, hh[i], 0, 0, o);
		}
		assert_int_equal(xw_ns_mapped_pages(), 0);
	}
}

static void bind_checks(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 2), h = reg(pa, sz), o[4];
	unsigned i;

	(void)state;
	smc(XW_SMC_CHAN_BIND, h, 2, XW_SVC_ECHO, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_COUNT, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o); /* unbound */
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_ECHO, o);
	assert_int_equal(o[0], 0);
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_SINK, o);
	assert_int_equal(o[0], S64(XW_EBUSY));
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	/* Echo holds no pooled buffer: more echo channels than the old pool of 8 bind. */
	for (i = 0; i < 3; i++) {
		uint64_t hs[12];
		unsigned j;

		for (j = 0; j < 12; j++) {
			hs[j] = reg(pa, sz);
			smc(XW_SMC_CHAN_BIND, hs[j], 0, XW_SVC_ECHO, o);
			assert_int_equal(o[0], 0);
		}
		for (j = 0; j < 12; j++) {
			smc(XW_SMC_CHAN_UNREGISTER, hs[j], 0, 0, o);
			assert_int_equal(o[0], 0);
		}
	}
}

/*
 * Each service keeps its per-channel state in its own pool: echo has 64
 * relay buffers, so the 65th echo channel is refused with XW_ENOSPC (and
 * nothing else is touched), a sink channel still binds (it holds no state),
 * and a buffer comes back when its region is unregistered.
 */
static void echo_pool_limit(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 8), h[9], o[4];
	unsigned i, j;

	(void)state;
	for (i = 0; i < 9; i++) {
		h[i] = reg(pa, sz);
	}
	for (i = 0; i < 8; i++) {
		for (j = 0; j < 8; j++) {
			smc(XW_SMC_CHAN_BIND, h[i], j, XW_SVC_ECHO, o);
			assert_int_equal(o[0], 0);
		}
	}
	smc(XW_SMC_CHAN_BIND, h[8], 0, XW_SVC_ECHO, o);
	assert_int_equal(o[0], S64(XW_ENOSPC));
	smc(XW_SMC_CHAN_BIND, h[8], 0, XW_SVC_SINK, o); /* the refused bind left it unbound */
	assert_int_equal(o[0], 0);
	smc(XW_SMC_CHAN_UNREGISTER, h[0], 0, 0, o);
	assert_int_equal(o[0], 0);
	smc(XW_SMC_CHAN_BIND, h[8], 1, XW_SVC_ECHO, o);
	assert_int_equal(o[0], 0);
	for (i = 1; i < 9; i++) {
		smc(XW_SMC_CHAN_UNREGISTER, h[i], 0, 0, o);
		assert_int_equal(o[0], 0);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

/* Sends msg on the NS end, ringing the doorbell until the reply is complete. */
static void roundtrip(struct xw_chan *ns, uint64_t h, unsigned idx, const void *msg, size_t len,
		      void *reply, size_t cap, size_t *got)
{
	uint64_t o[4];
	int rc = XW_EAGAIN, sent = 0, i;

	for (i = 0; i < 100000; i++) {
		if (!sent) {
			int s = xw_chan_send(ns, msg, len, 1, 0);

			sent = s == XW_OK;
			assert_true(s == XW_OK || s == XW_ETIMEDOUT);
		}
		smc(XW_SMC_CHAN_DOORBELL, h, idx, 0, o);
		assert_int_equal(o[0], 0);
		rc = xw_chan_recv(ns, reply, cap, got, 1, 0);
		if (rc == XW_OK) {
			assert_true(sent);
			return;
		}
		assert_int_equal(rc, XW_ETIMEDOUT);
	}
	fail_msg("no reply");
}

static void echo_and_notify(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 2), h = reg(pa, sz), o[4];
	enum { MAX = 3 << 20 };
	static uint8_t msg[MAX], back[MAX + 1];
	/* Any size: relayed piece by piece through a 4 KiB ring (old limit: 512 KiB). */
	size_t sizes[] = { 0, 1, 64, 2000, 4096, 4097, 100000, 512 << 10, (512 << 10) + 1, MAX };
	size_t got, i, k;
	struct xw_chan ns;

	(void)state;
	for (i = 0; i < sizeof(msg); i++) {
		msg[i] = (uint8_t)(i * 7 + 3 + (i >> 12));
	}
	smc(XW_SMC_CHAN_BIND, h, 1, XW_SVC_ECHO, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_chan_open(&ns, ram + (pa - RAM_PA), sz, 1, XW_CHAN_END0, &ns_ops, 0), 0);
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		memset(back, 0, sizes[k] + 1);
		roundtrip(&ns, h, 1, msg, sizes[k], back, sizeof(back), &got);
		assert_int_equal(got, sizes[k]);
		assert_memory_equal(back, msg, sizes[k]);
	}
	/* The NS end armed its data event before each reply: interrupts were raised. */
	assert_true(host_ns_notifies > 0);
	stats(o);
	assert_int_equal(o[3], host_ns_notifies);
	/* Two 0-byte messages and a small one queued together come back in order. */
	assert_int_equal(xw_chan_send(&ns, msg, 0, 1, 0), 0);
	assert_int_equal(xw_chan_send(&ns, msg, 0, 1, 0), 0);
	roundtrip(&ns, h, 1, msg, 9, back, sizeof(back), &got);
	assert_int_equal(got, 0);
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 1, 0), 0);
	assert_int_equal(got, 0);
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 1, 0), 0);
	assert_int_equal(got, 9);
	assert_memory_equal(back, msg, 9);
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

static uint64_t fnv(const uint8_t *p, size_t n)
{
	uint64_t s = 0xcbf29ce484222325ULL;

	while (n--) {
		s = (s ^ *p++) * 0x100000001b3ULL;
	}
	return s;
}

static void checksum_source_sink(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 3), h = reg(pa, sz), o[4], r[2];
	size_t n = 3 << 20, got, i, k;
	uint8_t *big = malloc(n), req[16], buf[1000];
	struct xw_chan c0, c1, c2;
	struct xw_chan_stats st;

	(void)state;
	for (i = 0; i < n; i++) {
		big[i] = (uint8_t)(i ^ (i >> 9));
	}
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_CHECKSUM, o);
	smc(XW_SMC_CHAN_BIND, h, 1, XW_SVC_SOURCE, o);
	smc(XW_SMC_CHAN_BIND, h, 2, XW_SVC_SINK, o);
	assert_int_equal(xw_chan_open(&c0, ram + (pa - RAM_PA), sz, 0, XW_CHAN_END0, &ns_ops, 0), 0);
	assert_int_equal(xw_chan_open(&c1, ram + (pa - RAM_PA), sz, 1, XW_CHAN_END0, &ns_ops, 0), 0);
	assert_int_equal(xw_chan_open(&c2, ram + (pa - RAM_PA), sz, 2, XW_CHAN_END0, &ns_ops, 0), 0);
	/* 3 MiB through a 4 KiB ring: streamed, many doorbells. */
	roundtrip(&c0, h, 0, big, n, r, sizeof(r), &got);
	assert_int_equal(got, 16);
	assert_int_equal(r[0], n);
	assert_int_equal(r[1], fnv(big, n));
	/*
	 * Source: 5 messages of 1000 bytes of the documented pattern, every byte
	 * of every one checked (a byte wrong anywhere in a reply must show).
	 */
	memcpy(req, (uint64_t[]){ 5, 1000 }, 16);
	memset(buf, 0, sizeof(buf));
	roundtrip(&c1, h, 1, req, 16, buf, sizeof(buf), &got);
	for (i = 0;; i++) {
		int rc;

		assert_int_equal(got, 1000);
		for (k = 0; k < 1000; k++) {
			if (buf[k] != (uint8_t)(k * 131 + 7)) {
				fail_msg("source message %zu byte %zu: %u, not %u", i, k, buf[k],
					 (uint8_t)(k * 131 + 7));
			}
		}
		if (i == 4) {
			break;
		}
		memset(buf, 0, sizeof(buf));
		do {
			smc(XW_SMC_CHAN_DOORBELL, h, 1, 0, o);
			rc = xw_chan_recv(&c1, buf, sizeof(buf), &got, 1, 0);
		} while (rc == XW_ETIMEDOUT);
		assert_int_equal(rc, 0);
	}
	/*
	 * Sink takes anything, and all of it: each message goes out whole (a full
	 * ring is drained by the next doorbell, so a send that still times out
	 * means the sink stopped consuming), and at the end the sink's consumer
	 * index has reached our producer index: every byte consumed.
	 */
	for (i = 0; i < 50; i++) {
		int rc, tries = 0;

		while ((rc = xw_chan_send(&c2, big, 1500, 1, 0)) == XW_ETIMEDOUT && tries++ < 4) {
			smc(XW_SMC_CHAN_DOORBELL, h, 2, 0, o);
			assert_int_equal(o[0], 0);
		}
		assert_int_equal(rc, 0);
		smc(XW_SMC_CHAN_DOORBELL, h, 2, 0, o);
		assert_int_equal(o[0], 0);
	}
	xw_chan_get_stats(&c2, &st);
	assert_int_equal(st.tx_msgs, 50);
	assert_int_equal(st.tx_bytes, 50 * 1500);
	assert_int_equal(xw_chan_status(&c2), 0);
	assert_int_equal(c2.hdr->ring[XW_CHAN_END0].prod, c2.tx.prod);
	assert_int_equal(c2.hdr->ring[XW_CHAN_END0].cons, c2.tx.prod);
	assert_int_equal(xw_chan_send(&c1, req, 3, 1, 0), 0);
	smc(XW_SMC_CHAN_DOORBELL, h, 1, 0, o);
	assert_int_equal(o[0], S64(XW_EPIPE));
	roundtrip(&c0, h, 0, big, 100, r, sizeof(r), &got);
	assert_int_equal(r[1], fnv(big, 100));
	free(big);
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	assert_int_equal(o[0], 0);
}

/*
 * REF records (channel ABI 2): a region of one channel with a 1 MiB reference
 * area per direction; a 1 MiB message to checksum, echo or sink is one REF
 * record and takes one doorbell (the budget, used up by it, does not ask for
 * a second one); echo answers by reference; a REF record naming bytes outside
 * the area breaks that channel only.
 */
static uint64_t format_ref(uint64_t pa)
{
	size_t sz = (xw_region_size_ref(1, RING, 1u << 20, 1u << 20) + 4095) & ~(size_t)4095;

	memset(ram + (pa - RAM_PA), 0, sz);
	assert_int_equal(xw_region_init_ref(ram + (pa - RAM_PA), sz, 1, RING, 1u << 20, 1u << 20), XW_OK);
	return sz;
}

static void ref_one_doorbell(void **state)
{
	uint64_t pa[3] = { RAM_PA + (4 << 20), RAM_PA + (8 << 20), RAM_PA + (12 << 20) };
	uint64_t sz = format_ref(pa[0]), h[3], o[4], r[2];
	unsigned svc[3] = { XW_SVC_CHECKSUM, XW_SVC_ECHO, XW_SVC_SINK };
	size_t n = 1u << 20, got, i;
	uint8_t *big = malloc(n), *back = malloc(n + 1);
	struct xw_chan c[3];
	struct xw_chan_stats st;

	(void)state;
	for (i = 0; i < n; i++) {
		big[i] = (uint8_t)(i * 13 + (i >> 11));
	}
	for (i = 0; i < 3; i++) {
		if (i) {
			format_ref(pa[i]);
		}
		h[i] = reg(pa[i], sz);
		smc(XW_SMC_CHAN_BIND, h[i], 0, svc[i], o);
		assert_int_equal(o[0], 0);
		assert_int_equal(xw_chan_open(&c[i], ram + (pa[i] - RAM_PA), sz, 0, XW_CHAN_END0,
					      &ns_ops, 0), 0);
		assert_int_equal(c[i].tx_bulk_size, 1u << 20);
	}
	for (int round = 0; round < 3; round++) {
		/* checksum: queued whole at once (the area is free), one doorbell, the answer. */
		assert_int_equal(xw_chan_send(&c[0], big, n, 0, 0), XW_OK);
		smc(XW_SMC_CHAN_DOORBELL, h[0], 0, 0, o);
		assert_int_equal(o[0], 0);
		assert_int_equal(o[1], 0); /* not "ring again" */
		assert_int_equal(xw_chan_recv(&c[0], r, sizeof(r), &got, 0, 0), XW_OK);
		assert_int_equal(r[0], n);
		assert_int_equal(r[1], fnv(big, n));
		/* echo: one doorbell, the whole reply there, by reference. */
		assert_int_equal(xw_chan_send(&c[1], big, n, 0, 0), XW_OK);
		smc(XW_SMC_CHAN_DOORBELL, h[1], 0, 0, o);
		assert_int_equal(o[0], 0);
		assert_int_equal(o[1], 0);
		memset(back, 0, n + 1);
		assert_int_equal(xw_chan_recv(&c[1], back, n + 1, &got, 0, 0), XW_OK);
		assert_int_equal(got, n);
		assert_memory_equal(back, big, n);
		/* sink: one doorbell frees the area for the next message. */
		assert_int_equal(xw_chan_send(&c[2], big, n, 0, 0), XW_OK);
		smc(XW_SMC_CHAN_DOORBELL, h[2], 0, 0, o);
		assert_int_equal(o[0], 0);
		assert_int_equal(o[1], 0);
	}
	xw_chan_get_stats(&c[0], &st);
	assert_int_equal(st.refs_sent, 3);
	xw_chan_get_stats(&c[1], &st);
	assert_int_equal(st.refs_sent, 3);
	assert_int_equal(st.refs_received, 3);
	xw_chan_get_stats(&c[2], &st);
	assert_int_equal(st.refs_sent, 3);
	assert_int_equal(c[2].hdr->ring[XW_CHAN_END0].cons, c[2].tx.prod);

	/* A hostile REF record (past the area) on the sink's channel: that channel breaks. */
	{
		volatile struct xw_chan_hdr *hd = c[2].hdr;
		uint8_t *ring = (uint8_t *)(uintptr_t)hd + hd->info.ring_off[0];
		uint32_t p = c[2].tx.prod;
		struct xw_chan_rec rec = { .len = 4096,
					   .flags = XW_CHAN_REC_REF | XW_CHAN_REC_FIRST | XW_CHAN_REC_LAST,
					   .arg = 4096 };
		struct xw_chan_ref ref = { .off = (1u << 20) - 100 };

		memcpy(ring + (p & (RING - 1)), &rec, sizeof(rec));
		memcpy(ring + ((p + 16) & (RING - 1)), &ref, sizeof(ref));
		hd->ring[0].prod = p + 32;
		smc(XW_SMC_CHAN_DOORBELL, h[2], 0, 0, o);
		assert_int_equal(o[0], S64(XW_EPIPE));
	}
	/* The others still work. */
	assert_int_equal(xw_chan_send(&c[0], big, 100, 0, 0), XW_OK);
	smc(XW_SMC_CHAN_DOORBELL, h[0], 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_chan_recv(&c[0], r, sizeof(r), &got, 0, 0), XW_OK);
	assert_int_equal(r[1], fnv(big, 100));
	for (i = 0; i < 3; i++) {
		smc(XW_SMC_CHAN_UNREGISTER, h[i], 0, 0, o);
		assert_int_equal(o[0], 0);
	}
	assert_int_equal(xw_ns_mapped_pages(), 0);
	free(big);
	free(back);
}

/*
 * Echo over REF records as the driver drives it: a writer and a reader that
 * ring the doorbell only when the library asks (notify hook), interleaved in
 * a pseudo-random order, messages of 1 MiB and odd sizes, replies unread for a
 * while. Every reply must come back, in order and intact, without a doorbell
 * that was not asked for: a lost wake-up shows as no progress.
 */
struct ring_flag {
	int rung;
};

static void ns_notify(void *ctx, unsigned ev)
{
	(void)ev;
	((struct ring_flag *)ctx)->rung = 1;
}

static const struct xw_chan_ops ns_notify_ops = { .notify = ns_notify, .wait = ns_wait };

static void ref_echo_interleaved(void **state)
{
	uint64_t pa = RAM_PA + (4 << 20), o[4];
	size_t sz = (xw_region_size_ref(1, RING, 1u << 20, 2u << 20) + 4095) & ~(size_t)4095;
	enum { N = 60 };
	size_t n = (1u << 20) + 4096, got, sent_bytes = 0;
	uint8_t *msg = malloc(n), *back = malloc(n);
	unsigned sent = 0, recvd = 0, idle = 0, seed = 12345;
	struct ring_flag fl = { 0 };
	struct xw_chan c;
	uint64_t h;

	(void)state;
	memset(ram + (pa - RAM_PA), 0, sz);
	assert_int_equal(xw_region_init_ref(ram + (pa - RAM_PA), sz, 1, RING, 1u << 20, 2u << 20),
			 XW_OK);
	h = reg(pa, sz);
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_ECHO, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_chan_open(&c, ram + (pa - RAM_PA), sz, 0, XW_CHAN_END0, &ns_notify_ops,
				      &fl), 0);
	for (size_t i = 0; i < n; i++) {
		msg[i] = (uint8_t)(i * 5 + (i >> 10));
	}
	while (recvd < N) {
		int progress = 0, rc;

		seed = seed * 1103515245u + 12345u;
		if (sent < N && (seed >> 16) % 3 != 0) {
			size_t len = sent % 3 == 0 ? (1u << 20) : sent % 3 == 1 ? n : 70000 + sent;
			size_t k;

			/* A message in progress continues (same buffer and length). */
			rc = xw_chan_send(&c, msg, len, 1, 0);
			if (rc == XW_OK) {
				sent++;
				sent_bytes += len;
				progress = 1;
			} else {
				assert_int_equal(rc, XW_ETIMEDOUT);
			}
			(void)k;
		} else if (recvd < sent) {
			size_t want = recvd % 3 == 0 ? (1u << 20) : recvd % 3 == 1 ? n : 70000 + recvd;

			rc = xw_chan_recv(&c, back, n, &got, 1, 0);
			if (rc == XW_OK) {
				assert_int_equal(got, want);
				assert_memory_equal(back, msg, got);
				recvd++;
				progress = 1;
			} else {
				assert_int_equal(rc, XW_ETIMEDOUT);
			}
		}
		while (fl.rung) {
			fl.rung = 0;
			smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
			assert_int_equal(o[0], 0);
			if (o[1] == 1) {
				fl.rung = 1; /* budget used up: ring again, as the driver does */
			}
		}
		idle = progress ? 0 : idle + 1;
		if (idle > 50) {
			fail_msg("stalled: %u sent, %u received", sent, recvd);
		}
	}
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	free(msg);
	free(back);
}

static void corrupt_indices_break_one_channel(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 2), h = reg(pa, sz), o[4];
	struct xw_chan a, b;
	volatile struct xw_chan_hdr *hdr;
	uint8_t back[64];
	size_t got;

	(void)state;
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_ECHO, o);
	smc(XW_SMC_CHAN_BIND, h, 1, XW_SVC_ECHO, o);
	assert_int_equal(xw_chan_open(&a, ram + (pa - RAM_PA), sz, 0, XW_CHAN_END0, &ns_ops, 0), 0);
	assert_int_equal(xw_chan_open(&b, ram + (pa - RAM_PA), sz, 1, XW_CHAN_END0, &ns_ops, 0), 0);
	roundtrip(&a, h, 0, "hello", 5, back, sizeof(back), &got);
	/* The normal world writes garbage into channel 0's producer index. */
	hdr = (volatile struct xw_chan_hdr *)(ram + (pa - RAM_PA) + a.hdr->info.chan_size * 0 +
					      ((uint8_t *)a.hdr - (ram + (pa - RAM_PA))));
	hdr->ring[0].prod = 0x7fff0003;
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EPIPE));
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EPIPE));
	/* Channel 1 is untouched. */
	roundtrip(&b, h, 1, "world", 5, back, sizeof(back), &got);
	assert_memory_equal(back, "world", 5);
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

/*
 * XW_CHAN_REG_NOTIFY_RET: no interrupt is raised; the doorbell that notified
 * says so in x3 (1 exactly when the NS end had armed an event), and a broken
 * channel's doorbell does too. Unknown flags are refused.
 */
static void notify_in_return(void **state)
{
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 1), h, o[4], n0;
	uint8_t back[64];
	size_t got;
	struct xw_chan ns;

	(void)state;
	smc(XW_SMC_CHAN_REGISTER, pa, sz, 2, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, pa, sz, 1ULL << 63 | XW_CHAN_REG_NOTIFY_RET, o);
	assert_int_equal(o[0], S64(XW_EINVAL));
	smc(XW_SMC_CHAN_REGISTER, pa, sz, XW_CHAN_REG_NOTIFY_RET, o);
	assert_int_equal(o[0], 0);
	h = o[1];
	smc(XW_SMC_CHAN_BIND, h, 0, XW_SVC_ECHO, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_chan_open(&ns, ram + (pa - RAM_PA), sz, 0, XW_CHAN_END0, &ns_ops, 0), 0);
	/* The first reply passes the initial event index (0); the next, unarmed, not. */
	assert_int_equal(xw_chan_send(&ns, "ping", 4, 0, 0), 0);
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 0, 0), 0);
	assert_int_equal(xw_chan_send(&ns, "ping", 4, 0, 0), 0);
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[3], 0);
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 0, 0), 0);
	stats(o);
	n0 = o[3];
	/* The NS end arms its data event (a timed-out blocking receive), then rings. */
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 1, 0), XW_ETIMEDOUT);
	assert_int_equal(xw_chan_send(&ns, "pong", 4, 0, 0), 0);
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], 0);
	assert_int_equal(o[3], 1);
	assert_int_equal(host_ns_notifies, 0);
	stats(o);
	assert_int_equal(o[3], n0 + 1); /* counted as a notification all the same */
	assert_int_equal(xw_chan_recv(&ns, back, sizeof(back), &got, 0, 0), 0);
	assert_memory_equal(back, "pong", 4);
	/* A garbage producer index breaks the channel: EPIPE, and x3 = 1 (wake the reader). */
	ns.hdr->ring[0].prod = 0x7fff0003u;
	smc(XW_SMC_CHAN_DOORBELL, h, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EPIPE));
	assert_int_equal(o[3], 1);
	assert_int_equal(host_ns_notifies, 0);
	smc(XW_SMC_CHAN_UNREGISTER, h, 0, 0, o);
	assert_int_equal(o[0], 0);
}

/*
 * Regions belong to the guest that registered them: another client's
 * doorbell, bind or unregister of the handle finds nothing, an unknown
 * client is refused, a guest at its region limit gets ENOMEM, the disk is
 * the host's alone, and VM_DESTROYED (the table's destroy) frees the dead
 * guest's regions whole - the host's stay.
 */
static void guests_own_their_regions(void **state)
{
	struct xw_guest_limits lim = { { [XW_GRES_REGIONS] = 2 } };
	uint64_t pa = RAM_PA + (1 << 20), sz = format(pa, 1), o[4], h9[2], hh;
	uint64_t pb = pa + sz, pc = pb + sz;

	(void)state;
	format(pb, 1);
	format(pc, 1);
	client = 9;
	hh = reg(pa, sz); /* no hypervisor yet: w7 means nothing, this is the host's */
	client = XW_GUEST_HOST;
	smc(XW_SMC_CHAN_UNREGISTER, hh, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	assert_int_equal(xw_guest_create(9, &lim), XW_OK);
	client = 10;
	smc(XW_SMC_CHAN_REGISTER, pa, sz, 0, o);
	assert_int_equal(o[0], S64(XW_EACCES)); /* not announced */
	client = 9;
	h9[0] = reg(pa, sz);
	h9[1] = reg(pb, sz);
	smc(XW_SMC_CHAN_REGISTER, pc, sz, 0, o);
	assert_int_equal(o[0], S64(XW_ENOMEM)); /* its limit of two */
	smc(XW_SMC_CHAN_BIND, h9[0], 0, XW_SVC_ECHO, o);
	assert_int_equal(o[0], XW_SMC_OK);
	smc(XW_SMC_BLK_INFO, 0, 0, 0, o);
	assert_int_equal(o[0], S64(XW_EACCES)); /* the disk is the host's */
	client = XW_GUEST_HOST;
	hh = reg(pc, sz);
	smc(XW_SMC_CHAN_DOORBELL, h9[0], 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_BIND, h9[1], 0, XW_SVC_SINK, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	smc(XW_SMC_CHAN_UNREGISTER, h9[0], 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	client = 9;
	smc(XW_SMC_CHAN_DOORBELL, h9[0], 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	smc(XW_SMC_CHAN_UNREGISTER, hh, 0, 0, o);
	assert_int_equal(o[0], S64(XW_ENOENT));
	/* the guest dies holding two regions and a bound service */
	assert_int_equal(xw_guest_destroy(9), XW_OK);
	smc(XW_SMC_CHAN_DOORBELL, h9[0], 0, 0, o);
	assert_int_equal(o[0], S64(XW_EACCES));
	client = XW_GUEST_HOST;
	stats(o);
	assert_int_equal(o[1], 1);          /* the host's region only */
	assert_int_equal(o[2], sz / 4096);
	assert_int_equal(xw_ns_mapped_pages(), sz / 4096);
	smc(XW_SMC_CHAN_UNREGISTER, hh, 0, 0, o);
	assert_int_equal(o[0], XW_SMC_OK);
	assert_int_equal(xw_ns_mapped_pages(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(svc_info, setup),
		cmocka_unit_test_setup(register_checks, setup),
		cmocka_unit_test_setup(limits_and_teardown, setup),
		cmocka_unit_test_setup(bind_checks, setup),
		cmocka_unit_test_setup(echo_pool_limit, setup),
		cmocka_unit_test_setup(echo_and_notify, setup),
		cmocka_unit_test_setup(notify_in_return, setup),
		cmocka_unit_test_setup(checksum_source_sink, setup),
		cmocka_unit_test_setup(ref_one_doorbell, setup),
		cmocka_unit_test_setup(ref_echo_interleaved, setup),
		cmocka_unit_test_setup(corrupt_indices_break_one_channel, setup),
		cmocka_unit_test_setup(guests_own_their_regions, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
