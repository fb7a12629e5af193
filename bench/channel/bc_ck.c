// SPDX-License-Identifier: BSD-2-Clause
/*
 * Contender: Concurrency Kit's single-producer single-consumer ck_ring in a
 * shared mapping, one ring per direction. ck_ring has fixed-size slots and no
 * way to sleep, so it always spins.
 *
 * 64 B messages travel inline: a slot is 64 bytes, ck copies the message in
 * on enqueue and out on dequeue (its own memcpy), exactly what the channel does.
 *
 * Larger messages travel as descriptors {buffer index, length} into a shared
 * arena of message-sized buffers, with a second ring carrying freed buffer
 * indices back to the sender (the virtio / DPDK mbuf pattern). We chose this
 * over chunked copy through 64 B slots because it is how a ck_ring user would
 * really move 4 KiB and 1 MiB messages: one memcpy in and one memcpy out per
 * message and two ring operations, versus 64 or 16384 ring operations per
 * message for chunks, which would make the anchor artificially slow. The
 * arena holds as many buffers as fit in the channel's ring bytes, at least 2.
 */
#include <ck_ring.h>
#include <stdlib.h>
#include <string.h>

#include "bc.h"

struct bc_slot64 {
	uint8_t b[64];
};

struct bc_desc {
	uint32_t idx;
	uint32_t len;
};

CK_RING_PROTOTYPE(bc64, bc_slot64)
CK_RING_PROTOTYPE(bcdesc, bc_desc)

/* Shared control: per direction the message ring and the free-buffer ring. */
struct ck_ctl {
	struct ck_ring ring[2];
	struct ck_ring ret[2];
};

struct ck_ctx {
	struct ck_ctl *ctl;
	size_t map_size, msg;
	bool inline_msg;
	unsigned nslot, nbuf;
	void *slots[2];     /* ring buffers: struct bc_slot64[] or struct bc_desc[] */
	struct bc_desc *ret[2];
	uint8_t *arena[2];
	int side;
};

static unsigned pow2_above(unsigned n)
{
	unsigned p = 2;

	while (p <= n)
		p <<= 1;
	return p;
}

static void *ck_setup(size_t msg)
{
	struct ck_ctx *c = calloc(1, sizeof(*c));
	size_t off, slot_bytes, ret_bytes, arena_bytes;
	uint8_t *m;
	unsigned d, i;

	if (!c)
		return NULL;
	c->msg = msg;
	c->inline_msg = msg == sizeof(struct bc_slot64);
	if (c->inline_msg) {
		c->nslot = BC_RING_BYTES / sizeof(struct bc_slot64);
		slot_bytes = c->nslot * sizeof(struct bc_slot64);
		ret_bytes = arena_bytes = 0;
	} else {
		c->nbuf = BC_RING_BYTES / msg < 2 ? 2 : BC_RING_BYTES / msg;
		c->nslot = pow2_above(c->nbuf); /* a ck_ring of n slots holds n - 1 */
		slot_bytes = ret_bytes = c->nslot * sizeof(struct bc_desc);
		arena_bytes = (size_t)c->nbuf * msg;
	}
	off = (sizeof(struct ck_ctl) + 4095) & ~(size_t)4095;
	c->map_size = off + 2 * (((slot_bytes + ret_bytes + 4095) & ~(size_t)4095) + arena_bytes);
	m = bc_shared_alloc(c->map_size);
	if (!m) {
		free(c);
		return NULL;
	}
	c->ctl = (struct ck_ctl *)m;
	for (d = 0; d < 2; d++) {
		c->slots[d] = m + off;
		c->ret[d] = (struct bc_desc *)(m + off + slot_bytes);
		off += (slot_bytes + ret_bytes + 4095) & ~(size_t)4095;
		c->arena[d] = m + off;
		off += arena_bytes;
		ck_ring_init(&c->ctl->ring[d], c->nslot);
		ck_ring_init(&c->ctl->ret[d], c->nslot);
		/* Every arena buffer starts free, owned by the sender. */
		for (i = 0; i < c->nbuf; i++) {
			struct bc_desc f = { .idx = i };

			ck_ring_enqueue_spsc_bcdesc(&c->ctl->ret[d], c->ret[d], &f);
		}
	}
	return c;
}

static int ck_attach(void *ctx, int side)
{
	((struct ck_ctx *)ctx)->side = side;
	return 0;
}

static int ck_send(void *ctx, const void *buf, size_t len, enum bc_wait w)
{
	struct ck_ctx *c = ctx;
	unsigned d = (unsigned)c->side;
	struct bc_desc f;

	(void)w;
	if (c->inline_msg) {
		struct bc_slot64 *s = (struct bc_slot64 *)(uintptr_t)buf;

		while (!ck_ring_enqueue_spsc_bc64(&c->ctl->ring[d], c->slots[d], s))
			bc_relax();
		return 0;
	}
	while (!ck_ring_dequeue_spsc_bcdesc(&c->ctl->ret[d], c->ret[d], &f))
		bc_relax();
	if (f.idx >= c->nbuf)
		return -1;
	memcpy(c->arena[d] + (size_t)f.idx * c->msg, buf, len);
	f.len = (uint32_t)len;
	/* Cannot be full: it has more slots than there are buffers. */
	while (!ck_ring_enqueue_spsc_bcdesc(&c->ctl->ring[d], c->slots[d], &f))
		bc_relax();
	return 0;
}

static int ck_recv(void *ctx, void *buf, size_t len, enum bc_wait w)
{
	struct ck_ctx *c = ctx;
	unsigned d = (unsigned)!c->side;
	struct bc_desc f;

	(void)w;
	if (c->inline_msg) {
		while (!ck_ring_dequeue_spsc_bc64(&c->ctl->ring[d], c->slots[d], buf))
			bc_relax();
		return 0;
	}
	while (!ck_ring_dequeue_spsc_bcdesc(&c->ctl->ring[d], c->slots[d], &f))
		bc_relax();
	if (f.idx >= c->nbuf || f.len != len)
		return -1;
	memcpy(buf, c->arena[d] + (size_t)f.idx * c->msg, len);
	while (!ck_ring_enqueue_spsc_bcdesc(&c->ctl->ret[d], c->ret[d], &f))
		bc_relax();
	return 0;
}

static void ck_detach(void *ctx)
{
	(void)ctx;
}

static void ck_teardown(void *ctx)
{
	struct ck_ctx *c = ctx;

	bc_shared_free(c->ctl, c->map_size);
	free(c);
}

const struct bc_ops bc_ck_ops = {
	.name = "ck_ring",
	.setup = ck_setup,
	.attach = ck_attach,
	.send = ck_send,
	.recv = ck_recv,
	.detach = ck_detach,
	.teardown = ck_teardown,
};
