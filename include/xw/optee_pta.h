/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld's built-in OP-TEE services (pseudo-TAs): UUIDs as 16 octets in
 * RFC 4122 order, command numbers and parameter conventions. Shared by the
 * secure kernel and the libteec clients (user/teeclient). docs/optee.md.
 */
#ifndef XW_OPTEE_PTA_H
#define XW_OPTEE_PTA_H

/* 7011a688-ddde-4053-a5a9-7b3c4ddf13b8: device enumeration (the Linux driver's) */
#define XW_PTA_DEVENUM_UUID { 0x70, 0x11, 0xa6, 0x88, 0xdd, 0xde, 0x40, 0x53, \
			      0xa5, 0xa9, 0x7b, 0x3c, 0x4d, 0xdf, 0x13, 0xb8 }
#define XW_PTA_DEVENUM_CMD_GET_DEVICES 0 /* the RNG service, when present */
#define XW_PTA_DEVENUM_CMD_MAX 2 /* GET_DEVICES, _SUPP, _RPMB: the last two answer "none" */

/* 6ee52807-b9b8-4c28-bf0e-ea938389cb96: the Crossworld test service */
#define XW_PTA_TEST_UUID { 0x6e, 0xe5, 0x28, 0x07, 0xb9, 0xb8, 0x4c, 0x28, \
			   0xbf, 0x0e, 0xea, 0x93, 0x83, 0x89, 0xcb, 0x96 }
#define XW_PTA_TEST_UUID_TIMELOW 0x6ee52807U

/* Commands (p0..p3 are the TA parameters; V = value, M = memref) */
#define XW_PTA_TEST_CMD_ADD   0 /* p0 V in (a,b,c), p1 V out: a = a+b, b = session's call count, c = c */
#define XW_PTA_TEST_CMD_FILL  1 /* p0 M out, p1 V in: byte i = (a + i) & 0xff */
#define XW_PTA_TEST_CMD_INC   2 /* p0 M inout: every byte + 1 */
#define XW_PTA_TEST_CMD_CRC32 3 /* p0 M in, p1 V out: a = CRC-32 (IEEE), b = size */
#define XW_PTA_TEST_CMD_COPY  4 /* p0 M in, p1 M out: copy; SHORT_BUFFER + size if too small */
#define XW_PTA_TEST_CMD_WAIT  5 /* p0 V in a = ms (<= 60000) busy, p1 V out a = foreign-IRQ returns */
#define XW_PTA_TEST_CMD_STATS 6 /* p0 V out: sessions, shm objects, threads; [p1 V out: busy, foreign, calls] */
#define XW_PTA_TEST_CMD_TIME  7 /* p0 V out: normal world's time (a s, b ns) through an RPC */
#define XW_PTA_TEST_CMD_NOP   8 /* any parameters, touched by nobody (benchmarks) */

/*
 * ab7a617c-b8e7-4d8f-8301-d09b61036b64: the RNG service (the UUID Linux's
 * optee-rng driver binds to; listed by device enumeration). docs/entropy.md.
 */
#define XW_PTA_RNG_UUID { 0xab, 0x7a, 0x61, 0x7c, 0xb8, 0xe7, 0x4d, 0x8f, \
			  0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b, 0x64 }
#define XW_PTA_RNG_CMD_GET_ENTROPY  0 /* p0 M out/inout: filled, size kept; 1..4096 bytes */
#define XW_PTA_RNG_CMD_GET_RNG_INFO 1 /* p0 V out: a = bytes/s, b = entropy per 1024 bits */
#define XW_PTA_RNG_MAX_REQ          4096U /* more: TEEC_ERROR_NOT_SUPPORTED */
/* The source failed its health tests (or gave nothing in time): the driver's code. */
#define XW_PTA_RNG_ERROR_HEALTH_TEST_FAIL 0x00000001U
/* What GET_RNG_INFO says: the rate the driver paces itself by, full entropy. */
#define XW_PTA_RNG_RATE             (1024U * 1024U)
#define XW_PTA_RNG_QUALITY          1024U

#endif
