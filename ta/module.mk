# SPDX-License-Identifier: BSD-2-Clause
# Trusted applications of the project's own, built with Debian's OP-TEE TA dev
# kit (trixie's optee-os-dev in $(B)/trixie): each ta/<name>/ has the dev kit's
# Makefile and sub.mk; the signed <uuid>.ta lands in $(B)/ta/<name>/.
# docs/optee.md "Writing a TA". Also xw-ta-check, the hosted verifier.

XW_DEPS += python3 python3-cryptography
XW_TA_HELLO_UUID := 6ecf611e-4beb-4763-9269-40e2d0b38d4c
XW_TA_HELLO := $(B)/ta/hello/$(XW_TA_HELLO_UUID).ta

# The dev kit's make runs on its own: none of our variables or flags leak into it.
$(XW_TA_HELLO): $(wildcard ta/hello/*.c ta/hello/include/*.h) ta/hello/sub.mk ta/hello/Makefile \
		$(B)/trixie/stamp
	env -u MAKEFLAGS -u MAKEOVERRIDES -u MFLAGS $(MAKE) -s -C ta/hello \
		TA_DEV_KIT_DIR=$(abspath $(XW_TA_DEVKIT)) CROSS_COMPILE=$(CROSS) \
		O=$(abspath $(B)/ta/hello)
XW_ALL += $(XW_TA_HELLO)
# In the test initramfs where Debian's tee-supplicant looks for TAs, with its client
# (tests/qemu/guest/ta-hello.sh runs both once TAs load: XW_OPTEE_TESTS=ta-hello).
XW_INITRAMFS_FILES += $(XW_TA_HELLO)=/lib/optee_armtz/$(XW_TA_HELLO_UUID).ta

$(call xw_host_prog,host,$(B)/host/xw-ta-check,ta/tools/ta_check.c $(XW_TA_VERIFY_SRCS),-lmbedcrypto)
XW_ALL += $(B)/host/xw-ta-check

# The example TA and Debian's pass the secure kernel's verifier; the key built
# into the kernel is the dev kit's.
XW_TESTS += test-ta
$(call xw_help,test-ta,the example TA builds with Debian's dev kit and it and Debian's TAs pass the TA verifier)
.PHONY: test-ta
test-ta: $(B)/host/xw-ta-check $(XW_TA_HELLO) $(B)/user/tahello
	$(B)/host/xw-ta-check $(XW_TA_HELLO) $(B)/trixie/root/usr/lib/optee_armtz/*.ta
	scripts/ta-pubkey.sh $(XW_TA_DEVKIT)/keys/default_ta.pem | diff -u secure/ta/ta_key.c - && \
		echo "secure/ta/ta_key.c: the dev kit's default_ta.pem"

# Cost of verifying a TA hosted (docs/benchmarks.md): os_test, a subkey-signed
# TA and the largest, each beside SHA-256 of its bytes.
.PHONY: bench-ta
$(call xw_help,bench-ta,hosted cost of TA image verification (os_test and others) against SHA-256 of the same bytes)
bench-ta: $(B)/host/xw-ta-check $(B)/trixie/stamp
	@echo "# bench-ta: $$(nproc) CPUs, load average $$(cut -d' ' -f1-3 /proc/loadavg), commit $$(git rev-parse --short HEAD 2>/dev/null)"
	@cd $(B)/trixie/root/usr/lib/optee_armtz && $(abspath $(B))/host/xw-ta-check -b 100 \
		5b9e0e40-2636-11e1-ad9e-0002a5d5c51b.ta 5c206987-16a3-59cc-ab0f-64b9cfc9e758.ta \
		25497083-a58a-4fc5-8a72-1ad7b69b8562.ta | grep ^BENCH
