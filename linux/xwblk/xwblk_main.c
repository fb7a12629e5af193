// SPDX-License-Identifier: BSD-2-Clause
/*
 * xwblk.ko: block devices served by the secure world (docs/block.md).
 *
 * Found through /firmware/crossworld-blk (compatible "crossworld,xw-blk"; its
 * interrupt is the completion SPI). For every disk XW_SMC_BLK_INFO lists, a
 * blk-mq disk /dev/xwblkN with one hardware queue per CPU (up to 8). Each
 * disk owns one region from dma_alloc_coherent() (include/xw/blk_abi.h):
 * queue_rq writes the request into the slot of its tag - data as the physical
 * addresses of the request's own pages (zero copy) - publishes the tag, and
 * the last request of a batch rings the doorbell SMC. The secure side
 * completes into the queue's completion ring and raises the SPI; the handler
 * here ends the requests.
 */
#include <linux/arm-smccc.h>
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/scatterlist.h>
#include <linux/uaccess.h>
#include <asm/sysreg.h>

#include "xw/blk_abi.h"
#include "xw/err.h"
#include "xw/smc.h"
#include "xw_errno.h"
#include "xwblk_ioctl.h"

static unsigned int depth = 32;
module_param(depth, uint, 0444);
MODULE_PARM_DESC(depth, "requests in flight per hardware queue (power of two, <= 64)");
static unsigned int nqueues;
module_param(nqueues, uint, 0444);
MODULE_PARM_DESC(nqueues, "hardware queues per disk (0: one per CPU, <= 8)");

#define XWB_MAX_DISKS 4

struct xwb_disk;

struct xwb_queue {
	spinlock_t lock;   /* sq_prod and the submission ring */
	u8 *base;
	u32 sq_prod;
	u32 cq_cons;       /* the interrupt handler's only */
	unsigned int idx;
	struct xwb_disk *d;
};

struct xwb_disk {
	int index;
	u64 handle;
	u64 capacity;
	u32 flags, max_bytes, max_discard;
	void *region;
	dma_addr_t region_dma;
	size_t region_size;
	unsigned int nq, depth;
	struct xwb_queue q[XW_BLK_MAX_QUEUES];
	struct blk_mq_tag_set set;
	struct gendisk *gd;
	spinlock_t reap_lock; /* the completion rings' consumer side */
	atomic_t reap_wanted; /* a reaper found reap_lock busy: its holder looks again */
	atomic64_t kicks, irqs;
	atomic64_t timeouts; /* requests whose completion nobody signalled in time */
	bool broken_logged;
};

/* Per request: its scatterlist, and for XWBLK_IOC_RAW the request as given. */
struct xwb_cmd {
	struct scatterlist sg[XW_BLK_MAX_SEGS];
	int nents;
	int status;
	struct xw_blk_req *raw;
};

static struct device *xwb_dev;
static int xwb_major;
static int xwb_irq;
static struct xwb_disk *xwb_disks[XWB_MAX_DISKS];
static int xwb_ndisks;

static void xwb_smc(u64 fid, u64 a1, u64 a2, u64 a3, struct arm_smccc_res *res)
{
	arm_smccc_smc(fid, a1, a2, a3, 0, 0, 0, 0, res);
}

static struct xw_blk_req *xwb_slot(struct xwb_queue *q, unsigned int tag)
{
	return (struct xw_blk_req *)(q->base + XW_BLK_Q_REQ(q->d->depth)) + tag;
}

static void xwb_reap(struct xwb_disk *d);
static void xwb_reap_locked(struct xwb_disk *d);

static void xwb_kick(struct xwb_queue *q)
{
	struct arm_smccc_res res;

	atomic64_inc(&q->d->kicks);
	xwb_smc(XW_SMC_BLK_KICK, q->d->handle, q->idx, 0, &res);
	if ((long)res.a0 != XW_OK && !q->d->broken_logged) {
		q->d->broken_logged = true;
		dev_err(xwb_dev, "xwblk%d: queue %u: doorbell refused (%ld)\n", q->d->index,
			q->idx, (long)res.a0);
	}
	/* Completions the call already published: end them now, not after an interrupt. */
	if ((long)res.a0 == XW_OK && res.a2 != 0)
		xwb_reap(q->d);
}

static blk_status_t xwb_fill(struct xwb_queue *q, struct request *rq, struct xw_blk_req *r)
{
	struct xwb_cmd *cmd = blk_mq_rq_to_pdu(rq);
	struct scatterlist *sg;
	int i, n;

	memset(r, 0, offsetof(struct xw_blk_req, seg));
	r->sector = blk_rq_pos(rq);
	switch (req_op(rq)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		sg_init_table(cmd->sg, XW_BLK_MAX_SEGS);
		n = blk_rq_map_sg(rq->q, rq, cmd->sg);
		if (n <= 0)
			return BLK_STS_IOERR;
		n = dma_map_sg(xwb_dev, cmd->sg, n,
			       rq_data_dir(rq) == WRITE ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
		if (n <= 0)
			return BLK_STS_RESOURCE;
		cmd->nents = n;
		for_each_sg(cmd->sg, sg, n, i) {
			r->seg[i].pa = sg_dma_address(sg);
			r->seg[i].len = sg_dma_len(sg);
			r->seg[i].reserved = 0;
		}
		r->nseg = n;
		r->nsectors = blk_rq_sectors(rq);
		r->op = req_op(rq) == REQ_OP_READ ? XW_BLK_OP_READ : XW_BLK_OP_WRITE;
		r->flags = (rq->cmd_flags & REQ_FUA) ? XW_BLK_F_FUA : 0;
		return BLK_STS_OK;
	case REQ_OP_FLUSH:
		r->sector = 0;
		r->op = XW_BLK_OP_FLUSH;
		return BLK_STS_OK;
	case REQ_OP_DISCARD:
		r->nsectors = blk_rq_sectors(rq);
		r->op = XW_BLK_OP_DISCARD;
		return BLK_STS_OK;
	case REQ_OP_DRV_IN:
		if (!cmd->raw)
			return BLK_STS_IOERR;
		memcpy(r, cmd->raw, sizeof(*r)); /* as given: the secure side checks it */
		return BLK_STS_OK;
	default:
		return BLK_STS_NOTSUPP;
	}
}

static blk_status_t xwb_queue_rq(struct blk_mq_hw_ctx *hctx, const struct blk_mq_queue_data *bd)
{
	struct xwb_queue *q = hctx->driver_data;
	struct request *rq = bd->rq;
	struct xwb_cmd *cmd = blk_mq_rq_to_pdu(rq);
	unsigned int tag = rq->tag;
	blk_status_t st;

	cmd->nents = 0;
	cmd->status = 0;
	blk_mq_start_request(rq);
	st = xwb_fill(q, rq, xwb_slot(q, tag));
	if (st != BLK_STS_OK)
		return st;
	spin_lock(&q->lock);
	WRITE_ONCE(*(u32 *)(q->base + XW_BLK_Q_SQ + 4 * (q->sq_prod & (q->d->depth - 1))), tag);
	q->sq_prod++;
	/* Slot and ring entry before the index: the secure side loads it with acquire. */
	smp_store_release((u32 *)(q->base + XW_BLK_Q_SQ_PROD), q->sq_prod);
	spin_unlock(&q->lock);
	if (bd->last)
		xwb_kick(q);
	return BLK_STS_OK;
}

static void xwb_commit_rqs(struct blk_mq_hw_ctx *hctx)
{
	xwb_kick(hctx->driver_data);
}

static void xwb_complete_rq(struct request *rq)
{
	struct xwb_cmd *cmd = blk_mq_rq_to_pdu(rq);

	if (cmd->nents)
		dma_unmap_sg(xwb_dev, cmd->sg, cmd->nents,
			     rq_data_dir(rq) == WRITE ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
	blk_mq_end_request(rq, cmd->status ? errno_to_blk_status(xw_errno(cmd->status)) :
			   BLK_STS_OK);
}

static int xwb_init_hctx(struct blk_mq_hw_ctx *hctx, void *data, unsigned int idx)
{
	struct xwb_disk *d = data;

	hctx->driver_data = &d->q[idx];
	return 0;
}

static int xwb_init_request(struct blk_mq_tag_set *set, struct request *rq,
			    unsigned int hctx_idx, unsigned int numa_node)
{
	((struct xwb_cmd *)blk_mq_rq_to_pdu(rq))->raw = NULL;
	return 0;
}

/*
 * A request older than XWB_TIMEOUT: its completion may sit in the ring with no
 * interrupt to say so, or the device's may wait in the secure world for a
 * harvest. Look at the rings again and ring every queue's doorbell (a kick
 * harvests the device); done if that completed it, else another period. Every
 * such event is logged and counted: it is a lost notification to chase
 * (docs/block.md, "Known gaps"), not something to hide.
 */
#define XWB_TIMEOUT (10 * HZ)
static enum blk_eh_timer_return xwb_timeout(struct request *rq)
{
	struct xwb_queue *q = rq->mq_hctx->driver_data;
	struct xwb_disk *d = q->d;
	unsigned int i;

	atomic64_inc(&d->timeouts);
	dev_err_ratelimited(xwb_dev, "xwblk%d: queue %u: request %d not completed after %u s: reaping and ringing again (%lld so far)\n",
			    d->index, q->idx, rq->tag, XWB_TIMEOUT / HZ,
			    (long long)atomic64_read(&d->timeouts));
	xwb_reap(d);
	for (i = 0; i < d->nq; i++)
		xwb_kick(&d->q[i]);
	xwb_reap(d);
	return blk_mq_request_completed(rq) ? BLK_EH_DONE : BLK_EH_RESET_TIMER;
}

static const struct blk_mq_ops xwb_mq_ops = {
	.queue_rq = xwb_queue_rq,
	.commit_rqs = xwb_commit_rqs,
	.complete = xwb_complete_rq,
	.init_hctx = xwb_init_hctx,
	.init_request = xwb_init_request,
	.timeout = xwb_timeout,
};

/*
 * Never spin on reap_lock: under QEMU both vCPUs may share one host core, and
 * an interrupt spinning while the holder (a doorbell's reap on the other CPU)
 * is descheduled costs a host time slice (docs/benchmarks.md). A reaper that
 * finds the lock busy leaves a request; the holder reaps again after
 * unlocking. Full barriers order the request against the trylock/unlock.
 */
static void xwb_reap(struct xwb_disk *d)
{
	unsigned long fl;

	atomic_set(&d->reap_wanted, 1);
	smp_mb__after_atomic();
	while (atomic_read(&d->reap_wanted) && spin_trylock_irqsave(&d->reap_lock, fl)) {
		atomic_set(&d->reap_wanted, 0);
		smp_mb__after_atomic();
		xwb_reap_locked(d);
		spin_unlock_irqrestore(&d->reap_lock, fl);
		smp_mb();
	}
}

static void xwb_reap_locked(struct xwb_disk *d)
{
	unsigned int i;

	for (i = 0; i < d->nq; i++) {
		struct xwb_queue *q = &d->q[i];
		u32 prod = smp_load_acquire((u32 *)(q->base + XW_BLK_Q_CQ_PROD));

		while (q->cq_cons != prod) {
			struct xw_blk_cqe *e = (struct xw_blk_cqe *)(q->base + XW_BLK_Q_CQ(d->depth)) +
					       (q->cq_cons & (d->depth - 1));
			u32 tag = READ_ONCE(e->tag);
			int status = READ_ONCE(e->status);
			struct request *rq;

			q->cq_cons++;
			if (tag >= d->depth)
				continue;
			rq = blk_mq_tag_to_rq(d->set.tags[i], tag);
			if (!rq)
				continue;
			((struct xwb_cmd *)blk_mq_rq_to_pdu(rq))->status = status;
			blk_mq_complete_request(rq);
		}
		WRITE_ONCE(*(u32 *)(q->base + XW_BLK_Q_CQ_CONS), q->cq_cons);
	}
}

static irqreturn_t xwb_isr(int irq, void *data)
{
	int i, n = smp_load_acquire(&xwb_ndisks);

	for (i = 0; i < n; i++) {
		atomic64_inc(&xwb_disks[i]->irqs);
		xwb_reap(xwb_disks[i]);
	}
	return IRQ_HANDLED;
}

static u64 xwb_world_switches(void)
{
	struct arm_smccc_res res;
	u64 sum = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		xwb_smc(XW_SIP_WORLD_SWITCHES64, cpu, 0, 0, &res);
		if ((long)res.a0 == XW_OK)
			sum += res.a1;
	}
	return sum;
}

static int xwb_ioctl(struct block_device *bdev, fmode_t mode, unsigned int cmd, unsigned long arg)
{
	struct xwb_disk *d = bdev->bd_disk->private_data;
	struct arm_smccc_res res;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (cmd == XWBLK_IOC_STATS) {
		struct xwblk_stats s = { 0 };

		xwb_smc(XW_SMC_BLK_STATS, d->index, 0, 0, &res);
		s.done = res.a1;
		s.rejected = res.a2;
		s.dev_irqs = res.a3;
		s.world_switches = xwb_world_switches();
		s.kicks = atomic64_read(&d->kicks);
		s.notify_irqs = atomic64_read(&d->irqs);
		s.nqueues = d->nq;
		s.depth = d->depth;
		xwb_smc(XW_SMC_BLK_STATS, d->index, 1, 0, &res);
		if ((long)res.a0 == XW_OK) {
			s.dev_reqs = res.a1;
			s.dev_ticks = res.a2;
			s.dev_inflight_max = res.a3;
		}
		xwb_smc(XW_SMC_BLK_STATS, d->index, 2, 0, &res);
		if ((long)res.a0 == XW_OK) {
			s.reaped_kick = res.a1;
			s.reaped_irq = res.a2;
		}
		s.cntfrq = read_sysreg(cntfrq_el0);
		return copy_to_user((void __user *)arg, &s, sizeof(s)) ? -EFAULT : 0;
	}
	if (cmd == XWBLK_IOC_RAW) {
		struct xwblk_raw raw;
		struct request *rq;
		struct xwb_cmd *c;

		if (copy_from_user(&raw, (void __user *)arg, sizeof(raw)))
			return -EFAULT;
		rq = blk_mq_alloc_request(d->gd->queue, REQ_OP_DRV_IN, 0);
		if (IS_ERR(rq))
			return PTR_ERR(rq);
		c = blk_mq_rq_to_pdu(rq);
		c->raw = &raw.req;
		blk_execute_rq(rq, false);
		raw.status = c->status;
		c->raw = NULL;
		blk_mq_free_request(rq);
		return copy_to_user((void __user *)arg, &raw, sizeof(raw)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

static const struct block_device_operations xwb_fops = {
	.owner = THIS_MODULE,
	.ioctl = xwb_ioctl,
};

static void xwb_unregister(struct xwb_disk *d)
{
	struct arm_smccc_res res;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		xwb_smc(XW_SMC_BLK_UNREGISTER, d->handle, 0, 0, &res);
		if ((long)res.a0 != XW_EBUSY)
			break;
		msleep(10);
	}
	if ((long)res.a0 != XW_OK)
		dev_err(xwb_dev, "xwblk%d: unregister: %d (region kept)\n", d->index,
			xw_errno((long)res.a0));
	else
		dma_free_coherent(xwb_dev, d->region_size, d->region, d->region_dma);
}

static int xwb_add(int index, u64 cap, u64 x2, u64 x3)
{
	struct xwb_disk *d;
	struct xw_blk_hdr *h;
	struct arm_smccc_res res;
	unsigned int maxq = (x2 >> 16) & 0xff, maxd = (x2 >> 24) & 0xff;
	unsigned int slots = (x2 >> 40) & 0xffff, i;
	int rc;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->index = index;
	spin_lock_init(&d->reap_lock);
	d->capacity = cap;
	d->flags = x2 & 0xffff;
	d->max_bytes = (u32)x3;
	d->max_discard = x3 >> 32;
	d->nq = min3(nqueues ? nqueues : num_possible_cpus(), maxq, XW_BLK_MAX_QUEUES);
	d->depth = min3(depth, maxd, XW_BLK_MAX_DEPTH);
	while (d->nq * d->depth > slots && d->depth > 1)
		d->depth /= 2;
	d->depth = 1U << ilog2(d->depth ? d->depth : 1);
	d->region_size = PAGE_ALIGN(XW_BLK_REGION_BYTES(d->nq, d->depth));
	d->region = dma_alloc_coherent(xwb_dev, d->region_size, &d->region_dma, GFP_KERNEL);
	rc = -ENOMEM;
	if (!d->region)
		goto err_free;
	h = d->region;
	h->magic = XW_BLK_MAGIC;
	h->version = XW_BLK_VERSION;
	h->nqueues = d->nq;
	h->depth = d->depth;
	for (i = 0; i < d->nq; i++) {
		spin_lock_init(&d->q[i].lock);
		d->q[i].base = (u8 *)d->region + XW_BLK_Q_OFF(i, d->depth);
		d->q[i].idx = i;
		d->q[i].d = d;
	}
	xwb_smc(XW_SMC_BLK_REGISTER, index, d->region_dma, d->region_size, &res);
	if ((long)res.a0 != XW_OK) {
		rc = xw_errno((long)res.a0);
		dev_err(xwb_dev, "xwblk%d: secure world refused the queue region: %d\n", index, rc);
		goto err_region;
	}
	d->handle = res.a1;

	d->set.ops = &xwb_mq_ops;
	d->set.nr_hw_queues = d->nq;
	d->set.queue_depth = d->depth;
	d->set.numa_node = NUMA_NO_NODE;
	d->set.cmd_size = sizeof(struct xwb_cmd);
	d->set.flags = BLK_MQ_F_SHOULD_MERGE;
	d->set.driver_data = d;
	rc = blk_mq_alloc_tag_set(&d->set);
	if (rc)
		goto err_reg;
	d->gd = blk_mq_alloc_disk(&d->set, d);
	if (IS_ERR(d->gd)) {
		rc = PTR_ERR(d->gd);
		goto err_set;
	}
	blk_queue_logical_block_size(d->gd->queue, XW_BLK_SECTOR_SIZE);
	blk_queue_rq_timeout(d->gd->queue, XWB_TIMEOUT);
	blk_queue_max_hw_sectors(d->gd->queue, d->max_bytes >> XW_BLK_SECTOR_SHIFT);
	blk_queue_max_segments(d->gd->queue, XW_BLK_MAX_SEGS);
	blk_queue_max_segment_size(d->gd->queue, d->max_bytes);
	if (d->flags & XW_BLK_DISK_FLUSH)
		blk_queue_write_cache(d->gd->queue, true, true);
	if (d->flags & XW_BLK_DISK_DISCARD) {
		blk_queue_max_discard_sectors(d->gd->queue, d->max_discard);
		d->gd->queue->limits.discard_granularity = XW_BLK_SECTOR_SIZE;
	}
	d->gd->major = xwb_major;
	d->gd->first_minor = index * 16;
	d->gd->minors = 16;
	d->gd->fops = &xwb_fops;
	d->gd->private_data = d;
	snprintf(d->gd->disk_name, DISK_NAME_LEN, "xwblk%d", index);
	set_capacity(d->gd, d->capacity);
	set_disk_ro(d->gd, !!(d->flags & XW_BLK_DISK_RO));
	/* The handler may see the disk from here on: add_disk() reads the table. */
	xwb_disks[xwb_ndisks] = d;
	smp_store_release(&xwb_ndisks, xwb_ndisks + 1);
	rc = add_disk(d->gd);
	if (rc) {
		smp_store_release(&xwb_ndisks, xwb_ndisks - 1);
		goto err_disk;
	}
	dev_info(xwb_dev, "xwblk%d: %llu sectors, %s%s%s%s, %u queues x %u\n", index, cap,
		 (d->flags & XW_BLK_DISK_VIRTIO) ? "secure virtio-blk" : "secure RAM",
		 (d->flags & XW_BLK_DISK_RO) ? ", read-only" : "",
		 (d->flags & XW_BLK_DISK_FLUSH) ? ", flush/FUA" : "",
		 (d->flags & XW_BLK_DISK_DISCARD) ? ", discard" : "", d->nq, d->depth);
	return 0;

err_disk:
	put_disk(d->gd);
err_set:
	blk_mq_free_tag_set(&d->set);
err_reg:
	xwb_unregister(d);
	kfree(d);
	return rc;
err_region:
	dma_free_coherent(xwb_dev, d->region_size, d->region, d->region_dma);
err_free:
	kfree(d);
	return rc;
}

static void xwb_remove_all(void)
{
	while (xwb_ndisks > 0) {
		struct xwb_disk *d = xwb_disks[--xwb_ndisks];

		del_gendisk(d->gd);
		put_disk(d->gd);
		blk_mq_free_tag_set(&d->set);
		xwb_unregister(d);
		kfree(d);
	}
}

static int xwb_probe(struct platform_device *pdev)
{
	struct arm_smccc_res res;
	int i, rc;

	xwb_dev = &pdev->dev;
	if (depth == 0 || depth > XW_BLK_MAX_DEPTH || (nqueues > XW_BLK_MAX_QUEUES))
		return -EINVAL;
	rc = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(40));
	if (rc)
		return rc;
	xwb_irq = platform_get_irq(pdev, 0);
	if (xwb_irq < 0)
		return xwb_irq;
	xwb_major = register_blkdev(0, "xwblk");
	if (xwb_major < 0)
		return xwb_major;
	/* Before the disks: add_disk() reads the partition table through it. */
	rc = devm_request_irq(&pdev->dev, xwb_irq, xwb_isr, 0, "xwblk", NULL);
	if (rc) {
		unregister_blkdev(xwb_major, "xwblk");
		return rc;
	}
	for (i = 0; i < XWB_MAX_DISKS; i++) {
		xwb_smc(XW_SMC_BLK_INFO, i, 0, 0, &res);
		if ((long)res.a0 != XW_OK)
			break;
		rc = xwb_add(i, res.a1, res.a2, res.a3);
		if (rc)
			dev_err(&pdev->dev, "xwblk%d: not added (%d)\n", i, rc);
	}
	return 0;
}

static int xwb_remove(struct platform_device *pdev)
{
	xwb_remove_all();
	unregister_blkdev(xwb_major, "xwblk");
	return 0;
}

static const struct of_device_id xwb_of_match[] = {
	{ .compatible = "crossworld,xw-blk" },
	{}
};
MODULE_DEVICE_TABLE(of, xwb_of_match);

static struct platform_driver xwb_driver = {
	.probe = xwb_probe,
	.remove = xwb_remove,
	.driver = { .name = "xwblk", .of_match_table = xwb_of_match },
};
module_platform_driver(xwb_driver);

MODULE_DESCRIPTION("Crossworld block devices served by the secure world");
MODULE_LICENSE("Dual BSD/GPL");
