# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE front end: the stock Linux driver (tee.ko, optee.ko from Debian's kernel
# package) in the initramfs, and its QEMU test (docs/optee.md).

# Debian's modules, copied out of the unpacked kernel (its version is known only
# after the fetch, hence the shell lookup).
XW_OPTEE_KMODS := $(B)/optee/tee.ko $(B)/optee/optee.ko
$(B)/optee/tee.ko: $(B)/debian/stamp
	@mkdir -p $(@D)
	cp $(B)/debian/root/lib/modules/$$(cat $(B)/debian/kver)/kernel/drivers/tee/tee.ko $@
$(B)/optee/optee.ko: $(B)/debian/stamp
	@mkdir -p $(@D)
	cp $(B)/debian/root/lib/modules/$$(cat $(B)/debian/kver)/kernel/drivers/tee/optee/optee.ko $@
# Loaded by /init in this order (tee first: optee depends on it).
XW_INITRAMFS_FILES += $(B)/optee/tee.ko=/lib/xw/tee.ko $(B)/optee/optee.ko=/lib/xw/optee.ko

XW_TESTS += test-optee
.PHONY: test-optee
test-optee: $(XW_QEMU_NEEDS) firmware
	tests/qemu/optee-run.sh
$(call xw_help,test-optee,boot Linux with the stock OP-TEE driver on the secure firmware (smp 1 and 4) and run the OP-TEE guest tests)

# Debian's libteec and headers, unpacked by fetch-debian.sh (the client program
# itself, user/teeclient, has its own fragment: user/teeclient/teeclient.mk).
XW_DEBROOT := $(B)/debian/root
# Debian's client side, with the C library and loader it runs on.
XW_OPTEE_DEBFILES := lib/ld-linux-aarch64.so.1 lib/aarch64-linux-gnu/libc.so.6 \
	usr/lib/aarch64-linux-gnu/libteec.so.1 usr/sbin/tee-supplicant
$(addprefix $(XW_DEBROOT)/,$(XW_OPTEE_DEBFILES)): $(B)/debian/stamp
	@test -e $@ || { echo "missing $@: run make fetch-debian"; exit 1; }
XW_INITRAMFS_FILES += $(foreach f,$(XW_OPTEE_DEBFILES),$(XW_DEBROOT)/$(f)=/$(f))

# Host unit tests of the decoders, and their libFuzzer target (bounded run in make test).
$(call xw_unit_test,test_optee_msg,tests/unit/test_optee_msg.c secure/abi/optee/msg.c)
FUZZ_OPTEE_SECONDS ?= 30
$(B)/fuzz/fuzz_optee_msg: tests/fuzz/fuzz_optee_msg.c secure/abi/optee/msg.c secure/abi/optee/optee.h \
		include/xw/optee_msg.h
	@mkdir -p $(@D)
	$(HOST_CLANG) -std=c11 -O1 -g $(XW_WARN) $(XW_HOST_INC) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all tests/fuzz/fuzz_optee_msg.c secure/abi/optee/msg.c -o $@
XW_ALL += $(B)/fuzz/fuzz_optee_msg
XW_TESTS += test-fuzz-optee
.PHONY: test-fuzz-optee
test-fuzz-optee: $(B)/fuzz/fuzz_optee_msg
	@mkdir -p $(B)/fuzz/corpus-optee
	cd $(B)/fuzz && ./fuzz_optee_msg -max_total_time=$(FUZZ_OPTEE_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 corpus-optee 2>&1 | tail -5; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-optee,fuzz the OP-TEE message/page-list decoders for $(FUZZ_OPTEE_SECONDS)s)

# The whole front end hosted (secure threads as pthreads, NS RAM as a memfd the
# window aliases): tests/unit/test_optee_entry.c plays the Linux driver.
XW_OPTEE_HOST_SRCS := $(XW_OPTEE_SRCS) $(XW_SK_POOL_SRCS) secure/core/guest.c $(XW_NSMEM_SRCS) \
	secure/arch/host/nsmap.c secure/core/pages.c secure/arch/host/app.c \
	secure/arch/host/time.c secure/arch/host/optee_arch.c tests/unit/optee_nw.c
$(call xw_unit_test,test_optee_entry,tests/unit/test_optee_entry.c $(XW_OPTEE_HOST_SRCS))
# Several clients (w7) against one front end: docs/guests.md.
$(call xw_unit_test,test_guests,tests/unit/test_guests.c $(XW_OPTEE_HOST_SRCS))

# libFuzzer over several guests and the hypervisor's VM calls (docs/guests.md):
# one CPU with checks after every operation, and FUZZ_GUESTS_THREADS CPUs at once.
FUZZ_GUESTS_SECONDS ?= 20
FUZZ_GUESTS_THREADS ?= 3
define xw_guests_fuzz_rule
$(1): tests/fuzz/fuzz_guests.c $$(XW_OPTEE_HOST_SRCS) secure/core/guest.h tests/unit/optee_nw.h
	@mkdir -p $$(@D)
	$$(HOST_CLANG) -std=c11 -O1 -g $$(XW_WARN) -D_GNU_SOURCE -DFUZZ_THREADS=$(2) $$(XW_HOST_INC) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		tests/fuzz/fuzz_guests.c $$(XW_OPTEE_HOST_SRCS) -o $$@ -lpthread
XW_ALL += $(1)
endef
$(eval $(call xw_guests_fuzz_rule,$(B)/fuzz/fuzz_guests,1))
$(eval $(call xw_guests_fuzz_rule,$(B)/fuzz/fuzz_guests_mt,$(FUZZ_GUESTS_THREADS)))
XW_TESTS += test-fuzz-guests
.PHONY: test-fuzz-guests
test-fuzz-guests: $(B)/fuzz/fuzz_guests $(B)/fuzz/fuzz_guests_mt
	@mkdir -p $(B)/fuzz/corpus-guests $(B)/fuzz/corpus-guests-mt
	cd $(B)/fuzz && ./fuzz_guests -max_total_time=$(FUZZ_GUESTS_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -max_len=512 corpus-guests 2>&1 | tail -3; \
		[ $${PIPESTATUS[0]} -eq 0 ] || exit 1; \
	./fuzz_guests_mt -max_total_time=$(FUZZ_GUESTS_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 -max_len=512 corpus-guests-mt 2>&1 | tail -3; \
		exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-guests,fuzz several guests + VM_CREATED/VM_DESTROYED against the OP-TEE front end (1 and $(FUZZ_GUESTS_THREADS) CPUs) for 2x$(FUZZ_GUESTS_SECONDS)s)

# libFuzzer over the whole hosted front end: x0..x7 sequences, RPC answers and
# arguments/page lists in the memfd RAM (bounded runs in make test). Two builds
# of one source: one normal-world pthread, or FUZZ_OPTEE_THREADS pthreads (one
# CPU each) running slices of each input at once against the same front end.
FUZZ_OPTEE_ENTRY_SECONDS ?= 30
FUZZ_OPTEE_MT_SECONDS ?= 30
FUZZ_OPTEE_THREADS ?= 3
XW_OPTEE_FUZZ_DEPS := tests/fuzz/fuzz_optee_entry.c $(XW_OPTEE_HOST_SRCS) \
	secure/abi/optee/optee.h tests/unit/optee_nw.h secure/arch/host/optee_host.h
# $(call xw_optee_fuzz_rule,output,threads)
define xw_optee_fuzz_rule
$(1): $$(XW_OPTEE_FUZZ_DEPS)
	@mkdir -p $$(@D)
	$$(HOST_CLANG) -std=c11 -O1 -g $$(XW_WARN) -D_GNU_SOURCE -DFUZZ_THREADS=$(2) $$(XW_HOST_INC) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		tests/fuzz/fuzz_optee_entry.c $$(XW_OPTEE_HOST_SRCS) -o $$@ -lpthread
XW_ALL += $(1)
endef
$(eval $(call xw_optee_fuzz_rule,$(B)/fuzz/fuzz_optee_entry,1))
$(eval $(call xw_optee_fuzz_rule,$(B)/fuzz/fuzz_optee_entry_mt,$(FUZZ_OPTEE_THREADS)))
XW_TESTS += test-fuzz-optee-entry test-fuzz-optee-entry-mt
.PHONY: test-fuzz-optee-entry test-fuzz-optee-entry-mt
# Seeded with the threaded fuzzer's seeds too: run on one CPU they are
# register/unregister loops and a session left in a call, which the shadow
# checks (completed calls against what the front end holds) start from.
test-fuzz-optee-entry: $(B)/fuzz/fuzz_optee_entry $(B)/fuzz/gen_optee_seeds
	@mkdir -p $(B)/fuzz/corpus-optee-entry
	$(B)/fuzz/gen_optee_seeds $(B)/fuzz/corpus-optee-entry
	cd $(B)/fuzz && ./fuzz_optee_entry -max_total_time=$(FUZZ_OPTEE_ENTRY_SECONDS) \
		-print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -max_len=1024 \
		corpus-optee-entry 2>&1 | tail -5; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-optee-entry,fuzz the whole hosted OP-TEE front end (SMC registers + NS memory) for $(FUZZ_OPTEE_ENTRY_SECONDS)s)
# Its own corpus (an input means something else when cut into slices), seeded
# with the shm-cookie races this front end once had (tests/fuzz/gen_optee_seeds.c).
$(call xw_host_prog,host,$(B)/fuzz/gen_optee_seeds,tests/fuzz/gen_optee_seeds.c,)
test-fuzz-optee-entry-mt: $(B)/fuzz/fuzz_optee_entry_mt $(B)/fuzz/gen_optee_seeds
	@mkdir -p $(B)/fuzz/corpus-optee-entry-mt
	$(B)/fuzz/gen_optee_seeds $(B)/fuzz/corpus-optee-entry-mt
	cd $(B)/fuzz && ./fuzz_optee_entry_mt -max_total_time=$(FUZZ_OPTEE_MT_SECONDS) \
		-print_final_stats=1 -timeout=10 -rss_limit_mb=2048 -max_len=1024 \
		corpus-optee-entry-mt 2>&1 | tail -5; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-optee-entry-mt,fuzz the hosted OP-TEE front end from $(FUZZ_OPTEE_THREADS) CPUs at once (real threads: races on shm objects, sessions, threads) for $(FUZZ_OPTEE_MT_SECONDS)s)
# The threaded build under TSan: no libFuzzer (its coverage counters are racy
# by design), a replay driver over the seeds and whatever corpus the threaded
# fuzzer has grown, again and again for FUZZ_OPTEE_TSAN_SECONDS.
FUZZ_OPTEE_TSAN_SECONDS ?= 20
$(B)/fuzz/fuzz_optee_entry_tsan: $(XW_OPTEE_FUZZ_DEPS)
	@mkdir -p $(@D)
	$(HOST_CLANG) -std=c11 -O1 -g $(XW_WARN) -D_GNU_SOURCE -DFUZZ_THREADS=$(FUZZ_OPTEE_THREADS) \
		-DFUZZ_REPLAY_MAIN $(XW_HOST_INC) -fsanitize=thread \
		tests/fuzz/fuzz_optee_entry.c $(XW_OPTEE_HOST_SRCS) -o $@ -lpthread
XW_ALL += $(B)/fuzz/fuzz_optee_entry_tsan
XW_TESTS += test-fuzz-optee-entry-tsan
.PHONY: test-fuzz-optee-entry-tsan
test-fuzz-optee-entry-tsan: $(B)/fuzz/fuzz_optee_entry_tsan $(B)/fuzz/gen_optee_seeds
	@mkdir -p $(B)/fuzz/corpus-optee-entry-mt
	$(B)/fuzz/gen_optee_seeds $(B)/fuzz/corpus-optee-entry-mt
	TSAN_OPTIONS=halt_on_error=1 $(B)/fuzz/fuzz_optee_entry_tsan $(FUZZ_OPTEE_TSAN_SECONDS) \
		$(B)/fuzz/corpus-optee-entry-mt/*
$(call xw_help,test-fuzz-optee-entry-tsan,replay the threaded OP-TEE fuzzer's corpus under TSan for $(FUZZ_OPTEE_TSAN_SECONDS)s)
