# SPDX-License-Identifier: BSD-2-Clause
# libFuzzer over the secure block path (tests/fuzz/fuzz_blk.c): request checks
# with their promises asserted, and the hosted backend + virtio-blk driver
# against the device model with hostile queue memory (docs/block.md).
FUZZ_BLK_SECONDS ?= 30
XW_FUZZ_BLK_SRCS := tests/fuzz/fuzz_blk.c tests/unit/vblk_model.c $(XW_SK_BLK_SRCS) \
	$(XW_NSMEM_SRCS) $(XW_SK_HOST_ARCH)
$(B)/fuzz/fuzz_blk: $(XW_FUZZ_BLK_SRCS) tests/unit/vblk_model.h secure/arch/host/blk_host.h \
		secure/services/blk_backend.h secure/services/blk_check.h include/xw/blk_abi.h
	@mkdir -p $(@D)
	$(HOST_CLANG) -std=c11 -O1 -g $(XW_WARN) -D_GNU_SOURCE $(XW_HOST_INC) \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(XW_FUZZ_BLK_SRCS) -o $@
XW_ALL += $(B)/fuzz/fuzz_blk
XW_TESTS += test-fuzz-blk
.PHONY: test-fuzz-blk
# Two seeds that reach the backend's two ways out past a registration: the end
# of the script (register, complete, unregister) and an unregister op in the
# script (0x30), each followed by the harness's checks (no bad descriptor, no
# window page leaked).
test-fuzz-blk: $(B)/fuzz/fuzz_blk
	@mkdir -p $(B)/fuzz/corpus-blk
	printf '\x01\x00\x00\x00' >$(B)/fuzz/corpus-blk/seed-register-unregister
	printf '\x01\x00\x00\x01\x30\x00\x00' >$(B)/fuzz/corpus-blk/seed-unregister-op
	cd $(B)/fuzz && ./fuzz_blk -max_total_time=$(FUZZ_BLK_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 -max_len=4096 corpus-blk 2>&1 | tail -5; exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-blk,fuzz the secure block request checks and the hosted backend for $(FUZZ_BLK_SECONDS)s)
