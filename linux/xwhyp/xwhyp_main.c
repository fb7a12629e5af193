// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwhyp.ko (xwhyp.h): on load, announces `guests` guests and runs each one's
 * traffic on its own CPU - OP-TEE sessions, a registered two-page object and
 * CRC32 invokes over it checked against Linux's own crc32, echo messages
 * through a channel region checked byte for byte - while the first guest is
 * destroyed (VM_DESTROYED) at random moments `kills` times and announced
 * again. The other guests must lose nothing; cross-guest names must be
 * refused; and once every guest is destroyed holding objects, the secure
 * side's counts must be back at their start. Load fails (-EIO) otherwise;
 * the kernel log says what went wrong. Everything runs at load; nothing is
 * left behind but the loaded module (rmmod it).
 */
#include <linux/atomic.h>
#include <linux/crc32.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <xw/err.h>
#include <xw/optee_msg.h>
#include <xw/optee_smc.h>
#include <xw/smc.h>

#include "xwhyp.h"

#define MAX_GUESTS 8
#define FIRST_ID   11
#define MSG_MAX    2048

static unsigned int guests = 4;
module_param(guests, uint, 0444);
MODULE_PARM_DESC(guests, "guests at once (1..8)");
static unsigned int kills = 100;
module_param(kills, uint, 0444);
MODULE_PARM_DESC(kills, "times the first guest is destroyed mid-traffic");
static unsigned int bench;
module_param(bench, uint, 0444);
MODULE_PARM_DESC(bench, "1: run the benchmarks (xwhyp_bench.c) instead of the test");
static unsigned int rounds = 200;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds each surviving guest completes at least");

struct guest {
	u16 id;
	bool victim;
	struct xwhyp_optee o;
	struct xwhyp_chan c;
	struct task_struct *task;
	bool ready;
	int gen_seen;
	atomic_t gen;           /* bumped by the killer after each VM_DESTROYED */
	u8 *msg, *back;
	/* results */
	unsigned long done, restarts, failures;
	char why[192];
	char last[96];          /* the last restart's cause (for a failure's log) */
};

static struct guest *gs;
static atomic_t stop;
static struct xwhyp_optee host; /* the hypervisor's own session (client 0) */
static DEFINE_MUTEX(host_lock);

static void fail(struct guest *g, const char *what, long v)
{
	u64 c[3] = { 0, 0, 0 };

	if (g->failures++)
		return;
	/* What the secure side held at that moment, for the log. */
	mutex_lock(&host_lock);
	xwhyp_optee_stats(&host, c);
	mutex_unlock(&host_lock);
	snprintf(g->why, sizeof(g->why), "%s (%ld / %#lx; secure: %llu sessions %llu objects %llu threads, gen %d/%d)",
		 what, v, v, c[0], c[1], c[2], g->gen_seen, atomic_read(&g->gen));
}

static long vm_call(u32 fid, u16 id)
{
	struct arm_smccc_res res;

	xwhyp_smc(0, fid, id, 0, 0, 0, &res);
	return (long)(u32)res.a0;
}

/*
 * A killed guest's thread lives on here (a real guest would have died with
 * its VM): what it set up may straddle a kill - say a session of the dead
 * guest and an object of the new one. Let go of all of it, best effort, so
 * the new guest starts clean; the dead one's part is gone anyway.
 */
static void forget(struct guest *g)
{
	u32 teec;
	long err;

	if (g->o.session)
		xwhyp_optee_close(&g->o, g->o.session, &teec);
	if (g->o.cookie)
		xwhyp_optee_unregister(&g->o, g->o.cookie, &teec);
	if (g->c.handle)
		xwhyp_chan_close(&g->c, &err);
	g->o.session = 0;
	g->o.cookie = 0;
}

/* Objects of this guest: a session, a registered object, an echo region. */
static enum xwhyp_rc setup(struct guest *g, const char **what, long *v)
{
	enum xwhyp_rc rc;
	u32 teec;

	g->gen_seen = atomic_read(&g->gen);
	*what = "setup: open session";
	rc = xwhyp_optee_open(&g->o, &teec);
	*v = teec;
	if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
		return rc != XWHYP_OK ? rc : XWHYP_FAILED;
	g->o.cookie = 0x1000 + g->id;
	*what = "setup: register";
	rc = xwhyp_optee_register(&g->o, g->o.cookie, &teec);
	*v = teec;
	if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
		return rc != XWHYP_OK ? rc : XWHYP_FAILED;
	*what = "setup: channel region";
	return xwhyp_chan_open(&g->c, XWHYP_SVC_ECHO, v);
}

static enum xwhyp_rc round_of(struct guest *g, const char **what, long *v)
{
	u32 len = 1 + get_random_u32() % (2 * PAGE_SIZE), crc, teec, i;
	size_t mlen = get_random_u32() % MSG_MAX;
	enum xwhyp_rc rc;
	long err;

	get_random_bytes(g->o.data, len);
	rc = xwhyp_optee_crc(&g->o, g->o.session, g->o.cookie, len, &teec, &crc);
	*what = "crc32 invoke";
	*v = teec;
	if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
		return rc != XWHYP_OK ? rc : XWHYP_FAILED;
	*what = "crc32 value";
	*v = crc;
	if (crc != (crc32_le(~0U, g->o.data, len) ^ ~0U))
		return XWHYP_FAILED;
	for (i = 0; i < mlen; i++)
		g->msg[i] = (u8)(g->id + i * 7 + g->done);
	rc = xwhyp_chan_echo(&g->c, g->msg, mlen, g->back, &err);
	*what = "echo";
	*v = err;
	if (rc != XWHYP_OK)
		return rc;
	*what = "echo bytes";
	if (memcmp(g->msg, g->back, mlen) != 0)
		return XWHYP_FAILED;
	/* Now and then a new session and a new registration, as clients do. */
	if (g->done % 16 == 15) {
		*what = "close/open";
		rc = xwhyp_optee_close(&g->o, g->o.session, &teec);
		if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
			return rc != XWHYP_OK ? rc : XWHYP_FAILED;
		rc = xwhyp_optee_open(&g->o, &teec);
		if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
			return rc != XWHYP_OK ? rc : XWHYP_FAILED;
		*what = "unregister/register";
		rc = xwhyp_optee_unregister(&g->o, g->o.cookie, &teec);
		if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
			return rc != XWHYP_OK ? rc : XWHYP_FAILED;
		rc = xwhyp_optee_register(&g->o, g->o.cookie, &teec);
		if (rc != XWHYP_OK || teec != XW_TEEC_SUCCESS)
			return rc != XWHYP_OK ? rc : XWHYP_FAILED;
	}
	return XWHYP_OK;
}

static int worker(void *arg)
{
	struct guest *g = arg;
	const char *what = "setup";
	enum xwhyp_rc rc;
	long v = 0;

	while (!kthread_should_stop()) {
		if (atomic_read(&stop)) {
			msleep(1);
			continue;
		}
		rc = g->ready ? round_of(g, &what, &v) : setup(g, &what, &v);
		if (rc == XWHYP_OK) {
			g->done += g->ready;
			g->ready = true;
		} else if (g->victim && (rc == XWHYP_REFUSED || atomic_read(&g->gen) != g->gen_seen)) {
			/* Killed under us: the secure side dropped it all; start again. */
			g->restarts++;
			forget(g);
			if (!g->failures)
				snprintf(g->last, sizeof(g->last), "%s rc %d v %ld gen %d/%d", what, rc, v,
				 g->gen_seen, atomic_read(&g->gen));
			g->ready = false;
			usleep_range(100, 500);
		} else {
			fail(g, what, v);
			g->ready = false;
			msleep(10);
		}
		cond_resched();
	}
	return 0;
}

/* Names of one guest used by another, and calls of a guest nobody announced. */
static int cross_checks(struct guest *a, struct guest *b)
{
	struct xwhyp_optee *bo = &b->o;
	u32 teec, crc;
	int bad = 0;

	if (xwhyp_optee_crc(bo, a->o.session, bo->cookie, 16, &teec, &crc) != XWHYP_OK ||
	    teec != XW_TEEC_ERROR_BAD_PARAMETERS)
		bad |= 1;   /* another guest's session */
	if (xwhyp_optee_crc(bo, bo->session, 0x1000 + a->id, 16, &teec, &crc) != XWHYP_OK ||
	    teec != XW_TEEC_ERROR_BAD_PARAMETERS)
		bad |= 2;   /* another guest's object */
	if (xwhyp_optee_unregister(bo, 0x1000 + a->id, &teec) != XWHYP_OK ||
	    teec != XW_TEEC_ERROR_ITEM_NOT_FOUND)
		bad |= 4;
	if (xwhyp_optee_close(bo, a->o.session, &teec) != XWHYP_OK ||
	    teec != XW_TEEC_ERROR_BAD_PARAMETERS)
		bad |= 8;
	if (xwhyp_chan_ring(b->id, a->c.handle) != XW_ENOENT)
		bad |= 16;  /* another guest's region */
	if (xwhyp_chan_ring(999, a->c.handle) != XW_EACCES)
		bad |= 32;  /* a guest nobody announced */
	bo->client = 999;
	if (xwhyp_optee_open(bo, &teec) != XWHYP_REFUSED)
		bad |= 64;
	bo->client = b->id;
	if (bad)
		pr_err("xwhyp: cross-guest checks failed: mask %#x\n", bad);
	return bad ? -EIO : 0;
}

/* The secure side's counts, read as the host (client 0). */
static int counts(struct xwhyp_optee *host, u64 c[5])
{
	struct arm_smccc_res res;

	if (xwhyp_optee_stats(host, c) != XWHYP_OK)
		return -EIO;
	xwhyp_smc(0, XW_SMC_CHAN_STATS, 0, 0, 0, 0, &res);
	c[3] = res.a1;
	c[4] = res.a2;
	return res.a0 ? -EIO : 0;
}

static int run(void)
{
	u64 c0[5], c1[5];
	unsigned int i, k;
	const char *what;
	int err = 0;
	u32 teec;
	long v;

	if (xwhyp_optee_init(&host, 0))
		return -ENOMEM;
	if (xwhyp_optee_open(&host, &teec) != XWHYP_OK || teec || counts(&host, c0)) {
		pr_err("xwhyp: the host's test session failed\n");
		xwhyp_optee_free(&host);
		return -EIO;
	}
	for (i = 0; i < guests; i++) {
		struct guest *g = &gs[i];

		g->id = FIRST_ID + i;
		g->victim = i == 0 && guests > 1;
		if (vm_call(XW_OPTEE_VM_CREATED, g->id) != XW_OPTEE_RET_OK) {
			pr_err("xwhyp: VM_CREATED %u refused\n", g->id);
			err = -EIO;
		}
		if (setup(g, &what, &v) != XWHYP_OK) {
			pr_err("xwhyp: guest %u: %s failed (%ld)\n", g->id, what, v);
			err = -EIO;
		}
		g->ready = true;
	}
	if (!err && guests > 1)
		err = cross_checks(&gs[0], &gs[1]);
	for (i = 0; i < guests && !err; i++) {
		gs[i].task = kthread_create(worker, &gs[i], "xwhyp/%u", gs[i].id);
		if (IS_ERR(gs[i].task)) {
			err = PTR_ERR(gs[i].task);
			gs[i].task = NULL;
			break;
		}
		kthread_bind(gs[i].task, i % num_online_cpus());
		wake_up_process(gs[i].task);
	}
	/* The hypervisor kills and restarts the first guest, mid-traffic. */
	for (k = 0; k < kills && !err && guests > 1; k++) {
		unsigned int tries = 0;

		msleep(1 + get_random_u32() % 20);
		if (vm_call(XW_OPTEE_VM_DESTROYED, gs[0].id) != XW_OPTEE_RET_OK) {
			pr_err("xwhyp: VM_DESTROYED refused\n");
			err = -EIO;
			break;
		}
		/*
		 * Between the two: the guest is unknown, so whatever the victim
		 * set up before this point belongs to the dead one.
		 */
		atomic_inc(&gs[0].gen);
		/* Refused while a call of the old one still runs (its drop is pending). */
		while (vm_call(XW_OPTEE_VM_CREATED, gs[0].id) != XW_OPTEE_RET_OK) {
			if (++tries > 50000) {
				pr_err("xwhyp: guest %u never dropped\n", gs[0].id);
				err = -EIO;
				break;
			}
			usleep_range(20, 100);
		}
	}
	/* The others run their rounds to the end. */
	for (i = 1; i < guests && !err; i++) {
		while (gs[i].done < rounds && !gs[i].failures)
			msleep(10);
	}
	atomic_set(&stop, 1);
	for (i = 0; i < guests; i++) {
		if (gs[i].task)
			kthread_stop(gs[i].task);
	}
	/* Every guest dies holding its session, object and region: dropped whole. */
	for (i = 0; i < guests; i++)
		vm_call(XW_OPTEE_VM_DESTROYED, gs[i].id);
	mutex_lock(&host_lock);
	if (counts(&host, c1)) {
		err = -EIO;
	} else if (memcmp(c0, c1, sizeof(c0))) {
		pr_err("xwhyp: counts differ after the guests: sessions %llu->%llu objects %llu->%llu threads %llu->%llu regions %llu->%llu pages %llu->%llu\n",
		       c0[0], c1[0], c0[1], c1[1], c0[2], c1[2], c0[3], c1[3], c0[4], c1[4]);
		err = -EIO;
	}
	mutex_unlock(&host_lock);
	for (i = 0; i < guests; i++) {
		struct guest *g = &gs[i];

		pr_info("xwhyp: guest %u%s: %lu rounds, %lu restarts, %lu failures%s%s%s%s\n",
			g->id, g->victim ? " (killed)" : "", g->done, g->restarts, g->failures,
			g->failures ? ": first: " : "", g->failures ? g->why : "",
			g->failures && g->restarts ? "; restart before: " : "",
			g->failures && g->restarts ? g->last : "");
		if (g->failures)
			err = -EIO;
	}
	if (guests > 1 && gs[0].restarts == 0 && kills > 0) {
		pr_err("xwhyp: the killed guest never noticed: nothing was tested\n");
		err = -EIO;
	}
	xwhyp_optee_close(&host, host.session, &teec);
	xwhyp_optee_free(&host);
	pr_info("xwhyp: %s: %u guests, %u kills, counts sessions %llu objects %llu threads %llu regions %llu pages %llu at start and end\n",
		err ? "FAIL" : "PASS", guests, kills, c0[0], c0[1], c0[2], c0[3], c0[4]);
	return err;
}

static int __init xwhyp_init(void)
{
	unsigned int i;
	int err = 0;

	if (bench)
		return xwhyp_bench();
	if (guests < 1 || guests > MAX_GUESTS || rounds < 1)
		return -EINVAL;
	gs = kcalloc(guests, sizeof(*gs), GFP_KERNEL);
	if (!gs)
		return -ENOMEM;
	for (i = 0; i < guests && !err; i++) {
		gs[i].msg = kmalloc(MSG_MAX, GFP_KERNEL);
		gs[i].back = kmalloc(MSG_MAX, GFP_KERNEL);
		err = !gs[i].msg || !gs[i].back ? -ENOMEM : 0;
		err = err ?: xwhyp_optee_init(&gs[i].o, FIRST_ID + i);
		err = err ?: xwhyp_chan_init(&gs[i].c, FIRST_ID + i);
	}
	if (!err)
		err = run();
	for (i = 0; i < guests; i++) {
		xwhyp_optee_free(&gs[i].o);
		xwhyp_chan_free(&gs[i].c);
		kfree(gs[i].msg);
		kfree(gs[i].back);
	}
	kfree(gs);
	return err; /* loaded: passed (rmmod it); not loaded: the log says why */
}

static void __exit xwhyp_exit(void)
{
}

module_init(xwhyp_init);
module_exit(xwhyp_exit);
MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("Crossworld test: plays a hypervisor with several guests (docs/guests.md)");
