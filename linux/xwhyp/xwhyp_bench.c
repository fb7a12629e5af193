// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench-guests (xwhyp.ko bench=1, bench/guests/run.sh): what one guest gets
 * while three others flood the secure world at their thread limits, against
 * the same guest alone, in one boot; the cost of VM_DESTROYED for a guest
 * holding 1,000 shared-memory objects (and its sessions and regions);
 * REGISTER_SHM per page at 4 KiB, 1 MiB, 64 MiB and 1 GiB. Prints BENCH and
 * TARGET lines.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/slab.h>

#include <xw/err.h>
#include <xw/optee_msg.h>
#include <xw/optee_smc.h>

#include "xwhyp.h"

#define ID_MAIN   21
#define ID_FLOOD  22   /* 22, 23, 24 */
#define ID_FAT    25
#define FLOODERS  3
#define INVOKES   2000
#define STREAM    20000
#define MAX_PAGES 262145 /* the largest object: 1 GiB from any offset */
#define FAT_OBJS  1000   /* shared-memory objects of the guest VM_DESTROYED drops */
#define FAT_READ  256    /* of them read once (a cached 2-page block each: its budget) */

struct flooder {
	struct xwhyp_optee o;
	struct task_struct *task;
	unsigned long calls;
};

/* What the flooders do: nothing (asleep), secure NOP invokes, or spin in Linux. */
enum { FLOOD_OFF, FLOOD_SECURE, FLOOD_SPIN };
static atomic_t flood_on;
static DECLARE_WAIT_QUEUE_HEAD(flood_wq);

static void flood_set(int mode)
{
	atomic_set(&flood_on, mode);
	wake_up_all(&flood_wq);
}

static long vm(u32 fid, u16 id, u64 threads, u64 pages, u64 regions, u64 objs)
{
	struct arm_smccc_res res;

	arm_smccc_smc(fid, id, threads, pages, regions, objs, 0, 0, &res);
	return (long)(u32)res.a0;
}

static int flood(void *arg)
{
	struct flooder *f = arg;
	u32 teec;

	while (!kthread_should_stop()) {
		switch (atomic_read(&flood_on)) {
		case FLOOD_SECURE:
			if (xwhyp_optee_nop(&f->o, f->o.session, &teec) == XWHYP_OK && !teec)
				f->calls++;
			cond_resched();
			break;
		case FLOOD_SPIN: /* the same CPUs busy, the secure world left alone */
			cpu_relax();
			cond_resched();
			break;
		default: /* asleep: an idle vCPU costs the pinned host core nothing */
			wait_event_interruptible(flood_wq, atomic_read(&flood_on) ||
						 kthread_should_stop());
		}
	}
	return 0;
}

/* ns for @n NOP invokes as @o. */
static s64 invokes(struct xwhyp_optee *o, unsigned int n)
{
	ktime_t t0 = ktime_get();
	u32 teec;

	while (n--) {
		if (xwhyp_optee_nop(o, o->session, &teec) != XWHYP_OK || teec)
			return -1;
	}
	return ktime_to_ns(ktime_sub(ktime_get(), t0));
}

static s64 stream(struct xwhyp_chan *c, u64 n)
{
	static const u8 msg[64];
	ktime_t t0 = ktime_get();
	long err;

	if (xwhyp_chan_stream(c, msg, sizeof(msg), n, &err) != XWHYP_OK)
		return -1;
	return ktime_to_ns(ktime_sub(ktime_get(), t0));
}

/* One guest's rate with 3 guests flooding, against @anchor_name's run; loaded / anchor. */
static void ratio(const char *name, const char *anchor_name, s64 anchor, s64 loaded,
		  unsigned long n, const char *unit, bool target)
{
	u64 r_anchor = div64_u64((u64)n * 1000000000ULL, (u64)anchor);
	u64 r_loaded = div64_u64((u64)n * 1000000000ULL, (u64)loaded);
	u64 pct = div64_u64(r_loaded * 100, r_anchor ? r_anchor : 1);

	pr_info("xwhyp: BENCH %s (higher is better): %llu %s/s with 3 guests flooding | %s %llu %s/s | ratio %llu.%02llu\n",
		name, r_loaded, unit, anchor_name, r_anchor, unit, pct / 100, pct % 100);
	if (target)
		pr_info("xwhyp: TARGET %s: %llu.%02llu | target >= 0.80 | %s\n", name, pct / 100,
			pct % 100, pct >= 80 ? "met" : "missed");
}

static int fairness(void)
{
	struct flooder *f;
	struct xwhyp_optee m;
	struct xwhyp_chan c;
	s64 a1, l1, a2, l2, b1, b2;
	unsigned int i, cpus = num_online_cpus();
	int err = -EIO;
	long e;
	u32 teec;

	f = kcalloc(FLOODERS * 2, sizeof(*f), GFP_KERNEL);
	if (!f || xwhyp_optee_init(&m, ID_MAIN) || xwhyp_chan_init(&c, ID_MAIN))
		goto out;
	if (vm(XW_OPTEE_VM_CREATED, ID_MAIN, 0, 0, 0, 0) != XW_OPTEE_RET_OK ||
	    xwhyp_optee_open(&m, &teec) != XWHYP_OK || teec ||
	    xwhyp_chan_open(&c, XWHYP_SVC_SINK, &e) != XWHYP_OK)
		goto out;
	/* Three guests, two callers each: their thread limit (the default share, 2). */
	for (i = 0; i < FLOODERS * 2; i++) {
		u16 id = ID_FLOOD + i / 2;

		if ((i % 2 == 0 && vm(XW_OPTEE_VM_CREATED, id, 0, 0, 0, 0) != XW_OPTEE_RET_OK) ||
		    xwhyp_optee_init(&f[i].o, id) || xwhyp_optee_open(&f[i].o, &teec) != XWHYP_OK ||
		    teec)
			goto out;
		f[i].task = kthread_create(flood, &f[i], "xwhyp-flood/%u", i);
		if (IS_ERR(f[i].task)) {
			f[i].task = NULL;
			goto out;
		}
		if (cpus > 1)
			kthread_bind(f[i].task, 1 + i % (cpus - 1));
		wake_up_process(f[i].task);
	}
	invokes(&m, 200); /* warm */
	a1 = invokes(&m, INVOKES);
	a2 = stream(&c, STREAM);
	/*
	 * The anchor for fairness: the same vCPUs kept busy in Linux instead, so
	 * the host core QEMU is pinned to is shared the same way; what differs is
	 * only the secure world's load.
	 */
	flood_set(FLOOD_SPIN);
	msleep(20);
	b1 = invokes(&m, INVOKES);
	b2 = stream(&c, STREAM);
	flood_set(FLOOD_SECURE);
	msleep(20);
	l1 = invokes(&m, INVOKES);
	l2 = stream(&c, STREAM);
	flood_set(FLOOD_OFF);
	if (a1 <= 0 || l1 <= 0 || a2 <= 0 || l2 <= 0 || b1 <= 0 || b2 <= 0)
		goto out;
	for (i = 0; i < FLOODERS * 2; i++)
		pr_info("xwhyp: flooder %u (guest %u): %lu invokes\n", i, ID_FLOOD + i / 2, f[i].calls);
	ratio("guests-invoke-fairness", "same-cpus-busy-in-linux", b1, l1, INVOKES, "invokes", true);
	ratio("guests-stream-64B-fairness", "same-cpus-busy-in-linux", b2, l2, STREAM, "msgs", true);
	ratio("guests-invoke-vs-alone", "alone", a1, l1, INVOKES, "invokes", false);
	ratio("guests-stream-64B-vs-alone", "alone", a2, l2, STREAM, "msgs", false);
	pr_info("xwhyp: invoke round trip: alone %lld ns, CPUs busy in Linux %lld ns, 3 guests flooding %lld ns (%u vCPUs)\n",
		a1 / INVOKES, b1 / INVOKES, l1 / INVOKES, cpus);
	err = 0;
out:
	flood_set(FLOOD_OFF);
	for (i = 0; f && i < FLOODERS * 2; i++) {
		if (f[i].task)
			kthread_stop(f[i].task);
		xwhyp_optee_free(&f[i].o);
	}
	for (i = 0; i < FLOODERS; i++)
		vm(XW_OPTEE_VM_DESTROYED, ID_FLOOD + i, 0, 0, 0, 0);
	vm(XW_OPTEE_VM_DESTROYED, ID_MAIN, 0, 0, 0, 0);
	xwhyp_optee_free(&m);
	xwhyp_chan_free(&c);
	kfree(f);
	return err;
}

/*
 * A guest holding 1,000 shared-memory objects (FAT_READ of them read, so
 * holding a mapped block), its sessions (the default share, 16) and 8 channel
 * regions, then VM_DESTROYED.
 */
static int destroy_cost(void)
{
	struct xwhyp_optee o;
	struct xwhyp_chan *c;
	unsigned int i, sessions = 0, objects = 0, regions = 0, read = 0;
	ktime_t t0;
	s64 ns;
	long e;
	u32 teec, crc;

	c = kcalloc(8, sizeof(*c), GFP_KERNEL);
	if (!c || xwhyp_optee_init(&o, ID_FAT)) {
		kfree(c);
		return -ENOMEM;
	}
	if (vm(XW_OPTEE_VM_CREATED, ID_FAT, 2, 1 << 20, 8, FAT_OBJS) != XW_OPTEE_RET_OK)
		goto out;
	while (sessions < 64 && xwhyp_optee_open(&o, &teec) == XWHYP_OK && !teec)
		sessions++;
	while (objects < FAT_OBJS &&
	       xwhyp_optee_register(&o, 0x100 + objects, &teec) == XWHYP_OK && !teec)
		objects++;
	while (read < FAT_READ && read < objects && o.session &&
	       xwhyp_optee_crc(&o, o.session, 0x100 + read, 2 * PAGE_SIZE, &teec, &crc) ==
		       XWHYP_OK && !teec)
		read++;
	for (i = 0; i < 8; i++) {
		if (xwhyp_chan_init(&c[i], ID_FAT) ||
		    xwhyp_chan_open(&c[i], XWHYP_SVC_SINK, &e) != XWHYP_OK)
			break;
		regions++;
	}
	t0 = ktime_get();
	vm(XW_OPTEE_VM_DESTROYED, ID_FAT, 0, 0, 0, 0);
	ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	pr_info("xwhyp: BENCH guests-destroy (lower is better): %lld us for %u sessions + %u shm objects (%u pages, %u of them read: mapped) + %u regions = %u objects | %lld ns per object\n",
		ns / 1000, sessions, objects, objects * 2, read, regions,
		sessions + objects + regions, ns / max(1u, sessions + objects + regions));
	if (objects < FAT_OBJS)
		pr_info("xwhyp: destroy: only %u of %u objects registered\n", objects, FAT_OBJS);
out:
	for (i = 0; i < 8; i++)
		xwhyp_chan_free(&c[i]);
	kfree(c);
	xwhyp_optee_free(&o);
	return objects == FAT_OBJS ? 0 : -EIO;
}

/* "a.bc" of @num / @den (den > 0), for the TARGET lines. */
static void ratio_str(char *buf, size_t len, u64 num, u64 den)
{
	u64 r = div64_u64(num * 100, den ? den : 1);

	snprintf(buf, len, "%llu.%02llu", r / 100, r % 100);
}

/*
 * REGISTER_SHM + UNREGISTER_SHM of 1, 256, 16,384 and 262,144 pages (4 KiB,
 * 1 MiB, 64 MiB, 1 GiB), rounds interleaved, the fastest of each size kept
 * (this box's load drifts). Per page: the whole call pair over its pages, and
 * the part past a 1-page call's ("marginal": what each further page costs).
 */
static int register_cost(void)
{
	static const unsigned int sizes[] = { 1, 256, 16384, 262144 };
	static const unsigned int reps[] = { 48, 48, 8, 3 };
	static const char *const names[] = { "4 KiB", "1 MiB", "64 MiB", "1 GiB" };
	unsigned int nlist = DIV_ROUND_UP(MAX_PAGES, 511), i, j, s, r;
	u64 best[ARRAY_SIZE(sizes)], per[ARRAY_SIZE(sizes)], marg[ARRAY_SIZE(sizes)];
	u64 lo = U64_MAX, hi = 0, mlo = U64_MAX, mhi = 0;
	char a[16], b[16];
	struct xwhyp_optee o;
	u64 **list;
	void *page;
	u32 teec;
	int err = -ENOMEM;

	list = kcalloc(nlist, sizeof(*list), GFP_KERNEL);
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!list || !page || xwhyp_optee_init(&o, ID_MAIN))
		goto out;
	/*
	 * Every entry the same data page: the secure side's work is per entry
	 * either way (each is read, checked and copied), and 1 GiB of distinct
	 * pages is more than this boot's RAM the gate lets through.
	 */
	for (i = 0; i < nlist; i++) {
		list[i] = (u64 *)get_zeroed_page(GFP_KERNEL);
		if (!list[i])
			goto out;
	}
	for (i = 0; i < nlist; i++) {
		for (j = 0; j < 511; j++)
			list[i][j] = virt_to_phys(page);
		list[i][511] = i + 1 < nlist ? virt_to_phys(list[i + 1]) : 0;
	}
	err = -EIO;
	if (vm(XW_OPTEE_VM_CREATED, ID_MAIN, 0, 1 << 20, 0, 0) != XW_OPTEE_RET_OK)
		goto out;
	for (s = 0; s < ARRAY_SIZE(sizes); s++)
		best[s] = U64_MAX;
	for (r = 0; r < reps[0]; r++) {
		for (s = 0; s < ARRAY_SIZE(sizes); s++) {
			ktime_t t0;
			u64 ns;

			if (r >= reps[s])
				continue;
			t0 = ktime_get();
			if (xwhyp_optee_register_list(&o, virt_to_phys(list[0]),
						      (u64)sizes[s] * PAGE_SIZE, 7, &teec) != XWHYP_OK ||
			    teec || xwhyp_optee_unregister(&o, 7, &teec) != XWHYP_OK || teec) {
				pr_info("xwhyp: register of %s failed (teec %#x)\n", names[s], teec);
				goto out;
			}
			ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
			best[s] = min(best[s], ns);
		}
	}
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		per[s] = div64_u64(best[s], sizes[s]);
		lo = min(lo, per[s]);
		hi = max(hi, per[s]);
		marg[s] = s == 0 ? 0 : div64_u64(best[s] > best[0] ? best[s] - best[0] : 0,
						  sizes[s] - 1);
		if (s != 0) {
			mlo = min(mlo, marg[s]);
			mhi = max(mhi, marg[s]);
		}
	}
	pr_info("xwhyp: BENCH guests-register-per-page (lower is better): 4 KiB %llu ns | 1 MiB %llu ns | 64 MiB %llu ns | 1 GiB %llu ns (register + unregister, fastest call pair over its pages)\n",
		per[0], per[1], per[2], per[3]);
	pr_info("xwhyp: BENCH guests-register-marginal-per-page (lower is better): 1 MiB %llu ns | 64 MiB %llu ns | 1 GiB %llu ns (each page past a 1-page call's %llu ns)\n",
		marg[1], marg[2], marg[3], best[0]);
	ratio_str(a, sizeof(a), mhi, mlo);
	pr_info("xwhyp: TARGET guests-register-marginal-flat-1MiB-1GiB: %s | target <= 1.50 | %s\n", a,
		mhi * 2 <= mlo * 3 ? "met" : "missed");
	ratio_str(b, sizeof(b), hi, lo);
	pr_info("xwhyp: TARGET guests-register-flat-4KiB-1GiB: %s | target <= 1.50 | %s (a 4 KiB call is its fixed cost: two SMC round trips and one TLB broadcast)\n",
		b, hi * 2 <= lo * 3 ? "met" : "missed");
	err = 0;
out:
	vm(XW_OPTEE_VM_DESTROYED, ID_MAIN, 0, 0, 0, 0);
	for (i = 0; list && i < nlist; i++)
		free_page((unsigned long)list[i]);
	kfree(list);
	free_page((unsigned long)page);
	xwhyp_optee_free(&o);
	return err;
}

int xwhyp_bench(void)
{
	int err = fairness();

	err = err ?: destroy_cost();
	err = err ?: register_cost();
	pr_info("xwhyp: bench %s\n", err ? "FAILED" : "done");
	return err;
}
