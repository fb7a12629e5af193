// SPDX-License-Identifier: BSD-2-Clause
/*
 * `xwsmc check`: the basic calls answer as include/xw/smc.h specifies (UIDs,
 * revisions, arithmetic, counters, unknown IDs). Prints one `ok`/`bad` line per
 * check; exits 1 if any failed, with the last failure as its last line.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xw/err.h"
#include "xw/smc.h"

#include "xwsmc.h"

static int failures;
static char last_failure[256];

static void result(int ok, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("%s %s\n", ok ? "ok " : "bad", msg);
	if (!ok) {
		failures++;
		snprintf(last_failure, sizeof(last_failure), "%s", msg);
	}
}

static void call7(uint64_t *r, uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	uint64_t a[8] = { fid, a1, a2, a3, 0, 0, 0, 0 };
	int e = xw_call(XWTEST_HOW_FULL, a, r);

	if (e) {
		result(0, "ioctl for fid 0x%" PRIx64 " failed: %d", fid, e);
		memset(r, 0xa5, 4 * sizeof(*r));
	}
}

/* The reference the secure kernel's answer is compared with. */
static void add_ref(int is64, uint64_t a, uint64_t b, uint64_t c, uint64_t *sum, uint64_t *carries)
{
	if (is64) {
		uint64_t s1, s2;

		*carries = (uint64_t)__builtin_add_overflow(a, b, &s1);
		*carries += (uint64_t)__builtin_add_overflow(s1, c, &s2);
		*sum = s2;
	} else {
		uint32_t s1, s2;

		*carries = (uint64_t)__builtin_add_overflow((uint32_t)a, (uint32_t)b, &s1);
		*carries += (uint64_t)__builtin_add_overflow(s1, (uint32_t)c, &s2);
		*sum = s2;
	}
}

static void check_uid(const char *what, uint32_t fid, const uint32_t want[4])
{
	uint64_t r[4];

	call7(r, fid, 0, 0, 0);
	result((uint32_t)r[0] == want[0] && (uint32_t)r[1] == want[1] &&
		       (uint32_t)r[2] == want[2] && (uint32_t)r[3] == want[3],
	       "%s UID: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32, what,
	       (uint32_t)r[0], (uint32_t)r[1], (uint32_t)r[2], (uint32_t)r[3]);
}

static void check_add(uint64_t fid, uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r[4], sum, carries;
	int is64 = XW_SMC_IS_64(fid);

	add_ref(is64, a, b, c, &sum, &carries);
	call7(r, fid, a, b, c);
	result(r[0] == XW_SMC_OK && r[1] == sum && r[2] == carries,
	       "add fid 0x%08" PRIx64 " (%#" PRIx64 ", %#" PRIx64 ", %#" PRIx64
	       ") = %#" PRIx64 " carries %" PRIu64 " (x0 %" PRId64 ")",
	       fid, a, b, c, r[1], r[2], (int64_t)r[0]);
}

static void check_unknown(uint64_t fid)
{
	uint64_t r[4];

	call7(r, fid, 1, 2, 3);
	/* SMC_UNK is -1 in W0; an SMC64 caller sees it sign-extended. */
	result((uint32_t)r[0] == (uint32_t)XW_SMC_UNK &&
		       (!XW_SMC_IS_64(fid) || r[0] == (uint64_t)(int64_t)XW_SMC_UNK),
	       "unknown fid 0x%08" PRIx64 " -> x0 %#" PRIx64, fid, r[0]);
}

/*
 * Every entry into the secure world takes one path, borrowed or own regime
 * (docs/boot.md "World switch"): over three secure calls the two path
 * counters grow by as much as the entries do (timer ticks may add to both).
 */
static void check_paths(int cpu)
{
	uint64_t w0[4], w1[4], p0[4], p1[4], t0[4], t1[4], x[4], ticks, paths, entries;

	call7(t0, XW_SMC_TIMER_TICKS, (uint64_t)cpu, 0, 0);
	call7(w0, XW_SIP_WORLD_SWITCHES, (uint64_t)cpu, 0, 0);
	call7(p0, XW_SIP_SWITCH_PATHS, (uint64_t)cpu, 0, 0);
	call7(x, XW_SMC_ADD64, 1, 2, 3);
	call7(x, XW_SMC_ADD64, 1, 2, 3);
	call7(x, XW_SMC_ADD64, 1, 2, 3);
	call7(p1, XW_SIP_SWITCH_PATHS, (uint64_t)cpu, 0, 0);
	call7(w1, XW_SIP_WORLD_SWITCHES, (uint64_t)cpu, 0, 0);
	call7(t1, XW_SMC_TIMER_TICKS, (uint64_t)cpu, 0, 0);
	ticks = t0[0] == XW_SMC_OK && t1[0] == XW_SMC_OK ? t1[1] - t0[1] : 0;
	paths = (p1[1] + p1[2]) - (p0[1] + p0[2]);
	entries = w1[1] - w0[1];
	result(p0[0] == XW_SMC_OK && p1[0] == XW_SMC_OK && w0[0] == XW_SMC_OK &&
		       w1[0] == XW_SMC_OK && paths >= 3 && paths <= entries && entries <= 3 + ticks,
	       "entry paths of cpu %d: +%" PRIu64 " borrowed, +%" PRIu64 " own regime, +%" PRIu64
	       " TLB invalidations over %" PRIu64 " entries (3 calls, <= %" PRIu64 " ticks)",
	       cpu, p1[1] - p0[1], p1[2] - p0[2], p1[3] - p0[3], entries, ticks);
	call7(x, XW_SIP_SWITCH_PATHS, 4096, 0, 0);
	result((int64_t)x[0] == XW_EINVAL, "entry paths of cpu 4096 -> %" PRId64 " (EINVAL)",
	       (int64_t)x[0]);
}

static void check_counters(void)
{
	uint64_t r0[4], r1[4], w0[4], w1[4], t0[4], t1[4], x[4], ticks;
	int cpu = 0;

	/* Pinned, so that every call below lands on the CPU whose counters we read. */
	if (xw_pin(cpu)) {
		result(0, "cannot pin to cpu %d", cpu);
		return;
	}
	call7(t0, XW_SMC_TIMER_TICKS, (uint64_t)cpu, 0, 0);
	call7(w0, XW_SIP_WORLD_SWITCHES, (uint64_t)cpu, 0, 0);
	call7(r0, XW_SMC_CALL_COUNT, (uint64_t)cpu, 0, 0);
	call7(x, XW_SMC_ADD64, 1, 2, 3);
	call7(r1, XW_SMC_CALL_COUNT, (uint64_t)cpu, 0, 0);
	call7(w1, XW_SIP_WORLD_SWITCHES, (uint64_t)cpu, 0, 0);
	call7(t1, XW_SMC_TIMER_TICKS, (uint64_t)cpu, 0, 0);
	/* Secure timer ticks that hit while the normal world ran enter the secure world too. */
	ticks = t0[0] == XW_SMC_OK && t1[0] == XW_SMC_OK ? t1[1] - t0[1] : 0;
	result(r0[0] == XW_SMC_OK && r1[0] == XW_SMC_OK && r1[1] - r0[1] == 2,
	       "call count of cpu %d: %" PRIu64 " -> %" PRIu64 " fast calls (2 more expected)",
	       cpu, r0[1], r1[1]);
	/* Three secure calls between the readings (count, add, count), plus the ticks. */
	result(w0[0] == XW_SMC_OK && w1[0] == XW_SMC_OK && w1[1] - w0[1] >= 3 &&
		       w1[1] - w0[1] <= 3 + ticks && w1[2] - w0[2] == w1[1] - w0[1],
	       "world switches of cpu %d: %" PRIu64 " entries, %" PRIu64
	       " returns, %" PRIu64 " SMCs; +%" PRIu64 "/+%" PRIu64 " over 3 secure calls and"
	       " <= %" PRIu64 " timer ticks",
	       cpu, w1[1], w1[2], w1[3], w1[1] - w0[1], w1[2] - w0[2], ticks);
	check_paths(cpu);
	call7(x, XW_SIP_WORLD_SWITCHES, 4096, 0, 0);
	result((int64_t)x[0] == XW_EINVAL, "world switches of cpu 4096 -> %" PRId64 " (EINVAL)",
	       (int64_t)x[0]);
	call7(x, XW_SMC_CALL_COUNT, 4096, 0, 0);
	result((int64_t)x[0] == XW_EINVAL, "call count of cpu 4096 -> %" PRId64 " (EINVAL)",
	       (int64_t)x[0]);
}

int xw_cmd_check(int argc, char **argv)
{
	static const uint32_t sip_uid[4] = { XW_SIP_UID_0, XW_SIP_UID_1, XW_SIP_UID_2,
					     XW_SIP_UID_3 };
	static const uint32_t xw_uid[4] = { XW_SMC_UID_0, XW_SMC_UID_1, XW_SMC_UID_2,
					    XW_SMC_UID_3 };
	static const uint64_t big[] = { 0, 1, 0x7fffffff, 0xffffffff, 0x8000000000000000ULL,
					0xfffffffffffffffeULL, 0xffffffffffffffffULL,
					0x0123456789abcdefULL };
	const size_t nbig = sizeof(big) / sizeof(big[0]);
	uint64_t r[4], caps;
	size_t i;

	(void)argc;
	(void)argv;
	call7(r, XW_SMCCC_VERSION, 0, 0, 0);
	result(r[0] == XW_SMCCC_VERSION_1_1, "SMCCC version %#" PRIx64, r[0]);
	call7(r, XW_PSCI_VERSION, 0, 0, 0);
	result(r[0] == XW_PSCI_VERSION_1_1, "PSCI version %#" PRIx64, r[0]);
	check_uid("monitor (SiP)", XW_SIP_CALL_UID, sip_uid);
	call7(r, XW_SIP_REVISION, 0, 0, 0);
	result(r[0] == XW_SIP_REVISION_MAJOR && r[1] == XW_SIP_REVISION_MINOR,
	       "monitor revision %" PRIu64 ".%" PRIu64, r[0], r[1]);
	check_uid("secure kernel", XW_SMC_CALL_UID, xw_uid);
	call7(r, XW_SMC_REVISION, 0, 0, 0);
	result(r[0] == XW_SMC_REVISION_MAJOR && r[1] == XW_SMC_REVISION_MINOR,
	       "secure kernel revision %" PRIu64 ".%" PRIu64, r[0], r[1]);
	call7(r, XW_SMC_CAPABILITIES, 0, 0, 0);
	caps = r[1];
	result(r[0] == XW_SMC_OK, "capabilities %#" PRIx64 " (x0 %" PRId64 ")", caps,
	       (int64_t)r[0]);

	for (i = 0; i < nbig; i++) {
		check_add(XW_SMC_ADD64, big[i], big[(i + 3) % nbig], big[(i + 5) % nbig]);
		check_add(XW_SMC_ADD32, big[i], big[(i + 3) % nbig], big[(i + 5) % nbig]);
	}
	/* The upper half of X0 is not part of the function ID. */
	check_add(0xdead000000000000ULL | XW_SMC_ADD64, 40, 1, 1);
	if (caps & XW_CAP_YIELDING) {
		check_add(XW_SMC_ADD64_YIELD, 0xffffffffffffffffULL, 2, 3);
		check_add(XW_SMC_ADD32_YIELD, 0x1ffffffffULL, 0xffffffff, 5);
	}

	check_unknown(XW_FAST32(0x7777));          /* secure kernel, unused number */
	check_unknown(XW_FAST64(0x7777));
	check_unknown(0x8200fe00);                 /* SiP, unused number */
	check_unknown(0x83000000);                 /* OEM service: none */
	check_unknown(0x81000000);                 /* CPU service: none */
	check_unknown(0xb0000000 | (52U << 24));   /* trusted OS owner 52: none */
	check_unknown(0x8400ffff);                 /* PSCI, unused number */

	check_counters();

	if (caps & XW_CAP_SECURE_TIMER) {
		call7(r, XW_SMC_TIMER_TICKS, XW_CPU_ALL, 0, 0);
		result(r[0] == XW_SMC_OK && r[2] > 0,
		       "secure timer: %" PRIu64 " ticks at %" PRIu64 " Hz", r[1], r[2]);
	}
	if (failures) {
		printf("%d check(s) failed; last: %s\n", failures, last_failure);
		return 1;
	}
	printf("all checks passed\n");
	return 0;
}
