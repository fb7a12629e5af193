// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer over the TA ELF loader (secure/ta/ta_elf.c): any bytes as the
 * ELF; what parses is copied into a buffer of exactly its span and
 * relocated (with a resolver that answers some names), then its symbols are
 * looked up. ASan/UBSan catch any access outside the two buffers. Seeds:
 * Debian's TAs' ELFs (make test-fuzz-ta-elf writes them to the corpus).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../secure/ta/ta_elf.h"
#include "xw/err.h"

static int resolve(void *ctx, const char *name, uint64_t *va)
{
	(void)ctx;
	if (name[0] == 'T') {
		*va = 0x40800000;
		return XW_OK;
	}
	return XW_ENOENT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xw_ta_elf e;
	uint8_t *img;
	uint64_t va;
	unsigned int i;

	if (xw_ta_elf_parse(data, size, &e) != XW_OK) {
		return 0;
	}
	img = calloc(1, e.span);
	if (!img) {
		return 0;
	}
	if (xw_ta_elf_copy(data, size, &e, img) == XW_OK &&
	    xw_ta_elf_relocate(&e, img, 0x40100000, resolve, 0) != XW_EINVAL) {
		(void)xw_ta_elf_lookup(&e, img, 0x40100000, "ta_head", &va);
		(void)xw_ta_elf_lookup(&e, img, 0x40100000, "__elf_phdr_info", &va);
		for (i = 0; i < e.nneeded; i++) {
			(void)xw_ta_elf_str(&e, img, e.needed[i]);
		}
	}
	free(img);
	return 0;
}
