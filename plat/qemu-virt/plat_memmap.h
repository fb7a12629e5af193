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

#endif /* XW_PLAT_MEMMAP_H */
