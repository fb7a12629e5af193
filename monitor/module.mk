# SPDX-License-Identifier: BSD-2-Clause
# EL3 monitor (bare-metal AArch64) and the cross-compile rules every firmware
# image uses (monitor, secure kernel, smoke payload): objects in $(B)/fw/obj/.

XW_DEPS += gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
XW_FW_CC := $(CROSS)gcc
XW_FW_OBJCOPY := $(CROSS)objcopy
XW_FW_CFLAGS := -std=c11 -O2 -g $(XW_WARN) -ffreestanding -fno-builtin -nostdlib \
	-mgeneral-regs-only -mstrict-align -mno-outline-atomics -march=armv8-a -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-common \
	-Iinclude -Iplat/qemu-virt -Imonitor/include
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
	$$(XW_FW_CC) $$(XW_FW_LDFLAGS) -T $(2) -o $$@ $$(filter %.o,$$^)
XW_DEPFILES += $(patsubst %,$(B)/fw/obj/%.d,$(basename $(3)))
endef
xw_fw_link = $(eval $(call xw_fw_link_tmpl,$(1),$(2),$(3)))

XW_PLAT_FW_SRCS := plat/qemu-virt/uart.c plat/qemu-virt/log.c plat/qemu-virt/string.c \
	plat/qemu-virt/topology.c
XW_MON_CORE_SRCS := monitor/core/smccc.c monitor/core/psci.c monitor/core/dispatch.c \
	monitor/core/trap.c
XW_MON_SRCS := monitor/arch/aarch64/entry.S monitor/arch/aarch64/main.c \
	monitor/arch/aarch64/el1ctx.c monitor/arch/aarch64/gicv3.c monitor/arch/aarch64/mmu.c \
	$(XW_MON_CORE_SRCS) $(XW_PLAT_FW_SRCS) plat/qemu-virt/power.c
$(call xw_fw_link,$(B)/fw/xw-mon.elf,monitor/arch/aarch64/mon.ld,$(XW_MON_SRCS))

# Host unit tests of the portable monitor parts.
$(call xw_unit_test,test_smccc,tests/unit/test_smccc.c monitor/core/smccc.c)
$(call xw_unit_test,test_trap,tests/unit/test_trap.c monitor/core/trap.c)
$(call xw_unit_test,test_psci,tests/unit/test_psci.c monitor/core/psci.c plat/qemu-virt/topology.c)
$(call xw_unit_test,test_dispatch_mon,tests/unit/test_dispatch_mon.c $(XW_MON_CORE_SRCS) \
	plat/qemu-virt/topology.c)
