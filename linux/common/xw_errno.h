/* SPDX-License-Identifier: (BSD-2-Clause OR GPL-2.0) */
/*
 * The one translation, in the Linux modules, of a secure-world result into an
 * errno (docs/errors.md). XW_E* codes are already negated errnos of the same
 * name (checked below at build time), so they pass through; SMC_UNK means the
 * firmware has no such call; anything else the secure world cannot have meant.
 */
#ifndef XW_LINUX_ERRNO_H
#define XW_LINUX_ERRNO_H

#include <linux/build_bug.h>
#include <linux/errno.h>

#include "xw/err.h"
#include "xw/smc.h"

/**
 * xw_errno() - 0 or -errno for the x0 of a Crossworld call (or an XW_E* result
 * of the channel library): XW_OK -> 0, XW_E* -> the same -errno, SMC_UNK ->
 * -EOPNOTSUPP, any other value -> -EPROTO.
 */
static inline int xw_errno(long status)
{
	BUILD_BUG_ON(XW_EINVAL != -EINVAL || XW_EPIPE != -EPIPE || XW_EBUSY != -EBUSY);
	BUILD_BUG_ON(XW_ENOENT != -ENOENT || XW_EFAULT != -EFAULT || XW_EACCES != -EACCES);
	BUILD_BUG_ON(XW_ENOMEM != -ENOMEM || XW_ENOSPC != -ENOSPC || XW_EPROTO != -EPROTO);
	BUILD_BUG_ON(XW_ETIMEDOUT != -ETIMEDOUT || XW_EMSGSIZE != -EMSGSIZE);
	BUILD_BUG_ON(XW_ENOTSUP != -EOPNOTSUPP || XW_E2BIG != -E2BIG || XW_EIO != -EIO);
	BUILD_BUG_ON(XW_EAGAIN != -EAGAIN || XW_EEXIST != -EEXIST || XW_ERANGE != -ERANGE);
	BUILD_BUG_ON(XW_ENOSYS != -ENOSYS);

	if (status == XW_OK)
		return 0;
	if (status == XW_SMC_UNK)
		return -EOPNOTSUPP;
	if (status < XW_ERR_MIN || status > -2)
		return -EPROTO;
	return (int)status;
}

#endif
