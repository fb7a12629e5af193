// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the secure side's channel calls (SVC_INFO, CHAN_REGISTER,
 * UNREGISTER, BIND, DOORBELL, STATS) decoded from hostile registers, through
 * the real call table (xw_sk_handle_call) on the hosted arch, where NS RAM is
 * a memfd the window really aliases. The input is a program: each step is a
 * call with registers chosen from the input (raw, or near the values a real
 * driver would pass so the fuzzer gets past the first checks), or a write of
 * input bytes into NS RAM where two channel regions were formatted (headers,
 * indices, records: what a hostile normal world can scribble on while the
 * secure side serves). After each call x0 must be OK or a documented error;
 * at the end, dropping everything must leave no NS page mapped.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xw/channel.h>

#include "../../secure/arch/host/nsmap_host.h"
#include "../../secure/core/calls.h"
#include "../../secure/core/chan_svc.h"
#include "../../secure/core/nsmem.h"
#include "xw/err.h"
#include "xw/smc.h"

#define RAM_PA   0x40000000ULL
#define RAM_SIZE (16UL << 20)
#define RING     4096u
#define REG_A    (RAM_PA + (1UL << 20)) /* 2 channels */
#define REG_B    (RAM_PA + (2UL << 20)) /* 1 channel */

static struct xw_sk_core core;
static uint8_t *ram;
static uint64_t size_a, size_b;

struct in {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct in *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes && in->n; i++, in->p++, in->n--)
		v |= (uint64_t)in->p[0] << (8 * i);
	return v;
}

static uint64_t format(uint64_t pa, unsigned nchan)
{
	size_t sz = (xw_region_size(nchan, RING) + 4095) & ~(size_t)4095;

	memset(ram + (pa - RAM_PA), 0, sz);
	if (xw_region_init(ram + (pa - RAM_PA), sz, nchan, RING) != XW_OK)
		abort();
	return sz;
}

static int known_result(uint64_t r0)
{
	int64_t v = (int64_t)r0;

	return r0 == XW_SMC_OK || v == XW_EINVAL || v == XW_ENOENT || v == XW_EBUSY ||
	       v == XW_ENOMEM || v == XW_E2BIG || v == XW_EPROTO || v == XW_EFAULT ||
	       v == XW_EPIPE || v == XW_ENOTSUP || v == XW_EACCES || v == (int64_t)(int32_t)XW_SMC_UNK || r0 == (uint32_t)XW_SMC_UNK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t fids[] = { XW_SMC_SVC_INFO, XW_SMC_CHAN_REGISTER,
					 XW_SMC_CHAN_UNREGISTER, XW_SMC_CHAN_BIND,
					 XW_SMC_CHAN_DOORBELL, XW_SMC_CHAN_STATS };
	struct in in = { data, size };
	uint64_t handles[4] = { 0 };
	unsigned steps = 0;

	if (ram == NULL) {
		ram = host_ns_init(RAM_PA, RAM_SIZE, XW_NS_WIN_MAX_PAGES);
		if (ram == NULL || xw_sk_core_init(&core, 2, 100))
			abort();
	}
	xw_csvc_reset();
	size_a = format(REG_A, 2);
	size_b = format(REG_B, 1);
	while (in.n && steps++ < 64) {
		uint8_t op = (uint8_t)take(&in, 1);
		uint64_t x[8] = { 0 }, o[4] = { 0 };

		if ((op & 0xc0) == 0xc0) {
			/* Scribble on a region's memory: offset and bytes from the input. */
			uint64_t base = (op & 1) ? REG_B : REG_A, sz = (op & 1) ? size_b : size_a;
			uint64_t off = take(&in, 2) % sz;
			unsigned len = (unsigned)take(&in, 1) % 16 + 1;

			for (unsigned i = 0; i < len && off + i < sz; i++)
				ram[base - RAM_PA + off + i] = (uint8_t)take(&in, 1);
			continue;
		}
		x[0] = fids[(op & 0x1f) % 6];
		if (op & 0x20) {
			/* The same function in another call type: SMC32, yielding 32/64. */
			static const uint32_t types[] = { 0xb3000000U, 0x33000000U, 0x73000000U };

			x[0] = types[take(&in, 1) % 3] | (x[0] & 0xffffU);
		}
		for (unsigned r = 1; r <= 3; r++) {
			uint8_t how = (uint8_t)take(&in, 1);

			switch (how % 8) {
			case 0:
				x[r] = take(&in, 8); /* anything */
				break;
			case 1:
				x[r] = (how & 8) ? REG_B : REG_A;
				break;
			case 2:
				x[r] = (how & 8) ? size_b : size_a;
				break;
			case 3:
				x[r] = handles[(how >> 3) % 4];
				break;
			default:
				x[r] = how >> 3; /* small: channel and service indices */
				break;
			}
		}
		xw_sk_handle_call(&core, (unsigned)(op >> 4) & 1, false, x, o);
		if (!known_result(o[0]))
			abort(); /* an undocumented result */
		if (x[0] == XW_SMC_CHAN_REGISTER && o[0] == XW_SMC_OK)
			handles[steps % 4] = o[1];
	}
	/* Dropping every registration unmaps every NS page: nothing leaks. */
	xw_csvc_reset();
	if (xw_ns_mapped_pages() != 0)
		abort();
	return 0;
}
