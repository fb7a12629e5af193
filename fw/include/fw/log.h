/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef XW_PLAT_LOG_H
#define XW_PLAT_LOG_H

/** xw_log() - formatted line to the secure log (see log.c for the formats). */
void xw_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
