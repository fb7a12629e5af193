// SPDX-License-Identifier: BSD-2-Clause
/*
 * mac: holds a 128-bit key that never leaves the secure world, and answers
 * the normal world with tags made with it (SipHash-2-4). Messages are text:
 *   "sign DATA"          -> 16 hex digits: the tag of DATA
 *   "verify TAG DATA"    -> "ok" or "bad"
 *   "count"              -> "S.N TAG": this instance's start number S and a
 *                           counter N that only goes up (the normal world has
 *                           no call that lowers it), tagged as "count S.N"
 * The key is in this image's rodata (build/apps/gen/mac_key.h, random per
 * build): mapped read-only into this app alone, in secure RAM the normal
 * world cannot map. A real board would derive it from a hardware unique key.
 */
#include "mac.h"
#include "mac_key.h"

static uint64_t start_no, counter;

static void hex64(char *out, uint64_t v)
{
	int i;

	for (i = 15; i >= 0; i--, v >>= 4) {
		out[i] = "0123456789abcdef"[v & 15];
	}
	out[16] = '\0';
}

static size_t put_count(char *out)
{
	size_t n = xw_fmt_u64(out, start_no);

	out[n++] = '.';
	return n + xw_fmt_u64(out + n, counter);
}

static int answer(struct xw_chan *ch, const char *msg, size_t len)
{
	char out[96], tag[17];
	size_t n;

	if (len >= 5 && memcmp(msg, "sign ", 5) == 0) {
		hex64(out, siphash24(xw_mac_key, (const uint8_t *)msg + 5, len - 5));
		return xw_chan_send(ch, out, 16, XWAPP_NO_WAIT, 0);
	}
	if (len >= 24 && memcmp(msg, "verify ", 7) == 0 && msg[23] == ' ') {
		hex64(tag, siphash24(xw_mac_key, (const uint8_t *)msg + 24, len - 24));
		/* Compare every digit: the time does not tell where a forgery went wrong. */
		unsigned int diff = 0;
		for (n = 0; n < 16; n++) {
			diff |= (unsigned int)(tag[n] ^ msg[7 + n]);
		}
		return xw_chan_send(ch, diff ? "bad" : "ok", diff ? 3 : 2, XWAPP_NO_WAIT, 0);
	}
	if (len == 5 && memcmp(msg, "count", 5) == 0) {
		char signed_part[48] = "count ";

		counter++;
		n = 6 + put_count(signed_part + 6);
		put_count(out);
		hex64(tag, siphash24(xw_mac_key, (const uint8_t *)signed_part, n));
		n = strlen(out);
		out[n++] = ' ';
		memcpy(out + n, tag, 17);
		return xw_chan_send(ch, out, n + 16, XWAPP_NO_WAIT, 0);
	}
	return xw_chan_send(ch, "usage: sign DATA | verify TAG DATA | count", 42, XWAPP_NO_WAIT, 0);
}

static int serve(struct xw_chan *ch, void *state)
{
	char msg[512]; /* a message over 512 bytes breaks the channel (XW_EMSGSIZE) */

	(void)state;
	return xwapp_answer_each(ch, msg, sizeof(msg), answer);
}

static const struct xwapp_service svc = { .state_size = 0, .serve = serve };

int main(uint64_t start)
{
	start_no = start;
	xwapp_serve(&svc);
}
