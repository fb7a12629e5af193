# SPDX-License-Identifier: BSD-2-Clause
# EL3 monitor (bare-metal AArch64); the cross-compile rules are fw/module.mk's.

XW_MON_CORE_SRCS := monitor/core/smccc.c monitor/core/psci.c monitor/core/dispatch.c \
	monitor/core/trap.c
XW_MON_SRCS := monitor/arch/aarch64/entry.S monitor/arch/aarch64/main.c \
	monitor/arch/aarch64/el1ctx.c monitor/arch/aarch64/gicv3.c monitor/arch/aarch64/mmu.c \
	$(XW_MON_CORE_SRCS) $(XW_FW_COMMON_SRCS) $(XW_PLAT_MON_SRCS)
# The monitor's private headers (context layout shared with its assembly).
$(B)/fw/obj/monitor/%.o: XW_FW_CFLAGS += -Imonitor/include
$(call xw_fw_link,$(B)/fw/xw-mon.elf,monitor/arch/aarch64/mon.ld,$(XW_MON_SRCS))

# Host unit tests of the portable monitor parts.
$(call xw_unit_test,test_smccc,tests/unit/test_smccc.c monitor/core/smccc.c)
$(call xw_unit_test,test_trap,tests/unit/test_trap.c monitor/core/trap.c)
$(call xw_unit_test,test_psci,tests/unit/test_psci.c monitor/core/psci.c $(XW_PLAT_HOST_SRCS))
$(call xw_unit_test,test_dispatch_mon,tests/unit/test_dispatch_mon.c $(XW_MON_CORE_SRCS) \
	$(XW_PLAT_HOST_SRCS))
