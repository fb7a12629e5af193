/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench-channel harness: every contender (the channel, a pipe, a UNIX socket
 * pair, POSIX message queues, a ck_ring queue) implements the same five
 * operations, and one driver runs the same streaming and round-trip loops over
 * all of them, so that each pays exactly the same per-message work: the sender
 * copies the message in from a private buffer, the receiver copies it out into
 * a private buffer and sums every 8-byte word of what it received.
 */
#ifndef XW_BC_H
#define XW_BC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a contender waits when its queue is empty or full. */
enum bc_wait {
	BC_POLL,  /* spin (non-blocking calls in a loop) */
	BC_SLEEP, /* block in the kernel (or the library's own sleep) */
};

/* Bytes of buffering every contender gets per direction (channel ring, pipe, ck slots). */
#define BC_RING_BYTES (256u << 10)
/* The channel's reference area per direction: two 1 MiB messages in flight (bc_chan.c). */
#define BC_REF_BYTES (2u << 20)

/*
 * Messages per batch for every batching contender: channel-batch16 publishes
 * once per BC_BATCH messages, so its anchors (pipe-writev16, unix-writev16,
 * mq-bulk16) hand the kernel BC_BATCH messages per system call too. A batched
 * contender against an unbatched anchor would measure batching, not transports.
 */
#define BC_BATCH 16u
_Static_assert(BC_BATCH == 16u, "the batching contenders' names say 16");

struct bc_ops {
	const char *name;
	/* Before fork: what both processes share. NULL if unusable for `msg` bytes. */
	void *(*setup)(size_t msg);
	/* After fork, in each process: side 0 = parent (CPU 0), 1 = child (CPU 1). */
	int (*attach)(void *ctx, int side);
	/* One message of `len` bytes to the other side; 0 or -1. */
	int (*send)(void *ctx, const void *buf, size_t len, enum bc_wait w);
	/* The next message, exactly `len` bytes, into buf; 0 or -1. */
	int (*recv)(void *ctx, void *buf, size_t len, enum bc_wait w);
	/*
	 * Optional, streams only: receive the next message and sum its words
	 * where they lie, with no copy out (a different receiver contract from
	 * recv + bc_sum: labelled contenders only, never a target).
	 */
	int (*recv_sum)(void *ctx, size_t len, enum bc_wait w, uint64_t *sum);
	/* After the last message of a stream: push out anything batched (NULL: nothing to do). */
	int (*flush)(void *ctx);
	/* Doorbells this side rang so far (NULL: not applicable). */
	uint64_t (*notifications)(void *ctx);
	/* In each process after its loop; teardown in the parent after the child exited. */
	void (*detach)(void *ctx);
	void (*teardown)(void *ctx);
};

extern const struct bc_ops bc_chan_ops, bc_chan_nospin_ops, bc_chan_spin_ops, bc_chan_batch_ops,
	bc_chan_inplace_ops, bc_pipe_ops,
	bc_pipe_batch_ops, bc_unix_ops, bc_unix_batch_ops, bc_mq_ops, bc_mq_batch_ops, bc_ck_ops;

struct bc_result {
	double rate;        /* stream: messages per second */
	double rtt_us;      /* round trip: microseconds per message there and back */
	double notif;       /* doorbells (both sides) per message; < 0 if unknown */
	double rx_csw;      /* receiver's voluntary context switches (sleeps) per message */
};

/* One timed run; 0 or -1 (contender failed, or a checksum mismatch). */
int bc_stream(const struct bc_ops *o, size_t msg, enum bc_wait w, double secs,
	      struct bc_result *r);
int bc_rtt(const struct bc_ops *o, size_t msg, enum bc_wait w, double secs,
	   struct bc_result *r);

/* Physical limits (bc_limits.c). */
double bc_memcpy_rate(size_t msg, double secs);  /* copies of `msg` bytes per second, one core */
double bc_pingpong_us(double secs);              /* one cache line there and back, two cores */

/* Helpers (bc_run.c). */
uint64_t bc_now_ns(void);
int bc_pin(int cpu);
void *bc_shared_alloc(size_t size);  /* zeroed MAP_SHARED anonymous memory, survives fork */
void bc_shared_free(void *p, size_t size);
uint64_t bc_sum(const void *p, size_t n);

static inline void bc_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#endif
}

#endif /* XW_BC_H */
