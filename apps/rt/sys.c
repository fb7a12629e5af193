// SPDX-License-Identifier: BSD-2-Clause
/* System calls of the native personality (include/xw/app_abi.h). */
#include "xwapp.h"

int64_t xw_sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	register uint64_t x8 __asm__("x8") = nr;
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return (int64_t)x0;
}

void xw_exit(int code)
{
	for (;;) {
		xw_sys(XW_SYS_EXIT, (uint64_t)(int64_t)code, 0, 0);
	}
}

int64_t xw_log(const char *s)
{
	return xw_sys(XW_SYS_LOG, (uintptr_t)s, strlen(s), 0);
}

int64_t xw_wait(struct xw_app_event *ev, uint64_t timeout_ns)
{
	return xw_sys(XW_SYS_WAIT, (uintptr_t)ev, timeout_ns, 0);
}

int64_t xw_notify(unsigned int chan)
{
	return xw_sys(XW_SYS_NOTIFY, chan, 0, 0);
}

uint64_t xw_time_ns(void)
{
	return (uint64_t)xw_sys(XW_SYS_TIME, 0, 0, 0);
}

void *xw_mem(uint64_t pages)
{
	int64_t r = xw_sys(XW_SYS_MEM, pages, 0, 0);

	return r < 0 ? 0 : (void *)(uintptr_t)r;
}
