# SPDX-License-Identifier: BSD-2-Clause
#
# Crossworld: one non-recursive make for every part of the tree.
#
# Each directory that builds something owns a `module.mk` fragment, included
# below. A fragment adds its products and targets to these lists:
#   XW_ALL      files `make` (all) builds
#   XW_TESTS    test targets `make test` runs, in order (each exits non-zero on failure)
#   XW_BENCHES  benchmark targets `make bench` runs
#   XW_DEMOS    demo targets `make demo` runs, in order (the QEMU boot of the whole stack last)
#   XW_DEPS     Debian packages (native) the fragment needs; installed by `make deps`
#   XW_HELP     lines for `make help`, each "target<TAB>what it does" (use $(xw_help))

.DEFAULT_GOAL := all
SHELL := /bin/bash
.DELETE_ON_ERROR:

B ?= build

# Host toolchain: the portable core, hosted port, unit tests, benchmarks.
HOST_CC ?= gcc
HOST_CLANG ?= clang
XW_WARN := -Wall -Wextra -Werror
# Portable code built for the host sees the hosted arch contracts (fw/arch/host)
# and the secure kernel's contract headers (secure/include/sk/arch).
XW_HOST_INC := -Iinclude -Ilib/include -Ifw/arch/host/include -Isecure/include
HOST_CFLAGS ?= -std=c11 -O2 -g $(XW_WARN) -D_GNU_SOURCE $(XW_HOST_INC)
HOST_LDLIBS ?= -lpthread

# Cross toolchain: EL3 monitor, S-EL1 kernel, normal-world user programs.
CROSS ?= aarch64-linux-gnu-
# The cross compiler's own header directory (stddef.h, stdint.h for -nostdinc
# builds), looked up once, when a recipe first needs it: on a fresh machine
# the compiler is installed by this same make run, after the makefiles are read.
XW_CROSS_INC = $(eval XW_CROSS_INC := $$(shell $(CROSS)gcc -print-file-name=include))$(XW_CROSS_INC)

XW_ALL :=
XW_TESTS :=
XW_BENCHES :=
XW_DEMOS :=
XW_DEPS := make gcc clang libclang-rt-14-dev
XW_HELP :=

# $(call xw_help,target,description)
xw_help = $(eval XW_HELP += $(1)|$(subst $() ,~,$(2)))
# $(call xw_shq,text): text as one single-quoted shell word (apostrophes allowed)
xw_shq = '$(subst ','\'',$(1))'

XW_DEPFILES :=
# What every QEMU boot of Linux needs; defined here because fragments are read in
# name order and several (secure/, tests/qemu/, bench/) use it.
XW_QEMU_NEEDS := $(B)/qemu/initramfs.cpio $(B)/debian/Image
include mk/host.mk

# The board (docs/porting.md): one plat/<board>/ directory, chosen here.
PLAT ?= qemu-virt
XW_PLAT_DIR := plat/$(PLAT)
ifeq ($(wildcard $(XW_PLAT_DIR)/plat.mk),)
$(error PLAT=$(PLAT): no board directory $(XW_PLAT_DIR)/ with a plat.mk (boards: $(notdir $(wildcard plat/*))))
endif
include $(XW_PLAT_DIR)/plat.mk

MODULES := apps lib host user fw monitor secure ta $(XW_PLAT_DIR) linux tests/unit tests/hosted \
	tests/mutations \
	tests/fuzz tests/qemu bench scripts
include $(sort $(wildcard $(addsuffix /module.mk,$(MODULES))))
-include $(XW_DEPFILES)

.PHONY: all deps demo test bench help clean
all: deps $(XW_ALL)

deps:
	@scripts/install-deps.sh $(sort $(XW_DEPS))

# Runs every test layer, keeps going after a failure, and prints one summary.
test: deps
	@scripts/run-targets.sh test $(XW_TESTS)

demo: deps
	@scripts/run-targets.sh demo $(XW_DEMOS)

bench: deps
	@scripts/run-targets.sh bench $(XW_BENCHES)

help:
	@echo "Crossworld make targets:"
	@printf '  %-20s %s\n' all "build everything (the default)"
	@printf '  %-20s %s\n' deps "install missing Debian packages (apt-get)"
	@printf '  %-20s %s\n' demo "build everything and run the demos: $(XW_DEMOS)"
	@printf '  %-20s %s\n' test "run every test layer: $(XW_TESTS)"
	@printf '  %-20s %s\n' bench "run every benchmark: $(XW_BENCHES)"
	@$(foreach h,$(XW_HELP),printf '  %-20s %s\n' $(call xw_shq,$(word 1,$(subst |, ,$(h)))) $(call xw_shq,$(subst ~, ,$(word 2,$(subst |, ,$(h)))));)
	@printf '  %-20s %s\n' clean "remove $(B)/"

clean:
	rm -rf $(B)
