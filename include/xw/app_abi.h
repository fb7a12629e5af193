/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The native application ABI ("xw" personality): what a secure application
 * at S-EL0 and the secure kernel agree on (docs/apps.md). Freestanding,
 * fixed-width types only; included by the kernel and by applications.
 *
 * Entry: the application starts at its image's entry point with x0 = the
 * number of its start (1 for the first, +1 per restart), SP = top of its
 * stack. A system call is `svc #0` with the call number in x8, arguments in
 * x0..x5, the result in x0 (>= 0, or a negative XW_E* code from xw/err.h);
 * every other register is preserved. A pointer argument must lie in the
 * caller's own secure memory (image, stack, heap) with the access the call
 * needs; anything else answers XW_EFAULT, never a fault in the kernel.
 */
#ifndef XW_APP_ABI_H
#define XW_APP_ABI_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* System call numbers (x8). Frozen: new calls go last. */
#define XW_SYS_EXIT      0 /* (code) -> does not return */
#define XW_SYS_LOG       1 /* (buf, len) -> len; one line on the secure log, <= 200 bytes */
#define XW_SYS_WAIT      2 /* (struct xw_app_event *ev, timeout_ns) -> 0 / XW_ETIMEDOUT */
#define XW_SYS_NOTIFY    3 /* (chan id) -> 0: interrupt the normal world when this run ends */
#define XW_SYS_TIME      4 /* () -> monotonic time in ns */
#define XW_SYS_MEM       5 /* (pages) -> VA of pages more heap (zeroed), within the quota */
#define XW_SYS_CHAN_BIND 6 /* (chan id) -> 0: accept a channel offered by XW_APP_EV_BIND */
#define XW_SYS_CHAN_UNBIND 7 /* (chan id) -> 0: close our end, drop the mapping */
#define XW_SYS_COUNT     8

/* XW_SYS_WAIT: wait forever (any timeout >= 2^62 ns) */
#define XW_APP_FOREVER   0xffffffffffffffffULL

/* Event kinds (struct xw_app_event.kind) */
#define XW_APP_EV_TIMEOUT 0 /* the wait's timeout passed */
#define XW_APP_EV_BIND    1 /* a channel was bound to us: va/size/idx say where */
#define XW_APP_EV_DOORBELL 2 /* the normal world rang one of our channels */
#define XW_APP_EV_UNBIND  3 /* the normal world dropped a channel: its mapping is gone */

#define XW_APP_MAGIC     0x50415758 /* "XWAP" */
#define XW_APP_VA_BASE   0x40000000UL

#ifndef __ASSEMBLER__
/** What XW_SYS_WAIT writes: one event per call, oldest kind first. */
struct xw_app_event {
	uint32_t kind;  /* XW_APP_EV_* */
	uint32_t chan;  /* channel id (index of the app's channel slot) */
	uint64_t va;    /* BIND: where the channel's region is mapped (NS memory, XN) */
	uint64_t size;  /* BIND: the region's size */
	uint32_t idx;   /* BIND: the channel's index within the region */
	uint32_t pad;
};
_Static_assert(sizeof(struct xw_app_event) == 32, "ABI layout");

/** The application image: a flat binary linked at XW_APP_VA_BASE, starting with this. */
/** The first bytes of every application image (apps/rt/app.ld writes it). */
struct xw_app_header {
	uint32_t magic;
	uint32_t version;     /* 1 */
	uint64_t entry;       /* VA */
	uint64_t text_end;    /* VA, page aligned: [base, text_end) RX */
	uint64_t rodata_end;  /* VA, page aligned: [text_end, rodata_end) R */
	uint64_t data_end;    /* VA: [rodata_end, data_end) RW, from the image */
	uint64_t bss_end;     /* VA: [data_end, bss_end) RW, zeroed */
};
_Static_assert(sizeof(struct xw_app_header) == 48, "ABI layout");
#endif

#endif
