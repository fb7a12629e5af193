// SPDX-License-Identifier: BSD-2-Clause
/*
 * Adversarial peer: the normal world misbehaves on channel 0 on purpose, the
 * secure world must report a broken channel (XW_EPIPE, errors counted), stay
 * up, and then talk normally over channel 1. Scenarios:
 *   garbage-prod   the normal world writes a bad producer index
 *   garbage-rec    it publishes a record header full of garbage
 *   garbage-cons   it writes a bad consumer index while the secure side sends
 *   flip           it flips payload and header bytes while the secure side reads
 *   kill           the normal-world sender dies (SIGKILL) in the middle of a message
 *   shrink         it truncates the shared memfd (which would SIGBUS the secure side's
 *                  accesses past the new end): must fail with EPERM (sealed), and the
 *                  secure side then touches the region's last page
 * Prints PASS/FAIL per scenario and "N passed, N failed".
 */
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../host/xw_launch.h"
#include "msggen.h"

#define SEC (1000000000ull)
#define RING (64u << 10)

enum scen { GARBAGE_PROD, GARBAGE_REC, GARBAGE_CONS, FLIP, KILL, SHRINK, NSCEN };
static const char *const names[NSCEN] = { "garbage-prod", "garbage-rec", "garbage-cons", "flip",
					  "kill", "shrink" };

static uint64_t rng = 88172645463325252ull;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Channel 1, after the attack: the secure side sends, the normal side echoes. */
static int sec_check_fresh_channel(struct xw_world *w)
{
	struct xw_chan ch;
	uint8_t *buf = malloc(MSGGEN_MAX);
	size_t len;
	uint64_t i;
	int rc = xw_world_open(w, 1, &ch);

	for (i = 0; !rc && i < 200; i++) {
		size_t n = mg_len(7, i);

		mg_fill(buf, n, 7, i);
		rc = xw_chan_send(&ch, buf, n, 10 * SEC, 0);
		if (!rc)
			rc = xw_chan_recv(&ch, buf, MSGGEN_MAX, &len, 10 * SEC, 0);
		if (!rc && mg_check(buf, len, 7, i))
			rc = XW_EIO;
	}
	xw_chan_close(&ch);
	free(buf);
	if (rc)
		fprintf(stderr, "secure: fresh channel failed at %" PRIu64 ": %d\n", i, rc);
	return rc ? 1 : 0;
}

static int nor_echo_fresh_channel(struct xw_world *w)
{
	struct xw_chan ch;
	uint8_t *buf = malloc(MSGGEN_MAX);
	size_t len;
	int rc = xw_world_open(w, 1, &ch), n = 0;

	while (!rc) {
		rc = xw_chan_recv(&ch, buf, MSGGEN_MAX, &len, 10 * SEC, 0);
		if (!rc)
			rc = xw_chan_send(&ch, buf, len, 10 * SEC, 0);
		n += !rc;
	}
	xw_chan_close(&ch);
	free(buf);
	return (rc == XW_EPIPE && n == 200) ? 0 : 1;
}

static int secure_main(struct xw_world *w, void *arg)
{
	enum scen s = *(enum scen *)arg;
	struct xw_chan ch;
	struct xw_chan_stats st;
	uint8_t *buf = malloc(MSGGEN_MAX);
	uint64_t good = 0, bad = 0, i = 0;
	size_t len;
	int rc;

	if (xw_world_open(w, 0, &ch))
		return 2;
	if (s == SHRINK) {
		volatile uint8_t *last = (volatile uint8_t *)w->base + w->size - 1;

		/* The normal side's word that it tried to shrink the region. */
		rc = xw_chan_recv(&ch, buf, MSGGEN_MAX, &len, 10 * SEC, 0);
		free(buf);
		if (rc)
			return 5;
		/* Past a shrunk end this is SIGBUS: exit 128+7, a FAIL. */
		*last = (uint8_t)(*last + 1);
		printf("adversarial shrink: secure side touched the region's last page\n");
		fflush(stdout);
		xw_chan_close(&ch);
		return sec_check_fresh_channel(w);
	}
	if (s == GARBAGE_CONS) {
		/* Send until the hostile consumer index is noticed. */
		do {
			size_t n = mg_len(3, i);

			mg_fill(buf, n, 3, i++);
			rc = xw_chan_send(&ch, buf, n, 10 * SEC, 0);
		} while (rc == XW_OK);
	} else {
		do {
			rc = xw_chan_recv(&ch, buf, MSGGEN_MAX, &len, 10 * SEC, 0);
			if (rc == XW_OK) {
				if (mg_check(buf, len, 5, good + bad) == 0)
					good++;
				else
					bad++;
			}
		} while (rc == XW_OK);
	}
	xw_chan_get_stats(&ch, &st);
	printf("adversarial %s: secure side got %d after %" PRIu64 " good / %" PRIu64
	       " corrupted messages, %" PRIu64 " protocol errors\n",
	       names[s], rc, good, bad, st.errors);
	fflush(stdout);
	free(buf);
	/* The flip attack may corrupt only payload (seen by the checksum) and end with a clean close. */
	if (rc != XW_EPIPE || xw_chan_status(&ch) != XW_EPIPE)
		if (!(s == FLIP && rc == XW_EPIPE))
			return 3;
	if (s != FLIP && st.errors == 0)
		return 4;
	return sec_check_fresh_channel(w);
}

struct flipper {
	struct xw_chan *ch;
	volatile int stop;
};

static void *flip_main(void *arg)
{
	struct flipper *f = arg;
	volatile uint8_t *ring = f->ch->tx_ring;
	volatile uint32_t *prod = &f->ch->hdr->ring[XW_WORLD_NORMAL].prod;
	unsigned k = 0;

	while (!f->stop) {
		ring[rnd() & f->ch->tx_mask] ^= (uint8_t)(1u << (rnd() & 7));
		/* Now and then aim at the record header the reader will fetch next. */
		if ((++k & 4095) == 0)
			ring[(*prod - 16 + (rnd() & 15)) & f->ch->tx_mask] ^= 0x40;
		if ((k & 255) == 0)
			usleep(50);
	}
	return NULL;
}

static void send_some(struct xw_chan *ch, uint64_t count)
{
	uint8_t *buf = malloc(MSGGEN_MAX);

	for (uint64_t i = 0; i < count; i++) {
		size_t n = mg_len(5, i);

		mg_fill(buf, n, 5, i);
		if (xw_chan_send(ch, buf, n, 10 * SEC, 0))
			break;
	}
	free(buf);
}

static int normal_main(struct xw_world *w, void *arg)
{
	enum scen s = *(enum scen *)arg;
	volatile struct xw_chan_hdr *h;
	struct xw_chan ch;

	if (xw_world_open(w, 0, &ch))
		return 2;
	h = ch.hdr;
	switch (s) {
	case GARBAGE_PROD:
		send_some(&ch, 100);
		/* Unaligned, so never a valid index whatever the random part. */
		h->ring[XW_WORLD_NORMAL].prod = (uint32_t)rnd() | 8;
		/*
		 * Ring the doorbell as a sender would: a secure side already asleep
		 * must look now, not at its timeout (which raced ours below).
		 */
		xw_host_ops.notify(&w->ends[0], XW_CHAN_EV_DATA);
		break;
	case GARBAGE_REC: {
		uint32_t at;

		send_some(&ch, 100);
		at = ch.tx.prod;
		for (unsigned b = 0; b < 16; b++)
			ch.tx_ring[(at + b) & ch.tx_mask] = (uint8_t)rnd();
		ch.tx_ring[(at + 7) & ch.tx_mask] |= 0x80; /* an undefined flag bit for sure */
		atomic_store_explicit((_Atomic uint32_t *)(uintptr_t)&h->ring[XW_WORLD_NORMAL].prod,
				      at + 32, memory_order_release);
		xw_host_ops.notify(&w->ends[0], XW_CHAN_EV_DATA);
		break;
	}
	case GARBAGE_CONS:
		usleep(20000);
		h->ring[XW_WORLD_SECURE].cons = (uint32_t)rnd() | 8;
		xw_host_ops.notify(&w->ends[0], XW_CHAN_EV_SPACE);
		break;
	case FLIP: {
		struct flipper f = { .ch = &ch };
		pthread_t t;

		pthread_create(&t, NULL, flip_main, &f);
		send_some(&ch, 3000);
		f.stop = 1;
		pthread_join(t, NULL);
		xw_chan_close(&ch);
		break;
	}
	case KILL: {
		pid_t pid = fork();

		if (pid == 0) {
			uint8_t *buf = calloc(1, MSGGEN_MAX);

			send_some(&ch, 50);
			/* Stream half of a 4 MiB message, then die without a word. */
			while (xw_chan_send(&ch, buf, MSGGEN_MAX, 0, 0) == XW_EAGAIN &&
			       ch.tx.msg_off < MSGGEN_MAX / 2)
				usleep(100);
			raise(SIGKILL);
		}
		/* Only the worker may hold our end of channel 0 alive. */
		close(w->life_wr[0]);
		waitpid(pid, NULL, 0);
		break;
	}
	case SHRINK: {
		int r = ftruncate(w->fd, (off_t)(w->size / 2));
		int e = errno;
		uint8_t one = 1;

		if (r == 0 || e != EPERM) {
			fprintf(stderr, "normal: shrinking the region: %s\n",
				r == 0 ? "succeeded" : strerror(e));
			xw_chan_send(&ch, &one, 1, 10 * SEC, 0);
			return 6;
		}
		/* Growing is refused too: the region's size is fixed. */
		if (ftruncate(w->fd, (off_t)(w->size * 2)) == 0) {
			fprintf(stderr, "normal: growing the region succeeded\n");
			xw_chan_send(&ch, &one, 1, 10 * SEC, 0);
			return 7;
		}
		if (xw_chan_send(&ch, &one, 1, 10 * SEC, 0))
			return 8;
		break;
	}
	default:
		break;
	}
	return nor_echo_fresh_channel(w);
}

int main(void)
{
	int passed = 0, failed = 0;

	for (enum scen s = 0; s < NSCEN; s++) {
		int ss = -1, sn = -1, rc;

		rng += s * 7919;
		rc = xw_launch(2, RING, secure_main, normal_main, &s, 60, &ss, &sn);
		if (rc == 0 && ss == 0 && sn == 0) {
			printf("PASS adversarial-%s\n", names[s]);
			passed++;
		} else {
			printf("FAIL adversarial-%s: launch %d, secure exit %d, normal exit %d\n",
			       names[s], rc, ss, sn);
			failed++;
		}
		fflush(stdout);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
