/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld SMC ABI: function identifiers and return codes of every call the
 * normal world may make to the firmware (EL3 monitor and S-EL1 secure kernel).
 * The full specification, with argument and result registers per call, is
 * docs/abi-smc.md; the numbers here are frozen once published.
 *
 * Shared verbatim by the secure side, the Linux modules and the user tools:
 * macros only, no types, no prototypes, no includes, so it is freestanding in
 * every environment (kernel, bare metal, hosted).
 *
 * Function identifier layout (Arm SMC Calling Convention, DEN0028):
 *   bit 31      1 = fast call, 0 = yielding call
 *   bit 30      1 = SMC64 convention, 0 = SMC32
 *   bits 29:24  owning entity number (OEN)
 *   bits 23:17  must be zero in fast calls
 *   bit 16      SVE live-state hint (SMCCC 1.3), ignored
 *   bits 15:0   function number
 * Only W0 carries the identifier: the upper half of X0 is ignored.
 */
#ifndef XW_SMC_H
#define XW_SMC_H

/* ---- SMCCC identifier construction and decoding ---------------------- */

#define XW_SMC_FAST_BIT        0x80000000U
#define XW_SMC_64_BIT          0x40000000U
#define XW_SMC_OWNER_SHIFT     24
#define XW_SMC_OWNER_MASK      0x3fU
#define XW_SMC_FN_MASK         0xffffU
#define XW_SMC_SVE_HINT_BIT    0x00010000U
#define XW_SMC_MBZ_MASK        0x00fe0000U /* bits 23:17, zero in fast calls */

#define XW_SMC_IS_FAST(fid)    ((((fid) & XW_SMC_FAST_BIT) != 0))
#define XW_SMC_IS_64(fid)      ((((fid) & XW_SMC_64_BIT) != 0))
#define XW_SMC_OWNER(fid)      (((fid) >> XW_SMC_OWNER_SHIFT) & XW_SMC_OWNER_MASK)
#define XW_SMC_FN(fid)         ((fid) & XW_SMC_FN_MASK)

/* fast: 1 or 0; is64: 1 or 0; owner 0..63; fn 0..0xffff */
#define XW_SMC_FID(fast, is64, owner, fn) \
	(((fast) ? XW_SMC_FAST_BIT : 0U) | ((is64) ? XW_SMC_64_BIT : 0U) | \
	 (((owner) & XW_SMC_OWNER_MASK) << XW_SMC_OWNER_SHIFT) | ((fn) & XW_SMC_FN_MASK))

/* Owning entity numbers. */
#define XW_SMC_OWNER_ARCH      0U  /* Arm architecture calls (SMCCC_VERSION, ...) */
#define XW_SMC_OWNER_CPU       1U
#define XW_SMC_OWNER_SIP       2U  /* silicon provider: Crossworld monitor calls */
#define XW_SMC_OWNER_OEM       3U
#define XW_SMC_OWNER_STD       4U  /* standard secure services: PSCI */
#define XW_SMC_OWNER_STD_HYP   5U
#define XW_SMC_OWNER_VEN_HYP   6U
#define XW_SMC_OWNER_TAPP_LO   48U /* trusted applications 48..49 */
#define XW_SMC_OWNER_TAPP_HI   49U
#define XW_SMC_OWNER_TOS_LO    50U /* trusted OS 50..63 */
#define XW_SMC_OWNER_TOS_HI    63U
#define XW_SMC_OWNER_OPTEE     50U /* OP-TEE's calls: Crossworld never uses it */
#define XW_SMC_OWNER_XW        51U /* Crossworld secure kernel calls */
#define XW_SMC_OWNER_TOS_QUERY 63U /* OP-TEE's UID/revision queries: not ours */

/* ---- Return codes ------------------------------------------------------ */
/*
 * Returned in X0, sign-extended to 64 bits (W0 for SMC32 callers). The SMCCC
 * and PSCI values are fixed by Arm. Crossworld calls (owner 51, SiP 2) return
 * XW_SMC_OK or a negated errno from include/xw/err.h; -1 is never used by them
 * for anything but "unknown function".
 */
#define XW_SMC_OK                  0
#define XW_SMC_UNK                 (-1) /* unknown function ID: nothing happened */
#define XW_SMCCC_NOT_SUPPORTED     (-1)
#define XW_SMCCC_NOT_REQUIRED      (-2)
#define XW_SMCCC_INVALID_PARAMETER (-3)

/* ---- Arm architecture calls (owner 0), handled in EL3 ------------------ */

#define XW_SMCCC_VERSION           0x80000000U /* -> 0x10001 (SMCCC 1.1) */
#define XW_SMCCC_ARCH_FEATURES     0x80000001U /* x1 = fid -> 0 or NOT_SUPPORTED */
#define XW_SMCCC_ARCH_SOC_ID       0x80000002U /* not implemented: NOT_SUPPORTED */
#define XW_SMCCC_ARCH_WORKAROUND_1 0x80008000U /* not implemented */
#define XW_SMCCC_ARCH_WORKAROUND_2 0x80007fffU /* not implemented */
#define XW_SMCCC_VERSION_1_1       0x10001U

/* ---- PSCI (owner 4), handled in EL3 ------------------------------------ */

#define XW_PSCI_VERSION            0x84000000U /* -> 0x10001 (PSCI 1.1) */
#define XW_PSCI_CPU_SUSPEND        0x84000001U /* not implemented */
#define XW_PSCI_CPU_SUSPEND64      0xc4000001U /* not implemented */
#define XW_PSCI_CPU_OFF            0x84000002U
#define XW_PSCI_CPU_ON             0x84000003U
#define XW_PSCI_CPU_ON64           0xc4000003U
#define XW_PSCI_AFFINITY_INFO      0x84000004U
#define XW_PSCI_AFFINITY_INFO64    0xc4000004U
#define XW_PSCI_MIGRATE_INFO_TYPE  0x84000006U
#define XW_PSCI_SYSTEM_OFF         0x84000008U
#define XW_PSCI_SYSTEM_RESET       0x84000009U
#define XW_PSCI_FEATURES           0x8400000aU
#define XW_PSCI_VERSION_1_1        0x10001U

#define XW_PSCI_SUCCESS            0
#define XW_PSCI_NOT_SUPPORTED      (-1)
#define XW_PSCI_INVALID_PARAMETERS (-2)
#define XW_PSCI_DENIED             (-3)
#define XW_PSCI_ALREADY_ON         (-4)
#define XW_PSCI_ON_PENDING         (-5)
#define XW_PSCI_INTERNAL_FAILURE   (-6)
#define XW_PSCI_NOT_PRESENT        (-7)
#define XW_PSCI_DISABLED           (-8)
#define XW_PSCI_INVALID_ADDRESS    (-9)

/* AFFINITY_INFO results */
#define XW_PSCI_AFF_ON             0
#define XW_PSCI_AFF_OFF            1
#define XW_PSCI_AFF_ON_PENDING     2

/* MIGRATE_INFO_TYPE result: the trusted OS runs on every CPU, nothing to migrate */
#define XW_PSCI_TOS_NOT_PRESENT_MP 2

/* ---- Crossworld monitor calls (SiP owner 2), handled in EL3 ------------ */

/* UID of the monitor's SiP service: x0..x3 = the four words below */
#define XW_SIP_CALL_UID            0x8200ff01U
#define XW_SIP_REVISION            0x8200ff03U /* -> x0 major, x1 minor */
/*
 * World-switch counters of one CPU: x1 = CPU index (0..n-1).
 * -> x0 = XW_SMC_OK, x1 = entries into the secure world,
 *    x2 = returns to the normal world from the secure world,
 *    x3 = SMCs from the normal world handled on that CPU (all owners).
 * x0 = XW_EINVAL (-22) if the index is not a CPU of this system.
 */
#define XW_SIP_WORLD_SWITCHES      0x82000001U
#define XW_SIP_WORLD_SWITCHES64    0xc2000001U
/*
 * Which path the entries into the secure kernel took on one CPU (debug
 * counters, docs/boot.md "World switch"): x1 = CPU index.
 * -> x0 = XW_SMC_OK, x1 = entries in the normal world's borrowed regime,
 *    x2 = entries in the secure kernel's own regime,
 *    x3 = entries that invalidated the secure EL1&0 TLB (regime changed).
 * x0 = XW_EINVAL (-22) if the index is not a CPU of this system. With a
 * trusted OS that never borrows (TOS=optee) x1 stays 0.
 */
#define XW_SIP_SWITCH_PATHS        0x82000002U
#define XW_SIP_SWITCH_PATHS64      0xc2000002U
/*
 * Why the secure world was entered on one CPU: x1 = CPU index.
 * -> x0 = XW_SMC_OK, x1 = entries for a normal-world fast call (secure-kernel
 *    and SMCCC TRNG calls), x2 = entries for a yielding call, x3 = entries for
 *    a secure interrupt taken while the normal world ran. The rest of
 *    SIP_WORLD_SWITCHES x1 is the cold boot, CPU_ON and CPU_OFF.
 * x0 = XW_EINVAL (-22) if the index is not a CPU of this system.
 */
#define XW_SIP_ENTRY_CAUSES        0x82000003U
#define XW_SIP_ENTRY_CAUSES64      0xc2000003U
/*
 * Benchmark anchor (bench-smc): the monitor switches SCR_EL3.NS to the secure
 * state and back at EL3, without entering S-EL1, and returns x0 = XW_SMC_OK.
 * What every call into the secure kernel pays for the change of Security
 * state itself and nothing else (docs/boot.md "World switch"); no register
 * or memory the normal world can read changes.
 */
#define XW_SIP_NS_FLIP             0x82000004U

#define XW_SIP_UID_0               0x2f9e6d4bU
#define XW_SIP_UID_1               0x4c1a7e63U
#define XW_SIP_UID_2               0x91b0d3a5U
#define XW_SIP_UID_3               0x7c52e8f0U
#define XW_SIP_REVISION_MAJOR      1U
#define XW_SIP_REVISION_MINOR      0U

/* ---- Crossworld secure kernel calls (trusted OS owner 51) -------------- */
/*
 * Fast SMC32:     0xb3000000 | fn     Fast SMC64:     0xf3000000 | fn
 * Yielding SMC32: 0x33000000 | fn     Yielding SMC64: 0x73000000 | fn
 * Every call below exists as fast SMC32 and fast SMC64; calls marked
 * "yielding too" also accept the yielding forms (same arguments).
 */
#define XW_FN_CALL_UID             0xff01U
#define XW_FN_REVISION             0xff03U
#define XW_FN_CAPABILITIES         0x0001U
#define XW_FN_ADD                  0x0002U
#define XW_FN_CALL_COUNT           0x0003U
#define XW_FN_TIMER_TICKS          0x0004U
#define XW_FN_SVC_INFO             0x0010U
#define XW_FN_CHAN_REGISTER        0x0011U
#define XW_FN_CHAN_UNREGISTER      0x0012U
#define XW_FN_CHAN_BIND            0x0013U
#define XW_FN_CHAN_DOORBELL        0x0014U
#define XW_FN_CHAN_STATS           0x0015U

#define XW_FAST32(fn)   XW_SMC_FID(1, 0, XW_SMC_OWNER_XW, fn)
#define XW_FAST64(fn)   XW_SMC_FID(1, 1, XW_SMC_OWNER_XW, fn)
#define XW_YIELD32(fn)  XW_SMC_FID(0, 0, XW_SMC_OWNER_XW, fn)
#define XW_YIELD64(fn)  XW_SMC_FID(0, 1, XW_SMC_OWNER_XW, fn)

/* -> x0..x3 = UID words (x0 != 0xffffffff, so it is never mistaken for UNK) */
#define XW_SMC_CALL_UID            0xb300ff01U
/* -> x0 = major, x1 = minor */
#define XW_SMC_REVISION            0xb300ff03U
/* -> x0 = XW_SMC_OK, x1 = XW_CAP_* bit set */
#define XW_SMC_CAPABILITIES        0xb3000001U
/*
 * Arithmetic test call, yielding too. SMC64: x1 + x2 + x3 modulo 2^64.
 * SMC32: w1 + w2 + w3 modulo 2^32 (upper halves ignored).
 * -> x0 = XW_SMC_OK, x1 = sum, x2 = number of carries out of the top bit (0..2).
 */
#define XW_SMC_ADD32               0xb3000002U
#define XW_SMC_ADD64               0xf3000002U
#define XW_SMC_ADD32_YIELD         0x33000002U
#define XW_SMC_ADD64_YIELD         0x73000002U
/*
 * Calls the secure kernel served on one CPU, yielding too: x1 = CPU index.
 * -> x0 = XW_SMC_OK, x1 = fast calls, x2 = yielding calls (this call included).
 * x0 = XW_EINVAL if the index is not a CPU of this system.
 */
#define XW_SMC_CALL_COUNT          0xb3000003U
/*
 * Secure timer ticks (secure physical timer, PPI 29) handled by the secure
 * kernel while the normal world ran: x1 = CPU index, or XW_CPU_ALL.
 * -> x0 = XW_SMC_OK, x1 = ticks, x2 = tick rate in Hz.
 */
#define XW_SMC_TIMER_TICKS         0xb3000004U
#define XW_CPU_ALL                 0xffffffffU

/*
 * Channel transport (revision 0.2 and later; docs/abi.md "Channel transport
 * on TrustZone"). Use the SMC64 forms: addresses and handles are 64-bit.
 * SVC_INFO: x1 = service index -> x1..x3 = its name, NUL-padded (XW_ENOENT
 *   past the last one).
 * CHAN_REGISTER: x1 = PA, x2 = size of a formatted channel region (page
 *   aligned, in normal-world RAM), x3 = flags (XW_CHAN_REG_*; others:
 *   XW_EINVAL) -> x1 = handle.
 * CHAN_UNREGISTER: x1 = handle.
 * CHAN_BIND: x1 = handle, x2 = channel index, x3 = service index.
 * CHAN_DOORBELL: x1 = handle, x2 = channel index -> x1 = 1 if the service
 *   stopped at its budget (ring again), x2 = bytes of budget used, x3 = 1 if
 *   the service notified the normal world (data or space for a sleeper);
 *   XW_EPIPE once the channel is broken (x3 = 1 then too).
 * CHAN_STATS: -> x1 = regions registered, x2 = their pages, x3 = notification
 *   interrupts raised.
 */
#define XW_SMC_SVC_INFO            0xf3000010U
#define XW_SMC_CHAN_REGISTER       0xf3000011U
#define XW_SMC_CHAN_UNREGISTER     0xf3000012U
#define XW_SMC_CHAN_BIND           0xf3000013U
#define XW_SMC_CHAN_DOORBELL       0xf3000014U
#define XW_SMC_CHAN_STATS          0xf3000015U
/*
 * CHAN_REGISTER flag: the secure side raises no notification SPI for this
 * region; the doorbell that caused a notification reports it in x3 and the
 * caller wakes its sleepers on the CPU it runs on (every notification
 * happens inside a doorbell).
 */
#define XW_CHAN_REG_NOTIFY_RET     1U

/*
 * Paravirtual block device (docs/block.md; include/xw/blk_abi.h). SMC64.
 * BLK_INFO: x1 = disk index -> x1 = capacity in sectors, x2 = XW_BLK_DISK_*
 *   flags | max queues << 16 | max depth << 24 | max segments << 32,
 *   x3 = max bytes per request | max discard sectors << 32 (XW_ENOENT past
 *   the last disk).
 * BLK_REGISTER: x1 = disk, x2 = PA, x3 = size of the region -> x1 = handle.
 * BLK_UNREGISTER: x1 = handle (XW_EBUSY while requests are in flight).
 * BLK_KICK: x1 = handle, x2 = queue -> x1 = requests taken, x2 = completions
 *   published by this call; XW_EPIPE once the queue is broken.
 * BLK_STATS: x1 = disk, x2 = page (0 when callers predate pages) -> page 0:
 *   x1 = requests completed, x2 = requests rejected by the checks, x3 = device
 *   interrupts taken; page 1: x1 = device requests, x2 = their summed
 *   submit-to-reap latency in generic-timer ticks, x3 = most device requests
 *   in flight at once; page 2: x1/x2 = device completions found by a
 *   doorbell / by the device interrupt, x3 = the counter now. XW_EINVAL past 2.
 */
#define XW_FN_BLK_INFO             0x0020U
#define XW_FN_BLK_REGISTER         0x0021U
#define XW_FN_BLK_UNREGISTER       0x0022U
#define XW_FN_BLK_KICK             0x0023U
#define XW_FN_BLK_STATS            0x0024U
#define XW_SMC_BLK_INFO            0xf3000020U
#define XW_SMC_BLK_REGISTER        0xf3000021U
#define XW_SMC_BLK_UNREGISTER      0xf3000022U
#define XW_SMC_BLK_KICK            0xf3000023U
#define XW_SMC_BLK_STATS           0xf3000024U

/*
 * Secure applications (docs/apps.md), fast SMC64, firmware with apps only:
 * APP_INFO: x1 = app index -> x1 = first 8 bytes of its service name,
 *   x2 = state (XW_APP_ST_*, bits 7:0) | channels bound (15:8) |
 *        starts (31:16) | kills (63:32), x3 = pages in use (31:0) | quota
 *        (47:32) | its channel service index (63:48; 0xffff: not offered);
 *   XW_ENOENT past the last app.
 * APP_STATS: -> x1 = free pages of the secure page pool, x2 = channels bound
 *   to apps, x3 = kills (low 32 bits) | restarts << 32.
 */
#define XW_FN_APP_INFO             0x0030U
#define XW_FN_APP_STATS            0x0031U
#define XW_SMC_APP_INFO            0xf3000030U
#define XW_SMC_APP_STATS           0xf3000031U

#define XW_SMC_UID_0               0x0ae5ac6bU
#define XW_SMC_UID_1               0xb6304a83U
#define XW_SMC_UID_2               0xb5886a8bU
#define XW_SMC_UID_3               0x2f8ccd55U
#define XW_SMC_REVISION_MAJOR      0U
#define XW_SMC_REVISION_MINOR      2U /* 2: channel transport calls */

/* Capabilities (XW_SMC_CAPABILITIES x1) */
#define XW_CAP_YIELDING            (1U << 0) /* yielding calls are accepted */
#define XW_CAP_SECURE_TIMER        (1U << 1) /* XW_SMC_TIMER_TICKS counts */
#define XW_CAP_CALL_COUNT          (1U << 2)

#endif /* XW_SMC_H */
