/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_SK_TIMER_H
#define XW_SK_TIMER_H

#include <stdint.h>

/** sk_timer_start() - arm this CPU's secure physical timer at @hz, unmask PPI 29. */
void sk_timer_start(uint32_t hz);
/** sk_timer_stop() - disarm it and mask PPI 29. */
void sk_timer_stop(void);
/**
 * sk_irq_ack() - acknowledge the highest pending secure Group 1 interrupt.
 * Return: its INTID (1020..1023: none).
 */
uint32_t sk_irq_ack(void);
/** sk_irq_eoi() - end @intid. */
void sk_irq_eoi(uint32_t intid);
/** sk_timer_rearm() - next tick of a periodic timer started at @hz. */
void sk_timer_rearm(uint32_t hz);

#endif
