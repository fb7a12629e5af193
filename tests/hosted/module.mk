# SPDX-License-Identifier: BSD-2-Clause
# Hosted integration tests: both worlds as processes over a shared memfd.
#   test-hosted       two-process stress (10^6 messages, 4 channels, both directions)
#                     + adversarial peer; then the stress under ASan+UBSan and TSan
#                     with reduced counts.
# STRESS_MSGS overrides the plain run's message count.

STRESS_MSGS ?= 1000000
XW_HOSTED_SRCS := $(XW_CHAN_SRCS) $(XW_HOST_SRCS)
$(foreach v,host asan tsan,$(call xw_host_prog,$(v),$(B)/$(v)/tests/hosted/stress,tests/hosted/stress.c $(XW_HOSTED_SRCS),))
$(foreach v,host asan,$(call xw_host_prog,$(v),$(B)/$(v)/tests/hosted/adversarial,tests/hosted/adversarial.c $(XW_HOSTED_SRCS),))
XW_ALL += $(B)/host/tests/hosted/stress $(B)/host/tests/hosted/adversarial

XW_TESTS += test-hosted
$(call xw_help,test-hosted,two-process channel stress (10^6 msgs) + adversarial peer; also under ASan/TSan)
.PHONY: test-hosted test-hosted-stress test-hosted-adversarial test-hosted-san
test-hosted: test-hosted-stress test-hosted-adversarial test-hosted-san
test-hosted-stress: $(B)/host/tests/hosted/stress
	timeout 600 $< $(STRESS_MSGS) 4
	timeout 600 $< $(STRESS_MSGS) 4 262144 1048576
test-hosted-adversarial: $(B)/host/tests/hosted/adversarial $(B)/asan/tests/hosted/adversarial
	timeout 300 $(B)/host/tests/hosted/adversarial
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 timeout 300 $(B)/asan/tests/hosted/adversarial
test-hosted-san: $(B)/asan/tests/hosted/stress $(B)/tsan/tests/hosted/stress
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 timeout 600 $(B)/asan/tests/hosted/stress 200000 2
	TSAN_OPTIONS=halt_on_error=1 timeout 600 $(B)/tsan/tests/hosted/stress 100000 2
	TSAN_OPTIONS=halt_on_error=1 timeout 600 $(B)/tsan/tests/hosted/stress 100000 2 262144 1048576
