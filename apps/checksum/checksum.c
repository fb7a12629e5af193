// SPDX-License-Identifier: BSD-2-Clause
/*
 * checksum at S-EL0: any length in; replies {u64 length, u64 FNV-1a 64 of
 * the bytes} for each message, by the step the S-EL1 checksum shares
 * (lib/checksum.c, xw/checksum.h; linked by apps/module.mk).
 */
#include <xw/checksum.h>

#include "xwapp.h"

static int serve(struct xw_chan *ch, void *state)
{
	return xw_checksum_step(ch, state, NULL);
}

static const struct xwapp_service svc = {
	.state_size = sizeof(struct xw_checksum),
	.serve = serve,
};

int main(uint64_t start_no)
{
	(void)start_no;
	xwapp_serve(&svc);
}
