// SPDX-License-Identifier: BSD-2-Clause
#include "psci.h"

#include "xw/err.h"
#include "xw/plat/plat.h"
#include "xw/smc.h"

static void set_state(struct xw_psci *p, unsigned int cpu, uint32_t s)
{
	/* Release: entry and context_id are visible before the new state. */
	__atomic_store_n(&p->cpu[cpu].state, s, __ATOMIC_RELEASE);
}

enum xw_psci_cpu_state xw_psci_state(const struct xw_psci *p, unsigned int cpu)
{
	return (enum xw_psci_cpu_state)__atomic_load_n(&p->cpu[cpu].state,
						       __ATOMIC_ACQUIRE);
}

int xw_psci_init(struct xw_psci *p, unsigned int ncpus, unsigned int boot_cpu)
{
	unsigned int i;

	if (ncpus == 0 || ncpus > XW_PSCI_MAX_CPUS || boot_cpu >= ncpus) {
		return XW_EINVAL;
	}
	p->ncpus = ncpus;
	for (i = 0; i < XW_PSCI_MAX_CPUS; i++) {
		p->cpu[i].entry = 0;
		p->cpu[i].context_id = 0;
		set_state(p, i, i == boot_cpu ? XW_PSCI_STATE_ON : XW_PSCI_STATE_OFF);
	}
	return XW_OK;
}

int xw_psci_cpu_on(struct xw_psci *p, uint64_t target_mpidr, uint64_t entry,
		   uint64_t context_id)
{
	int cpu = plat_mpidr_to_index(target_mpidr, p->ncpus);

	if (cpu < 0) {
		return XW_PSCI_INVALID_PARAMETERS;
	}
	/* AArch64 instructions are 4-byte aligned; anything else cannot be code. */
	if ((entry & 3) != 0 || !plat_ns_addr_ok(entry, 4)) {
		return XW_PSCI_INVALID_ADDRESS;
	}
	switch (xw_psci_state(p, (unsigned int)cpu)) {
	case XW_PSCI_STATE_ON:
		return XW_PSCI_ALREADY_ON;
	case XW_PSCI_STATE_ON_PENDING:
		return XW_PSCI_ON_PENDING;
	case XW_PSCI_STATE_OFF:
		break;
	}
	p->cpu[cpu].entry = entry;
	p->cpu[cpu].context_id = context_id;
	set_state(p, (unsigned int)cpu, XW_PSCI_STATE_ON_PENDING);
	return XW_PSCI_SUCCESS;
}

int xw_psci_on_finish(struct xw_psci *p, unsigned int cpu, uint64_t *entry,
		      uint64_t *context_id)
{
	if (cpu >= p->ncpus || xw_psci_state(p, cpu) != XW_PSCI_STATE_ON_PENDING) {
		return XW_EINVAL;
	}
	*entry = p->cpu[cpu].entry;
	*context_id = p->cpu[cpu].context_id;
	set_state(p, cpu, XW_PSCI_STATE_ON);
	return XW_OK;
}

int xw_psci_cpu_off(struct xw_psci *p, unsigned int cpu)
{
	unsigned int i, on = 0;

	if (cpu >= p->ncpus || xw_psci_state(p, cpu) != XW_PSCI_STATE_ON) {
		return XW_PSCI_DENIED;
	}
	for (i = 0; i < p->ncpus; i++) {
		on += xw_psci_state(p, i) != XW_PSCI_STATE_OFF;
	}
	/* Nobody would be left to turn anything back on. */
	if (on <= 1) {
		return XW_PSCI_DENIED;
	}
	set_state(p, cpu, XW_PSCI_STATE_OFF);
	return XW_PSCI_SUCCESS;
}

int xw_psci_affinity_info(const struct xw_psci *p, uint64_t target_mpidr,
			  uint64_t lowest_level)
{
	int cpu = plat_mpidr_to_index(target_mpidr, p->ncpus);

	/* Only level 0 (a single CPU) is tracked; PSCI 1.x allows that. */
	if (cpu < 0 || lowest_level != 0) {
		return XW_PSCI_INVALID_PARAMETERS;
	}
	switch (xw_psci_state(p, (unsigned int)cpu)) {
	case XW_PSCI_STATE_ON:
		return XW_PSCI_AFF_ON;
	case XW_PSCI_STATE_ON_PENDING:
		return XW_PSCI_AFF_ON_PENDING;
	case XW_PSCI_STATE_OFF:
		break;
	}
	return XW_PSCI_AFF_OFF;
}
