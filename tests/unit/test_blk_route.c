// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where the block device's interrupt goes when CPUs come and go
 * (secure/services/blk_route.c): the routing decisions, and CPU_ON racing
 * CPU_OFF on the online mask with real threads, where a plain
 * read-modify-write in either path loses the other's bit. On x86 a plain
 * `and` to memory leaves that window so narrow that the lost bit itself is
 * rarely seen here; the TSan build (make test-tsan) reports the unsynchronised
 * update on the first overlap, so that is the run that catches a regression.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "../../secure/services/blk_route.h"

static void test_route_decisions(void **s)
{
	struct xw_blk_route r = XW_BLK_ROUTE_INIT;

	(void)s;
	/* Alone: the boot CPU going off has nowhere to send it. */
	assert_int_equal(xw_blk_route_cpu_off(&r, 0), -1);
	assert_int_equal(r.online, 0);
	xw_blk_route_cpu_on(&r, 0);
	xw_blk_route_cpu_on(&r, 3);
	xw_blk_route_cpu_on(&r, 2);
	assert_int_equal(r.online, 0xd);
	/* A CPU that is not the target goes: the interrupt stays. */
	assert_int_equal(xw_blk_route_cpu_off(&r, 2), -1);
	assert_int_equal(r.target, 0);
	/* The target goes: the lowest other online CPU takes it. */
	assert_int_equal(xw_blk_route_cpu_off(&r, 0), 3);
	assert_int_equal(r.target, 3);
	assert_int_equal(r.online, 0x8);
	/* Out of range: ignored, nothing changes. */
	xw_blk_route_cpu_on(&r, 32);
	assert_int_equal(xw_blk_route_cpu_off(&r, 40), -1);
	assert_int_equal(r.online, 0x8);
}

#define RACE_ROUNDS 2000000u
#define RACE_SECONDS 1

struct racer {
	struct xw_blk_route *r;
	unsigned int cpu;
	pthread_mutex_t *off_lock; /* the route lock: CPU_OFF calls are serialised */
	unsigned long lost;        /* our bit missing right after our CPU_ON */
	unsigned long rounds;
};

static uint64_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

/*
 * One CPU going on and off. Only this thread changes its own bit, so right
 * after its CPU_ON the bit must be set whatever the other CPU does; a CPU_OFF
 * that wrote back a stale mask would clear it.
 */
static void *racer_main(void *arg)
{
	struct racer *c = arg;
	uint64_t end = now_s() + RACE_SECONDS;

	for (c->rounds = 0; c->rounds < RACE_ROUNDS && c->lost == 0; c->rounds++) {
		xw_blk_route_cpu_on(c->r, c->cpu);
		if (!(__atomic_load_n(&c->r->online, __ATOMIC_RELAXED) & (1U << c->cpu))) {
			c->lost++;
		}
		pthread_mutex_lock(c->off_lock);
		xw_blk_route_cpu_off(c->r, c->cpu);
		pthread_mutex_unlock(c->off_lock);
		if ((c->rounds & 4095) == 0 && now_s() > end) {
			break;
		}
	}
	return NULL;
}

static void test_on_races_off(void **s)
{
	struct xw_blk_route r = XW_BLK_ROUTE_INIT;
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	/* CPU_OFFs share the lock, as the arch glue's route lock; CPU_ONs take none. */
	struct racer a = { .r = &r, .cpu = 1, .off_lock = &m };
	struct racer b = { .r = &r, .cpu = 2, .off_lock = &m };
	pthread_t ta, tb;

	(void)s;
	assert_int_equal(pthread_create(&ta, NULL, racer_main, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, racer_main, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	print_message("on/off race: %lu + %lu rounds, bits lost %lu + %lu\n", a.rounds, b.rounds,
		      a.lost, b.lost);
	assert_int_equal(a.lost + b.lost, 0);
	/* Every CPU that went off is off again; the boot CPU never left. */
	assert_int_equal(r.online, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_decisions),
		cmocka_unit_test(test_on_races_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
