# SPDX-License-Identifier: BSD-2-Clause
# Normal-world user programs (arm64, for the initramfs): the shared compiler
# settings; each program's rule is user/<prog>/<prog>.mk.

XW_DEPS += gcc-aarch64-linux-gnu libc6-dev-arm64-cross
XW_UCC := $(CROSS)gcc
XW_UCFLAGS := -std=gnu11 -O2 -static $(XW_WARN) -Iinclude -Iuser/common -Ilinux/xwtest

# Each program is built by the fragment in its own directory.
include $(sort $(wildcard user/*/*.mk))
