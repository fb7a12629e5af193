// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware smoke test, normal-world side: exercises the monitor's SMCCC,
 * PSCI and SiP calls and the secure kernel's calls, prints PASS/FAIL lines
 * on the PL011 and ends with PSCI SYSTEM_OFF. Runs with the MMU off.
 */
#include <stdint.h>

#include "xw/err.h"
#include "xw/smc.h"

#define UART 0x09000000UL
#define MAX_CPUS 8
#define HOTPLUG_CYCLES 100
#define UNK ((uint64_t)(int64_t)XW_SMC_UNK)
#define S64(v) ((uint64_t)(int64_t)(v))

struct smc_res {
	uint64_t x[4];
};

struct smc_res smc(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
		   uint64_t x4, uint64_t x5, uint64_t x6, uint64_t x7);
uint64_t smc_clobbers(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3);
struct smc_res aarch32_smc(uint64_t r0, uint64_t r1, uint64_t r2, uint64_t r3);
void smoke_secondary_entry(void);
void smoke_main(void);
void smoke_secondary(uint64_t cpu);

static volatile uint32_t done[MAX_CPUS];
static volatile uint32_t good[MAX_CPUS];
/* A secondary holds off CPU_OFF until the boot CPU has probed its CPU_ON state. */
static volatile uint32_t release[MAX_CPUS];
static unsigned int passed, failed;

static struct smc_res call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return smc(fid, a1, a2, a3, 0, 0, 0, 0);
}

static void putc_(char c)
{
	volatile uint32_t *u = (volatile uint32_t *)UART;

	while (u[0x18 / 4] & (1U << 5)) {
	}
	u[0] = (uint8_t)c;
}

static void puts_(const char *s)
{
	while (*s != '\0') {
		putc_(*s++);
	}
}

static void putx(uint64_t v)
{
	int i;

	puts_("0x");
	for (i = 60; i >= 0; i -= 4) {
		putc_("0123456789abcdef"[(v >> i) & 0xf]);
	}
}

static void putu(uint64_t v)
{
	char b[24];
	int n = 0;

	do {
		b[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0) {
		putc_(b[--n]);
	}
}

static void check(const char *name, int ok, uint64_t got)
{
	if (ok) {
		passed++;
		puts_("PASS ");
		puts_(name);
	} else {
		failed++;
		puts_("FAIL ");
		puts_(name);
		puts_(": got ");
		putx(got);
	}
	puts_("\n");
}

static uint64_t now(void)
{
	uint64_t v;

	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

static uint64_t freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static void delay_ms(uint64_t ms)
{
	uint64_t end = now() + freq() / 1000 * ms;

	while (now() < end) {
	}
}

/* Wait for *flag to become non-zero; 0 on timeout. */
static int wait_flag(volatile uint32_t *flag, uint64_t ms)
{
	uint64_t end = now() + freq() / 1000 * ms;

	while (*flag == 0) {
		if (now() > end) {
			return 0;
		}
	}
	return 1;
}

static int wait_off(uint64_t cpu, uint64_t ms)
{
	uint64_t end = now() + freq() / 1000 * ms;

	while (call(XW_PSCI_AFFINITY_INFO, cpu, 0, 0).x[0] != XW_PSCI_AFF_OFF) {
		if (now() > end) {
			return 0;
		}
	}
	return 1;
}

void smoke_secondary(uint64_t cpu)
{
	struct smc_res r;
	int ok = 1;

	r = call(XW_SMC_CALL_UID, 0, 0, 0);
	ok &= r.x[0] == XW_SMC_UID_0 && r.x[3] == XW_SMC_UID_3;
	r = call(XW_SMC_ADD64, cpu, cpu * 100, cpu * 10000);
	ok &= r.x[0] == XW_SMC_OK && r.x[1] == cpu * 10101;
	r = call(XW_SMC_CALL_COUNT, cpu, 0, 0);
	ok &= r.x[0] == XW_SMC_OK && r.x[1] >= 3;
	r = call(XW_SIP_WORLD_SWITCHES, cpu, 0, 0);
	ok &= r.x[0] == XW_SMC_OK && r.x[1] >= 4 && r.x[3] >= 4;
	ok &= smc_clobbers(XW_SMC_ADD64, 1, 2, 3) == 0;
	good[cpu] = (uint32_t)ok;
	__asm__ volatile("dsb sy" ::: "memory");
	done[cpu] = 1;
	while (!release[cpu]) {
		__asm__ volatile("wfe");
	}
	r = call(XW_PSCI_CPU_OFF, 0, 0, 0);
	/* CPU_OFF returned: record it; the boot CPU reports the failure. */
	good[cpu] = 0;
	done[cpu] = 2;
	for (;;) {
		__asm__ volatile("wfe");
	}
}

static void arch_and_psci(void)
{
	struct smc_res r;

	check("smccc_version", call(XW_SMCCC_VERSION, 0, 0, 0).x[0] == 0x10001,
	      call(XW_SMCCC_VERSION, 0, 0, 0).x[0]);
	r = call(XW_SMCCC_ARCH_FEATURES, XW_SMCCC_VERSION, 0, 0);
	check("smccc_arch_features_known", r.x[0] == 0, r.x[0]);
	r = call(XW_SMCCC_ARCH_FEATURES, 0x80001234, 0, 0);
	check("smccc_arch_features_unknown", r.x[0] == UNK, r.x[0]);
	r = call(XW_PSCI_VERSION, 0, 0, 0);
	check("psci_version_1_1", r.x[0] == XW_PSCI_VERSION_1_1, r.x[0]);
	r = call(XW_PSCI_FEATURES, XW_PSCI_CPU_ON64, 0, 0);
	check("psci_features_cpu_on", r.x[0] == 0, r.x[0]);
	r = call(XW_PSCI_FEATURES, XW_SMCCC_VERSION, 0, 0);
	check("psci_features_smccc_version", r.x[0] == 0, r.x[0]);
	r = call(XW_PSCI_FEATURES, XW_PSCI_CPU_SUSPEND, 0, 0);
	check("psci_features_unsupported", r.x[0] == S64(XW_PSCI_NOT_SUPPORTED), r.x[0]);
	r = call(XW_PSCI_MIGRATE_INFO_TYPE, 0, 0, 0);
	check("psci_migrate_info_type", r.x[0] == 2, r.x[0]);
	r = call(XW_PSCI_AFFINITY_INFO, 0, 0, 0);
	check("psci_affinity_self_on", r.x[0] == XW_PSCI_AFF_ON, r.x[0]);
	r = call(XW_PSCI_AFFINITY_INFO, 0, 1, 0);
	check("psci_affinity_level1_invalid", r.x[0] == S64(XW_PSCI_INVALID_PARAMETERS), r.x[0]);
	r = call(XW_PSCI_CPU_ON64, 0, 0x0e000000, 0);
	check("psci_cpu_on_secure_entry", r.x[0] == S64(XW_PSCI_INVALID_ADDRESS), r.x[0]);
	r = call(XW_PSCI_CPU_ON64, 0, (uint64_t)(uintptr_t)smoke_secondary_entry, 0);
	check("psci_cpu_on_self", r.x[0] == S64(XW_PSCI_ALREADY_ON), r.x[0]);
	r = call(XW_PSCI_CPU_ON64, 0x100, (uint64_t)(uintptr_t)smoke_secondary_entry, 0);
	check("psci_cpu_on_absent", r.x[0] == S64(XW_PSCI_INVALID_PARAMETERS), r.x[0]);
	r = call(XW_SIP_CALL_UID, 0, 0, 0);
	check("sip_uid", r.x[0] == XW_SIP_UID_0 && r.x[1] == XW_SIP_UID_1 &&
	      r.x[2] == XW_SIP_UID_2 && r.x[3] == XW_SIP_UID_3, r.x[0]);
	r = call(XW_SIP_WORLD_SWITCHES, 99, 0, 0);
	check("sip_switches_bad_cpu", r.x[0] == S64(XW_EINVAL), r.x[0]);
}

static void secure_calls(void)
{
	struct smc_res r, a, b;
	uint64_t t0, t1;

	r = call(XW_SMC_CALL_UID, 0, 0, 0);
	check("xw_uid", r.x[0] == XW_SMC_UID_0 && r.x[1] == XW_SMC_UID_1 &&
	      r.x[2] == XW_SMC_UID_2 && r.x[3] == XW_SMC_UID_3, r.x[0]);
	r = call(XW_SMC_REVISION, 0, 0, 0);
	check("xw_revision", r.x[0] == XW_SMC_REVISION_MAJOR &&
	      r.x[1] == XW_SMC_REVISION_MINOR, r.x[0]);
	r = call(XW_SMC_CAPABILITIES, 0, 0, 0);
	check("xw_capabilities", r.x[0] == 0 && r.x[1] == (XW_CAP_YIELDING |
	      XW_CAP_SECURE_TIMER | XW_CAP_CALL_COUNT), r.x[1]);
	r = call(XW_SMC_ADD64, 1, 2, 3);
	check("xw_add64", r.x[0] == 0 && r.x[1] == 6 && r.x[2] == 0, r.x[1]);
	r = call(XW_SMC_ADD64, ~0ULL, ~0ULL, 2);
	check("xw_add64_overflow", r.x[0] == 0 && r.x[1] == 0 && r.x[2] == 2, r.x[1]);
	r = call(XW_SMC_ADD32, 0xffffffffULL, 1, 0xdead00000005ULL);
	check("xw_add32_wraps", r.x[0] == 0 && r.x[1] == 5 && r.x[2] == 1, r.x[1]);

	a = call(XW_SMC_CALL_COUNT, 0, 0, 0);
	r = call(XW_SMC_ADD64_YIELD, 10, 20, 30);
	b = call(XW_SMC_CALL_COUNT, 0, 0, 0);
	check("xw_add64_yielding", r.x[0] == 0 && r.x[1] == 60, r.x[1]);
	check("xw_call_count", a.x[0] == 0 && b.x[1] == a.x[1] + 1 &&
	      b.x[2] == a.x[2] + 1, b.x[1] - a.x[1]);

	/* Unknown calls: SMC_UNK, the other registers untouched, nothing counted. */
	a = call(XW_SMC_CALL_COUNT, 0, 0, 0);
	r = call(0xb300beef, 0x11, 0x22, 0x33);
	check("xw_unknown_fid", r.x[0] == UNK && r.x[1] == 0x11 && r.x[2] == 0x22 &&
	      r.x[3] == 0x33, r.x[0]);
	r = call(0x33000001, 0x11, 0x22, 0x33); /* CAPABILITIES is fast-only */
	check("xw_yielding_not_allowed", r.x[0] == UNK, r.x[0]);
	r = call(0xb3020002, 1, 2, 3); /* bit 17 set in a fast call */
	check("malformed_fast_fid", r.x[0] == UNK, r.x[0]);
	b = call(XW_SMC_CALL_COUNT, 0, 0, 0);
	check("unknown_counts_nothing", b.x[1] == a.x[1] + 1 && b.x[2] == a.x[2],
	      b.x[1] - a.x[1]);
	r = call(0x83000000, 0x11, 0x22, 0x33);
	check("oem_owner_unknown", r.x[0] == UNK && r.x[1] == 0x11, r.x[0]);
	/* Owners 50/63 belong to the OP-TEE front end: its UID; SMC32 unknowns are W0 = -1. */
	r = call(0xbf00ff01, 0, 0, 0);
	check("optee_calls_uid", r.x[0] == 0x384fb3e0 && r.x[3] == 0xa5d5c51b, r.x[0]);
	r = call(0xb20000ff, 0, 0, 0);
	check("optee_owner_unknown", r.x[0] == 0xffffffffU, r.x[0]);
	r = call(0x04000000, 0, 0, 0);
	check("yielding_psci_unknown", r.x[0] == UNK, r.x[0]);
	r = call(0x8200abcd, 0, 0, 0);
	check("sip_unknown", r.x[0] == UNK, r.x[0]);
	r = call(XW_SMC_CALL_COUNT, 99, 0, 0);
	check("xw_call_count_bad_cpu", r.x[0] == S64(XW_EINVAL), r.x[0]);

	check("regs_preserved_secure_call", smc_clobbers(XW_SMC_ADD64, 1, 2, 3) == 0,
	      smc_clobbers(XW_SMC_ADD64, 1, 2, 3));
	check("regs_preserved_psci", smc_clobbers(XW_PSCI_VERSION, 0, 0, 0) == 0,
	      smc_clobbers(XW_PSCI_VERSION, 0, 0, 0));
	check("regs_preserved_unknown", smc_clobbers(0xb300beef, 0, 0, 0) == 0,
	      smc_clobbers(0xb300beef, 0, 0, 0));

	a = call(XW_SIP_WORLD_SWITCHES, 0, 0, 0);
	call(XW_SMC_ADD64, 1, 1, 1);
	b = call(XW_SIP_WORLD_SWITCHES, 0, 0, 0);
	check("sip_world_switches", a.x[0] == 0 && b.x[3] == a.x[3] + 2 &&
	      b.x[1] >= a.x[1] + 1 && a.x[1] == a.x[2] && b.x[1] == b.x[2],
	      b.x[1] - a.x[1]);
	/*
	 * This payload runs with its MMU off, so its SCTLR_EL1 must never be
	 * borrowed (docs/boot.md "World switch"): every secure entry so far took
	 * the own-regime path, and the secure kernel still answered.
	 */
	r = call(XW_SIP_SWITCH_PATHS, 0, 0, 0);
	check("sk_own_regime_mmu_off", r.x[0] == 0 && r.x[1] == 0 && r.x[2] >= 10, r.x[1]);

	/* The secure timer ticks while the normal world runs. */
	t0 = call(XW_SMC_TIMER_TICKS, XW_CPU_ALL, 0, 0).x[1];
	delay_ms(500);
	r = call(XW_SMC_TIMER_TICKS, XW_CPU_ALL, 0, 0);
	t1 = r.x[1];
	check("secure_timer_ticks", r.x[0] == 0 && r.x[2] == 100 && t1 >= t0 + 3, t1 - t0);
	puts_("secure ticks in 500 ms: ");
	putu(t1 - t0);
	puts_("\n");
	r = call(XW_SMC_TIMER_TICKS, 0, 0, 0);
	check("secure_timer_ticks_cpu0", r.x[0] == 0 && r.x[1] > 0, r.x[1]);
}

#define SYSREG(name) ({ uint64_t __v; __asm__ volatile("mrs %0, " name : "=r"(__v)); __v; })
#define ID_FIELD(v, shift) (((v) >> (shift)) & 0xfU)

/*
 * Optional CPU features the monitor must leave untrapped for the normal
 * world (docs/boot.md, "Traps to EL3"): with -cpu max each instruction below
 * used to trap to EL3 and stop the CPU. On a CPU without them: SKIP.
 */
static void cpu_features(void)
{
	uint64_t pfr0 = SYSREG("id_aa64pfr0_el1"), pfr1 = SYSREG("id_aa64pfr1_el1");
	uint64_t isar1 = SYSREG("id_aa64isar1_el1"), isar2 = SYSREG("s3_0_c0_c6_2");
	uint64_t cpacr = SYSREG("cpacr_el1") | (3UL << 20); /* FPEN */
	register uint64_t x0 __asm__("x0");
	uint64_t a, b;

	if (ID_FIELD(pfr0, 32) != 0) {
		cpacr |= 3UL << 16; /* ZEN */
	}
	if (ID_FIELD(pfr1, 24) != 0) {
		cpacr |= 3UL << 24; /* SMEN */
	}
	__asm__ volatile("msr cpacr_el1, %0\n isb" : : "r"(cpacr));
	if (ID_FIELD(pfr0, 32) != 0) {
		__asm__ volatile(".inst 0x04bf5020" : "=r"(x0)); /* rdvl x0, #1 */
		check("ns_sve_untrapped", x0 >= 16 && x0 % 16 == 0, x0);
	} else {
		puts_("SKIP ns_sve_untrapped: no SVE\n");
	}
	if (ID_FIELD(pfr1, 24) != 0) {
		__asm__ volatile(".inst 0x04bf5820" : "=r"(x0)); /* rdsvl x0, #1 */
		check("ns_sme_untrapped", x0 >= 16 && x0 % 16 == 0, x0);
	} else {
		puts_("SKIP ns_sme_untrapped: no SME\n");
	}
	if (ID_FIELD(isar1, 24) != 0 || ID_FIELD(isar1, 28) != 0 || ID_FIELD(isar2, 8) != 0) {
		/* APGAKey, then pacga x0, x1, x2 twice: same inputs, same code. */
		__asm__ volatile("msr s3_0_c2_c3_0, %0\n msr s3_0_c2_c3_1, %1\n isb"
				 : : "r"(0x0123456789abcdefUL), "r"(0xfedcba9876543210UL));
		__asm__ volatile("mov x1, #0x1000\n mov x2, #42\n .inst 0x9ac23020\n mov %0, x0"
				 : "=r"(a) : : "x0", "x1", "x2");
		__asm__ volatile("mov x1, #0x1000\n mov x2, #42\n .inst 0x9ac23020\n mov %0, x0"
				 : "=r"(b) : : "x0", "x1", "x2");
		check("ns_pauth_untrapped", a == b && (a & 0xffffffffU) == 0 && a != 0, a);
	} else {
		puts_("SKIP ns_pauth_untrapped: no generic pointer authentication\n");
	}
}

/*
 * SMCs from an AArch32 caller (docs/abi-smc.md): only at EL2, which can run
 * its EL1 in AArch32. The monitor must answer SMC32 IDs with the W-register
 * convention and SMC64 IDs with SMC_UNK, and hand SMC32 calls for the
 * secure kernel on.
 */
static void aarch32_callers(uint64_t el)
{
	struct smc_res r;

	if (el != 2) {
		puts_("SKIP aarch32_smc: no EL2 to run an AArch32 EL1\n");
		return;
	}
	r = aarch32_smc(XW_PSCI_VERSION, 0, 0, 0);
	check("aarch32_smc32_psci_version", (uint32_t)r.x[0] == XW_PSCI_VERSION_1_1, r.x[0]);
	r = aarch32_smc(XW_PSCI_CPU_ON64, 1, 0x40200000, 0);
	check("aarch32_smc64_id_unknown", (uint32_t)r.x[0] == 0xffffffffU &&
	      (uint32_t)r.x[1] == 1, r.x[0]);
	r = call(XW_PSCI_AFFINITY_INFO, 1, 0, 0);
	check("aarch32_smc64_did_nothing", r.x[0] == XW_PSCI_AFF_OFF ||
	      r.x[0] == S64(XW_PSCI_INVALID_PARAMETERS), r.x[0]);
	r = aarch32_smc(XW_SMC_ADD32, 0xffffffffU, 1, 5);
	check("aarch32_smc32_secure_add32", (uint32_t)r.x[0] == 0 && (uint32_t)r.x[1] == 5 &&
	      (uint32_t)r.x[2] == 1, r.x[1]);
}

static unsigned int secondaries(void)
{
	struct smc_res r;
	uint64_t entry = (uint64_t)(uintptr_t)smoke_secondary_entry;
	unsigned int cpu, online = 1, i;
	int ok;

	for (cpu = 1; cpu < MAX_CPUS; cpu++) {
		done[cpu] = 0;
		good[cpu] = 0;
		release[cpu] = 0;
		r = call(XW_PSCI_CPU_ON64, cpu, entry, cpu);
		if (r.x[0] == S64(XW_PSCI_INVALID_PARAMETERS)) {
			break;
		}
		check("psci_cpu_on", r.x[0] == 0, r.x[0]);
		r = call(XW_PSCI_CPU_ON64, cpu, entry, cpu);
		check("psci_cpu_on_twice", r.x[0] == S64(XW_PSCI_ON_PENDING) ||
		      r.x[0] == S64(XW_PSCI_ALREADY_ON), r.x[0]);
		release[cpu] = 1;
		__asm__ volatile("dsb sy\n sev" ::: "memory");
		ok = wait_flag(&done[cpu], 5000);
		check("secondary_calls_in", ok && done[cpu] == 1 && good[cpu] == 1, done[cpu]);
		check("secondary_cpu_off", wait_off(cpu, 5000), cpu);
		online += ok;
	}
	puts_("cpus online: ");
	putu(online);
	puts_("\n");
	if (online < 2) {
		return online;
	}
	ok = 1;
	for (i = 0; i < HOTPLUG_CYCLES && ok; i++) {
		done[1] = 0;
		good[1] = 0;
		ok = call(XW_PSCI_CPU_ON64, 1, entry, 1).x[0] == 0 &&
		     wait_flag(&done[1], 5000) && done[1] == 1 && good[1] == 1 &&
		     wait_off(1, 5000);
	}
	check("hotplug_cycles", ok, i);
	puts_("hotplug cycles: ");
	putu(i);
	puts_("\n");
	return online;
}

void smoke_main(void)
{
	uint64_t el;
	struct smc_res r;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	puts_("fw-smoke: normal world at EL");
	putu(el >> 2);
	puts_("\n");
	arch_and_psci();
	cpu_features();
	aarch32_callers(el >> 2);
	secure_calls();
	secondaries();
	/* Every other CPU is off now: the last one may not go. */
	r = call(XW_PSCI_CPU_OFF, 0, 0, 0);
	check("psci_cpu_off_last_denied", r.x[0] == S64(XW_PSCI_DENIED), r.x[0]);
	putu(passed);
	puts_(" passed, ");
	putu(failed);
	puts_(" failed\n");
	call(XW_PSCI_SYSTEM_OFF, 0, 0, 0);
	puts_("FAIL system_off returned\n");
	for (;;) {
	}
}
