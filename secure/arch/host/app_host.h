/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hosted arch side of applications (app.c): no CPU runs EL0 code here,
 * so "running" an application is what a test scripts: host_app_run is
 * called for each arch_app_enter() and plays the application's next step
 * (a system call, a fault, an interrupt) on its registers.
 */
#ifndef XW_HOST_APP_H
#define XW_HOST_APP_H

#include <stdint.h>

#include "sk/arch/app.h"

extern unsigned int (*host_app_run)(struct xw_app_space *s, struct xw_app_regs *r,
				    uint64_t *esr, uint64_t *far);
/*
 * Called (if set) inside arch_app_unmap(), i.e. while a bind or unbind holds
 * the app's claim: a test makes another CPU's doorbell arrive right then.
 */
extern void (*host_app_unmap_hook)(void);
/** Lines applications and kills wrote to the "secure log" so far. */
extern unsigned int host_app_logs, host_app_kill_logs;

#endif
