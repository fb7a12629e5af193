/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A virtio-blk device behind a legacy (version 1) virtio-mmio transport, as
 * QEMU 7.2 presents the secure world's disk, for the host tests and the
 * fuzzer of the secure block path: it reads the rings the secure driver lays
 * out in "NS RAM" (the hosted memfd), walks each indirect table, moves data
 * between its disk image and the data pages, and writes the used ring. It is
 * strict: anything a real device would refuse or that hints at a driver bug
 * (a buffer outside RAM, a chain without header or status, a direct
 * descriptor) counts in vblk_model.bad.
 */
#ifndef XW_TEST_VBLK_MODEL_H
#define XW_TEST_VBLK_MODEL_H

#include <stdint.h>

#define VBLK_T_IN      0U
#define VBLK_T_OUT     1U
#define VBLK_T_FLUSH   4U
#define VBLK_T_DISCARD 11U

struct vblk_model {
	/* Set by the test before vblk_model_attach(). */
	uint8_t *ram;          /* the NS RAM view (PA ram_pa at ram[0]) */
	uint64_t ram_pa, ram_size;
	uint8_t *disk;         /* the image, capacity * 512 bytes */
	uint64_t capacity;
	uint64_t features;     /* offered feature bits */
	uint32_t queue_max;
	uint32_t max_discard;
	int deferred;          /* 1: a notify only records; vblk_model_run() serves */
	void (*irq)(void);     /* non-null: called (the interrupt) right after a notify served */
	uint64_t deny_pa, deny_size; /* data buffers must not be here (the carve-out) */
	/* Device state and what it saw. */
	uint32_t status, feat_sel, drv_features, queue_num, pfn, guest_page, irq_status;
	uint16_t last_avail;
	uint32_t notifies, served, bad;
	uint32_t ops[16];      /* requests served per virtio type (types < 16) */
	uint8_t log[256];      /* types in the order served (first 256) */
	uint32_t bogus_id;     /* nonzero: the next used entry carries this id instead */
};

extern struct vblk_model vblk_model;

/** vblk_model_attach() - reset the device state and make it the transport. */
void vblk_model_attach(void);
/** vblk_model_run() - serve every available request; return how many. */
uint32_t vblk_model_run(void);

#endif
