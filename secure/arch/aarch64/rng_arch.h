/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_RNG_ARCH_H
#define XW_SK_RNG_ARCH_H

/**
 * sk_rng_init() - boot CPU, after the NS window: set up the secure virtio-rng
 * source, attach it to the entropy pool (start-up health test), log the result.
 */
void sk_rng_init(void);

#endif
