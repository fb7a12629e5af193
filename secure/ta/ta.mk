# SPDX-License-Identifier: BSD-2-Clause
# OP-TEE trusted applications at S-EL0 (issue 11, docs/optee.md "Trusted
# applications"): the ELF loader, the TA personality, the instances.

XW_TA_PURE_SRCS := secure/ta/ta_elf.c
# Linked into the secure kernel (secure/module.mk): the pure parts, the
# personality, the instances.
XW_TA_SK_SRCS := $(XW_TA_PURE_SRCS) secure/ta/ta_sys.c secure/ta/ta_load.c secure/ta/ta_call.c \
	secure/ta/ta_pta.c secure/ta/ta_cryp.c
$(call xw_unit_test,test_ta_elf,tests/unit/test_ta_elf.c tests/unit/ta_shdr_walk.c $(XW_TA_PURE_SRCS))

FUZZ_TA_ELF_SECONDS ?= 30
$(B)/fuzz/fuzz_ta_elf: tests/fuzz/fuzz_ta_elf.c $(XW_TA_PURE_SRCS) secure/ta/ta_elf.h
	@mkdir -p $(@D)
	$(HOST_CLANG) -std=c11 -O1 -g $(XW_WARN) $(XW_HOST_INC) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all tests/fuzz/fuzz_ta_elf.c $(XW_TA_PURE_SRCS) -o $@
XW_ALL += $(B)/fuzz/fuzz_ta_elf
XW_TESTS += test-fuzz-ta-elf
.PHONY: test-fuzz-ta-elf
# Seeds: the ELF inside each of Debian's TAs (the bytes after the signed header).
test-fuzz-ta-elf: $(B)/fuzz/fuzz_ta_elf
	@mkdir -p $(B)/fuzz/corpus-ta-elf
	@for f in $(B)/trixie/root/usr/lib/optee_armtz/*.ta; do \
		[ -f "$$f" ] && tail -c +329 "$$f" >$(B)/fuzz/corpus-ta-elf/$$(basename $$f .ta); done; true
	cd $(B)/fuzz && ./fuzz_ta_elf -max_total_time=$(FUZZ_TA_ELF_SECONDS) -print_final_stats=1 \
		-timeout=10 -rss_limit_mb=1024 -max_len=1200000 corpus-ta-elf 2>&1 | tail -5; \
		exit $${PIPESTATUS[0]}
$(call xw_help,test-fuzz-ta-elf,fuzz the TA ELF loader for $(FUZZ_TA_ELF_SECONDS)s (seeded with Debian's TAs))
