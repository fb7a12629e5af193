// SPDX-License-Identifier: BSD-2-Clause
/* The per-CPU PSCI state machine, including many off/on cycles and races. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../monitor/core/psci.h"
#include "xw/err.h"
#include "xw/smc.h"

#define ENTRY 0x40280000ULL

static void init_rejects_bad_counts(void **state)
{
	struct xw_psci p;

	(void)state;
	assert_int_equal(xw_psci_init(&p, 0, 0), XW_EINVAL);
	assert_int_equal(xw_psci_init(&p, XW_PSCI_MAX_CPUS + 1, 0), XW_EINVAL);
	assert_int_equal(xw_psci_init(&p, 2, 2), XW_EINVAL);
	assert_int_equal(xw_psci_init(&p, 4, 0), XW_OK);
	assert_int_equal(xw_psci_affinity_info(&p, 0, 0), XW_PSCI_AFF_ON);
	assert_int_equal(xw_psci_affinity_info(&p, 3, 0), XW_PSCI_AFF_OFF);
	assert_int_equal(xw_psci_affinity_info(&p, 4, 0), XW_PSCI_INVALID_PARAMETERS);
	assert_int_equal(xw_psci_affinity_info(&p, 1, 1), XW_PSCI_INVALID_PARAMETERS);
}

static void cpu_on_validates(void **state)
{
	struct xw_psci p;

	(void)state;
	xw_psci_init(&p, 2, 0);
	assert_int_equal(xw_psci_cpu_on(&p, 2, ENTRY, 0), XW_PSCI_INVALID_PARAMETERS);
	assert_int_equal(xw_psci_cpu_on(&p, 0x100, ENTRY, 0), XW_PSCI_INVALID_PARAMETERS);
	assert_int_equal(xw_psci_cpu_on(&p, 1, 0x0e000000, 0), XW_PSCI_INVALID_ADDRESS);
	assert_int_equal(xw_psci_cpu_on(&p, 1, ENTRY + 2, 0), XW_PSCI_INVALID_ADDRESS);
	assert_int_equal(xw_psci_cpu_on(&p, 1, ~0ULL & ~3ULL, 0), XW_PSCI_INVALID_ADDRESS);
	assert_int_equal(xw_psci_cpu_on(&p, 0, ENTRY, 0), XW_PSCI_ALREADY_ON);
	/* A failed request leaves the CPU off. */
	assert_int_equal(xw_psci_affinity_info(&p, 1, 0), XW_PSCI_AFF_OFF);
	/* Bit 31 of MPIDR (RES1) is ignored. */
	assert_int_equal(xw_psci_cpu_on(&p, 0x80000001ULL, ENTRY, 7), XW_PSCI_SUCCESS);
	assert_int_equal(xw_psci_cpu_on(&p, 1, ENTRY, 7), XW_PSCI_ON_PENDING);
	assert_int_equal(xw_psci_affinity_info(&p, 1, 0), XW_PSCI_AFF_ON_PENDING);
}

static void off_on_cycles(void **state)
{
	struct xw_psci p;
	uint64_t entry, ctx;
	int i;

	(void)state;
	xw_psci_init(&p, 4, 0);
	assert_int_equal(xw_psci_on_finish(&p, 2, &entry, &ctx), XW_EINVAL);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(xw_psci_cpu_on(&p, 2, ENTRY + 4 * (uint64_t)i, (uint64_t)i),
				 XW_PSCI_SUCCESS);
		assert_int_equal(xw_psci_on_finish(&p, 2, &entry, &ctx), XW_OK);
		assert_int_equal(entry, ENTRY + 4 * (uint64_t)i);
		assert_int_equal(ctx, (uint64_t)i);
		assert_int_equal(xw_psci_affinity_info(&p, 2, 0), XW_PSCI_AFF_ON);
		assert_int_equal(xw_psci_cpu_on(&p, 2, ENTRY, 0), XW_PSCI_ALREADY_ON);
		assert_int_equal(xw_psci_cpu_off(&p, 2), XW_PSCI_SUCCESS);
		assert_int_equal(xw_psci_affinity_info(&p, 2, 0), XW_PSCI_AFF_OFF);
		assert_int_equal(xw_psci_cpu_off(&p, 2), XW_PSCI_DENIED);
	}
}

static void last_cpu_cannot_go_off(void **state)
{
	struct xw_psci p;
	uint64_t e, c;

	(void)state;
	xw_psci_init(&p, 2, 0);
	assert_int_equal(xw_psci_cpu_off(&p, 0), XW_PSCI_DENIED);
	xw_psci_cpu_on(&p, 1, ENTRY, 0);
	xw_psci_on_finish(&p, 1, &e, &c);
	assert_int_equal(xw_psci_cpu_off(&p, 0), XW_PSCI_SUCCESS);
	assert_int_equal(xw_psci_cpu_off(&p, 1), XW_PSCI_DENIED);
}

/* Two requesters race to turn the same CPU on; each success is consumed once. */
struct race {
	struct xw_psci *p;
	pthread_mutex_t *lock;
	int wins;
	int stop;
	int finished;
};

static void *racer(void *arg)
{
	struct race *r = arg;
	int i;

	for (i = 0; i < 2000; i++) {
		pthread_mutex_lock(r->lock);
		if (xw_psci_cpu_on(r->p, 1, ENTRY, 0) == XW_PSCI_SUCCESS) {
			r->wins++;
		}
		pthread_mutex_unlock(r->lock);
	}
	return NULL;
}

static void *target(void *arg)
{
	struct race *r = arg;
	uint64_t e, c;

	/* The woken CPU polls its state without the lock, as the monitor's pen does. */
	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		if (xw_psci_state(r->p, 1) == XW_PSCI_STATE_ON_PENDING) {
			pthread_mutex_lock(r->lock);
			if (xw_psci_on_finish(r->p, 1, &e, &c) == XW_OK &&
			    xw_psci_cpu_off(r->p, 1) == XW_PSCI_SUCCESS) {
				r->finished++;
			}
			pthread_mutex_unlock(r->lock);
		}
	}
	return NULL;
}

static void concurrent_cpu_on(void **state)
{
	struct xw_psci p;
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct race a = { &p, &lock, 0, 0, 0 }, b = { &p, &lock, 0, 0, 0 };
	pthread_t ta, tb, tt;

	(void)state;
	xw_psci_init(&p, 2, 0);
	pthread_create(&tt, NULL, target, &a);
	pthread_create(&ta, NULL, racer, &a);
	pthread_create(&tb, NULL, racer, &b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	while (xw_psci_state(&p, 1) == XW_PSCI_STATE_ON_PENDING) {
	}
	__atomic_store_n(&a.stop, 1, __ATOMIC_RELEASE);
	pthread_join(tt, NULL);
	assert_true(a.wins + b.wins > 0);
	assert_int_equal(a.finished, a.wins + b.wins);
	assert_int_equal(xw_psci_affinity_info(&p, 1, 0), XW_PSCI_AFF_OFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_rejects_bad_counts),
		cmocka_unit_test(cpu_on_validates),
		cmocka_unit_test(off_on_cycles),
		cmocka_unit_test(last_cpu_cannot_go_off),
		cmocka_unit_test(concurrent_cpu_on),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
