// SPDX-License-Identifier: BSD-2-Clause
/*
 * xw-ta-check: runs the secure kernel's TA image verification
 * (secure/ta/ta_verify.c, hosted) over .ta files, each under the UUID its
 * name gives (<uuid>.ta), the way the loader will. Prints one line per file
 * and exits non-zero if any is refused.
 *   xw-ta-check FILE.ta...
 *   xw-ta-check -b N FILE.ta     time N verifications: microseconds each, beside
 *                                the anchor SHA-256 of the same bytes (same library,
 *                                same run): the part no verifier can skip
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../secure/ta/ta_crypto.h"
#include "../../secure/ta/ta_verify.h"

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int uuid_of(const char *path, struct xw_tee_uuid *u)
{
	const char *base = strrchr(path, '/');
	unsigned int v[16];
	int i;

	base = base ? base + 1 : path;
	if (sscanf(base, "%2x%2x%2x%2x-%2x%2x-%2x%2x-%2x%2x-%2x%2x%2x%2x%2x%2x.ta", &v[0], &v[1],
		   &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &v[10], &v[11], &v[12],
		   &v[13], &v[14], &v[15]) != 16) {
		return -1;
	}
	u->time_low = (uint32_t)v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
	u->time_mid = (uint16_t)(v[4] << 8 | v[5]);
	u->time_hi_ver = (uint16_t)(v[6] << 8 | v[7]);
	for (i = 0; i < 8; i++) {
		u->clock_seq_node[i] = (uint8_t)v[8 + i];
	}
	return 0;
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
		if (f != NULL) {
			fclose(f);
		}
		return NULL;
	}
	rewind(f);
	p = malloc((size_t)len + 1);
	if (p != NULL && fread(p, 1, (size_t)len, f) != (size_t)len) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return p;
}

int main(int argc, char **argv)
{
	long reps = 0;
	int i = 1, bad = 0;

	if (argc > 2 && strcmp(argv[1], "-b") == 0) {
		reps = strtol(argv[2], NULL, 0);
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: xw-ta-check [-b N] <uuid>.ta...\n");
		return 2;
	}
	for (; i < argc; i++) {
		struct xw_tee_uuid u;
		const void *elf;
		size_t n = 0, elf_len = 0;
		unsigned char *img = slurp(argv[i], &n);
		uint32_t rc;

		if (img == NULL || uuid_of(argv[i], &u) != 0) {
			printf("ERROR %s: unreadable, or not named <uuid>.ta\n", argv[i]);
			bad = 1;
			free(img);
			continue;
		}
		rc = xw_ta_verify(img, n, &u, &elf, &elf_len);
		if (rc != XW_TA_OK) {
			printf("REFUSED %s: 0x%08x\n", argv[i], rc);
			bad = 1;
		} else {
			printf("OK %s: ELF %zu bytes at offset %zu\n", argv[i], elf_len,
			       (size_t)((const unsigned char *)elf - img));
		}
		if (reps > 0 && rc == XW_TA_OK) {
			uint8_t d[XW_SHA256_SIZE];
			double v = 1e30, h = 1e30;
			const char *base = strrchr(argv[i], '/');
			int round;

			/* Best of 5 interleaved rounds: the machine is shared. */
			for (round = 0; round < 5; round++) {
				double t = now_us();
				long r;

				for (r = 0; r < reps; r++) {
					rc |= xw_ta_verify(img, n, &u, &elf, &elf_len);
				}
				t = (now_us() - t) / (double)reps;
				v = t < v ? t : v;
				t = now_us();
				for (r = 0; r < reps; r++) {
					xw_sha256(img, n, d);
				}
				t = (now_us() - t) / (double)reps;
				h = t < h ? t : h;
			}
			printf("BENCH ta-verify-us %s (%zu bytes): %.1f us | sha256-same-bytes %.1f us | ratio %.2f\n",
			       base ? base + 1 : argv[i], n, v, h, v / h);
			bad |= rc != XW_TA_OK;
		}
		free(img);
	}
	return bad;
}
