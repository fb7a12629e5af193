/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-CPU PSCI power state machine (portable, host-tested).
 *
 *   OFF --cpu_on--> ON_PENDING --on_finish--> ON --cpu_off--> OFF
 *
 * The monitor serialises every call except xw_psci_state(), which a parked
 * CPU polls without the lock (acquire/release pairs make that safe).
 */
#ifndef XW_MON_PSCI_H
#define XW_MON_PSCI_H

#include <stdint.h>

#define XW_PSCI_MAX_CPUS 8

enum xw_psci_cpu_state {
	XW_PSCI_STATE_OFF = 0, /* zero: a CPU in zeroed memory is off */
	XW_PSCI_STATE_ON_PENDING = 1,
	XW_PSCI_STATE_ON = 2,
};

struct xw_psci_cpu {
	uint32_t state;
	uint64_t entry;      /* normal-world entry of a pending CPU_ON */
	uint64_t context_id;
};

struct xw_psci {
	unsigned int ncpus;
	struct xw_psci_cpu cpu[XW_PSCI_MAX_CPUS];
};

/** xw_psci_init() - all CPUs off except @boot_cpu. Return: 0 or XW_EINVAL. */
int xw_psci_init(struct xw_psci *p, unsigned int ncpus, unsigned int boot_cpu);

/**
 * xw_psci_cpu_on() - request that CPU @target start at @entry (NS address).
 * Return: XW_PSCI_SUCCESS (the caller must then wake @target),
 * XW_PSCI_INVALID_PARAMETERS, XW_PSCI_INVALID_ADDRESS, XW_PSCI_ALREADY_ON
 * or XW_PSCI_ON_PENDING.
 */
int xw_psci_cpu_on(struct xw_psci *p, uint64_t target_mpidr, uint64_t entry,
		   uint64_t context_id);

/**
 * xw_psci_on_finish() - a woken CPU completes its CPU_ON.
 * Return: 0 and the entry point and context id, or XW_EINVAL if @cpu had no
 * pending CPU_ON.
 */
int xw_psci_on_finish(struct xw_psci *p, unsigned int cpu, uint64_t *entry,
		      uint64_t *context_id);

/** xw_psci_cpu_off() - Return: XW_PSCI_SUCCESS or XW_PSCI_DENIED (last CPU on). */
int xw_psci_cpu_off(struct xw_psci *p, unsigned int cpu);

/** xw_psci_affinity_info() - Return: XW_PSCI_AFF_* or XW_PSCI_INVALID_PARAMETERS. */
int xw_psci_affinity_info(const struct xw_psci *p, uint64_t target_mpidr,
			  uint64_t lowest_level);

/** xw_psci_state() - current state of @cpu, safe without the lock. */
enum xw_psci_cpu_state xw_psci_state(const struct xw_psci *p, unsigned int cpu);

#endif
