// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the receiving end of a channel against a producer that
 * writes anything at all. The input is the initial content of the receive
 * ring followed by 5-byte operations: write the producer index, advance it,
 * poke a ring byte, or run a receive call. The region is allocated at its
 * exact size, so ASan catches any access outside it; results are checked
 * against the API contract.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xw/channel.h>

#define RING 1024u

static uint8_t out[4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t rsz = xw_region_size(1, RING), n, got, len;
	uint8_t *base = aligned_alloc(XW_CHAN_LINE, rsz);
	volatile struct xw_chan_hdr *h;
	struct xw_chan rx;
	uint64_t plen;
	uint32_t prod = 0;
	bool eom;
	int rc;

	if (!base)
		return 0;
	if (xw_region_init(base, rsz, 1, RING) || xw_chan_open(&rx, base, rsz, 0, 1, NULL, NULL))
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
		/* A broken channel stays broken. */
		if (xw_chan_status(&rx) == XW_EPIPE &&
		    xw_chan_recv(&rx, out, sizeof(out), &len, 0, 0) != XW_EPIPE)
			abort();
	}
	free(base);
	return 0;
}
