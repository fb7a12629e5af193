# SPDX-License-Identifier: BSD-2-Clause
# The portable channel library (freestanding C11). Other parts link it by
# listing $(XW_CHAN_SRCS) among their sources (e.g. in $(call xw_host_prog,...)).

XW_CHAN_SRCS := lib/chan.c lib/chan_region.c

# Freestanding cross build: proves the library needs nothing but the compiler.
XW_LIB_AARCH64_OBJS := $(patsubst %.c,$(B)/aarch64-free/%.o,$(XW_CHAN_SRCS))
$(B)/aarch64-free/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CROSS)gcc -std=c11 -O2 $(XW_WARN) -ffreestanding -mno-outline-atomics -nostdinc \
		-isystem $(XW_CROSS_INC) -Iinclude -Ilib/include \
		-MMD -MP -c $< -o $@
XW_DEPFILES += $(XW_LIB_AARCH64_OBJS:.o=.d)
XW_ALL += $(XW_LIB_AARCH64_OBJS)
XW_DEPS += gcc-aarch64-linux-gnu

$(call xw_unit_test,test_chan,tests/unit/test_chan.c host/xw_host.c $(XW_CHAN_SRCS))
$(call xw_unit_test,test_chan_some,tests/unit/test_chan_some.c $(XW_CHAN_SRCS))
$(call xw_unit_test,test_chan_fence,tests/unit/test_chan_fence.c host/xw_host.c $(XW_CHAN_SRCS))
$(call xw_unit_test,test_chan_ref,tests/unit/test_chan_ref.c host/xw_host.c $(XW_CHAN_SRCS))
# The echo step under every writer/reader interleaving up to a depth (no request stranded).
$(call xw_unit_test,test_echo_sched,tests/unit/test_echo_sched.c lib/echo.c $(XW_CHAN_SRCS))
