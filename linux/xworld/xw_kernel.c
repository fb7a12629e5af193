// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's own channels (seed 002: "a dedicated channel per CPU"): at
 * probe, one region per possible CPU with one channel per secure service,
 * each bound to its service. xw_kernel_call() uses the calling CPU's channel,
 * so kernel users on different CPUs do not contend for one queue, and each
 * doorbell is served by the secure kernel on the CPU that rang it. A task
 * that migrates mid-call still uses the channel it started on (its lock
 * keeps that correct; locality is best effort, not a requirement).
 */
#include <linux/dma-mapping.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>

#include <xw/smc.h>

#include "xworld_priv.h"

#define XW_KRING    (64u << 10)
#define XW_KSVC_MAX 8

struct xw_kcpu {
	void *cpu;
	dma_addr_t dma;
	size_t size;
	u64 handle;
	unsigned int nsvc;
	struct xw_file ch[XW_KSVC_MAX]; /* ch[i] bound to service i */
};

static struct xw_kcpu **kcpus;

static void kcpu_free(struct xw_kcpu *k)
{
	struct arm_smccc_res res;
	unsigned int i;

	for (i = 0; i < k->nsvc; i++)
		xw_files_del(&k->ch[i]);
	if (k->handle) {
		for (i = 0; i < 100000; i++) {
			xw_smc(XW_SMC_CHAN_UNREGISTER, k->handle, 0, 0, &res);
			if ((long)res.a0 != XW_EBUSY)
				break;
			cond_resched();
		}
		if (res.a0) {
			pr_err("xworld: unregister of a kernel region failed (%ld): leaking it\n",
			       (long)res.a0);
			kfree(k);
			return;
		}
	}
	dma_free_coherent(xw_dev, k->size, k->cpu, k->dma);
	kfree(k);
}

static int kcpu_new(struct xw_kcpu **out)
{
	struct arm_smccc_res res;
	struct xw_kcpu *k;
	unsigned int i, n = 0;
	int rc;

	/* Services are numbered 0..n-1 (XW_SMC_SVC_INFO answers until the last). */
	for (n = 0; n < XW_KSVC_MAX; n++) {
		xw_smc(XW_SMC_SVC_INFO, n, 0, 0, &res);
		if (res.a0)
			break;
	}
	if (n == 0)
		return -ENODEV;
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->size = PAGE_ALIGN(xw_region_size(n, XW_KRING));
	rc = xw_region_alloc(k->size, &k->cpu, &k->dma);
	if (rc) {
		kfree(k);
		return rc;
	}
	rc = -EIO;
	if (xw_region_init(k->cpu, k->size, n, XW_KRING))
		goto fail;
	for (i = 0; i < n; i++) {
		struct xw_file *f = &k->ch[i];

		xw_file_init(f);
		f->idx = i;
		if (xw_chan_open(&f->ch, k->cpu, k->size, i, XW_CHAN_END0, &xw_ops, f))
			goto fail;
	}
	xw_smc(XW_SMC_CHAN_REGISTER, k->dma, k->size, xw_reg_flags(), &res);
	if (res.a0) {
		rc = xw_errno((long)res.a0);
		goto fail;
	}
	k->handle = res.a1;
	for (i = 0; i < n; i++) {
		struct xw_file *f = &k->ch[i];

		xw_smc(XW_SMC_CHAN_BIND, k->handle, i, i, &res);
		if (res.a0) {
			rc = xw_errno((long)res.a0);
			goto fail;
		}
		f->handle = k->handle;
		f->bound = true;
		xw_smc(XW_SMC_SVC_INFO, i, 0, 0, &res);
		memcpy(f->svc, &res.a1, 8);
		memcpy(f->svc + 8, &res.a2, 8);
		memcpy(f->svc + 16, &res.a3, 8);
		f->svc[XW_SVC_NAME_MAX] = 0;
		xw_files_add(f);
		k->nsvc = i + 1;
	}
	*out = k;
	return 0;
fail:
	kcpu_free(k);
	return rc;
}

int xw_kernel_init(void)
{
	unsigned int cpu;
	int rc;

	kcpus = kcalloc(nr_cpu_ids, sizeof(*kcpus), GFP_KERNEL);
	if (!kcpus)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		rc = kcpu_new(&kcpus[cpu]);
		if (rc) {
			xw_kernel_exit();
			return rc;
		}
	}
	return 0;
}

void xw_kernel_exit(void)
{
	unsigned int cpu;

	if (!kcpus)
		return;
	for_each_possible_cpu(cpu) {
		if (kcpus[cpu])
			kcpu_free(kcpus[cpu]);
	}
	kfree(kcpus);
	kcpus = NULL;
}

/**
 * xw_kernel_call() - one message to a secure service on this CPU's channel
 * @service: its name ("echo", "checksum", ...)
 * @msg, @len: the message (at most one record of the ring, XW_KCALL_MAX)
 * @reply, @cap, @rlen: where the one reply goes; @reply NULL = no reply
 *   awaited (e.g. "sink")
 *
 * Sleeps (process context). 0, -ENODEV (no kernel channels), -ENOENT (no such
 * service), -EMSGSIZE (message too long, or reply longer than @cap: the reply
 * is dropped), -EPIPE (the channel broke), -EINTR.
 */
int xw_kernel_call(const char *service, const void *msg, size_t len, void *reply, size_t cap,
		   size_t *rlen)
{
	struct xw_kcpu *k;
	struct xw_file *f = NULL;
	unsigned int i;
	size_t got = 0;
	u64 need;
	int rc;

	if (!kcpus)
		return -ENODEV;
	k = kcpus[raw_smp_processor_id()];
	for (i = 0; k && i < k->nsvc; i++) {
		if (!strncmp(k->ch[i].svc, service, XW_SVC_NAME_MAX))
			f = &k->ch[i];
	}
	if (!f)
		return -ENOENT;
	if (len > XW_KCALL_MAX || len > xw_chan_max_record(&f->ch))
		return -EMSGSIZE;
	mutex_lock(&f->tx_lock);
	rc = xw_send_k(f, msg, len, 0, false);
	if (rc || !reply)
		goto out;
	mutex_lock(&f->rx_lock);
	rc = xw_next_len(f, false, &need);
	if (rc == 1) {
		rc = 0; /* a 0-byte reply */
	} else if (rc == 0 && need > cap) {
		void *tmp = kvmalloc(need, GFP_KERNEL);

		/* Consume it anyway: the next call must get its own reply. */
		rc = tmp ? xw_recv_k(f, tmp, need, &got, 0) : -ENOMEM;
		kvfree(tmp);
		got = 0;
		if (!rc)
			rc = -EMSGSIZE;
	} else if (rc == 0) {
		rc = xw_recv_k(f, reply, need, &got, 0);
	}
	mutex_unlock(&f->rx_lock);
out:
	mutex_unlock(&f->tx_lock);
	if (rlen)
		*rlen = got;
	return rc;
}
EXPORT_SYMBOL(xw_kernel_call);

long xw_kernel_bench(unsigned long arg)
{
	struct xw_ioc_kbench b;
	u8 *msg, *rep;
	bool echo;
	size_t got;
	u64 t0, i;
	int rc = 0;

	if (copy_from_user(&b, (void __user *)arg, sizeof(b)))
		return -EFAULT;
	if (!memchr(b.name, 0, sizeof(b.name)) || b.reserved || b.size > XW_KCALL_MAX ||
	    b.count == 0 || b.count > 10000000)
		return -EINVAL;
	echo = !strcmp(b.name, "echo");
	msg = kvmalloc(b.size + 1, GFP_KERNEL);
	rep = kvmalloc(b.size + 1, GFP_KERNEL);
	if (!msg || !rep) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < b.size; i++)
		msg[i] = (u8)(i * 7 + 1);
	b.bad = 0;
	b.cpu = raw_smp_processor_id();
	t0 = ktime_get_ns();
	for (i = 0; i < b.count; i++) {
		if (b.size >= 8)
			memcpy(msg, &i, 8);
		rc = xw_kernel_call(b.name, msg, b.size, echo ? rep : NULL, b.size, &got);
		if (rc)
			break;
		if (echo && (got != b.size || memcmp(msg, rep, b.size)))
			b.bad++;
		if (fatal_signal_pending(current)) {
			rc = -EINTR;
			break;
		}
	}
	b.ns = ktime_get_ns() - t0;
	if (!rc && copy_to_user((void __user *)arg, &b, sizeof(b)))
		rc = -EFAULT;
out:
	kvfree(msg);
	kvfree(rep);
	return rc;
}
