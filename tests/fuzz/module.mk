# SPDX-License-Identifier: BSD-2-Clause
# libFuzzer target on the channel's receiving side (clang, ASan+UBSan).
#   test-fuzz   bounded run (FUZZ_TEST_SECONDS, default 60) seeded with valid traffic
#   fuzz        longer run: make fuzz FUZZ_SECONDS=3600

FUZZ_TEST_SECONDS ?= 60
FUZZ_SECONDS ?= 600
XW_FUZZ_FLAGS := -std=c11 -O1 -g $(XW_WARN) $(XW_HOST_INC) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

$(B)/fuzz/fuzz_chan_rx: tests/fuzz/fuzz_chan_rx.c $(XW_CHAN_SRCS) lib/chan_priv.h \
		lib/include/xw/channel.h include/xw/channel_abi.h
	@mkdir -p $(@D)
	$(HOST_CLANG) $(XW_FUZZ_FLAGS) tests/fuzz/fuzz_chan_rx.c $(XW_CHAN_SRCS) -o $@
$(call xw_host_prog,host,$(B)/fuzz/gen_seeds,tests/fuzz/gen_seeds.c $(XW_CHAN_SRCS),)

XW_ALL += $(B)/fuzz/fuzz_chan_rx
XW_TESTS += test-fuzz
$(call xw_help,test-fuzz,fuzz the channel receiver for $(FUZZ_TEST_SECONDS)s (libFuzzer+ASan+UBSan))
$(call xw_help,fuzz,long fuzzing run: FUZZ_SECONDS=N (default 600))

.PHONY: test-fuzz fuzz fuzz-corpus
fuzz-corpus: $(B)/fuzz/gen_seeds
	@mkdir -p $(B)/fuzz/corpus
	$(B)/fuzz/gen_seeds $(B)/fuzz/corpus
test-fuzz: $(B)/fuzz/fuzz_chan_rx fuzz-corpus
	cd $(B)/fuzz && ./fuzz_chan_rx -max_total_time=$(FUZZ_TEST_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 corpus 2>&1 | tail -15; exit $${PIPESTATUS[0]}
fuzz: $(B)/fuzz/fuzz_chan_rx fuzz-corpus
	cd $(B)/fuzz && ./fuzz_chan_rx -max_total_time=$(FUZZ_SECONDS) -timeout=10 corpus

# libFuzzer target on the secure channel calls (register/bind/doorbell decoding,
# services over hostile shared memory) through the real call table, hosted arch.
FUZZ_CSVC_SECONDS ?= 30
$(B)/fuzz/fuzz_chan_svc: tests/fuzz/fuzz_chan_svc.c $(XW_SK_CORE_SRCS) $(XW_SK_CHAN_SRCS) \
		$(XW_SK_HOST_ARCH) $(wildcard secure/core/*.h) lib/include/xw/channel.h
	@mkdir -p $(@D)
	$(HOST_CLANG) $(XW_FUZZ_FLAGS) -D_GNU_SOURCE tests/fuzz/fuzz_chan_svc.c $(XW_SK_CORE_SRCS) \
		$(XW_SK_CHAN_SRCS) $(XW_SK_HOST_ARCH) -o $@
XW_ALL += $(B)/fuzz/fuzz_chan_svc
XW_TESTS += test-fuzz-chan-svc
.PHONY: test-fuzz-chan-svc
test-fuzz-chan-svc: $(B)/fuzz/fuzz_chan_svc
	@mkdir -p $(B)/fuzz/corpus-chan-svc
	cd $(B)/fuzz && ./fuzz_chan_svc -max_total_time=$(FUZZ_CSVC_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=2048 corpus-chan-svc 2>&1 | tail -15; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-chan-svc,fuzz the secure channel calls (register/bind/doorbell) for $(FUZZ_CSVC_SECONDS)s (libFuzzer+ASan+UBSan))

# libFuzzer target on the application system calls (docs/apps.md): pointer
# checks against the app's own mappings, the quota, kill and restart.
FUZZ_APP_SECONDS ?= 15
$(B)/fuzz/fuzz_app_sys: tests/fuzz/fuzz_app_sys.c $(XW_SK_APP_HOST) $(wildcard secure/core/*.h) \
		include/xw/app_abi.h
	@mkdir -p $(@D)
	$(HOST_CLANG) $(XW_FUZZ_FLAGS) -D_GNU_SOURCE tests/fuzz/fuzz_app_sys.c $(XW_SK_APP_HOST) -o $@
XW_ALL += $(B)/fuzz/fuzz_app_sys
XW_TESTS += test-fuzz-app
.PHONY: test-fuzz-app
test-fuzz-app: $(B)/fuzz/fuzz_app_sys
	@mkdir -p $(B)/fuzz/corpus-app
	cd $(B)/fuzz && ./fuzz_app_sys -max_total_time=$(FUZZ_APP_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 corpus-app 2>&1 | tail -8; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-app,fuzz the S-EL0 application system calls for $(FUZZ_APP_SECONDS)s (libFuzzer+ASan+UBSan))

# libFuzzer over signed TA images and the RSA signature encodings (docs/optee.md
# "TA verification"), seeded with Debian's TAs from build/trixie.
FUZZ_TA_SECONDS ?= 30
$(B)/fuzz/fuzz_ta_verify: tests/fuzz/fuzz_ta_verify.c $(XW_TA_VERIFY_SRCS) $(wildcard secure/ta/*.h)
	@mkdir -p $(@D)
	$(HOST_CLANG) $(XW_FUZZ_FLAGS) tests/fuzz/fuzz_ta_verify.c $(XW_TA_VERIFY_SRCS) -o $@ -lmbedcrypto
XW_ALL += $(B)/fuzz/fuzz_ta_verify
XW_TESTS += test-fuzz-ta
.PHONY: test-fuzz-ta
test-fuzz-ta: $(B)/fuzz/fuzz_ta_verify $(B)/trixie/stamp
	@mkdir -p $(B)/fuzz/corpus-ta
	cp -n $(B)/trixie/root/usr/lib/optee_armtz/*.ta $(B)/fuzz/corpus-ta/
	cd $(B)/fuzz && ./fuzz_ta_verify -max_total_time=$(FUZZ_TA_SECONDS) -print_final_stats=1 \
		-max_len=1200000 -timeout=10 -rss_limit_mb=2048 corpus-ta 2>&1 | tail -8; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-ta,fuzz signed TA images and RSA encodings for $(FUZZ_TA_SECONDS)s (libFuzzer+ASan+UBSan))

# libFuzzer over the TA system calls' arguments (tests/fuzz/fuzz_ta_sys.c), on
# the real hosted runtime: one instance, and FUZZ_TA_SYS_THREADS instances
# (one pthread each) calling at once.
FUZZ_TA_SYS_SECONDS ?= 20
FUZZ_TA_SYS_THREADS ?= 3
# $(call xw_ta_sys_fuzz_rule,output,threads)
define xw_ta_sys_fuzz_rule
$(1): tests/fuzz/fuzz_ta_sys.c secure/ta/ta_sys.c secure/ta/ta_cryp.c secure/ta/ta_crypto.c secure/ta/ta_pkcs1.c $$(XW_SK_APP_HOST) $$(wildcard secure/ta/*.h) \
		$$(wildcard secure/core/*.h)
	@mkdir -p $$(@D)
	$$(HOST_CLANG) $$(XW_FUZZ_FLAGS) -D_GNU_SOURCE -DFUZZ_THREADS=$(2) tests/fuzz/fuzz_ta_sys.c \
		secure/ta/ta_sys.c secure/ta/ta_cryp.c secure/ta/ta_crypto.c secure/ta/ta_pkcs1.c $$(XW_SK_APP_HOST) -o $$@ \
		-lpthread -lmbedcrypto
XW_ALL += $(1)
endef
$(eval $(call xw_ta_sys_fuzz_rule,$(B)/fuzz/fuzz_ta_sys,1))
$(eval $(call xw_ta_sys_fuzz_rule,$(B)/fuzz/fuzz_ta_sys_mt,$(FUZZ_TA_SYS_THREADS)))
$(call xw_host_prog,host,$(B)/fuzz/gen_ta_sys_seeds,tests/fuzz/gen_ta_sys_seeds.c,)
XW_TESTS += test-fuzz-ta-sys
.PHONY: test-fuzz-ta-sys
# Seeded with what libutee does (tests/fuzz/gen_ta_sys_seeds.c).
test-fuzz-ta-sys: $(B)/fuzz/fuzz_ta_sys $(B)/fuzz/fuzz_ta_sys_mt $(B)/fuzz/gen_ta_sys_seeds
	@mkdir -p $(B)/fuzz/corpus-ta-sys $(B)/fuzz/corpus-ta-sys-mt
	$(B)/fuzz/gen_ta_sys_seeds $(B)/fuzz/corpus-ta-sys
	$(B)/fuzz/gen_ta_sys_seeds $(B)/fuzz/corpus-ta-sys-mt
	cd $(B)/fuzz && ./fuzz_ta_sys -max_total_time=$(FUZZ_TA_SYS_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 -max_len=4096 corpus-ta-sys 2>&1 | tail -5; \
		r=$${PIPESTATUS[0]}; [ $$r = 0 ] || exit $$r; \
	./fuzz_ta_sys_mt -max_total_time=$(FUZZ_TA_SYS_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 -max_len=4096 corpus-ta-sys-mt 2>&1 | tail -5; \
		exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-ta-sys,fuzz the TA system calls' arguments for 2x$(FUZZ_TA_SYS_SECONDS)s (1 and $(FUZZ_TA_SYS_THREADS) threads; libFuzzer+ASan+UBSan))
