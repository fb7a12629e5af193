// SPDX-License-Identifier: BSD-2-Clause
/*
 * AArch64/QEMU glue of the entropy source: the virtio-rng transport's
 * registers, its carve-out, and the pool's start-up (docs/entropy.md).
 * A board with its own TRNG replaces this file: it attaches a source of its
 * own to xw_rng_main with the cutoffs for its claimed min-entropy.
 */
#include "rng_arch.h"

#include "arch/sysreg.h"
#include "sk/arch/vrng.h"
#include "../../core/nsmem.h"
#include "../../drivers/virtio_rng.h"
#include "../../services/rng_pool.h"
#include "fw/log.h"
#include "plat_memmap.h"

uint32_t arch_vrng_read32(uint32_t off)
{
	return mmio_read32(XW_VRNG_MMIO_BASE + off);
}

void arch_vrng_write32(uint32_t off, uint32_t v)
{
	dsb_sy(); /* ring and descriptor writes before the device sees the doorbell */
	mmio_write32(XW_VRNG_MMIO_BASE + off, v);
}

void sk_rng_init(void)
{
	struct xw_rng_stats st;
	uint32_t version = 0;
	void *carve;
	int rc;

	rc = xw_ns_map_own(XW_RNG_CARVE_BASE, XW_RNG_CARVE_SIZE, &carve);
	if (rc == 0) {
		rc = xw_vrng_init(carve, XW_RNG_CARVE_BASE, XW_RNG_CARVE_SIZE, &version);
	}
	if (rc != 0) {
		/* No source: SMCCC TRNG says NOT_SUPPORTED, no OP-TEE RNG device. */
		xw_log("S: rng: no virtio-rng device at 0x%x (%d): no entropy service\n",
		       XW_VRNG_MMIO_BASE, rc);
		return;
	}
	/* QEMU's virtio-rng claims full entropy: H = 8 bits per byte. */
	rc = xw_rng_pool_init(&xw_rng_main, xw_vrng_source, 0, XW_RNG_H8_RCT_CUTOFF,
			      XW_RNG_H8_APT_CUTOFF);
	xw_rng_get_stats(&xw_rng_main, &st);
	xw_log("S: rng: virtio-rng (mmio v%u) at 0x%x: start-up health test %s (H = 8, RCT %u, APT %u/%u; %lu batches, %lu alarms, %lu source timeouts)%s\n",
	       version, XW_VRNG_MMIO_BASE, rc == 0 ? "passed" : "did not pass",
	       XW_RNG_H8_RCT_CUTOFF, XW_RNG_H8_APT_CUTOFF, XW_RNG_APT_WINDOW, st.batches,
	       st.alarms, st.source_errors,
	       rc == 0 ? "" : ": source marked failed, TRNG and OP-TEE RNG answer no entropy");
}
