/* SPDX-License-Identifier: BSD-2-Clause */
/* Between xwctl's main.c and its application commands (apps.c). */
#ifndef XWCTL_H
#define XWCTL_H

int xwctl_open_bound(const char *svc);
int xwctl_apps(void);
int xwctl_appstats(void);
/* " (S-EL0 app: STATE, ...)" if service number @index is an application (via /dev/xwtest), else "". */
int xwctl_app_note(unsigned index, char *out, size_t cap);
int xwctl_provoke(const char *svc, const char *cmd);
int xwctl_call(const char *svc, const char *msg);

#endif
