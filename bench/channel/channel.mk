# SPDX-License-Identifier: BSD-2-Clause
# bench-channel: the hosted channel against a pipe, a UNIX socket pair, POSIX
# message queues and Concurrency Kit's ck_ring, and against memcpy bandwidth and
# a cache-line ping-pong, two processes pinned on CPUs 0 and 1, in one run.
# BENCH_CHANNEL_ARGS="seconds_per_run reps" (default 0.05 6).
#
# The library sources are named literally: bench/ is included before lib/.
XW_BENCH_CHANNEL := $(B)/host/bench/channel/xw-bench-channel
XW_BENCH_CHANNEL_SRCS := bench/channel/main.c bench/channel/bc_run.c bench/channel/bc_chan.c \
	bench/channel/bc_fd.c bench/channel/bc_mq.c bench/channel/bc_ck.c bench/channel/bc_limits.c \
	host/xw_host.c lib/chan.c lib/chan_region.c
$(call xw_host_prog,host,$(XW_BENCH_CHANNEL),$(XW_BENCH_CHANNEL_SRCS),-lrt)
XW_ALL += $(XW_BENCH_CHANNEL)
XW_DEPS += libck-dev
XW_BENCHES += bench-channel
BENCH_CHANNEL_ARGS ?=
.PHONY: bench-channel
bench-channel: $(XW_BENCH_CHANNEL)
	timeout 300 $(XW_BENCH_CHANNEL) $(BENCH_CHANNEL_ARGS)
$(call xw_help,bench-channel,hosted channel vs pipe/unix/mq/ck_ring/memcpy/pingpong: streaming; round trip polling and sleeping; doorbells per message)
