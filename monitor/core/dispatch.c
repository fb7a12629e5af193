// SPDX-License-Identifier: BSD-2-Clause
/*
 * Owner routing: Arm architecture (0), SiP (2) and standard secure (4, PSCI)
 * calls end in EL3; trusted-application and trusted-OS owners (48..63) go to
 * the secure kernel, which answers SMC_UNK for what it does not know, so a
 * new secure-kernel call needs no monitor change. The SMCCC TRNG functions
 * (owner 4, 0x50..0x5f) go to the secure kernel too. Everything else is UNK.
 */
#include "dispatch.h"

#include "smccc.h"
#include "xw/plat/plat.h"
#include "xw/err.h"
#include "xw/smc.h"
#include "xw/smc_status.h"
#include "xw/trng.h"

static void ret1(struct xw_mon_action *a, int64_t v)
{
	a->kind = XW_MON_RETURN;
	a->ret[0] = (uint64_t)v;
	a->nret = 1;
}

static void ret4(struct xw_mon_action *a, uint64_t r0, uint64_t r1, uint64_t r2,
		 uint64_t r3)
{
	a->kind = XW_MON_RETURN;
	a->ret[0] = r0;
	a->ret[1] = r1;
	a->ret[2] = r2;
	a->ret[3] = r3;
	a->nret = 4;
}

/* SMC32 arguments are W registers: the caller's upper halves are noise. */
static uint64_t arg(const struct xw_smccc_fid *f, uint64_t v)
{
	return f->smc64 ? v : (uint32_t)v;
}

static void arch_call(const struct xw_smccc_fid *f, const uint64_t x[8],
		      struct xw_mon_action *a)
{
	switch (f->raw) {
	case XW_SMCCC_VERSION:
		ret1(a, XW_SMCCC_VERSION_1_1);
		return;
	case XW_SMCCC_ARCH_FEATURES:
		switch ((uint32_t)x[1]) {
		case XW_SMCCC_VERSION:
		case XW_SMCCC_ARCH_FEATURES:
			ret1(a, XW_SMC_OK);
			return;
		default:
			ret1(a, XW_SMCCC_NOT_SUPPORTED);
			return;
		}
	default:
		ret1(a, XW_SMC_UNK);
	}
}

static void sip_call(struct xw_mon *m, const struct xw_smccc_fid *f,
		     const uint64_t x[8], struct xw_mon_action *a)
{
	uint64_t cpu;

	switch (f->raw) {
	case XW_SIP_CALL_UID:
		ret4(a, XW_SIP_UID_0, XW_SIP_UID_1, XW_SIP_UID_2, XW_SIP_UID_3);
		return;
	case XW_SIP_REVISION:
		ret4(a, XW_SIP_REVISION_MAJOR, XW_SIP_REVISION_MINOR, 0, 0);
		return;
	case XW_SIP_WORLD_SWITCHES:
	case XW_SIP_WORLD_SWITCHES64:
		cpu = arg(f, x[1]);
		if (cpu >= m->ncpus) {
			ret1(a, (int64_t)xw_smc_status(XW_EINVAL));
			return;
		}
		ret4(a, XW_SMC_OK, m->counters[cpu].to_secure,
		     m->counters[cpu].from_secure, m->counters[cpu].ns_smcs);
		return;
	case XW_SIP_SWITCH_PATHS:
	case XW_SIP_SWITCH_PATHS64:
		cpu = arg(f, x[1]);
		if (cpu >= m->ncpus) {
			ret1(a, (int64_t)xw_smc_status(XW_EINVAL));
			return;
		}
		ret4(a, XW_SMC_OK, m->counters[cpu].borrowed, m->counters[cpu].own_regime,
		     m->counters[cpu].sk_tlbi);
		return;
	case XW_SIP_ENTRY_CAUSES:
	case XW_SIP_ENTRY_CAUSES64:
		cpu = arg(f, x[1]);
		if (cpu >= m->ncpus) {
			ret1(a, (int64_t)xw_smc_status(XW_EINVAL));
			return;
		}
		ret4(a, XW_SMC_OK, m->counters[cpu].fast_calls, m->counters[cpu].yield_calls,
		     m->counters[cpu].fiqs);
		return;
	case XW_SIP_NS_FLIP:
		ret1(a, XW_SMC_OK);
		a->kind = XW_MON_NS_FLIP;
		return;
	default:
		ret1(a, XW_SMC_UNK);
	}
}

static int psci_features(uint32_t fid)
{
	switch (fid) {
	case XW_PSCI_VERSION:
	case XW_PSCI_CPU_OFF:
	case XW_PSCI_CPU_ON:
	case XW_PSCI_CPU_ON64:
	case XW_PSCI_AFFINITY_INFO:
	case XW_PSCI_AFFINITY_INFO64:
	case XW_PSCI_MIGRATE_INFO_TYPE:
	case XW_PSCI_SYSTEM_OFF:
	case XW_PSCI_SYSTEM_RESET:
	case XW_PSCI_FEATURES:
	case XW_SMCCC_VERSION: /* how Linux learns SMCCC 1.1 is there */
		return XW_PSCI_SUCCESS;
	default:
		return XW_PSCI_NOT_SUPPORTED;
	}
}

static void psci_call(struct xw_mon *m, unsigned int self,
		      const struct xw_smccc_fid *f, const uint64_t x[8],
		      struct xw_mon_action *a)
{
	int r;

	switch (f->raw) {
	case XW_PSCI_VERSION:
		ret1(a, XW_PSCI_VERSION_1_1);
		return;
	case XW_PSCI_FEATURES:
		ret1(a, psci_features((uint32_t)x[1]));
		return;
	case XW_PSCI_CPU_ON:
	case XW_PSCI_CPU_ON64:
		r = xw_psci_cpu_on(&m->psci, arg(f, x[1]), arg(f, x[2]), arg(f, x[3]));
		ret1(a, r);
		if (r == XW_PSCI_SUCCESS) {
			a->wake = (unsigned int)plat_mpidr_to_index(arg(f, x[1]), m->ncpus);
		}
		return;
	case XW_PSCI_CPU_OFF:
		r = xw_psci_cpu_off(&m->psci, self);
		if (r == XW_PSCI_SUCCESS) {
			a->kind = XW_MON_CPU_OFF;
			a->nret = 0;
			return;
		}
		ret1(a, r);
		return;
	case XW_PSCI_AFFINITY_INFO:
	case XW_PSCI_AFFINITY_INFO64:
		ret1(a, xw_psci_affinity_info(&m->psci, arg(f, x[1]), arg(f, x[2])));
		return;
	case XW_PSCI_MIGRATE_INFO_TYPE:
		ret1(a, XW_PSCI_TOS_NOT_PRESENT_MP);
		return;
	case XW_PSCI_SYSTEM_OFF:
		a->kind = XW_MON_SYSTEM_OFF;
		a->nret = 0;
		return;
	case XW_PSCI_SYSTEM_RESET:
		a->kind = XW_MON_SYSTEM_RESET;
		a->nret = 0;
		return;
	default:
		ret1(a, XW_PSCI_NOT_SUPPORTED);
	}
}

int xw_mon_init(struct xw_mon *m, unsigned int ncpus, unsigned int boot_cpu,
		struct xw_mon_counters *counters)
{
	m->ncpus = ncpus;
	m->counters = counters;
	return xw_psci_init(&m->psci, ncpus, boot_cpu);
}

void xw_mon_dispatch(struct xw_mon *m, unsigned int self, const uint64_t x[8],
		     struct xw_mon_action *out)
{
	struct xw_smccc_fid f;

	out->wake = XW_MON_NO_WAKE;
	out->ret[0] = out->ret[1] = out->ret[2] = out->ret[3] = 0;
	ret1(out, XW_SMC_UNK);
	if (xw_smccc_decode(x[0], &f) != XW_OK) {
		return;
	}
	if (f.owner >= XW_SMC_OWNER_TAPP_LO) {
		out->kind = f.fast ? XW_MON_TO_SK_FAST : XW_MON_TO_SK_YIELD;
		out->nret = 0;
		return;
	}
	/*
	 * SMCCC TRNG (standard service functions 0x50..0x5f): the entropy pool
	 * and its source live in the secure kernel (docs/entropy.md).
	 */
	if (XW_TRNG_IS_FID(f.raw)) {
		out->kind = XW_MON_TO_SK_FAST;
		out->nret = 0;
		return;
	}
	/* Yielding calls exist only for trusted applications and OSes. */
	if (!f.fast) {
		return;
	}
	switch (f.owner) {
	case XW_SMC_OWNER_ARCH:
		arch_call(&f, x, out);
		return;
	case XW_SMC_OWNER_SIP:
		sip_call(m, &f, x, out);
		return;
	case XW_SMC_OWNER_STD:
		psci_call(m, self, &f, x, out);
		return;
	default:
		return;
	}
}
