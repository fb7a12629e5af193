/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test helper: find the ELF in a signed TA image by the header's lengths
 * alone, WITHOUT checking hash or signature (the ELF loader's tests take it
 * from Debian's TAs this way; the secure kernel verifies with
 * secure/ta/ta_verify.c before anything looks at the ELF).
 */
#ifndef XW_TA_SHDR_H
#define XW_TA_SHDR_H

#include <stddef.h>
#include <stdint.h>

#define XW_TA_SHDR_MAGIC 0x4f545348U /* "HSTO" */

/**
 * xw_ta_shdr_elf_unverified() - the ELF inside @img (@len bytes, a secure
 * copy): a bootstrap TA (image type 1) whose UUID is @uuid (16 octets,
 * canonical order) or a plain one (type 0). Subkey images (type 3) and
 * encrypted ones: TEE_ERROR_NOT_SUPPORTED. Return: a TEE_Result (0,
 * TEE_ERROR_BAD_FORMAT, TEE_ERROR_SECURITY on a UUID mismatch, ...).
 */
uint32_t xw_ta_shdr_elf_unverified(const uint8_t *img, size_t len, const uint8_t uuid[16],
				   const uint8_t **elf, size_t *elf_len);

#endif
