/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the reset code copies the trusted OS's image (from flash offset
 * XW_FLASH_SK_OFFSET), for the trusted OS this monitor is built for
 * (-DXW_TOS_OPTEE: TOS=optee). Plain constants: used from assembly.
 */
#ifndef XW_MON_TOS_IMAGE_H
#define XW_MON_TOS_IMAGE_H

#include "plat_memmap.h"

#ifdef XW_TOS_OPTEE
#define XW_TOS_IMAGE_BASE XW_OPTEE_BASE
#define XW_TOS_MAX_IMAGE  XW_OPTEE_MAX_IMAGE
#else
#define XW_TOS_IMAGE_BASE XW_SK_BASE
#define XW_TOS_MAX_IMAGE  XW_SK_MAX_IMAGE
#endif

#endif
