// SPDX-License-Identifier: BSD-2-Clause
/*
 * AArch64/QEMU glue of the block backend: the virtio-mmio registers, the
 * carve-out mapping, the device's SPI made secure, the normal world's block
 * interrupt, the secure RAM disk, and the boot self-test (docs/block.md).
 */
#include "blk_arch.h"

#include "arch/gicv3.h"
#include "arch/spinlock.h"
#include "arch/sysreg.h"
#include "../../core/nsmem.h"
#include "../../services/blk_backend.h"
#include "../../services/blk_route.h"
#include "fw/log.h"
#include "plat_memmap.h"

static uint8_t ramdisk[XW_BLK_RAMDISK_SIZE] __attribute__((aligned(4096)));
static uint32_t has_vblk;      /* the device's SPI is set up */
static struct xw_blk_route route = XW_BLK_ROUTE_INIT; /* online CPUs, the SPI's target */
static arch_spinlock_t route_lock = ARCH_SPINLOCK_INIT;

uint32_t arch_vio_read32(uint32_t off)
{
	return mmio_read32(XW_VBLK_MMIO_BASE + off);
}

void arch_vio_write32(uint32_t off, uint32_t v)
{
	dsb_sy(); /* ring and header writes before the device sees the doorbell */
	mmio_write32(XW_VBLK_MMIO_BASE + off, v);
}

void arch_blk_notify(void)
{
	arch_gic_set_pending(XW_BLK_NOTIFY_INTID); /* after the completion entries */
}

/* The device's SPI: secure Group 1 (FIQ while the normal world runs), CPU 0. */
static void secure_spi(uint32_t id)
{
	uintptr_t g = XW_GICD_BASE + GICD_IGROUPR + 4 * (id / 32);
	uintptr_t m = XW_GICD_BASE + GICD_IGRPMODR + 4 * (id / 32);

	mmio_write32(g, mmio_read32(g) & ~(1U << (id % 32)));
	mmio_write32(m, mmio_read32(m) | 1U << (id % 32));
	*(volatile uint8_t *)(uintptr_t)(XW_GICD_BASE + GICD_IPRIORITYR + id) = GIC_SEC_PRIORITY;
	*(volatile uint64_t *)(uintptr_t)(XW_GICD_BASE + GICD_IROUTER + 8 * id) = 0;
	dsb_sy();
	mmio_write32(XW_GICD_BASE + GICD_ISENABLER + 4 * (id / 32), 1U << (id % 32));
}

void sk_blk_init(void)
{
	struct xw_vblk_info info;
	void *carve;
	uint32_t w0 = 0;
	int rc;

	xw_blkb_init();
	/* Our own carve-out: the gate refuses it to the normal world, not to us. */
	rc = xw_ns_map_own(XW_BLK_CARVE_BASE, XW_BLK_CARVE_SIZE, &carve);
	if (rc == 0) {
		rc = xw_vblk_init(carve, XW_BLK_CARVE_BASE, XW_BLK_CARVE_SIZE, &info);
	}
	if (rc == 0) {
		rc = xw_vblk_selftest(&w0, !(info.flags & XW_BLK_DISK_RO));
		xw_log("S: blk: virtio-blk (mmio v%u) at 0x%x: %lu sectors%s%s (cache %s, was %s)%s; sector 0 read%s: %s (first word 0x%x)\n",
		       info.version, XW_VBLK_MMIO_BASE, info.capacity,
		       (info.flags & XW_BLK_DISK_RO) ? ", read-only" : "",
		       (info.flags & XW_BLK_DISK_FLUSH) ? ", flush" : "",
		       (info.wce & 1) ? "writeback" : "write-through",
		       (info.wce_before & 1) ? "writeback" : "write-through",
		       (info.flags & XW_BLK_DISK_DISCARD) ? ", discard" : "",
		       (info.flags & XW_BLK_DISK_RO) ? "" : " and written back",
		       rc == 0 ? "ok" : "FAILED", w0);
		if (rc == 0) {
			xw_blkb_add_virtio(&info);
			secure_spi(XW_VBLK_INTID);
			has_vblk = 1;
		}
	} else {
		xw_log("S: blk: no virtio-blk device at 0x%x (%d)\n", XW_VBLK_MMIO_BASE, rc);
	}
	xw_blkb_add_ram(ramdisk, sizeof(ramdisk));
	xw_log("S: blk: secure RAM disk, %u KiB\n", (unsigned int)(sizeof(ramdisk) >> 10));
}

int sk_blk_fiq(uint32_t intid)
{
	if (intid != XW_VBLK_INTID) {
		return 0;
	}
	xw_blkb_device_irq();
	return 1;
}

/*
 * The device's SPI has one target (GICD_IROUTER, IRM = 0: QEMU's GICv3 does
 * not do 1-of-N). A target going off would leave completions pending until
 * it returns or a later doorbell harvests them; so it moves to another online
 * CPU first. On QEMU virt (up to 8 CPUs) Aff0 is the CPU number.
 */
void sk_blk_cpu_on(unsigned int cpu)
{
	xw_blk_route_cpu_on(&route, cpu);
}

void sk_blk_cpu_off(unsigned int cpu)
{
	int next;

	if (cpu >= 32 || !has_vblk) {
		return;
	}
	arch_spin_lock(&route_lock);
	next = xw_blk_route_cpu_off(&route, cpu);
	if (next >= 0) {
		*(volatile uint64_t *)(uintptr_t)(XW_GICD_BASE + GICD_IROUTER + 8 * XW_VBLK_INTID) =
			(uint64_t)next;
		dsb_sy();
		xw_log("S: blk: device interrupt routed to cpu %u (cpu %u going off)\n", (unsigned int)next, cpu);
	}
	arch_spin_unlock(&route_lock);
	/* What the device finished while the interrupt was moving. */
	xw_blkb_device_irq();
}
