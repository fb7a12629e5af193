// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the receiving end of a channel against a producer that
 * writes anything at all. The input is the initial content of the receive
 * ring followed by 5-byte operations: write the producer index, advance it,
 * poke a ring byte, or run a receive call; and for REF records (the channel
 * has a reference area): write a REF record at the producer index, poke an
 * area byte (the bytes change under the receiver), receive through a take
 * hook that checks every pointer it is handed lies in the ring or the area.
 * The region is allocated at its exact size, so ASan catches any access
 * outside it; results are checked against the API contract.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xw/channel.h>

#define RING 1024u
#define BULK 4096u

static uint8_t out[4096];
static struct xw_chan rx;

/* The take hook: what it is handed must lie wholly in the ring or in the area. */
static int64_t take(void *ctx, const volatile void *src, uint64_t off, size_t n)
{
	uintptr_t p = (uintptr_t)src, ring = (uintptr_t)rx.rx_ring, area = (uintptr_t)rx.rx_bulk;

	(void)ctx;
	(void)off;
	if (!((p >= ring && p + n <= ring + RING) || (p >= area && p + n <= area + BULK)))
		abort();
	/* Read every byte once, as a service would. */
	for (size_t i = 0; i < n; i++)
		out[i % sizeof(out)] ^= ((const volatile uint8_t *)src)[i];
	return (int64_t)(n > 3 ? n - (n & 3) : n); /* sometimes takes less than offered */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t rsz = xw_region_size_ref(1, RING, BULK, BULK), n, got, len;
	uint8_t *base = aligned_alloc(XW_CHAN_LINE, rsz);
	volatile struct xw_chan_hdr *h;
	uint64_t plen;
	uint32_t prod = 0;
	bool eom;
	int rc;

	if (!base)
		return 0;
	if (xw_region_init_ref(base, rsz, 1, RING, BULK, BULK) ||
	    xw_chan_open(&rx, base, rsz, 0, 1, NULL, NULL) || rx.rx_bulk_size != BULK)
		abort();
	h = rx.hdr;
	/* Ring 0 is written by end 0 (the fuzzer) and read by end 1 (the library). */
	n = size < RING ? size : RING;
	memcpy((uint8_t *)(uintptr_t)rx.rx_ring, data, n);
	data += n;
	size -= n;
	if (size >= 1 && data[0] == 0xff)
		xw_chan_set_max_msg(&rx, 600);

	for (; size >= 5; data += 5, size -= 5) {
		uint32_t v;

		memcpy(&v, data + 1, 4);
		if (data[0] & 8) {
			struct xw_chan_rec r;
			struct xw_chan_ref ref = { 0 };

			switch (data[0] & 3) {
			case 0:
				rc = xw_chan_recv_with(&rx, take, NULL, v % 5000, &got, &eom, 0, 0);
				if (rc == XW_OK && got > v % 5000)
					abort();
				if (rc != XW_OK && rc != XW_EAGAIN && rc != XW_EPIPE)
					abort();
				break;
			case 1:
				rx.rx_bulk[v % BULK] = (uint8_t)(v >> 24);
				break;
			default:
				/* A REF record at prod: len and offset from v, flags from the op byte. */
				r.len = v & 0x1fff;
				r.flags = XW_CHAN_REC_REF | ((data[0] >> 4) & 7);
				r.arg = (data[0] & 0x80) ? r.len : (v >> 20);
				ref.off = (v >> 13) & 0x1fff;
				ref.reserved = (data[0] & 3) == 3 ? v >> 31 : 0;
				memcpy((uint8_t *)(uintptr_t)rx.rx_ring + (prod & (RING - 1) & ~15u), &r,
				       sizeof(r));
				memcpy((uint8_t *)(uintptr_t)rx.rx_ring + ((prod + 16) & (RING - 1) & ~15u),
				       &ref, sizeof(ref));
				prod = (prod & ~15u) + 32;
				h->ring[0].prod = prod;
				break;
			}
			goto checked;
		}
		switch (data[0] & 7) {
		case 0:
			prod = v;
			h->ring[0].prod = prod;
			break;
		case 1:
		case 2:
			prod += (v & 0x3f) << 4;
			h->ring[0].prod = prod;
			break;
		case 3:
			rx.rx_ring[v & (RING - 1)] = (uint8_t)(v >> 24);
			break;
		case 4:
			rc = xw_chan_recv(&rx, out, v % sizeof(out), &len, 0, 0);
			if (rc == XW_OK && len > v % sizeof(out))
				abort();
			if (rc != XW_OK && rc != XW_EAGAIN && rc != XW_EPIPE && rc != XW_EMSGSIZE)
				abort();
			break;
		case 5:
			rc = xw_chan_recv_some(&rx, out, v % 300, &got, &eom, 0, v >> 31 ? XW_CHAN_MORE : 0);
			if (rc == XW_OK && got > v % 300)
				abort();
			if (rc != XW_OK && rc != XW_EAGAIN && rc != XW_EPIPE)
				abort();
			break;
		case 6:
			rc = xw_chan_peek(&rx, &plen);
			if (rc != XW_OK && rc != XW_EAGAIN && rc != XW_EPIPE)
				abort();
			break;
		default:
			rc = xw_chan_flush_rx(&rx);
			break;
		}
checked:
		/* A broken channel stays broken. */
		if (xw_chan_status(&rx) == XW_EPIPE &&
		    xw_chan_recv(&rx, out, sizeof(out), &len, 0, 0) != XW_EPIPE)
			abort();
	}
	free(base);
	return 0;
}
