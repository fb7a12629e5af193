// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEMPORARY: the signed header's lengths only (ta_shdr.h). The layout is
 * OP-TEE's struct shdr (magic, img_type, img_size, algo, hash_size,
 * sig_size, then hash and signature) and struct shdr_bootstrap_ta (uuid,
 * ta_version) after it for image type 1.
 */
#include "ta_shdr_walk.h"

#include <string.h>

#include "../../secure/ta/ta_str.h"

#define SHDR_SIZE      20
#define BOOTSTRAP_SIZE 20
#define T_TA           0
#define T_BOOTSTRAP    1
#define E_BAD_FORMAT   0xffff0005U
#define E_SECURITY     0xffff000fU
#define E_NOT_SUPP     0xffff000aU

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t xw_ta_shdr_elf_unverified(const uint8_t *img, size_t len, const uint8_t uuid[16],
				   const uint8_t **elf, size_t *elf_len)
{
	uint32_t type, size;
	size_t off;

	if (len < SHDR_SIZE || rd32(img) != XW_TA_SHDR_MAGIC) {
		return E_BAD_FORMAT;
	}
	type = rd32(img + 4);
	size = rd32(img + 8);
	off = SHDR_SIZE + ((size_t)img[16] | (size_t)img[17] << 8) +
	      ((size_t)img[18] | (size_t)img[19] << 8);
	if (type == T_BOOTSTRAP) {
		if (off + BOOTSTRAP_SIZE > len) {
			return E_BAD_FORMAT;
		}
		if (!xw_ta_memeq(img + off, uuid, 16)) {
			return E_SECURITY;
		}
		off += BOOTSTRAP_SIZE;
	} else if (type != T_TA) {
		return E_NOT_SUPP;
	}
	if (off > len || size != len - off) {
		return E_BAD_FORMAT;
	}
	*elf = img + off;
	*elf_len = size;
	return 0;
}
