/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the dev kit's user_ta_header.c puts in the TA's header (ta_head and
 * its properties): read by the loader before the TA runs.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <hello_ta.h>

#define TA_UUID HELLO_TA_UUID
/* One instance for every session, kept while sessions are open. */
#define TA_FLAGS (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE (4 * 1024)
#define TA_DATA_SIZE (16 * 1024)
#define TA_VERSION "1.0"
#define TA_DESCRIPTION "Crossworld's example TA (docs/optee.md, Writing a TA)"

#endif
