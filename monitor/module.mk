# SPDX-License-Identifier: BSD-2-Clause
# EL3 monitor (bare-metal AArch64); the cross-compile rules are fw/module.mk's.
# The trusted OS it hosts is chosen at build time (docs/tos.md): the same
# sources with monitor/core/tos_xw.c (Crossworld's secure kernel, xw-mon.elf)
# or with monitor/core/tos_optee.c and -DXW_TOS_OPTEE (OP-TEE through TF-A's
# opteed protocol, xw-mon-optee.elf, objects in $(B)/fw/obj-optee/).

XW_MON_CORE_SRCS := monitor/core/smccc.c monitor/core/psci.c monitor/core/dispatch.c \
	monitor/core/trap.c monitor/core/tos.c monitor/core/regime.c
XW_MON_COMMON_SRCS := monitor/arch/aarch64/entry.S monitor/arch/aarch64/main.c \
	monitor/arch/aarch64/el1ctx.c monitor/arch/aarch64/gicv3.c monitor/arch/aarch64/mmu.c \
	$(XW_MON_CORE_SRCS) $(XW_FW_COMMON_SRCS) $(XW_PLAT_MON_SRCS)
XW_MON_SRCS := $(XW_MON_COMMON_SRCS) monitor/core/tos_xw.c
# The monitor's private headers (context layout shared with its assembly).
$(B)/fw/obj/monitor/%.o: XW_FW_CFLAGS += -Imonitor/include
# Link-time optimisation: the world switch's path crosses five files (dispatch,
# trap, regime, el1ctx, the trusted-OS table); inlined, it has fewer calls and
# returns, each of which QEMU looks up again after every TLB flush
# (docs/boot.md "World switch").
$(B)/fw/obj/monitor/%.o: XW_FW_CFLAGS += -flto
$(B)/fw/xw-mon.elf: XW_FW_LDFLAGS += -flto -O2 -mgeneral-regs-only -mstrict-align
# Its secure RAM (mon.ld asserts it): 2 MiB beside the secure kernel.
$(B)/fw/xw-mon.elf: XW_FW_LDFLAGS += -Wl,--defsym=XW_MON_RAM=0x200000
$(call xw_fw_link,$(B)/fw/xw-mon.elf,monitor/arch/aarch64/mon.ld,$(XW_MON_SRCS))

# TOS=optee: 1 MiB of secure RAM, below OP-TEE's TZDRAM (plat_memmap.h XW_MON_SIZE_OPTEE).
XW_MON_OPTEE_SRCS := $(XW_MON_COMMON_SRCS) monitor/core/tos_optee.c
XW_MON_OPTEE_OBJS := $(patsubst %,$(B)/fw/obj-optee/%.o,$(basename $(XW_MON_OPTEE_SRCS)))
$(B)/fw/obj-optee/%.o: %.c
	@mkdir -p $(@D)
	$(XW_FW_CC) $(XW_FW_CFLAGS) -Imonitor/include -DXW_TOS_OPTEE -MMD -MP -c $< -o $@
$(B)/fw/obj-optee/%.o: %.S
	@mkdir -p $(@D)
	$(XW_FW_CC) $(XW_FW_CFLAGS) -Imonitor/include -DXW_TOS_OPTEE -MMD -MP -c $< -o $@
$(B)/fw/xw-mon-optee.elf: $(XW_MON_OPTEE_OBJS) monitor/arch/aarch64/mon.ld
	@mkdir -p $(@D)
	$(XW_FW_CC) $(XW_FW_LDFLAGS) -Wl,--defsym=XW_MON_RAM=0x100000 \
		-T monitor/arch/aarch64/mon.ld -o $@ $(XW_MON_OPTEE_OBJS)
XW_DEPFILES += $(XW_MON_OPTEE_OBJS:.o=.d)

# Host unit tests of the portable monitor parts.
$(call xw_unit_test,test_smccc,tests/unit/test_smccc.c monitor/core/smccc.c)
$(call xw_unit_test,test_trap,tests/unit/test_trap.c monitor/core/trap.c)
$(call xw_unit_test,test_regime,tests/unit/test_regime.c monitor/core/regime.c)
$(call xw_unit_test,test_psci,tests/unit/test_psci.c monitor/core/psci.c $(XW_PLAT_HOST_SRCS))
$(call xw_unit_test,test_dispatch_mon,tests/unit/test_dispatch_mon.c $(XW_MON_CORE_SRCS) \
	$(XW_PLAT_HOST_SRCS))
# The trusted-OS descriptions, one test binary per protocol (same test source).
$(call xw_unit_test,test_tos_xw,tests/unit/test_tos.c monitor/core/tos.c monitor/core/tos_xw.c)
$(call xw_unit_test,test_tos_optee,tests/unit/test_tos.c monitor/core/tos.c monitor/core/tos_optee.c)
$(B)/%/tests/unit/test_tos.o $(B)/%/monitor/core/tos_xw.o $(B)/%/monitor/core/tos_optee.o: \
	HOST_CFLAGS += -Ifw/include -I$(XW_PLAT_DIR)
