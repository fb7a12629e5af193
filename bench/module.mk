# SPDX-License-Identifier: BSD-2-Clause
# Benchmarks: one make fragment per benchmark, each printing BENCH lines with its
# anchor measured side by side in the same run (DESIGN.md).
include bench/smc/smc.mk
include bench/channel/channel.mk
include bench/optee/optee.mk
include bench/blk/blk.mk
include bench/xworld/xworld.mk
include bench/rng/rng.mk
include bench/guests/guests.mk
