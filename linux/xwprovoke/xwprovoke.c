// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwprovoke.ko: provokes one kernel report when it is loaded, then refuses to stay.
 * It exists to prove that the QEMU runner's log check (scripts/qemu-logcheck.sh)
 * fails a boot whose kernel complained but went on: the guest test provoke-warn.sh
 * loads it, and the suite expects that boot to FAIL (tests/qemu/run-all.sh).
 *   what=warn  WARN() (a "WARNING: CPU: ..." report with a stack trace)
 *   what=oops  a NULL dereference in insmod's context: an Oops that kills insmod,
 *              not the kernel (Debian's kernel does not panic on oops)
 * Never loaded by /init (it lives in /lib/xwprovoke/, not /lib/xw/).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/bug.h>

static char *what = "warn";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "warn or oops");

static int __init xwprovoke_init(void)
{
	if (strcmp(what, "warn") == 0) {
		WARN(1, "xwprovoke: provoked WARNING (what=warn)\n");
	} else if (strcmp(what, "oops") == 0) {
		int *volatile p = NULL;

		pr_info("xwprovoke: provoking a NULL dereference (what=oops)\n");
		*p = 1;
	} else {
		return -EINVAL;
	}
	return -EAGAIN;
}
module_init(xwprovoke_init);

MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("Crossworld: provoke a kernel report to test the QEMU runner's log check");
