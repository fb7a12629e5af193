/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtio-mmio register map and device-status bits (virtio 1.x, 4.2.2;
 * the legacy registers of 4.2.4 that QEMU's "legacy" transport needs), shared
 * by the secure kernel's virtio drivers. Offsets from the device's base.
 */
#ifndef XW_SK_VIRTIO_MMIO_H
#define XW_SK_VIRTIO_MMIO_H

#define R_MAGIC        0x000
#define R_VERSION      0x004
#define R_DEVICE_ID    0x008
#define R_DEV_FEAT     0x010
#define R_DEV_FEAT_SEL 0x014
#define R_DRV_FEAT     0x020
#define R_DRV_FEAT_SEL 0x024
#define R_GUEST_PAGE   0x028 /* legacy */
#define R_QUEUE_SEL    0x030
#define R_QUEUE_MAX    0x034
#define R_QUEUE_NUM    0x038
#define R_QUEUE_ALIGN  0x03c /* legacy */
#define R_QUEUE_PFN    0x040 /* legacy */
#define R_QUEUE_READY  0x044
#define R_NOTIFY       0x050
#define R_IRQ_STATUS   0x060
#define R_IRQ_ACK      0x064
#define R_STATUS       0x070
#define R_DESC_LO      0x080
#define R_DESC_HI      0x084
#define R_AVAIL_LO     0x090
#define R_AVAIL_HI     0x094
#define R_USED_LO      0x0a0
#define R_USED_HI      0x0a4
#define R_CONFIG       0x100

#define MAGIC_VIRT     0x74726976U /* "virt" */
#define S_ACK          1U
#define S_DRIVER       2U
#define S_DRIVER_OK    4U
#define S_FEATURES_OK  8U

/* Transport feature bits (virtio 1.x, 6) */
#define F_INDIRECT     28
#define F_VERSION_1    32

#endif
