// SPDX-License-Identifier: BSD-2-Clause
/* The monitor's SMC dispatcher: owner routing, arch, SiP and PSCI calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../monitor/core/dispatch.h"
#include "xw/err.h"
#include "xw/smc.h"

#define S64(v) ((uint64_t)(int64_t)(v))
#define ENTRY 0x40280000ULL

static struct xw_mon m;
static struct xw_mon_counters counters[4];

static int setup(void **state)
{
	(void)state;
	memset(counters, 0, sizeof(counters));
	return xw_mon_init(&m, 4, 0, counters);
}

static struct xw_mon_action run(unsigned int self, uint64_t x0, uint64_t x1,
				uint64_t x2, uint64_t x3)
{
	uint64_t x[8] = { x0, x1, x2, x3, 0, 0, 0, 0 };
	struct xw_mon_action a;

	memset(&a, 0x5a, sizeof(a)); /* the dispatcher must set every field it uses */
	xw_mon_dispatch(&m, self, x, &a);
	return a;
}

static void expect_unk(uint64_t fid)
{
	struct xw_mon_action a = run(0, fid, 1, 2, 3);

	assert_int_equal(a.kind, XW_MON_RETURN);
	assert_int_equal(a.nret, 1); /* x1..x3 stay as the caller had them */
	assert_int_equal(a.ret[0], S64(XW_SMC_UNK));
	assert_int_equal(a.wake, XW_MON_NO_WAKE);
}

static void unknown_calls(void **state)
{
	(void)state;
	expect_unk(0x83000000);                 /* OEM */
	expect_unk(0x81000000);                 /* CPU service */
	expect_unk(0x85000000);                 /* standard hypervisor */
	expect_unk(0x86000000);                 /* vendor hypervisor UID */
	expect_unk(0x04000000);                 /* yielding PSCI */
	expect_unk(0x02000001);                 /* yielding SiP */
	expect_unk(0x8200abcd);                 /* unknown SiP */
	expect_unk(0x80001234);                 /* unknown arch */
	expect_unk(XW_SMC_ADD64 | (1U << 20));  /* reserved bit in a fast call */
	expect_unk(0x84000077);                 /* unknown PSCI: NOT_SUPPORTED == -1 */
}

static void routes_trusted_os_to_secure_kernel(void **state)
{
	(void)state;
	assert_int_equal(run(0, XW_SMC_ADD64, 0, 0, 0).kind, XW_MON_TO_SK_FAST);
	assert_int_equal(run(0, XW_SMC_ADD64_YIELD, 0, 0, 0).kind, XW_MON_TO_SK_YIELD);
	assert_int_equal(run(0, 0xb2000000, 0, 0, 0).kind, XW_MON_TO_SK_FAST); /* OP-TEE */
	assert_int_equal(run(0, 0xbf00ff01, 0, 0, 0).kind, XW_MON_TO_SK_FAST);
	assert_int_equal(run(0, 0xb0000000, 0, 0, 0).kind, XW_MON_TO_SK_FAST); /* TA */
	assert_int_equal(run(0, 0xaf000000, 0, 0, 0).kind, XW_MON_RETURN);     /* OEN 47 */
}

static void arch_calls(void **state)
{
	struct xw_mon_action a;

	(void)state;
	assert_int_equal(run(0, XW_SMCCC_VERSION, 0, 0, 0).ret[0], XW_SMCCC_VERSION_1_1);
	a = run(0, XW_SMCCC_ARCH_FEATURES, XW_SMCCC_ARCH_FEATURES, 0, 0);
	assert_int_equal(a.ret[0], 0);
	a = run(0, XW_SMCCC_ARCH_FEATURES, XW_SMCCC_ARCH_WORKAROUND_1, 0, 0);
	assert_int_equal(a.ret[0], S64(XW_SMCCC_NOT_SUPPORTED));
}

static void sip_calls(void **state)
{
	struct xw_mon_action a;

	(void)state;
	a = run(0, XW_SIP_CALL_UID, 0, 0, 0);
	assert_int_equal(a.nret, 4);
	assert_int_equal(a.ret[0], XW_SIP_UID_0);
	assert_int_equal(a.ret[3], XW_SIP_UID_3);
	counters[2].to_secure = 11;
	counters[2].from_secure = 10;
	counters[2].ns_smcs = 99;
	a = run(0, XW_SIP_WORLD_SWITCHES, 2, 0, 0);
	assert_int_equal(a.ret[0], 0);
	assert_int_equal(a.ret[1], 11);
	assert_int_equal(a.ret[2], 10);
	assert_int_equal(a.ret[3], 99);
	/* SMC32: the upper half of w1 does not count; SMC64: it does. */
	assert_int_equal(run(0, XW_SIP_WORLD_SWITCHES, 0x100000002ULL, 0, 0).ret[1], 11);
	assert_int_equal(run(0, XW_SIP_WORLD_SWITCHES64, 0x100000002ULL, 0, 0).ret[0],
			 S64(XW_EINVAL));
	assert_int_equal(run(0, XW_SIP_WORLD_SWITCHES, 4, 0, 0).ret[0], S64(XW_EINVAL));
	/* Entry paths (borrowed, own, TLB invalidations): same CPU-index rules. */
	counters[2].borrowed = 7;
	counters[2].own_regime = 4;
	counters[2].sk_tlbi = 1;
	a = run(0, XW_SIP_SWITCH_PATHS, 2, 0, 0);
	assert_int_equal(a.ret[0], 0);
	assert_int_equal(a.ret[1], 7);
	assert_int_equal(a.ret[2], 4);
	assert_int_equal(a.ret[3], 1);
	assert_int_equal(run(0, XW_SIP_SWITCH_PATHS, 0x100000002ULL, 0, 0).ret[1], 7);
	assert_int_equal(run(0, XW_SIP_SWITCH_PATHS64, 0x100000002ULL, 0, 0).ret[0],
			 S64(XW_EINVAL));
	assert_int_equal(run(0, XW_SIP_SWITCH_PATHS, 4, 0, 0).ret[0], S64(XW_EINVAL));
	/* Entry causes (fast calls, yielding calls, secure interrupts): same rules. */
	counters[2].fast_calls = 21;
	counters[2].yield_calls = 3;
	counters[2].fiqs = 5;
	a = run(0, XW_SIP_ENTRY_CAUSES, 2, 0, 0);
	assert_int_equal(a.kind, XW_MON_RETURN);
	assert_int_equal(a.nret, 4);
	assert_int_equal(a.ret[0], 0);
	assert_int_equal(a.ret[1], 21);
	assert_int_equal(a.ret[2], 3);
	assert_int_equal(a.ret[3], 5);
	assert_int_equal(run(0, XW_SIP_ENTRY_CAUSES, 0x100000002ULL, 0, 0).ret[1], 21);
	assert_int_equal(run(0, XW_SIP_ENTRY_CAUSES64, 0x100000002ULL, 0, 0).ret[0],
			 S64(XW_EINVAL));
	assert_int_equal(run(0, XW_SIP_ENTRY_CAUSES, 4, 0, 0).ret[0], S64(XW_EINVAL));
	/* The benchmark's floor: answered in EL3 after the NS flip, x0 only. */
	a = run(0, XW_SIP_NS_FLIP, 7, 8, 9);
	assert_int_equal(a.kind, XW_MON_NS_FLIP);
	assert_int_equal(a.nret, 1);
	assert_int_equal(a.ret[0], 0);
	/* Its SMC64 and yielding forms are not functions of the monitor. */
	a = run(0, XW_SIP_NS_FLIP | 0x40000000U, 0, 0, 0);
	assert_int_equal(a.kind, XW_MON_RETURN);
	assert_int_equal(a.ret[0], S64(XW_SMC_UNK));
	assert_int_equal(run(0, XW_SIP_NS_FLIP & ~0x80000000U, 0, 0, 0).kind, XW_MON_RETURN);
}

static void psci_calls(void **state)
{
	struct xw_mon_action a;

	(void)state;
	assert_int_equal(run(0, XW_PSCI_VERSION, 0, 0, 0).ret[0], XW_PSCI_VERSION_1_1);
	assert_int_equal(run(0, XW_PSCI_FEATURES, XW_PSCI_CPU_ON64, 0, 0).ret[0], 0);
	assert_int_equal(run(0, XW_PSCI_FEATURES, XW_SMCCC_VERSION, 0, 0).ret[0], 0);
	assert_int_equal(run(0, XW_PSCI_FEATURES, XW_PSCI_CPU_SUSPEND, 0, 0).ret[0],
			 S64(XW_PSCI_NOT_SUPPORTED));
	assert_int_equal(run(0, XW_PSCI_MIGRATE_INFO_TYPE, 0, 0, 0).ret[0], 2);

	a = run(0, XW_PSCI_CPU_ON64, 3, ENTRY, 42);
	assert_int_equal(a.ret[0], 0);
	assert_int_equal(a.wake, 3);
	a = run(0, XW_PSCI_CPU_ON64, 3, ENTRY, 42);
	assert_int_equal(a.ret[0], S64(XW_PSCI_ON_PENDING));
	assert_int_equal(a.wake, XW_MON_NO_WAKE);
	assert_int_equal(run(0, XW_PSCI_AFFINITY_INFO, 3, 0, 0).ret[0], XW_PSCI_AFF_ON_PENDING);
	/* SMC32 CPU_ON: entry is a W register. */
	a = run(0, XW_PSCI_CPU_ON, 2, 0xffffffff00000000ULL | ENTRY, 0);
	assert_int_equal(a.ret[0], 0);

	/* CPU_OFF from a CPU that is not on is denied; CPUs 2, 3 pending: 0 may go. */
	assert_int_equal(run(1, XW_PSCI_CPU_OFF, 0, 0, 0).ret[0], S64(XW_PSCI_DENIED));
	assert_int_equal(run(0, XW_PSCI_CPU_OFF, 0, 0, 0).kind, XW_MON_CPU_OFF);

	assert_int_equal(run(0, XW_PSCI_SYSTEM_OFF, 0, 0, 0).kind, XW_MON_SYSTEM_OFF);
	assert_int_equal(run(0, XW_PSCI_SYSTEM_RESET, 0, 0, 0).kind, XW_MON_SYSTEM_RESET);
}

static void cpu_off_with_company(void **state)
{
	uint64_t e, c;

	(void)state;
	assert_int_equal(run(0, XW_PSCI_CPU_OFF, 0, 0, 0).ret[0], S64(XW_PSCI_DENIED));
	assert_int_equal(run(0, XW_PSCI_CPU_ON64, 1, ENTRY, 0).ret[0], 0);
	assert_int_equal(xw_psci_on_finish(&m.psci, 1, &e, &c), 0);
	assert_int_equal(run(1, XW_PSCI_CPU_OFF, 0, 0, 0).kind, XW_MON_CPU_OFF);
	assert_int_equal(run(0, XW_PSCI_AFFINITY_INFO, 1, 0, 0).ret[0], XW_PSCI_AFF_OFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(unknown_calls, setup),
		cmocka_unit_test_setup(routes_trusted_os_to_secure_kernel, setup),
		cmocka_unit_test_setup(arch_calls, setup),
		cmocka_unit_test_setup(sip_calls, setup),
		cmocka_unit_test_setup(psci_calls, setup),
		cmocka_unit_test_setup(cpu_off_with_company, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
