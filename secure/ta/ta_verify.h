/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Signed TA image verification (portable, host-tested; docs/optee.md).
 *
 * A TA file as OP-TEE's signing script writes it: a signed header (magic
 * "HSTO", image type, algorithm, hash and signature), optionally preceded by
 * a chain of subkeys and followed by bootstrap data (UUID, version), then the
 * ELF. The header's hash covers the header fields and everything after the
 * signature; the signature is checked against the key built into the secure
 * kernel, or against a subkey that key signed. Every length comes from the
 * normal world and is treated as hostile.
 */
#ifndef XW_TA_VERIFY_H
#define XW_TA_VERIFY_H

#include <stddef.h>
#include <stdint.h>

/* A TEE_UUID as OP-TEE lays it out in memory (timeLow, timeMid, timeHiAndVersion LE, then 8 bytes). */
struct xw_tee_uuid { uint32_t time_low; uint16_t time_mid; uint16_t time_hi_ver; uint8_t clock_seq_node[8]; };

/* The TEE_Result codes xw_ta_verify() returns (GlobalPlatform / OP-TEE values). */
#define XW_TA_OK                    0x00000000U
#define XW_TA_ERROR_SECURITY        0xffff000fU /* TEE_ERROR_SECURITY: hash, signature, UUID */
#define XW_TA_ERROR_BAD_FORMAT      0xffff0005U /* TEE_ERROR_BAD_FORMAT */
#define XW_TA_ERROR_BAD_PARAMETERS  0xffff0006U /* TEE_ERROR_BAD_PARAMETERS */
#define XW_TA_ERROR_NOT_SUPPORTED   0xffff000aU /* TEE_ERROR_NOT_SUPPORTED */
#define XW_TA_ERROR_NOT_IMPLEMENTED 0xffff0009U /* TEE_ERROR_NOT_IMPLEMENTED */
#define XW_TA_ERROR_OUT_OF_MEMORY   0xffff000cU /* TEE_ERROR_OUT_OF_MEMORY */
#define XW_TA_ERROR_CORRUPT_OBJECT  0xf0100001U /* TEE_ERROR_CORRUPT_OBJECT */

/* xw_ta_verify() - check the signed TA image @img (@len bytes, already a SECURE copy)
 * is a TA for @uuid signed by a trusted key (directly, or through a subkey chain);
 * on success *elf and *elf_len give the ELF inside @img. Returns a TEE_Result:
 * 0 or OP-TEE's code for each failure (e.g. TEE_ERROR_SECURITY for a bad signature/hash/uuid,
 * TEE_ERROR_BAD_FORMAT / TEE_ERROR_CORRUPT_OBJECT as OP-TEE uses them - look them up). */
uint32_t xw_ta_verify(const void *img, size_t len, const struct xw_tee_uuid *uuid,
                      const void **elf, size_t *elf_len);

#endif
