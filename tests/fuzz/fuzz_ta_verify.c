// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer over signed TA images (secure/ta/ta_verify.c) and the signature
 * encodings under them (ta_pkcs1.c). An input starting with 'H' (the first
 * byte of the header's magic) is a whole image: verified against the UUID in
 * its bootstrap header, or a fixed one; the seeds are Debian's real TAs. Any
 * other first byte picks an encoding check over the rest as EM. Nothing may
 * crash, read out of bounds or be accepted unsigned.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../secure/ta/ta_crypto.h"
#include "../../secure/ta/ta_verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* os_test's UUID, for images without a bootstrap header */
	struct xw_tee_uuid u = { 0x5b9e0e40, 0x2636, 0x11e1,
				 { 0xad, 0x9e, 0x00, 0x02, 0xa5, 0xd5, 0xc5, 0x1b } };
	uint8_t hash[XW_SHA256_SIZE] = { 0 };
	const void *elf = NULL;
	size_t elf_len = 0, bits;
	uint32_t rc;

	if (size == 0) {
		return 0;
	}
	if (data[0] == 'H') {
		if (size >= 328) { /* shdr 20, hash 32, sig 256: a bootstrap UUID follows */
			const uint8_t *o = data + 308;

			u.time_low = (uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 |
				     (uint32_t)o[2] << 8 | o[3];
			u.time_mid = (uint16_t)(o[4] << 8 | o[5]);
			u.time_hi_ver = (uint16_t)(o[6] << 8 | o[7]);
			memcpy(u.clock_seq_node, o + 8, 8);
		}
		rc = xw_ta_verify(data, size, &u, &elf, &elf_len);
		if (rc == XW_TA_OK) {
			/* Only an unmodified signed image gets here: the ELF lies inside. */
			if ((const uint8_t *)elf < data || elf_len > size ||
			    (size_t)((const uint8_t *)elf - data) > size - elf_len) {
				__builtin_trap();
			}
		}
		return 0;
	}
	/* Encodings: byte 1 selects the modulus' bit length within its octets. */
	if (size < 3) {
		return 0;
	}
	bits = (size - 2) * 8 - (data[1] & 7);
	memcpy(hash, data + 2, size - 2 < sizeof(hash) ? size - 2 : sizeof(hash));
	if (data[0] & 1) {
		(void)xw_emsa_pss_sha256_check(data + 2, size - 2, bits, hash);
	} else {
		(void)xw_emsa_pkcs1_sha256_check(data + 2, size - 2, hash);
	}
	return 0;
}
