// SPDX-License-Identifier: BSD-2-Clause
/*
 * faulty: a deliberately misbehaving application for the fault-containment
 * tests. Each message's first byte names what to do; the well-behaved
 * commands answer, every other one gets the application killed (the test
 * then requires XW_EPIPE on the channel and the other applications serving).
 *   e  answer "ok"                        m  heap within the quota, "mem ok"
 *   x  unknown system call: "enosys"      n  null pointer read
 *   w  write to its own text              u  undefined instruction
 *   s  stack overflow (into the guard)    l  endless loop
 *   a  alignment fault (exclusive load)   q  allocate beyond the quota
 *   k  log from a kernel address          c  log from its channel (NS memory)
 *   t  wait with the event in its text    p  log from another app's secure page
 *   b  time 10000 system calls (XW_SYS_TIME): answers the ns per call (bench-apps)
 *   h  every call with hostile non-pointer arguments: "hostile ok" if each
 *      answered its error code (and the app lives on)
 *   z  wait 30 ms for nothing: "timeout N ms" once XW_SYS_WAIT times out (the
 *      secure timer tick runs it; events meanwhile are dropped: a test app)
 */
#include "xwapp.h"

static volatile int forever = 1;
static volatile uintptr_t null_addr = 8;

/* Recurses until the stack runs into its guard page (forever is never 0). */
static int depth(volatile uint8_t *prev)
{
	volatile uint8_t pad[512];

	pad[0] = prev ? prev[0] + 1 : 0;
	return forever ? depth(pad) + pad[1] : 0;
}

static int reply(struct xw_chan *ch, const char *s)
{
	return xw_chan_send(ch, s, strlen(s), XWAPP_NO_WAIT, 0);
}

static int act(struct xw_chan *ch, char cmd)
{
	volatile uint64_t sink;
	uint8_t *p;
	uint64_t v;

	switch (cmd) {
	case 'e':
		return reply(ch, "ok");
	case 'm':
		p = xw_mem(2);
		if (p == 0) {
			return reply(ch, "mem failed");
		}
		p[0] = 1;
		p[8191] = 2;
		return reply(ch, p[0] + p[8191] == 3 ? "mem ok" : "mem bad");
	case 'x':
		return reply(ch, xw_sys(99, 0, 0, 0) == XW_ENOSYS ? "enosys" : "bad");
	case 'n':
		sink = *(volatile uint64_t *)null_addr;
		break;
	case 'w':
		*(volatile uint32_t *)(uintptr_t)&act = 0xd503201f;
		break;
	case 'u':
		__asm__ volatile(".inst 0x00000000"); /* udf #0 */
		break;
	case 's':
		sink = (uint64_t)depth(0);
		break;
	case 'l':
		for (;;) {
			__asm__ volatile("" ::: "memory");
		}
	case 'a':
		__asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"((uintptr_t)&sink + 1));
		sink = v;
		break;
	case 'q':
		while (xw_mem(1) != 0) {
		}
		return reply(ch, "quota: not killed");
	case 'k':
		xw_sys(XW_SYS_LOG, 0x0e200000, 16, 0);
		break;
	case 'c':
		xw_sys(XW_SYS_LOG, (uintptr_t)ch->hdr, 16, 0);
		break;
	case 't':
		xw_sys(XW_SYS_WAIT, (uintptr_t)&act, 0, 0);
		break;
	case 'p':
		xw_sys(XW_SYS_LOG, 0x0ee00000, 16, 0);
		break;
	case 'h': {
		static struct xw_app_event ev;
		int ok = xw_sys(XW_SYS_NOTIFY, 99, 0, 0) == XW_ENOENT &&
			 xw_sys(XW_SYS_NOTIFY, UINT64_MAX, 0, 0) == XW_ENOENT &&
			 xw_sys(XW_SYS_CHAN_BIND, 16, 0, 0) == XW_ENOENT &&
			 xw_sys(XW_SYS_CHAN_UNBIND, 1U << 31, 0, 0) == XW_ENOENT &&
			 xw_sys(XW_SYS_LOG, (uintptr_t)"x", 1000, 0) == XW_E2BIG &&
			 xw_sys(XW_SYS_WAIT, (uintptr_t)&ev + 4, 0, 0) == XW_EINVAL &&
			 xw_sys(XW_SYS_MEM, 0, 0, 0) == XW_EINVAL &&
			 xw_sys(XW_SYS_MEM, UINT64_MAX, 0, 0) == XW_ENOMEM &&
			 xw_sys(XW_SYS_CHAN_BIND, 15, 0, 0) == XW_ENOENT &&
			 xw_sys(XW_SYS_TIME, UINT64_MAX, UINT64_MAX, UINT64_MAX) > 0 &&
			 xw_sys(XW_SYS_COUNT, 0, 0, 0) == XW_ENOSYS &&
			 xw_sys(UINT64_MAX, 1, 2, 3) == XW_ENOSYS;

		return reply(ch, ok ? "hostile ok" : "hostile: wrong error code");
	}
	case 'z': {
		static struct xw_app_event ev;
		char out[32] = "timeout ";
		uint64_t t0 = xw_time_ns();

		while (xw_wait(&ev, 30000000) != XW_ETIMEDOUT || ev.kind != XW_APP_EV_TIMEOUT) {
		}
		xw_fmt_u64(out + 8, (xw_time_ns() - t0) / 1000000);
		memcpy(out + strlen(out), " ms", 4);
		return reply(ch, out);
	}
	case 'b': {
		char out[24];
		uint64_t t0 = xw_time_ns(), t1;
		int i;

		for (i = 0; i < 10000; i++) {
			t1 = xw_time_ns();
		}
		/* ns per call, times 100: two decimals without floating point at EL0 */
		xw_fmt_u64(out, (t1 - t0) / 100);
		return reply(ch, out);
	}
	default:
		return reply(ch, "unknown");
	}
	return reply(ch, "survived");
}

static int answer(struct xw_chan *ch, const char *msg, size_t len)
{
	return act(ch, len > 0 ? msg[0] : 'e');
}

static int serve(struct xw_chan *ch, void *state)
{
	char msg[64];

	(void)state;
	return xwapp_answer_each(ch, msg, sizeof(msg), answer);
}

static const struct xwapp_service svc = { .state_size = 0, .serve = serve };

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
