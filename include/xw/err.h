/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crossworld error codes, shared by every part of the tree (secure side, Linux
 * modules, user library, hosted port).
 *
 * The values are the negated Linux errno numbers of the same name, so that the
 * Linux module and the user library can hand them on unchanged; the secure side
 * never includes <errno.h>. Zero is success; every error is negative, and none
 * is -1: SMCCC reserves -1 in x0 for "unknown function" (XW_SMC_UNK), so a
 * Crossworld error can never be mistaken for it (hence no XW_EPERM; refusals
 * are XW_EACCES). docs/errors.md is the policy: which input gets which code,
 * and where codes are translated.
 * This header is freestanding: no includes, no prototypes.
 */
#ifndef XW_ERR_H
#define XW_ERR_H

#define XW_OK         0
#define XW_ENOENT     (-2)   /* no such service, object or channel */
#define XW_EIO        (-5)   /* the device or the peer failed */
#define XW_E2BIG      (-7)   /* a count or list is longer than the limit */
#define XW_EAGAIN     (-11)  /* nothing to do now; try again (non-blocking) */
#define XW_ENOMEM     (-12)  /* out of memory or out of slots */
#define XW_EACCES     (-13)  /* caller may not do this (read-only disk, wrong world or guest) */
#define XW_EFAULT     (-14)  /* an address is outside the memory it must lie in */
#define XW_EBUSY      (-16)  /* in use; retry later */
#define XW_EEXIST     (-17)  /* already registered or open */
#define XW_EINVAL     (-22)  /* a malformed argument */
#define XW_ENOSPC     (-28)  /* no room in a ring or table */
#define XW_EPIPE      (-32)  /* the channel is broken (sticky); reopen it */
#define XW_ERANGE     (-34)  /* a value out of its allowed range */
#define XW_ENOSYS     (-38)  /* unknown function */
#define XW_EPROTO     (-71)  /* the peer broke the protocol */
#define XW_EMSGSIZE   (-90)  /* message larger than the buffer or the limit */
#define XW_ENOTSUP    (-95)  /* feature not supported by this build or peer */
#define XW_ETIMEDOUT  (-110) /* a bounded wait expired */

/* Every code above lies in [XW_ERR_MIN, -2]: what xw_smc_status() accepts. */
#define XW_ERR_MIN    (-4095)

#endif /* XW_ERR_H */
