// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes seed inputs for fuzz_ta_sys: what a TA's libutee does (a TA-to-TA
 * session with values and memrefs of every direction, over its data, its
 * text and the client's parameter page; properties; time; cancellation;
 * wait; random; log), so that mutations start next to the checks deep in the
 * calls. The record layout is fuzz_ta_sys.c's: number, circumstances,
 * edge mask, x0..x7; record 254 stores 64 bytes at data + 64 * slot.
 * usage: gen_ta_sys_seeds <dir>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA   0x48000000ULL
#define TEXT   0x48010000ULL
#define PARAM  0x41000000ULL
#define STORE  254

static FILE *f;
static uint16_t mask; /* fuzz_ta_sys's two bits per argument: 0 as given, 1 edge, 2 small length */

static void rec(uint8_t nr, uint8_t flags, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
		uint64_t a4, uint64_t a5, uint64_t a6)
{
	const uint64_t a[8] = { a0, a1, a2, a3, a4, a5, a6, 0 };
	fwrite(&nr, 1, 1, f);
	fwrite(&flags, 1, 1, f);
	fwrite(&mask, 2, 1, f);
	fwrite(a, 8, 8, f);
}

/* Stores @n bytes (<= 128) at data + 64 * slot, in two records if needed. */
static void store(unsigned int slot, const void *p, size_t n)
{
	uint8_t b[128] = { 0 }, h[4] = { STORE, 0, 0, 0 };
	unsigned int k;

	memcpy(b, p, n);
	for (k = 0; k * 64 < n; k++) {
		h[1] = (uint8_t)(slot + k);
		fwrite(h, 1, 4, f);
		fwrite(b + 64 * k, 1, 64, f);
	}
}

static void open_seed(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
}

/* A session: open with @types (utee_params nibbles) over @bufs, invoke twice, close. */
static void session_seed(const char *dir, const char *name, uint64_t types, const uint64_t bufs[4],
			 uint64_t size)
{
	uint64_t up[9] = { types };
	unsigned int i;

	open_seed(dir, name);
	for (i = 0; i < 4; i++) {
		up[1 + 2 * i] = bufs[i];
		up[2 + 2 * i] = size;
	}
	store(24, up, sizeof(up)); /* data + 1536 */
	rec(5, 0, DATA + 1024, 0, DATA + 1536, DATA, DATA + 4, 0, 0);
	rec(7, 0, 1, 0, 0, DATA + 1536, DATA + 4, 0, 0);
	rec(7, 0, 1, 0, 1, DATA + 1536, DATA + 4, 0, 0);
	rec(7, 0, 2, 0, 0, DATA + 1536, DATA + 4, 0, 0);
	rec(6, 0, 1, 0, 0, 0, 0, 0, 0);
	fclose(f);
}

int main(int argc, char **argv)
{
	const uint64_t own[4] = { 9, DATA + 2048, DATA + 4096, PARAM };
	const uint64_t text[4] = { TEXT, TEXT + 64, TEXT + 128, TEXT + 0xf00 };
	const uint64_t edge[4] = { DATA + 0x1ff0, PARAM + 0xff0, 0x1000, DATA + 0x100000 };
	const char name[] = "gpd.tee.apiversion";
	uint32_t blen = 64, tm[2] = { 1000, 999 };

	if (argc != 2) {
		fprintf(stderr, "usage: %s <dir>\n", argv[0]);
		return 2;
	}
	/* value in, value out, memref in, memref out; then inout everywhere */
	session_seed(argv[1], "sess-own", 0x6521, own, 64);
	session_seed(argv[1], "sess-inout", 0x7777, own, 256);
	session_seed(argv[1], "sess-text", 0x5555, text, 32);
	session_seed(argv[1], "sess-text-out", 0x6666, text, 32);
	session_seed(argv[1], "sess-edge", 0x7575, edge, 32);
	session_seed(argv[1], "sess-empty", 0x6765, own, 0);

	open_seed(argv[1], "props");
	store(8, name, sizeof(name)); /* data + 512 */
	store(4, &blen, 4);           /* data + 256 */
	rec(4, 0, 0xfffffffd, DATA + 512, sizeof(name), DATA + 264, 0, 0, 0);
	rec(3, 0, 0xfffffffd, 0, 0, 0, DATA, DATA + 256, DATA + 260);
	rec(3, 0, 0xfffffffd, 2, DATA + 512, DATA + 256, 0, 0, 0);
	rec(3, 0, 0xfffffffe, 0, 0, 0, DATA, DATA + 256, DATA + 260);
	rec(3, 0, 0xffffffff, 0, 0, 0, DATA, DATA + 256, DATA + 260);
	rec(3, 0, 0xfffffffd, 1000, 0, 0, DATA, DATA + 256, 0);
	fclose(f);

	open_seed(argv[1], "time");
	store(2, tm, sizeof(tm)); /* data + 128 */
	rec(13, 0, 0, DATA, 0, 0, 0, 0, 0);
	rec(13, 0, 1, DATA, 0, 0, 0, 0, 0);
	rec(14, 0, DATA + 128, 0, 0, 0, 0, 0, 0);
	rec(13, 0, 1, DATA, 0, 0, 0, 0, 0);
	rec(13, 0, 2, DATA, 0, 0, 0, 0, 0);
	rec(13, 2, 2, DATA, 0, 0, 0, 0, 0);
	fclose(f);

	/* pointers at every edge (2: 32 bytes before the end of the data), lengths around 32 */
	/* small ones (a mutation finds its byte): a digest's destination at each edge */
	for (unsigned int e = 0; e < 22; e++) {
		char nm[32];
		uint64_t len = 32;

		snprintf(nm, sizeof(nm), "digest-edge-%u", e);
		open_seed(argv[1], nm);
		store(2, &len, 8); /* data + 128: the digest's length */
		rec(15, 0, 0x50000004, 5, 0, 0, DATA + 192, 0, 0);
		rec(18, 0, 0x100, 0, 0, 0, 0, 0, 0);
		mask = 1 << 6;
		rec(20, 0, 0x100, DATA, 8, e, DATA + 128, 0, 0);
		mask = 0;
		fclose(f);
	}
	open_seed(argv[1], "edges");
	for (unsigned int e = 0; e < 22; e++) {
		mask = 1 | 2 << 2;
		rec(33, 0, e, 32, 0, 0, 0, 0, 0);
		rec(33, 0, e, 40, 0, 0, 0, 0, 0);
		rec(1, 0, e, 40, 0, 0, 0, 0, 0);
		mask = 1 << 2 | 2 << 4;
		rec(8, 0, 3, e, 33, 0, 0, 0, 0);
		mask = 1 << 2;
		rec(13, 0, 0, e, 0, 0, 0, 0, 0);
		mask = 1;
		rec(14, 0, e, 0, 0, 0, 0, 0, 0);
		rec(9, 0, e, 0, 0, 0, 0, 0, 0);
		mask = 1 | 1 << 4 | 1 << 6 | 1 << 8;
		rec(5, 0, e, 0, e, e, e, 0, 0);
	}
	mask = 0;
	fclose(f);

	/* a digest as libutee drives it: alloc, init, update, final (short, then whole), copy, free */
	open_seed(argv[1], "digest");
	{
		uint64_t len = 16;

		store(2, &len, 8); /* data + 128 */
		store(1, "abcdefgh", 8); /* data + 64 */
		rec(15, 0, 0x50000004, 5, 0, 0, DATA, 0, 0);
		rec(15, 0, 0x50000004, 5, 0, 0, DATA + 4, 0, 0);
		rec(18, 0, 0x100, 0, 0, 0, 0, 0, 0);
		rec(19, 0, 0x100, DATA + 64, 8, 0, 0, 0, 0);
		rec(16, 0, 0x101, 0x100, 0, 0, 0, 0, 0);
		rec(20, 0, 0x100, DATA + 64, 3, DATA + 256, DATA + 128, 0, 0);
		rec(20, 0, 0x100, 0, 0, DATA + 256, DATA + 128, 0, 0);
		rec(20, 0, 0x101, DATA + 64, 8, DATA + 0x1fe0, DATA + 128, 0, 0);
		rec(17, 0, 0x100, 0, 0, 0, 0, 0, 0);
		rec(17, 0, 0x101, 0, 0, 0, 0, 0, 0);
	}
	fclose(f);

	open_seed(argv[1], "misc");
	rec(1, 0, TEXT, 16, 0, 0, 0, 0, 0);
	rec(8, 0, 3, DATA, 8192, 0, 0, 0, 0);
	rec(8, 0, 5, PARAM, 16, 0, 0, 0, 0);
	rec(9, 1, DATA, 0, 0, 0, 0, 0, 0);
	rec(11, 0, DATA, 0, 0, 0, 0, 0, 0);
	rec(10, 0, DATA, 0, 0, 0, 0, 0, 0);
	rec(12, 0, 60000, 0, 0, 0, 0, 0, 0);
	rec(12, 8, 2, 0, 0, 0, 0, 0, 0);
	rec(33, 0, DATA, 64, 0, 0, 0, 0, 0);
	rec(33, 4, DATA, 64, 0, 0, 0, 0, 0);
	rec(15, 0, 0, 0, 0, 0, 0, 0, 0);
	rec(2, 0, 0x1234, 0, 0, 0, 0, 0, 0);
	rec(0, 0, 0xffff0010, 0, 0, 0, 0, 0, 0);
	fclose(f);
	return 0;
}
