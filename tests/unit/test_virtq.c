// SPDX-License-Identifier: BSD-2-Clause
/*
 * The split virtqueue (secure/drivers/virtq.c), driver side, with the test as
 * the device: layout (legacy MMIO, used ring page aligned), what a post
 * publishes, reaping in order, a head out of range from a broken device,
 * the 16-bit indices wrapping, and a harvest that stays bounded while the
 * device keeps advancing its used index.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../secure/drivers/virtq.h"

static uint8_t mem[3 * 4096] __attribute__((aligned(4096)));

static uint16_t avail_idx(const struct xw_vq *vq)
{
	return vq->avail[1];
}

/* The device: mark @head used. */
static void use(struct xw_vq *vq, uint32_t head)
{
	uint16_t idx = *(volatile uint16_t *)(vq->used + 2);

	*(volatile uint32_t *)(vq->used + 4 + 8U * (idx & (vq->num - 1))) = head;
	*(volatile uint32_t *)(vq->used + 8 + 8U * (idx & (vq->num - 1))) = 1;
	*(volatile uint16_t *)(vq->used + 2) = (uint16_t)(idx + 1);
}

static void test_layout(void **s)
{
	struct xw_vq vq;

	(void)s;
	assert_int_equal(xw_vq_bytes(128), 4096 + 4096);
	assert_int_equal(xw_vq_bytes(256), 8192 + 4096);
	assert_int_equal(xw_vq_bytes(4), 4096 + 4096);
	memset(mem, 0x5a, sizeof(mem));
	xw_vq_init(&vq, 128, mem, 0x7f000000);
	assert_int_equal(vq.desc_pa, 0x7f000000);
	assert_int_equal(vq.avail_pa, 0x7f000000 + 16 * 128);
	assert_int_equal(vq.used_pa, 0x7f000000 + 4096);
	assert_ptr_equal(vq.used, mem + 4096);
	for (size_t i = 0; i < xw_vq_bytes(128); i++) {
		assert_int_equal(mem[i], 0);
	}
	assert_int_equal(mem[xw_vq_bytes(128)], 0x5a);
}

static void test_post_reap(void **s)
{
	struct xw_vq vq;
	uint16_t head = 0xffff;

	(void)s;
	xw_vq_init(&vq, 8, mem, 0x40000000);
	assert_int_equal(xw_vq_reap(&vq, &head), 0);
	xw_vq_post(&vq, 5, 0x40001000, 48);
	xw_vq_post(&vq, 2, 0x40002000, 64);
	assert_int_equal(avail_idx(&vq), 2);
	assert_int_equal(vq.avail[2], 5);
	assert_int_equal(vq.avail[3], 2);
	assert_int_equal(vq.desc[5].addr, 0x40001000);
	assert_int_equal(vq.desc[5].len, 48);
	assert_int_equal(vq.desc[5].flags, XW_VQ_DESC_F_INDIRECT);
	assert_int_equal(vq.desc[2].len, 64);
	/* The device may finish them in any order; the driver reads them in used order. */
	use(&vq, 2);
	use(&vq, 5);
	assert_int_equal(xw_vq_reap(&vq, &head), 1);
	assert_int_equal(head, 2);
	assert_int_equal(xw_vq_reap(&vq, &head), 1);
	assert_int_equal(head, 5);
	assert_int_equal(xw_vq_reap(&vq, &head), 0);
}

static void test_bad_head(void **s)
{
	struct xw_vq vq;
	uint16_t head = 0;

	(void)s;
	xw_vq_init(&vq, 8, mem, 0x40000000);
	xw_vq_post(&vq, 1, 0x40001000, 48);
	use(&vq, 8);
	use(&vq, 0xffffffffU);
	use(&vq, 1);
	assert_int_equal(xw_vq_reap(&vq, &head), -1);
	assert_int_equal(xw_vq_reap(&vq, &head), -1);
	/* Bad entries are consumed, not re-read forever. */
	assert_int_equal(xw_vq_reap(&vq, &head), 1);
	assert_int_equal(head, 1);
}

static void test_wrap(void **s)
{
	struct xw_vq vq;
	uint16_t head;
	uint32_t i;

	(void)s;
	xw_vq_init(&vq, 4, mem, 0x40000000);
	for (i = 0; i < 70000; i++) {
		xw_vq_post(&vq, (uint16_t)(i & 3), 0x40001000 + 64 * (i & 3), 32);
		assert_int_equal(vq.avail[2 + ((avail_idx(&vq) - 1) & 3)], i & 3);
		use(&vq, i & 3);
		assert_int_equal(xw_vq_reap(&vq, &head), 1);
		assert_int_equal(head, i & 3);
		assert_int_equal(xw_vq_reap(&vq, &head), 0);
	}
	assert_int_equal(avail_idx(&vq), (uint16_t)70000);
}

/*
 * A device (or hostile memory) that advances the used index while the driver
 * harvests: the driver reads the index once per harvest and takes at most
 * num entries, so `while (reap() == 1)` ends; what is left waits for the
 * next harvest and is taken in order there.
 */
static void test_harvest_bounded(void **s)
{
	struct xw_vq vq;
	uint16_t head = 0xffff;
	uint32_t i, n = 0;

	(void)s;
	xw_vq_init(&vq, 8, mem, 0x40000000);
	for (i = 0; i < 3; i++) {
		use(&vq, i);
	}
	/* Each entry taken makes the device publish another: without the cap this never ends. */
	while (n < 1000 && xw_vq_reap(&vq, &head) == 1) {
		assert_int_equal(head, n % 8);
		n++;
		use(&vq, (n + 2) % 8);
	}
	assert_int_equal(n, 3);
	/* The next harvest sees the three published meanwhile, in order. */
	for (i = 0; i < 3; i++) {
		assert_int_equal(xw_vq_reap(&vq, &head), 1);
		assert_int_equal(head, (3 + i) % 8);
	}
	assert_int_equal(xw_vq_reap(&vq, &head), 0);

	/* An index claiming more than the ring holds: one harvest takes num entries, no more. */
	xw_vq_init(&vq, 8, mem, 0x40000000);
	*(volatile uint16_t *)(vq.used + 2) = 40000;
	for (n = 0; n < 1000 && xw_vq_reap(&vq, &head) == 1; n++) {
	}
	assert_true(n <= 8);
	assert_int_equal(xw_vq_reap(&vq, &head), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_post_reap),
		cmocka_unit_test(test_bad_head),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_harvest_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
