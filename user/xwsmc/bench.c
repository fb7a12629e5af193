// SPDX-License-Identifier: BSD-2-Clause
/*
 * `xwsmc bench [N]`: in one boot, the round trip of a fast call into the secure
 * kernel and back (in-kernel loop, no syscall per call) against a trivial syscall
 * (getppid) in a loop, both in ns and in DESIGN.md's "loop iterations"; against a
 * call the monitor answers alone, and against the platform's floor for any
 * call into the secure world (SIP_NS_FLIP: the change of Security state and
 * back, nothing else); the monitor's world switches per call. Best of 3 of
 * each. Prints BENCH lines.
 */
#include <inttypes.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "xw/smc.h"

#include "xwsmc.h"
#include "xw_loopiter.h"

#define BEST_OF    3

static uint64_t getppid_ns(uint64_t n)
{
	uint64_t t0 = xw_now_ns(), i;

	for (i = 0; i < n; i++) {
		/* Straight to the kernel: no libc caching of the answer. */
		syscall(SYS_getppid);
	}
	return xw_now_ns() - t0;
}

/* ns for n calls of fid in the kernel loop; 0 on error or wrong answers. */
static uint64_t smc_loop_ns(uint32_t fid, uint64_t n, uint64_t r0, int check_add)
{
	struct xwtest_loop l = { 0 };

	l.a[0] = fid;
	l.a[2] = 5;
	l.count = n;
	l.how = XWTEST_HOW_1_1;
	l.expect_r0 = r0;
	if (check_add) {
		l.vary = 1;
		l.check = 1;
		l.expect = 5;
		l.step = 1;
	}
	if (xw_loop(&l) || l.bad || l.done != n) {
		printf("smc loop fid %#x failed (%" PRIu64 " wrong of %" PRIu64 ")\n", fid, l.bad,
		       l.done);
		return 0;
	}
	return l.ns;
}

static uint64_t ioctl_call_ns(uint64_t n)
{
	uint64_t a[8] = { XW_SMC_ADD64, 1, 2, 3, 0, 0, 0, 0 }, r[4], t0 = xw_now_ns(), i;

	for (i = 0; i < n; i++) {
		if (xw_call(XWTEST_HOW_1_1, a, r) || r[1] != 6) {
			return 0;
		}
	}
	return xw_now_ns() - t0;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return (a == 0 || (b != 0 && b < a)) ? b : a;
}

static void line(const char *name, double ours, const char *unit, const char *anchor,
		 double theirs)
{
	printf("BENCH %s: %.3f %s | %s %.3f %s | ratio %.3f\n", name, ours, unit, anchor, theirs,
	       unit, theirs > 0 ? ours / theirs : 0.0);
}

int xw_cmd_bench(int argc, char **argv)
{
	uint64_t n = argc > 1 ? xw_num(argv[1]) : 100000;
	uint64_t loop = 0, sys = 0, smc = 0, sip = 0, flip = 0, ioc = 0, w0[4], w1[4];
	uint64_t ca[8] = { XW_SIP_ENTRY_CAUSES, 0, 0, 0, 0, 0, 0, 0 }, c0[4], c1[4], calls, fiqs;
	uint64_t wa[8] = { XW_SIP_WORLD_SWITCHES, 0, 0, 0, 0, 0, 0, 0 };
	uint64_t ta[8] = { XW_SMC_TIMER_TICKS, 0, 0, 0, 0, 0, 0, 0 }, t0[4], t1[4], sw, ticks;
	uint64_t pa[8] = { XW_SIP_SWITCH_PATHS, 0, 0, 0, 0, 0, 0, 0 }, p0[4], p1[4];
	int paths;
	double it_ns, sys_c, smc_c, sip_c, flip_c, ioc_c, per;
	int k;

	if (xw_pin(0)) {
		printf("cannot pin to cpu 0\n");
		return 1;
	}
	/* Interleaved rounds, so that a slow phase of the host hits every side alike. */
	for (k = 0; k < BEST_OF; k++) {
		loop = min_u64(loop, xw_loopiter_run_ns());
		sys = min_u64(sys, getppid_ns(n));
		smc = min_u64(smc, smc_loop_ns(XW_SMC_ADD64, n, XW_SMC_OK, 1));
		sip = min_u64(sip, smc_loop_ns(XW_SIP_REVISION, n, XW_SIP_REVISION_MAJOR, 0));
		flip = min_u64(flip, smc_loop_ns(XW_SIP_NS_FLIP, n, XW_SMC_OK, 0));
		ioc = min_u64(ioc, ioctl_call_ns(n / 4));
	}
	if (!loop || !sys || !smc || !ioc) {
		printf("a benchmark loop failed\n");
		return 1;
	}
	/* Path counters: a monitor without them (older) answers SMC_UNK; not fatal. */
	paths = xw_call(XWTEST_HOW_FULL, pa, p0) == 0 && p0[0] == XW_SMC_OK;
	/*
	 * The monitor counts every entry on cpu 0, the loop's and anyone else's
	 * (a kernel thread that runs when the loop yields the CPU); it also says
	 * why it entered, so the count per call needs no guess at the others.
	 */
	if (xw_call(XWTEST_HOW_FULL, ta, t0) || xw_call(XWTEST_HOW_FULL, ca, c0) ||
	    xw_call(XWTEST_HOW_FULL, wa, w0) || smc_loop_ns(XW_SMC_ADD64, n, XW_SMC_OK, 1) == 0 ||
	    xw_call(XWTEST_HOW_FULL, wa, w1) || xw_call(XWTEST_HOW_FULL, ca, c1) ||
	    xw_call(XWTEST_HOW_FULL, ta, t1) || w0[0] != XW_SMC_OK || w1[0] != XW_SMC_OK ||
	    t0[0] != XW_SMC_OK || t1[0] != XW_SMC_OK || c0[0] != XW_SMC_OK ||
	    c1[0] != XW_SMC_OK) {
		printf("world switch counters unavailable\n");
		return 1;
	}
	it_ns = (double)loop / (double)XW_LOOPITER_N;
	sys_c = (double)sys / (double)n;
	smc_c = (double)smc / (double)n;
	sip_c = (double)sip / (double)n;
	flip_c = (double)flip / (double)n;
	ioc_c = (double)ioc / (double)(n / 4);
	printf("normaliser: 10^7 xorshift iterations in %.3f ms (%.3f ns each), best of %d\n",
	       (double)loop / 1e6, it_ns, BEST_OF);
	line("smc-fast-call-roundtrip-ns (lower is better)", smc_c, "ns", "getppid", sys_c);
	line("smc-fast-call-roundtrip-iters (lower is better)", smc_c / it_ns, "loop-iterations",
	     "getppid", sys_c / it_ns);
	if (sip) {
		line("smc-monitor-only-call-roundtrip-ns (lower is better)", sip_c, "ns", "getppid",
		     sys_c);
	}
	line("smc-ioctl-call-roundtrip-ns (lower is better)", ioc_c, "ns", "getppid", sys_c);
	/*
	 * What entering the secure kernel adds to an SMC: a fast call against a
	 * call the monitor answers alone, interleaved in the same rounds.
	 */
	if (sip) {
		line("smc-fast-call-vs-monitor-only-ns (lower is better)", smc_c, "ns",
		     "monitor-only-call", sip_c);
		printf("TARGET smc-fast-call-x-monitor-only: %.3f x | target <= 5.000 x | %s\n",
		       smc_c / sip_c, smc_c <= 5.0 * sip_c ? "met" : "missed");
	}
	/*
	 * What no call into the secure world can avoid on this CPU: the monitor
	 * changes SCR_EL3.NS to secure and back and returns (SIP_NS_FLIP). On
	 * QEMU 7.2 each change flushes every EL1&0/EL2 TLB entry, and the normal
	 * world refills its TLB after it, as after a real call. The rest of a
	 * fast call is the secure kernel's own share: entering S-EL1, its code,
	 * its page walks after the flush, the EL1 register switch.
	 */
	if (sip && flip) {
		line("smc-ns-flip-floor-vs-monitor-only-ns (lower is better)", flip_c, "ns",
		     "monitor-only-call", sip_c);
		line("smc-fast-call-vs-ns-flip-floor-ns (lower is better)", smc_c, "ns",
		     "ns-flip-floor", flip_c);
		line("smc-secure-share-vs-monitor-only-ns (lower is better)",
		     smc_c > flip_c ? smc_c - flip_c : 0.0, "ns", "monitor-only-call", sip_c);
		printf("decomposition: fast call %.0f ns = ns-flip floor %.0f ns (%.3f x monitor-only)"
		       " + secure share %.0f ns (%.3f x monitor-only, %.1f%% of the call);"
		       " 5 x monitor-only = %.0f ns: %s\n",
		       smc_c, flip_c, flip_c / sip_c, smc_c - flip_c, (smc_c - flip_c) / sip_c,
		       100.0 * (smc_c - flip_c) / smc_c, 5.0 * sip_c,
		       flip_c > 5.0 * sip_c ? "below the floor, unreachable on this CPU"
					    : "above the floor");
	}
	/*
	 * An ideal monitor enters the secure world once and returns once per call.
	 * Secure timer ticks during the loop enter and return too: not the call's cost.
	 */
	if (paths && xw_call(XWTEST_HOW_FULL, pa, p1) == 0 && p1[0] == XW_SMC_OK) {
		/*
		 * Which regime the secure kernel ran in (docs/boot.md "World
		 * switch"): borrowed = no TLB-flushing register written on the way.
		 */
		printf("secure entries on cpu 0 over those calls: %" PRIu64 " borrowed regime, %" PRIu64
		       " own regime, %" PRIu64 " secure TLB invalidations\n",
		       p1[1] - p0[1], p1[2] - p0[2], p1[3] - p0[3]);
	} else {
		printf("secure entry path counters unavailable\n");
	}
	sw = (w1[1] - w0[1]) + (w1[2] - w0[2]);
	ticks = t1[1] - t0[1];
	calls = (c1[1] - c0[1]) + (c1[2] - c0[2]);
	fiqs = c1[3] - c0[3];
	printf("world switches on cpu 0 over %" PRIu64 " calls: %" PRIu64
	       " (entries + returns); entries for %" PRIu64 " fast and %" PRIu64
	       " yielding calls (%" PRId64 " not the loop's), %" PRIu64
	       " secure interrupts (%" PRIu64 " secure timer ticks)\n",
	       n, sw, c1[1] - c0[1], c1[2] - c0[2], (int64_t)(calls - n), fiqs, ticks);
	/*
	 * Two (one entry, one return) is the floor, a number, not a measurement of
	 * this run: a TARGET line, not an anchor (docs/benchmarks.md). Switches for
	 * secure interrupts (an entry and a return each) are not a call's; the
	 * calls are all the monitor forwarded on cpu 0, the loop's and any other.
	 */
	per = calls ? (double)(sw > 2 * fiqs ? sw - 2 * fiqs : 0) / (double)calls : 0.0;
	printf("TARGET smc-world-switches-per-call: %.3f switches | target <= 2.000 switches | %s\n",
	       per, calls && per <= 2.0 ? "met" : "missed");
	return 0;
}
