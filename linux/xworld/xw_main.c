// SPDX-License-Identifier: BSD-2-Clause
/*
 * xworld: cross-world channels between Linux and the Crossworld secure kernel.
 *
 * Found through /firmware/crossworld (compatible "crossworld,xw"; its
 * `interrupts` is the SPI the secure side raises) and refuses to load unless
 * the owner-51 UID and revision (0.2 or later) answer. The platform device
 * must be DMA-coherent (normal cacheable memory, as the secure side maps
 * channel regions; seed 004).
 *
 * The module's files, one idea each: this one (probe, remove, parameters);
 * xw_transport.c (SMC, notification interrupt, library hooks, channel memory,
 * blocking send/receive of kernel buffers); xw_fops.c (/dev/xworld);
 * xw_batch.c (batches of whole messages per system call); xw_kernel.c (the
 * kernel's own per-CPU channels); xw_debugfs.c (statistics, fault knob).
 * xworld_priv.h is what they share.
 */
#include <linux/arm-smccc.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#include <xw/smc.h>

#include "xworld_priv.h"

unsigned int xw_ring_kib = 256;
module_param_named(ring_kib, xw_ring_kib, uint, 0444);
MODULE_PARM_DESC(ring_kib, "ring size per direction in KiB (power of two, 1..1024; default 256)");

unsigned int xw_ref_kib = 1024;
module_param_named(ref_kib, xw_ref_kib, uint, 0444);
MODULE_PARM_DESC(ref_kib, "reference area for messages to the secure side in KiB (0: none, "
		 "else 4..2048): large pieces go by reference, one ring slot each");

unsigned int xw_ref_back_kib = 2048;
module_param_named(ref_back_kib, xw_ref_back_kib, uint, 0444);
MODULE_PARM_DESC(ref_back_kib, "reference area for messages from the secure side in KiB "
		 "(0: none, else 4..2048); two 1 MiB replies fit, so echo answers the next "
		 "request while the reader still holds one reply");

bool xw_notify_irq;
module_param_named(notify_irq, xw_notify_irq, bool, 0444);
MODULE_PARM_DESC(notify_irq, "take notifications by the SPI, not in the doorbell's return "
		 "(the old path; for comparison)");

static int xw_probe(struct platform_device *pdev)
{
	struct arm_smccc_res res;
	int irq, rc;

	/* Without a secure monitor an SMC is an undefined instruction: ask first. */
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		dev_err(&pdev->dev, "no SMC conduit (PSCI/SMCCC does not use SMC): "
			"no secure firmware to talk to\n");
		return -ENODEV;
	}
	xw_smc(XW_SMC_CALL_UID, 0, 0, 0, &res);
	if (res.a0 != XW_SMC_UID_0 || res.a1 != XW_SMC_UID_1 || res.a2 != XW_SMC_UID_2 ||
	    res.a3 != XW_SMC_UID_3) {
		dev_err(&pdev->dev, "no Crossworld secure kernel answers (UID %lx)\n", res.a0);
		return -ENODEV;
	}
	xw_smc(XW_SMC_REVISION, 0, 0, 0, &res);
	if (res.a0 != XW_SMC_REVISION_MAJOR || res.a1 < 2) {
		dev_err(&pdev->dev, "secure kernel speaks revision %lu.%lu, need %u.2 or later\n",
			res.a0, res.a1, XW_SMC_REVISION_MAJOR);
		return -ENODEV;
	}
	if (!dev_is_dma_coherent(&pdev->dev)) {
		dev_err(&pdev->dev, "device tree node lacks dma-coherent: channel memory would "
			"not be normal cacheable memory, as the secure side maps it\n");
		return -EINVAL;
	}
	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	rc = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(40));
	if (rc)
		return rc;
	rc = devm_request_irq(&pdev->dev, irq, xw_irq, 0, "xworld", NULL);
	if (rc)
		return rc;
	xw_dev = &pdev->dev;
	/* The kernel's per-CPU channels; without them /dev/xworld still works. */
	rc = xw_kernel_init();
	if (rc)
		dev_warn(&pdev->dev, "no per-CPU kernel channels (%d)\n", rc);
	rc = misc_register(&xw_misc);
	if (rc) {
		xw_kernel_exit();
		return rc;
	}
	xw_debugfs_init();
	dev_info(&pdev->dev, "Crossworld channels: revision %lu.%lu, irq %d, %u KiB rings\n",
		 res.a0, res.a1, irq, xw_ring_kib);
	return 0;
}

static int xw_remove(struct platform_device *pdev)
{
	xw_debugfs_exit();
	misc_deregister(&xw_misc);
	xw_kernel_exit();
	return 0;
}

static const struct of_device_id xw_of_match[] = {
	{ .compatible = "crossworld,xw" },
	{},
};
MODULE_DEVICE_TABLE(of, xw_of_match);

static struct platform_driver xw_driver = {
	.probe = xw_probe,
	.remove = xw_remove,
	.driver = { .name = "xworld", .of_match_table = xw_of_match },
};
module_platform_driver(xw_driver);

MODULE_DESCRIPTION("Crossworld cross-world channels");
MODULE_LICENSE("Dual BSD/GPL");
