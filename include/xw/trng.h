/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm True Random Number Generator firmware interface (DEN0098 1.0), as
 * Crossworld serves it: function identifiers (standard secure service, owner
 * 4, functions 0x50..0x5f), return codes and our implementation's UUID.
 * docs/entropy.md. Freestanding: macros only (kernel, bare metal, hosted).
 */
#ifndef XW_TRNG_H
#define XW_TRNG_H

#define XW_TRNG_VERSION        0x84000050U /* -> x0 = version (major << 16 | minor) */
#define XW_TRNG_FEATURES       0x84000051U /* x1 = fid -> 0 (implemented) or NOT_SUPPORTED */
#define XW_TRNG_GET_UUID       0x84000052U /* -> x0..x3 = UUID words */
#define XW_TRNG_RND32          0x84000053U /* x1 = bits 1..96 -> x0 = 0, x1..x3 = entropy */
#define XW_TRNG_RND64          0xc4000053U /* x1 = bits 1..192 -> x0 = 0, x1..x3 = entropy */

/* The function numbers DEN0098 reserves for the interface (both conventions). */
#define XW_TRNG_FN_FIRST       0x50U
#define XW_TRNG_FN_LAST        0x5fU
/* Is W0 @fid a TRNG call (owner 4, fast, a function number in 0x50..0x5f)? */
#define XW_TRNG_IS_FID(fid) \
	((((fid) & 0xbfffff00U) == 0x84000000U) && \
	 ((fid) & 0xffU) >= XW_TRNG_FN_FIRST && ((fid) & 0xffU) <= XW_TRNG_FN_LAST)

#define XW_TRNG_VERSION_1_0    0x10000U

/* Return codes (x0, sign-extended; W0 for RND32). */
#define XW_TRNG_SUCCESS            0
#define XW_TRNG_NOT_SUPPORTED      (-1)
#define XW_TRNG_INVALID_PARAMETERS (-2)
#define XW_TRNG_NO_ENTROPY         (-3)

#define XW_TRNG_RND32_MAX_BITS 96U
#define XW_TRNG_RND64_MAX_BITS 192U

/*
 * 3c1f0b8e-6d2a-4f57-9b61-0c4e8a7d52f3: Crossworld's TRNG (the virtio-rng
 * source on QEMU; a board port with its own TRNG keeps the interface and may
 * keep the UUID, which names the implementation, not the noise source).
 * Words as GET_UUID returns them: octets 0..3 little-endian in w0, and so on.
 */
#define XW_TRNG_UUID_0         0x8e0b1f3cU
#define XW_TRNG_UUID_1         0x574f2a6dU
#define XW_TRNG_UUID_2         0x4e0c619bU
#define XW_TRNG_UUID_3         0xf3527d8aU

#endif
