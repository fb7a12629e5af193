// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwtest: a test device that hands SMCs from user space to the firmware.
 *
 * /dev/xwtest takes one call (x0..x7 in, x0..x3 out) per ioctl, or a loop of N
 * calls run inside the kernel, so that tests and benchmarks can drive the secure
 * side without the cost of a syscall per call. It knows nothing about the calls
 * themselves: the tools in user/ give the function IDs and the expected results.
 * Root only: any function ID goes through, including PSCI.
 */
#include <linux/arm-smccc.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "xwtest_ioctl.h"

static char *conduit = "auto";
module_param(conduit, charp, 0444);
MODULE_PARM_DESC(conduit, "smc, hvc or auto (SMCCC 1.1 discovery, else smc)");

static int xwtest_conduit = SMCCC_CONDUIT_SMC;

static void xwtest_invoke(u32 how, const u64 *a, struct arm_smccc_res *res)
{
	/* One branch per call: the conduit cannot change after load. */
	if (how == XWTEST_HOW_1_1) {
		if (xwtest_conduit == SMCCC_CONDUIT_HVC)
			arm_smccc_1_1_hvc(a[0], a[1], a[2], a[3], a[4], a[5], a[6], res);
		else
			arm_smccc_1_1_smc(a[0], a[1], a[2], a[3], a[4], a[5], a[6], res);
	} else {
		if (xwtest_conduit == SMCCC_CONDUIT_HVC)
			arm_smccc_hvc(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], res);
		else
			arm_smccc_smc(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], res);
	}
}

static int xwtest_check_how(u32 how, const u64 *a)
{
	if (how == XWTEST_HOW_FULL)
		return 0;
	/* The SMCCC 1.1 helpers pass x0..x6 only. */
	if (how == XWTEST_HOW_1_1 && a[7] == 0)
		return 0;
	return -EINVAL;
}

static long xwtest_call(void __user *arg)
{
	struct xwtest_call c;
	struct arm_smccc_res res;
	int ret;

	if (copy_from_user(&c, arg, sizeof(c)))
		return -EFAULT;
	ret = xwtest_check_how(c.how, c.a);
	if (ret)
		return ret;
	/* The CPU reported must be the one the SMC ran on. */
	c.cpu = get_cpu();
	xwtest_invoke(c.how, c.a, &res);
	put_cpu();
	c.r[0] = res.a0;
	c.r[1] = res.a1;
	c.r[2] = res.a2;
	c.r[3] = res.a3;
	return copy_to_user(arg, &c, sizeof(c)) ? -EFAULT : 0;
}

static long xwtest_loop(void __user *arg)
{
	struct xwtest_loop l;
	struct arm_smccc_res res;
	u64 a[8], i, t0;
	int ret;

	if (copy_from_user(&l, arg, sizeof(l)))
		return -EFAULT;
	ret = xwtest_check_how(l.how, l.a);
	if (ret)
		return ret;
	if (l.count > XWTEST_LOOP_MAX || l.vary > 7 || l.check > 3)
		return -EINVAL;
	memcpy(a, l.a, sizeof(a));
	l.bad = 0;
	l.bad_index = 0;
	memset(l.bad_r, 0, sizeof(l.bad_r));
	l.cpu = raw_smp_processor_id();
	t0 = ktime_get_ns();
	for (i = 0; i < l.count; i++) {
		u64 r[4];

		if (l.vary)
			a[l.vary] = l.a[l.vary] + i;
		xwtest_invoke(l.how, a, &res);
		r[0] = res.a0;
		r[1] = res.a1;
		r[2] = res.a2;
		r[3] = res.a3;
		if (r[0] != l.expect_r0 || (l.check && r[l.check] != l.expect + i * l.step)) {
			if (!l.bad++) {
				l.bad_index = i;
				memcpy(l.bad_r, r, sizeof(r));
			}
		}
		/* Long loops must not starve the CPU or ignore ^C. */
		if ((i & 255) == 255) {
			cond_resched();
			if (fatal_signal_pending(current) || signal_pending(current)) {
				i++;
				break;
			}
		}
	}
	l.ns = ktime_get_ns() - t0;
	l.done = i;
	l.migrated = raw_smp_processor_id() != l.cpu;
	return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

static long xwtest_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	u32 c;

	switch (cmd) {
	case XWTEST_IOC_CALL:
		return xwtest_call(uarg);
	case XWTEST_IOC_LOOP:
		return xwtest_loop(uarg);
	case XWTEST_IOC_CONDUIT:
		c = xwtest_conduit;
		return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int xwtest_open(struct inode *inode, struct file *f)
{
	return capable(CAP_SYS_RAWIO) ? 0 : -EPERM;
}

static const struct file_operations xwtest_fops = {
	.owner = THIS_MODULE,
	.open = xwtest_open,
	.unlocked_ioctl = xwtest_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice xwtest_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "xwtest",
	.fops = &xwtest_fops,
	.mode = 0600,
};

/*
 * Without SMCCC 1.1 discovery, use what the device tree says PSCI uses: an HVC on
 * a machine without EL3 would be the only safe choice there, an SMC everywhere else.
 */
static int __init xwtest_dt_conduit(void)
{
	struct device_node *np = of_find_node_by_path("/psci");
	const char *method = NULL;
	int c = SMCCC_CONDUIT_SMC;

	if (np && !of_property_read_string(np, "method", &method) && !strcmp(method, "hvc"))
		c = SMCCC_CONDUIT_HVC;
	of_node_put(np);
	return c;
}

static int __init xwtest_init(void)
{
	if (!strcmp(conduit, "smc")) {
		xwtest_conduit = SMCCC_CONDUIT_SMC;
	} else if (!strcmp(conduit, "hvc")) {
		xwtest_conduit = SMCCC_CONDUIT_HVC;
	} else if (!strcmp(conduit, "auto")) {
		xwtest_conduit = arm_smccc_1_1_get_conduit();
		if (xwtest_conduit == SMCCC_CONDUIT_NONE)
			xwtest_conduit = xwtest_dt_conduit();
	} else {
		pr_err("xwtest: conduit must be smc, hvc or auto, not '%s'\n", conduit);
		return -EINVAL;
	}
	pr_info("xwtest: /dev/xwtest ready, conduit %s\n",
		xwtest_conduit == SMCCC_CONDUIT_HVC ? "hvc" : "smc");
	return misc_register(&xwtest_dev);
}

static void __exit xwtest_exit(void)
{
	misc_deregister(&xwtest_dev);
}

module_init(xwtest_init);
module_exit(xwtest_exit);
MODULE_DESCRIPTION("Crossworld SMC test device");
MODULE_AUTHOR("Crossworld");
MODULE_LICENSE("Dual BSD/GPL");
