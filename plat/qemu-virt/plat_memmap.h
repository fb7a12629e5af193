/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * QEMU virt (secure=on, gic-version=3) memory map as the firmware uses it.
 * Facts checked against `-machine dumpdtb` of QEMU 7.2; docs/boot.md has the
 * full picture. Used from C and assembly: plain constants only.
 */
#ifndef XW_PLAT_MEMMAP_H
#define XW_PLAT_MEMMAP_H

#define XW_PLAT_MAX_CPUS      8

/* Secure flash (-bios): monitor image at 0, secure kernel image at 512 KiB */
#define XW_FLASH_BASE         0x00000000
#define XW_SEC_FLASH_SIZE     0x04000000 /* flash bank 0: secure-only with secure=on */
#define XW_FLASH_SK_OFFSET    0x00080000
#define XW_SK_MAX_IMAGE       0x00100000 /* bytes copied from flash */

/* Secure RAM, 16 MiB: monitor owns the first 2 MiB, the secure kernel the rest */
#define XW_SEC_RAM_BASE       0x0e000000
#define XW_SEC_RAM_SIZE       0x01000000
#define XW_MON_BASE           0x0e000000
#define XW_MON_SIZE           0x00200000
#define XW_SK_BASE            0x0e200000
#define XW_SK_SIZE            0x00e00000

/* Devices */
#define XW_GICD_BASE          0x08000000
#define XW_GICR_BASE          0x080a0000
#define XW_GICR_STRIDE        0x20000
#define XW_GIC_WINDOW_SIZE    0x01000000 /* GICD, ITS, redistributors: up to 0x09000000 */
#define XW_NS_UART_BASE       0x09000000
#define XW_SEC_UART_BASE      0x09040000
#define XW_SEC_GPIO_BASE      0x090b0000
#define XW_GPIO_LINE_POWEROFF 0 /* dtb: gpio-poweroff = <&pl061 0 0> */
#define XW_GPIO_LINE_RESTART  1 /* dtb: gpio-restart  = <&pl061 1 0> */

/* Normal-world RAM and the boot contract with the normal-world loader */
#define XW_NS_RAM_BASE        0x40000000
#define XW_NS_RAM_MAX         0x3fc0000000 /* virt's largest RAM: 255 GiB */
#define XW_NS_DTB_ADDR        0x40000000
#define XW_NS_IMAGE_ADDR      0x40200000
#define XW_NS_INITRD_ADDR     0x48000000
/*
 * Normal-world RAM the secure kernel may map for shared memory: the RAM the
 * QEMU runners give the machine (-m 1024). Registration outside it fails.
 */
#define XW_NS_SHM_RAM_SIZE    0x40000000

/*
 * The SPI the secure kernel makes pending to notify the normal world (channel
 * data/space): SPI 14 = INTID 46, unused by QEMU virt, non-secure Group 1 like
 * every SPI (monitor gicv3.c). The device tree's /firmware/crossworld names it.
 */
#define XW_NS_NOTIFY_SPI      14
#define XW_NS_NOTIFY_INTID    (32 + XW_NS_NOTIFY_SPI)

/* Secure physical timer interrupt (PPI 13 = INTID 29) */
#define XW_SEC_TIMER_INTID    29
#define XW_SEC_TIMER_HZ       100

/*
 * Paravirtual block device (docs/block.md). The secure world's virtio-blk
 * device is QEMU virt's virtio-mmio transport 31 (0x0a000000 + 0x200 * 31,
 * SPI 16 + 31): the first -device virtio-blk-device on the command line lands
 * there (qemu-run.sh --disk). mkdtb.sh removes it from the normal world's tree.
 * Its SPI is made secure Group 1 by the secure kernel, routed to CPU 0.
 */
#define XW_VIO_MMIO_WINDOW    0x0a000000 /* the 32 transports, one 2 MiB map */
#define XW_VBLK_MMIO_BASE     0x0a003e00
#define XW_VBLK_MMIO_SIZE     0x200
#define XW_VBLK_INTID         (32 + 16 + 31)
/* The SPI that tells the normal world about block completions (edge). */
#define XW_BLK_NOTIFY_SPI     15
#define XW_BLK_NOTIFY_INTID   (32 + XW_BLK_NOTIFY_SPI)
/*
 * Carve-out of NS RAM for the virtqueue and request headers (QEMU's devices
 * reach only NS RAM by DMA): reserved-memory no-map in Linux's tree (mkdtb.sh).
 */
#define XW_BLK_CARVE_BASE     0x7f000000
#define XW_BLK_CARVE_SIZE     0x00040000
/*
 * Entropy source (docs/entropy.md): QEMU's virtio-rng-device pinned to
 * virtio-mmio transport 22 (qemu-run.sh: bus=virtio-mmio-bus.22; well below
 * the disks' 30/31 and not in their page), driven by the secure kernel only
 * (polled: its SPI, 16 + 22, stays disabled), removed from Linux's tree by
 * mkdtb.sh. Its ring and buffer: a carve-out of its own.
 */
#define XW_VRNG_MMIO_BASE     0x0a002c00
#define XW_VRNG_MMIO_SIZE     0x200
#define XW_RNG_CARVE_BASE     0x7f100000
#define XW_RNG_CARVE_SIZE     0x00010000
/* The secure RAM disk (secure kernel .bss). */
#define XW_BLK_RAMDISK_SIZE   0x00200000

#endif /* XW_PLAT_MEMMAP_H */
