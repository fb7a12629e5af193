// SPDX-License-Identifier: BSD-2-Clause
/*
 * A minimal printf for firmware logs: %s %c %d %u %x %p with l/ll, and %%.
 * Freestanding; output goes through plat_log_putc().
 */
#include <stdarg.h>
#include <stdint.h>

#include "xw/plat/plat.h"
#include "fw/log.h"

static void put_u(uint64_t v, unsigned int base)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	while (n > 0) {
		plat_log_putc(buf[--n]);
	}
}

void xw_log(const char *fmt, ...)
{
	va_list ap;
	const char *s;
	int lng;
	uint64_t v;

	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			if (*fmt == '\n') {
				plat_log_putc('\r');
			}
			plat_log_putc(*fmt);
			continue;
		}
		lng = 0;
		while (*++fmt == 'l') {
			lng = 1;
		}
		switch (*fmt) {
		case 's':
			for (s = va_arg(ap, const char *); *s != '\0'; s++) {
				plat_log_putc(*s);
			}
			break;
		case 'c':
			plat_log_putc((char)va_arg(ap, int));
			break;
		case 'd':
			if (lng) {
				int64_t d = va_arg(ap, int64_t);
				if (d < 0) {
					plat_log_putc('-');
					d = -d;
				}
				put_u((uint64_t)d, 10);
			} else {
				int d = va_arg(ap, int);
				if (d < 0) {
					plat_log_putc('-');
				}
				put_u(d < 0 ? -(uint64_t)d : (uint64_t)d, 10);
			}
			break;
		case 'u':
		case 'x':
			v = lng ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
			put_u(v, *fmt == 'u' ? 10 : 16);
			break;
		case 'p':
			put_u((uintptr_t)va_arg(ap, void *), 16);
			break;
		case '%':
			plat_log_putc('%');
			break;
		default:
			va_end(ap);
			return;
		}
	}
	va_end(ap);
}
