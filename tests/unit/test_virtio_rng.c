// SPDX-License-Identifier: BSD-2-Clause
/*
 * The secure virtio-rng driver (secure/drivers/virtio_rng.c) against a small
 * model of QEMU's legacy virtio-mmio entropy device, in this file: set-up
 * refusals, a read, the carve-out wiped after it, a device that answers late
 * (the request stays posted and is collected by the next call, never posted
 * twice), short answers, an answer longer than the request, and a device that
 * keeps answering with nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/arch/host/time_host.h"
#include "../../secure/drivers/virtio_rng.h"
#include "sk/arch/vrng.h"
#include "xw/err.h"

static uint8_t carve[0x10000] __attribute__((aligned(4096)));

static struct {
	uint32_t magic, version, devid, features, qmax;
	uint32_t num, pfn, status;
	int autorun;         /* answer at the doorbell */
	uint32_t give;       /* bytes per answer at most (0: what was asked) */
	int overlong;        /* claim one byte more than asked */
	int nothing;         /* answer with 0 bytes */
	uint16_t seen_avail; /* avail entries taken */
	uint16_t used_idx;
	unsigned int notifies, answered;
	uint8_t next;        /* the pattern: a counter */
} dev;

/* The legacy queue PFN register is 32 bits: the host's carve-out is where it points. */
static uint8_t *ring(void)
{
	assert_int_equal(dev.pfn, (uint32_t)((uintptr_t)carve >> 12));
	return carve;
}

static void answer(void)
{
	uint8_t *base = ring(), *avail = base + 16U * dev.num;
	uint8_t *used = base + ((16U * dev.num + 6U + 2U * dev.num + 4095U) & ~4095U);
	uint16_t aidx;

	memcpy(&aidx, avail + 2, 2);
	while (dev.seen_avail != aidx) {
		uint16_t head;
		uint64_t taddr, addr;
		uint32_t len, n, i, id;
		uint16_t flags;

		memcpy(&head, avail + 4 + 2 * (dev.seen_avail % dev.num), 2);
		memcpy(&flags, base + 16U * head + 12, 2);
		assert_true(flags & 4U); /* indirect */
		memcpy(&taddr, base + 16U * head, 8);
		memcpy(&addr, (uint8_t *)(uintptr_t)taddr, 8);
		memcpy(&len, (uint8_t *)(uintptr_t)taddr + 8, 4);
		memcpy(&flags, (uint8_t *)(uintptr_t)taddr + 12, 2);
		assert_true(flags & 2U); /* device-writable */
		assert_true(addr >= (uintptr_t)carve && addr + len <= (uintptr_t)carve + sizeof(carve));
		n = dev.give != 0 && dev.give < len ? dev.give : len;
		if (dev.nothing) {
			n = 0;
		}
		for (i = 0; i < n; i++) {
			((uint8_t *)(uintptr_t)addr)[i] = dev.next++;
		}
		if (dev.overlong) {
			n = len + 1;
		}
		id = head;
		memcpy(used + 4 + 8 * (dev.used_idx % dev.num), &id, 4);
		memcpy(used + 8 + 8 * (dev.used_idx % dev.num), &n, 4);
		dev.used_idx++;
		memcpy(used + 2, &dev.used_idx, 2);
		dev.seen_avail++;
		dev.answered++;
	}
}

uint32_t arch_vrng_read32(uint32_t off)
{
	switch (off) {
	case 0x000: return dev.magic;
	case 0x004: return dev.version;
	case 0x008: return dev.devid;
	case 0x010: return dev.features;
	case 0x034: return dev.qmax;
	case 0x060: return 1;
	case 0x070: return dev.status;
	default: return 0;
	}
}

void arch_vrng_write32(uint32_t off, uint32_t v)
{
	switch (off) {
	case 0x038: dev.num = v; break;
	case 0x040: dev.pfn = v; break;
	case 0x070: dev.status = v; break;
	case 0x050:
		dev.notifies++;
		if (dev.autorun) {
			answer();
		}
		break;
	default: break;
	}
}

static void reset_model(void)
{
	memset(&dev, 0, sizeof(dev));
	dev.magic = 0x74726976;
	dev.version = 1;
	dev.devid = 4;
	dev.features = 1U << 28;
	dev.qmax = 8;
	dev.autorun = 1;
	host_clock_step(1000); /* every arch_now() 1 us on: timeouts end by reads */
}

static int setup(void)
{
	uint32_t ver;

	return xw_vrng_init(carve, (uint64_t)(uintptr_t)carve, sizeof(carve), &ver);
}

static void check_pattern(const uint8_t *b, size_t n, uint8_t first)
{
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(b[i], (uint8_t)(first + i));
	}
}

static void init_refusals(void **s)
{
	uint32_t ver;

	(void)s;
	reset_model();
	dev.magic = 0;
	assert_int_equal(setup(), XW_ENOENT);
	reset_model();
	dev.devid = 2; /* a disk */
	assert_int_equal(setup(), XW_ENOENT);
	reset_model();
	dev.features = 0; /* no indirect descriptors */
	assert_int_equal(setup(), XW_EIO);
	reset_model();
	assert_int_equal(xw_vrng_init(carve, (uintptr_t)carve, XW_VRNG_CARVE_BYTES - 1, &ver), XW_ENOENT);
	assert_int_equal(xw_vrng_read(carve, 16, 1000000), XW_ENOENT); /* not set up */
	reset_model();
	assert_int_equal(setup(), XW_OK);
	assert_int_equal(dev.num, 8);
	assert_int_equal(dev.status & 4U, 4U); /* DRIVER_OK */
}

static void read_and_wipe(void **s)
{
	uint8_t b[1024];
	size_t i;

	(void)s;
	reset_model();
	assert_int_equal(setup(), XW_OK);
	assert_int_equal(xw_vrng_read(b, sizeof(b), 1000000), (int)sizeof(b));
	check_pattern(b, sizeof(b), 0);
	for (i = XW_VRNG_BUF_OFF; i < XW_VRNG_CARVE_BYTES; i++) {
		assert_int_equal(carve[i], 0); /* nothing left in NS memory */
	}
	assert_int_equal(xw_vrng_read(b, 0, 1000000), XW_EINVAL);
	assert_int_equal(xw_vrng_read(b, XW_VRNG_BUF_BYTES + 1, 1000000), XW_EINVAL);
}

static void late_answer_collected_later(void **s)
{
	uint8_t b[512];
	unsigned int posts;

	(void)s;
	reset_model();
	assert_int_equal(setup(), XW_OK);
	dev.autorun = 0;
	assert_int_equal(xw_vrng_read(b, sizeof(b), 100000), XW_EAGAIN);
	assert_int_equal(xw_vrng_read(b, sizeof(b), 100000), XW_EAGAIN);
	posts = dev.notifies;
	assert_int_equal(posts, 1); /* still the one request: never posted twice */
	answer();                   /* the device, late */
	assert_int_equal(dev.answered, 1);
	dev.autorun = 1;
	assert_int_equal(xw_vrng_read(b, sizeof(b), 100000), (int)sizeof(b));
	check_pattern(b, sizeof(b), 0);
	assert_int_equal(dev.notifies, posts); /* collected, not asked again */
}

static void short_and_bad_answers(void **s)
{
	uint8_t b[1000];

	(void)s;
	reset_model();
	assert_int_equal(setup(), XW_OK);
	dev.give = 64; /* the device answers 64 bytes at a time */
	assert_int_equal(xw_vrng_read(b, sizeof(b), 1000000), (int)sizeof(b));
	check_pattern(b, sizeof(b), 0);
	assert_int_equal(dev.answered, (sizeof(b) + 63) / 64);
	/* Nothing, again and again: bounded, and an error. */
	dev.give = 0;
	dev.nothing = 1;
	assert_int_equal(xw_vrng_read(b, sizeof(b), 1000000), XW_EIO);
	assert_int_equal(dev.answered, (sizeof(b) + 63) / 64 + 16);
	/* A length beyond the request: the driver stops. */
	reset_model();
	assert_int_equal(setup(), XW_OK);
	dev.overlong = 1;
	assert_int_equal(xw_vrng_read(b, sizeof(b), 1000000), XW_EIO);
	assert_int_equal(xw_vrng_read(b, sizeof(b), 1000000), XW_ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_refusals),
		cmocka_unit_test(read_and_wipe),
		cmocka_unit_test(late_answer_collected_later),
		cmocka_unit_test(short_and_bad_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
