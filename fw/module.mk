# SPDX-License-Identifier: BSD-2-Clause
# What both firmware images share (EL3 monitor, S-EL1 secure kernel; also the
# smoke payload): the cross-compile rules (objects in $(B)/fw/obj/), the
# AArch64 arch layer (fw/arch/aarch64: system registers, GICv3), the
# monitor <-> secure-kernel contract (fw/include/fw/sk_abi.h) and a small
# freestanding libc (fw/lib: log printf, memset/memcpy). The board's own files
# come from $(XW_PLAT_DIR)/plat.mk (PLAT=..., top Makefile).

XW_DEPS += gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
XW_FW_CC := $(CROSS)gcc
XW_FW_OBJCOPY := $(CROSS)objcopy
XW_FW_CFLAGS := -std=c11 -O2 -g $(XW_WARN) -ffreestanding -fno-builtin -nostdlib \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -march=armv8-a -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-common \
	-Iinclude -Ifw/include -Ifw/arch/aarch64/include -I$(XW_PLAT_DIR)
XW_FW_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments

$(B)/fw/obj/%.o: %.c
	@mkdir -p $(@D)
	$(XW_FW_CC) $(XW_FW_CFLAGS) -MMD -MP -c $< -o $@
$(B)/fw/obj/%.o: %.S
	@mkdir -p $(@D)
	$(XW_FW_CC) $(XW_FW_CFLAGS) -MMD -MP -c $< -o $@

# $(call xw_fw_link,out.elf,linker-script,sources)
define xw_fw_link_tmpl
$(1): $(patsubst %,$(B)/fw/obj/%.o,$(basename $(3))) $(2)
	@mkdir -p $$(@D)
	$$(XW_FW_CC) $$(XW_FW_LDFLAGS) -T $(2) -o $$@ $$(filter %.o,$$^) $$(filter %.a,$$^)
XW_DEPFILES += $(patsubst %,$(B)/fw/obj/%.d,$(basename $(3)))
endef
xw_fw_link = $(eval $(call xw_fw_link_tmpl,$(1),$(2),$(3)))

XW_FW_COMMON_SRCS := fw/lib/log.c fw/lib/string.c fw/lib/check.c fw/arch/aarch64/gicv3.c $(XW_PLAT_FW_SRCS)

$(call xw_unit_test,test_fw_string,tests/unit/test_fw_string.c)
