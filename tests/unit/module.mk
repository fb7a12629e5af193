# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests (cmocka). Each part registers its tests in its own module.mk with
#   $(call xw_unit_test,<name>,<sources...>)
# and this fragment runs them, once per build variant.

XW_DEPS += libcmocka-dev
XW_TESTS += test-unit test-asan test-tsan
$(call xw_help,test-unit,host unit tests (cmocka; TAP with CMOCKA_MESSAGE_OUTPUT=TAP))
$(call xw_help,test-asan,host unit tests under ASan+UBSan)
$(call xw_help,test-tsan,host unit tests under TSan)

# Second expansion: tests registered by fragments included after this one count too.
.SECONDEXPANSION:
.PHONY: test-unit test-asan test-tsan
test-unit: $$(foreach t,$$(XW_UNIT_TESTS),$$(B)/host/tests/unit/$$(t))
	@scripts/run-unit-tests.sh $^
test-asan: $$(foreach t,$$(XW_UNIT_TESTS),$$(B)/asan/tests/unit/$$(t))
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		scripts/run-unit-tests.sh $^
test-tsan: $$(foreach t,$$(XW_UNIT_TESTS),$$(B)/tsan/tests/unit/$$(t))
	@TSAN_OPTIONS=halt_on_error=1 scripts/run-unit-tests.sh $^
$(call xw_unit_test,test_err,tests/unit/test_err.c)
