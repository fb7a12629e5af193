// SPDX-License-Identifier: BSD-2-Clause
/*
 * Adversarial peer: the normal world misbehaves on channel 0 on purpose, the
 * secure world must report a broken channel (XW_EPIPE, errors counted), stay
 * up, and then talk normally over channel 1. Scenarios:
 *   garbage-prod   the normal world writes a bad producer index
 *   garbage-rec    it publishes a record header full of garbage
 *   garbage-cons   it writes a bad consumer index while the secure side sends
 *   flip           it flips bytes: first one payload byte of every tenth message
 *                  before publishing it (each must fail its checksum, every other
 *                  message must pass: corruption the protocol cannot see is caught
 *                  and counted), then at random in the live part of the ring while
 *                  the secure side reads, until the secure side reports a protocol
 *                  violation (cause XW_EPROTO, not a peer close); flips are counted
 *   kill           the normal-world sender is killed (SIGKILL) when it has said it
 *                  streamed half of a 4 MiB message: the secure side must hold a
 *                  cut message (at least half, not all, bytes as sent) and report
 *                  the channel broken by the peer's death (XW_EPIPE)
 *   shrink         it truncates the shared memfd (which would SIGBUS the secure side's
 *                  accesses past the new end): must fail with EPERM (sealed), and the
 *                  secure side then touches the region's last page
 * Prints PASS/FAIL per scenario and "N passed, N failed"; an argument runs one
 * scenario (by name) alone.
 */
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
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
/* Flip scenario: messages [0, FLIP_SYNC) carry the deterministic payload flips. */
#define FLIP_SYNC 400u
/* ... then at most this many under the concurrent flipper (it breaks the channel far sooner). */
#define FLIP_MAX  200000u
/* Kill scenario: whole messages before the one cut in half. */
#define KILL_WHOLE 50u

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

/*
 * Message i of the flip scenario's first phase gets one payload byte flipped
 * before it is published: every tenth one of those that has a checksum (at
 * least 16 bytes) and goes as one record. Both sides compute it.
 */
static int flip_sync(uint64_t i, size_t maxrec)
{
	size_t n = mg_len(5, i);

	return i < FLIP_SYNC && i % 10 == 3 && n >= 16 && n <= maxrec;
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
	uint64_t good = 0, bad = 0, i = 0, misjudged = 0;
	size_t len, off = 0;
	int rc, cause, ret = 0;

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
		/*
		 * Piece by piece, so that a message cut short (the kill scenario) is
		 * seen as such: `off` bytes of the current message have arrived.
		 */
		size_t maxrec = xw_chan_max_record(&ch);
		size_t got;
		bool eom;

		for (;;) {
			rc = xw_chan_recv_some(&ch, buf + off, MSGGEN_MAX - off, &got, &eom, 10 * SEC, 0);
			if (rc != XW_OK)
				break;
			off += got;
			if (!eom)
				continue;
			if (mg_check(buf, off, 5, i) == 0) {
				good++;
				if (s == FLIP && flip_sync(i, maxrec)) {
					fprintf(stderr, "secure: message %" PRIu64 " was flipped but passed\n", i);
					misjudged++;
				}
			} else {
				bad++;
				if (s == FLIP && i < FLIP_SYNC && !flip_sync(i, maxrec)) {
					fprintf(stderr, "secure: message %" PRIu64 " was not flipped but failed\n", i);
					misjudged++;
				}
				if (s != FLIP)
					misjudged++;
			}
			i++;
			off = 0;
		}
	}
	cause = atomic_load(&ch.broken);
	xw_chan_get_stats(&ch, &st);
	printf("adversarial %s: secure side got %d (cause %d) after %" PRIu64 " good / %" PRIu64
	       " corrupted messages, %" PRIu64 " protocol errors, %zu bytes of a cut message\n",
	       names[s], rc, cause, good, bad, st.errors, off);
	fflush(stdout);
	if (rc != XW_EPIPE || xw_chan_status(&ch) != XW_EPIPE || st.errors == 0 || misjudged)
		ret = 3;
	switch (s) {
	case FLIP: {
		uint64_t want = 0;

		/* Every deterministic flip reached us and was caught, not just some. */
		for (uint64_t k = 0; k < FLIP_SYNC; k++)
			want += flip_sync(k, xw_chan_max_record(&ch));
		if (i < FLIP_SYNC || bad < want)
			ret = 4;
		/* The end came from a violation we detected, not from the peer closing. */
		if (cause != XW_EPROTO)
			ret = 5;
		break;
	}
	case KILL: {
		uint8_t *exp = malloc(MSGGEN_MAX);

		/* All whole messages, then the cut one: at least the half the child announced. */
		mg_fill(exp, MSGGEN_MAX, 5, KILL_WHOLE);
		if (good != KILL_WHOLE || ch.rx.msg_len != MSGGEN_MAX || off < MSGGEN_MAX / 2 ||
		    off >= MSGGEN_MAX || memcmp(buf, exp, off) != 0)
			ret = 6;
		else
			printf("adversarial kill: message %u cut at %zu of %" PRIu64 " bytes, reported\n",
			       KILL_WHOLE, off, ch.rx.msg_len);
		/* The peer's death (its life pipe hung up), not a protocol violation. */
		if (cause != XW_EPIPE)
			ret = 7;
		free(exp);
		break;
	}
	default:
		if (cause != XW_EPROTO)
			ret = 8;
		break;
	}
	fflush(stdout);
	free(buf);
	if (ret)
		return ret;
	return sec_check_fresh_channel(w);
}

struct flipper {
	struct xw_chan *ch;
	volatile int stop;
	uint64_t flips; /* bytes flipped: zero would mean the attack never happened */
};

/* The one place a byte of the ring is flipped (counted). */
static void flip(struct flipper *f, uint32_t at, uint8_t bits)
{
	f->ch->tx_ring[at & f->ch->tx_mask] ^= bits;
	f->flips++;
}

/*
 * Concurrent phase: flips in the part of the ring that is published and not
 * yet released by the reader (where a flip can still be read), with now and
 * then a record header's flags word at the consumer index as the target.
 */
static void *flip_main(void *arg)
{
	struct flipper *f = arg;
	volatile struct xw_chan_ring_ctl *r = &f->ch->hdr->ring[XW_WORLD_NORMAL];
	unsigned k = 0;

	while (!f->stop) {
		uint32_t cons = r->cons, prod = r->prod, live = prod - cons;

		if (live == 0 || live > f->ch->tx_mask + 1) {
			sched_yield();
			continue;
		}
		if ((++k & 63) == 0)
			flip(f, cons + 4 + (uint32_t)(rnd() & 3), (uint8_t)(1u << (rnd() & 7)));
		else
			flip(f, cons + (uint32_t)(rnd() % live), (uint8_t)(1u << (rnd() & 7)));
		if ((k & 255) == 0)
			usleep(50);
	}
	return NULL;
}

/*
 * The flip scenario's normal side. Phase 1: messages [0, FLIP_SYNC), each
 * flip_sync() one with a payload byte flipped between queueing (XW_CHAN_MORE:
 * not yet published, so the reader cannot have read it) and publishing.
 * Phase 2: the concurrent flipper, until the secure side breaks the channel.
 * Returns 0 if flips happened and the secure side ended it as broken by a
 * protocol violation.
 */
static int flip_attack(struct xw_chan *ch)
{
	struct flipper f = { .ch = ch };
	volatile struct xw_chan_state *peer = &ch->hdr->state[XW_WORLD_SECURE];
	uint8_t *buf = malloc(MSGGEN_MAX);
	size_t maxrec = xw_chan_max_record(ch);
	uint64_t i, sync_flips = 0;
	pthread_t t;
	int rc = XW_OK;

	for (i = 0; i < FLIP_SYNC && rc == XW_OK; i++) {
		size_t n = mg_len(5, i);
		uint32_t at = ch->tx.prod;

		mg_fill(buf, n, 5, i);
		if (!flip_sync(i, maxrec)) {
			rc = xw_chan_send(ch, buf, n, 10 * SEC, 0);
			continue;
		}
		rc = xw_chan_send(ch, buf, n, 10 * SEC, XW_CHAN_MORE);
		if (rc == XW_OK) {
			/* After the 16-byte record header: a payload byte, the checksum's job. */
			flip(&f, at + 16 + (uint32_t)(n / 2), 0x04);
			sync_flips++;
			rc = xw_chan_flush(ch);
		}
	}
	if (rc != XW_OK) {
		fprintf(stderr, "normal: flip phase 1 failed at message %" PRIu64 ": %d\n", i, rc);
		free(buf);
		return 9;
	}
	/*
	 * Phase 1 read whole before phase 2 starts: a random flip must not land
	 * in a phase-1 message, whose fate the secure side checks exactly.
	 */
	for (int ms = 0; ch->hdr->ring[XW_WORLD_NORMAL].cons != ch->tx.prod; ms++) {
		if (ms == 10000) {
			fprintf(stderr, "normal: phase 1 not consumed after 10 s\n");
			free(buf);
			return 15;
		}
		usleep(1000);
	}
	pthread_create(&t, NULL, flip_main, &f);
	for (; i < FLIP_MAX && rc == XW_OK; i++) {
		size_t n = mg_len(5, i);

		mg_fill(buf, n, 5, i);
		rc = xw_chan_send(ch, buf, n, 10 * SEC, 0);
	}
	f.stop = 1;
	pthread_join(t, NULL);
	free(buf);
	printf("adversarial flip: normal side flipped %" PRIu64 " bytes (%" PRIu64
	       " before publishing), sent %" PRIu64 " messages, send ended with %d, secure state %u reason %d\n",
	       f.flips, sync_flips, i, rc, peer->state, (int)peer->reason);
	fflush(stdout);
	if (f.flips == sync_flips)
		return 10; /* the concurrent flipper never flipped */
	if (rc != XW_EPIPE || peer->state != XW_CHAN_ST_BROKEN || (int)peer->reason != XW_EPROTO)
		return 11; /* not stopped by the secure side's violation check */
	return 0;
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
		int r = flip_attack(&ch);

		xw_chan_close(&ch);
		if (r)
			return r;
		break;
	}
	case KILL: {
		int half[2];
		uint64_t sent = 0;
		int st = 0;
		pid_t pid;

		if (pipe(half))
			return 12;
		pid = fork();
		if (pid == 0) {
			uint8_t *buf = malloc(MSGGEN_MAX);

			close(half[0]);
			send_some(&ch, KILL_WHOLE);
			/* Stream half of a 4 MiB message, say so, and wait for the kill. */
			mg_fill(buf, MSGGEN_MAX, 5, KILL_WHOLE);
			while (xw_chan_send(&ch, buf, MSGGEN_MAX, 0, 0) == XW_EAGAIN &&
			       ch.tx.msg_off < MSGGEN_MAX / 2)
				usleep(100);
			sent = ch.tx.msg_off;
			if (write(half[1], &sent, sizeof(sent)) != sizeof(sent))
				_exit(1);
			for (;;)
				pause();
		}
		close(half[1]);
		/* Only the worker may hold our end of channel 0 alive. */
		close(w->life_wr[0]);
		if (read(half[0], &sent, sizeof(sent)) != sizeof(sent)) {
			fprintf(stderr, "normal: the sender died before it said half was sent\n");
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return 13;
		}
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		close(half[0]);
		printf("adversarial kill: sender killed after queueing %" PRIu64 " of %u bytes\n",
		       sent, MSGGEN_MAX);
		fflush(stdout);
		if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
			return 14;
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

/* Usage: adversarial [scenario]: all scenarios, or the one named. */
int main(int argc, char **argv)
{
	int passed = 0, failed = 0;

	for (enum scen s = 0; s < NSCEN; s++) {
		int ss = -1, sn = -1, rc;

		rng += s * 7919;
		if (argc > 1 && strcmp(argv[1], names[s]) != 0)
			continue;
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
	return failed || passed == 0 ? 1 : 0;
}
