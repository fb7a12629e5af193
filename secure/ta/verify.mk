# SPDX-License-Identifier: BSD-2-Clause
# Trusted applications' signed images (docs/optee.md "TA verification"):
# header and subkey checks, the root key, digests and RSA from Debian's Mbed TLS
# (trixie's TA dev kit in the S-EL1 kernel; the host's libmbedtls-dev hosted).

XW_DEPS += libmbedtls-dev openssl
XW_TA_VERIFY_SRCS := secure/ta/ta_verify.c secure/ta/ta_crypto.c secure/ta/ta_pkcs1.c \
	secure/ta/ta_key.c
XW_TA_DEVKIT := $(B)/trixie/root/usr/lib/optee-os-dev/vexpress-qemu_armv8a

# The S-EL1 side: the library's needs (ta_libc.c) and the dev kit's archives,
# added to the kernel's link as prerequisites (fw/module.mk links every .o
# prerequisite, then every .a one).
XW_TA_VERIFY_SK_SRCS := $(XW_TA_VERIFY_SRCS) secure/ta/ta_selftest.c secure/ta/ta_arena.c \
	secure/ta/ta_libc.c
XW_TA_VERIFY_SK_OBJS := $(patsubst %,$(B)/fw/obj/%.o,$(basename $(XW_TA_VERIFY_SK_SRCS)))
XW_TA_VERIFY_LIBS := $(XW_TA_DEVKIT)/lib/libmbedtls.a $(XW_TA_DEVKIT)/lib/libutils.a
$(XW_TA_VERIFY_LIBS): $(B)/trixie/stamp
$(B)/fw/obj/secure/ta/ta_crypto.o: XW_FW_CFLAGS += -I$(XW_TA_DEVKIT)/include
$(B)/fw/obj/secure/ta/ta_crypto.o: | $(B)/trixie/stamp
$(B)/fw/xw-sk.elf: $(XW_TA_VERIFY_SK_OBJS) $(XW_TA_VERIFY_LIBS)
XW_DEPFILES += $(XW_TA_VERIFY_SK_OBJS:.o=.d)

$(call xw_unit_test,test_ta_verify,tests/unit/test_ta_verify.c $(XW_TA_VERIFY_SRCS) \
	secure/ta/ta_selftest.c)
# The real TAs and the dev kit's key come from build/trixie (fetched once).
$(foreach v,$(XW_VARIANTS),$(eval $(B)/$(v)/tests/unit/test_ta_verify: HOST_LDLIBS += -lmbedcrypto))
$(foreach v,$(XW_VARIANTS),$(eval $(B)/$(v)/tests/unit/test_ta_verify: | $(B)/trixie/stamp))
$(call xw_unit_test,test_ta_arena,tests/unit/test_ta_arena.c secure/ta/ta_arena.c)
