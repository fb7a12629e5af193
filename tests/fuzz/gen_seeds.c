// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes seed inputs for fuzz_chan_rx made of valid traffic: a real sender
 * fills the ring, the seed holds the ring bytes, a publish of the producer
 * index and receive operations. The region has a reference area as
 * fuzz_chan_rx's does, and pieces from 600 bytes on go by reference, so some
 * seeds hold REF records. usage: gen_seeds <dir>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xw/channel.h>

#define RING 1024u
#define BULK 4096u

static void put_op(FILE *f, uint8_t op, uint32_t v)
{
	fwrite(&op, 1, 1, f);
	fwrite(&v, 4, 1, f);
}

int main(int argc, char **argv)
{
	static const size_t sizes[][4] = {
		{ 0, 1, 16, 100 }, { 496, 0, 0, 0 }, { 900, 0, 0, 0 }, { 3, 300, 5, 200 },
		{ 17, 17, 17, 17 }, { 2000, 0, 0, 0 }, { 5000, 0, 0, 0 }, { 700, 40, 3000, 0 },
	};
	size_t rsz = xw_region_size_ref(1, RING, BULK, BULK);
	uint8_t msg[8192];
	char path[512];

	if (argc < 2)
		return 2;
	for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint8_t *base = aligned_alloc(XW_CHAN_LINE, rsz);
		struct xw_chan tx;
		FILE *f;

		if (!base || xw_region_init_ref(base, rsz, 1, RING, BULK, BULK) ||
		    xw_chan_open(&tx, base, rsz, 0, 0, NULL, NULL))
			return 1;
		xw_chan_set_ref_min(&tx, 600);
		for (unsigned i = 0; i < 4; i++) {
			memset(msg, 'a' + i, sizeof(msg));
			if (sizes[s][i] || i == 0)
				xw_chan_send(&tx, msg, sizes[s][i], 0, 0); /* a fragment stays in progress */
		}
		snprintf(path, sizeof(path), "%s/seed-%u", argv[1], s);
		f = fopen(path, "wb");
		if (!f)
			return 1;
		fwrite((const void *)(uintptr_t)tx.tx_ring, 1, RING, f);
		put_op(f, 0, tx.tx.prod_pub);
		put_op(f, 6, 0);
		put_op(f, 4, 4000);
		put_op(f, 5, 100);
		put_op(f, 4, 10);
		put_op(f, 8, 1000);
		put_op(f, 4, 4000);
		fclose(f);
		free(base);
	}
	return 0;
}
