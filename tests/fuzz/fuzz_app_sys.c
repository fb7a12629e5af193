// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer over the application system calls (secure/core/app_sys.c): each
 * input is a sequence of calls (number and six arguments, 49 bytes each)
 * made by one application, with a sprinkling of pointers near the edges of
 * its own mappings. Checked on every call: the kernel never touches memory
 * outside the app's own pages (ASan: the pool is the only mapped "secure
 * RAM"; any other pointer the kernel dereferenced would be a host address
 * outside it), a bad pointer always kills (never a fault, never a silent
 * success), and after the kill the restarted app owns exactly what a fresh
 * one does (no page leaked).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../secure/arch/host/app_host.h"
#include "../../secure/core/app.h"
#include "../../secure/core/pages.h"
#include "xw/app_abi.h"
#include "xw/err.h"

#define B        XW_APP_VA_BASE
#define POOL_PGS 256

static uint8_t pool[POOL_PGS * 4096] __attribute__((aligned(4096)));
static uint8_t image[0x2010] __attribute__((aligned(16)));
static struct xw_app_image img;
static struct xw_app *app;
static uint64_t free_fresh;

/* Interesting pointers: edges of every mapping, and places it does not own. */
static const uint64_t edges[] = {
	0, 8, B, B + 0xff8, B + 0x1000, B + 0x1ff8, B + 0x2000, B + 0x2ff8, B + 0x2fe8, B + 0x3000,
	XW_APP_STACK_TOP - 0x3000, XW_APP_STACK_TOP - 0x2000, XW_APP_STACK_TOP - 32,
	XW_APP_STACK_TOP, XW_APP_HEAP_BASE, XW_APP_HEAP_BASE + 0x1ff8, XW_APP_CHAN_VA,
	0x0e200000, UINT64_MAX - 7,
};

static void init(void)
{
	struct xw_app_header h = {
		.magic = XW_APP_MAGIC,
		.version = 1,
		.entry = B + 0x30,
		.text_end = B + 0x1000,
		.rodata_end = B + 0x2000,
		.data_end = B + 0x2010,
		.bss_end = B + 0x3000,
	};

	memcpy(image, &h, sizeof(h));
	xw_pages_init((uintptr_t)pool, POOL_PGS);
	img = (struct xw_app_image){ "f", "f", image, image + sizeof(image), 16, 2, 4, 1, 0 };
	if (xw_apps_init(&img, 1) != 1 || (app = xw_app_by_name("f")) == NULL ||
	    app->state != XW_APP_ST_WAITING) {
		abort();
	}
	free_fresh = xw_pages_free_count();
}

/* The oracle: does the app own [va, va + len) with write access (w) or read access? */
static int owns(uint64_t va, uint64_t len, int w)
{
	const uint64_t r[][3] = {
		{ B, B + 0x1000, 0 }, { B + 0x1000, B + 0x2000, 0 }, { B + 0x2000, B + 0x3000, 1 },
		{ XW_APP_STACK_TOP - 0x2000, XW_APP_STACK_TOP, 1 },
		{ XW_APP_HEAP_BASE, app->heap_next, 1 },
	};
	size_t i;

	if (len == 0) {
		len = 1;
	}
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		if (va >= r[i][0] && len <= r[i][1] - va && va < r[i][1] && (!w || r[i][2])) {
			return 1;
		}
	}
	return 0;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t kills;
	size_t off;
	int64_t ctl;
	int i;

	if (app == NULL) {
		init();
	}
	kills = (uint32_t)app->kills;
	for (off = 0; off + 49 <= size; off += 49) {
		app->regs.x[8] = data[off] % (XW_SYS_COUNT + 2);
		if (app->regs.x[8] == XW_SYS_EXIT) {
			app->regs.x[8] = XW_SYS_TIME; /* exit ends the run: nothing to check */
		}
		for (i = 0; i < 6; i++) {
			uint64_t v = get64(data + off + 1 + 8 * i);

			/* Half of the arguments: an edge, plus a small offset. */
			app->regs.x[i] = (v & 1) ? edges[(v >> 1) % (sizeof(edges) / sizeof(edges[0]))] +
							   ((v >> 8) & 0x1f) :
						   v;
		}
		uint64_t nr = app->regs.x[8], a0 = app->regs.x[0], a1 = app->regs.x[1];

		ctl = xw_app_syscall(app);
		/* What the kernel accepted, the app owns (the oracle, not the code under test) */
		if (nr == XW_SYS_LOG && (int64_t)app->regs.x[0] >= 0 && !owns(a0, a1, 0)) {
			abort();
		}
		if (nr == XW_SYS_WAIT && ctl == XW_APP_SYS_BLOCK && !owns(a0, 32, 1)) {
			abort();
		}
		if (nr == XW_SYS_WAIT && ctl == XW_APP_SYS_KILL && owns(a0, 32, 1) && a0 % 8 == 0) {
			abort(); /* killed for a pointer it owns */
		}
		if (ctl == XW_APP_SYS_KILL) {
			/* Only a call that got XW_EFAULT or overran the quota may kill. */
			if ((int64_t)app->regs.x[0] != XW_EFAULT && (int64_t)app->regs.x[0] != XW_ENOMEM) {
				abort();
			}
			xw_app_kill(app, app->kill_why);
			if (app->state != XW_APP_ST_WAITING || xw_pages_free_count() != free_fresh) {
				abort(); /* restarted, owning what a fresh instance owns */
			}
		} else if (ctl == XW_APP_SYS_BLOCK) {
			app->waiting = 0;
			app->deadline = 0;
		} else if (ctl != 0) {
			abort();
		} else if ((int64_t)app->regs.x[0] == XW_EFAULT) {
			abort(); /* a bad pointer that did not kill */
		}
		if (app->pages > img.quota_pages) {
			abort();
		}
	}
	/* Each input starts from a fresh instance. */
	if (app->kills == kills || app->pages != 5) {
		xw_app_kill(app, "next input");
	}
	if (xw_pages_free_count() != free_fresh) {
		abort();
	}
	return 0;
}
