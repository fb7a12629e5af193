// SPDX-License-Identifier: BSD-2-Clause
#include "rng_health.h"

void xw_rng_health_init(struct xw_rng_health *h, uint32_t rct_cutoff, uint32_t apt_cutoff)
{
	h->rct_cutoff = rct_cutoff < 2 ? 2 : rct_cutoff;
	h->apt_cutoff = apt_cutoff < 2 ? 2 : apt_cutoff;
	h->have = 0;
	h->rct_last = 0;
	h->rct_run = 0;
	h->apt_first = 0;
	h->apt_pos = 0;
	h->apt_count = 0;
}

uint32_t xw_rng_health_feed(struct xw_rng_health *h, const uint8_t *s, size_t n)
{
	uint32_t alarm = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint8_t x = s[i];

		/* 4.4.1: a run of C identical samples is a failure. */
		if (h->have && x == h->rct_last) {
			if (++h->rct_run >= h->rct_cutoff) {
				alarm |= XW_RNG_ALARM_RCT;
			}
		} else {
			h->rct_last = x;
			h->rct_run = 1;
			h->have = 1;
		}
		/* 4.4.2: C occurrences of a window's first sample in W samples. */
		if (h->apt_pos == 0) {
			h->apt_first = x;
			h->apt_count = 1;
		} else if (x == h->apt_first) {
			if (++h->apt_count >= h->apt_cutoff) {
				alarm |= XW_RNG_ALARM_APT;
			}
		}
		if (++h->apt_pos == XW_RNG_APT_WINDOW) {
			h->apt_pos = 0;
		}
	}
	return alarm;
}
