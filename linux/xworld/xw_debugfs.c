// SPDX-License-Identifier: BSD-2-Clause
/*
 * /sys/kernel/debug/xworld/:
 *   stats     totals: channels, messages and bytes each way, messages closed
 *             half sent (to_secure_msgs_abandoned), notifications each way
 *             (doorbells, and by cause: data, space, busy or "again" re-rings;
 *             interrupts and doorbell returns that carried a
 *             notification; the interrupt's latency from that return, SPI
 *             path only), deferred write()s published by the coalescing
 *             timer, the secure side's counters, and the
 *             monitor's world switches summed over CPUs;
 *   channels  one line per open channel: owner, service, counters, the
 *             shared indices as they are in memory now, and "tx_partial OFF/LEN":
 *             a message being sent, OFF of its LEN bytes queued (0/0: none);
 *   corrupt   write a channel's number: the normal world scribbles over that
 *             channel's producer index, as a buggy or hostile driver would. The
 *             secure side must break that channel only (tests/qemu/guest).
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include <xw/smc.h>

#include "xworld_priv.h"

static struct dentry *xw_dbg;

/* Entries + returns of the monitor's world switches, all CPUs. */
static u64 world_switches(void)
{
	struct arm_smccc_res res;
	u64 sum = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		xw_smc(XW_SIP_WORLD_SWITCHES, cpu, 0, 0, &res);
		if (res.a0 == XW_SMC_OK)
			sum += res.a1 + res.a2;
	}
	return sum;
}

static int stats_show(struct seq_file *m, void *v)
{
	struct xw_chan_stats t, cs;
	struct arm_smccc_res res;
	struct xw_file *f;
	u64 doorbells, returns, tflush, abandoned, open = 0, n;

	mutex_lock(&xw_files_lock);
	t = xw_closed;
	abandoned = xw_closed_abandoned;
	doorbells = xw_closed_doorbells;
	returns = xw_closed_notify_returns;
	tflush = xw_closed_timer_flushes;
	list_for_each_entry(f, &xw_files, node) {
		xw_chan_get_stats(&f->ch, &cs);
		t.tx_msgs += cs.tx_msgs;
		t.tx_bytes += cs.tx_bytes;
		t.rx_msgs += cs.rx_msgs;
		t.rx_bytes += cs.rx_bytes;
		t.notify_sent += cs.notify_sent;
		t.notify_suppressed += cs.notify_suppressed;
		t.waits += cs.waits;
		t.errors += cs.errors;
		t.refs_sent += cs.refs_sent;
		t.refs_received += cs.refs_received;
		doorbells += f->doorbells;
		returns += f->notify_returns;
		tflush += f->timer_flushes;
		open++;
	}
	mutex_unlock(&xw_files_lock);
	xw_smc(XW_SMC_CHAN_STATS, 0, 0, 0, &res);
	seq_printf(m, "channels_open %llu\n", open);
	seq_printf(m, "to_secure_msgs %llu\nto_secure_bytes %llu\n", t.tx_msgs, t.tx_bytes);
	seq_printf(m, "to_secure_msgs_abandoned %llu\n", abandoned);
	seq_printf(m, "from_secure_msgs %llu\nfrom_secure_bytes %llu\n", t.rx_msgs, t.rx_bytes);
	/* REF records: message pieces that went through the reference area, not the ring. */
	seq_printf(m, "to_secure_refs %llu\nfrom_secure_refs %llu\n", t.refs_sent, t.refs_received);
	seq_printf(m, "notify_to_secure_doorbells %llu\n", doorbells);
	/* Since the module was loaded, closed channels included. */
	seq_printf(m, "notify_to_secure_doorbells_by_cause data %lld space %lld busy %lld again %lld\n",
		   atomic64_read(&xw_db_cause[XW_DB_DATA]), atomic64_read(&xw_db_cause[XW_DB_SPACE]),
		   atomic64_read(&xw_db_cause[XW_DB_BUSY]), atomic64_read(&xw_db_cause[XW_DB_AGAIN]));
	seq_printf(m, "notify_from_secure_irqs %u\n", atomic_read(&xw_irqs));
	seq_printf(m, "notify_from_secure_returns %llu\n", returns);
	seq_printf(m, "write_flushes_by_timer %llu\n", tflush);
	n = atomic64_read(&xw_irq_lat_n);
	seq_printf(m, "notify_irq_latency_ns avg %llu max %llu samples %llu\n",
		   n ? (u64)atomic64_read(&xw_irq_lat_sum) / n : 0,
		   (u64)atomic64_read(&xw_irq_lat_max), n);
	seq_printf(m, "notify_wanted %llu\nnotify_suppressed %llu\n", t.notify_sent,
		   t.notify_suppressed);
	seq_printf(m, "sleeps %llu\nprotocol_errors %llu\n", t.waits, t.errors);
	seq_printf(m, "secure_regions %lu\nsecure_pages %lu\nsecure_irqs_raised %lu\n", res.a1,
		   res.a2, res.a3);
	seq_printf(m, "world_switches %llu\n", world_switches());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int channels_show(struct seq_file *m, void *v)
{
	struct xw_chan_stats cs;
	struct xw_file *f;

	mutex_lock(&xw_files_lock);
	list_for_each_entry(f, &xw_files, node) {
		/* Racy snapshots of shared words: for people, not for decisions. */
		volatile struct xw_chan_ring_ctl *r = f->ch.hdr->ring;

		xw_chan_get_stats(&f->ch, &cs);
		seq_printf(m, "%u pid %d svc %s status %d tx %llu/%llu rx %llu/%llu doorbells %llu "
			   "waits %llu errors %llu | n->s prod %u cons %u data_ev %u space_ev %u | "
			   "s->n prod %u cons %u data_ev %u space_ev %u | tx_partial %llu/%llu\n",
			   f->id, f->pid, f->bound ? f->svc : "-", xw_chan_status(&f->ch),
			   cs.tx_msgs, cs.tx_bytes, cs.rx_msgs, cs.rx_bytes, f->doorbells, cs.waits,
			   cs.errors, r[0].prod, r[0].cons, r[0].data_event, r[0].space_event,
			   r[1].prod, r[1].cons, r[1].data_event, r[1].space_event,
			   READ_ONCE(f->ch.tx.in_msg) ? READ_ONCE(f->ch.tx.msg_off) : 0,
			   READ_ONCE(f->ch.tx.in_msg) ? READ_ONCE(f->ch.tx.msg_len) : 0);
	}
	mutex_unlock(&xw_files_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(channels);

static ssize_t corrupt_write(struct file *file, const char __user *ubuf, size_t len,
			     loff_t *off)
{
	struct xw_file *f;
	int rc = -ENOENT;
	u32 id;

	rc = kstrtou32_from_user(ubuf, len, 0, &id);
	if (rc)
		return rc;
	rc = -ENOENT;
	mutex_lock(&xw_files_lock);
	list_for_each_entry(f, &xw_files, node) {
		if (f->id == id) {
			/* Past the ring and unaligned: every check of the index fails. */
			WRITE_ONCE(f->ch.hdr->ring[0].prod, 0x7fff0003u);
			/* Ring at once, as the faulty driver would: before our own end
			 * publishes its true index over the garbage. */
			xw_ops.notify(f, XW_CHAN_EV_DATA);
			rc = 0;
			break;
		}
	}
	mutex_unlock(&xw_files_lock);
	return rc ? rc : len;
}

static const struct file_operations corrupt_fops = {
	.owner = THIS_MODULE,
	.write = corrupt_write,
};

void xw_debugfs_init(void)
{
	xw_dbg = debugfs_create_dir("xworld", NULL);
	debugfs_create_file("stats", 0444, xw_dbg, NULL, &stats_fops);
	debugfs_create_file("channels", 0444, xw_dbg, NULL, &channels_fops);
	debugfs_create_file("corrupt", 0200, xw_dbg, NULL, &corrupt_fops);
}

void xw_debugfs_exit(void)
{
	debugfs_remove_recursive(xw_dbg);
}
