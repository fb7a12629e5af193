# SPDX-License-Identifier: BSD-2-Clause
# QEMU virt firmware image: the monitor at flash offset 0, the secure kernel
# at XW_FLASH_SK_OFFSET (512 KiB). Plus the firmware smoke test (no Linux).

XW_DEPS += qemu-system-arm
XW_FW_BIOS := $(B)/fw/xw-bios.bin
XW_ALL += $(XW_FW_BIOS) $(B)/fw/xw-smoke.bin
$(call xw_help,firmware,build the EL3 monitor + S-EL1 kernel image $(B)/fw/xw-bios.bin)
$(call xw_help,test-fw,boot the firmware smoke payload under QEMU: cortex-a57 with -smp 1 2 4; -cpu max and EL2 (AArch32 caller) with -smp 2)

.PHONY: firmware test-fw
firmware: $(XW_FW_BIOS)

$(B)/fw/%.bin: $(B)/fw/%.elf
	$(XW_FW_OBJCOPY) -O binary $< $@

$(XW_FW_BIOS): $(B)/fw/xw-mon.bin $(B)/fw/xw-sk.bin
	@test $$(stat -c %s $(B)/fw/xw-mon.bin) -le 524288
	@test $$(stat -c %s $(B)/fw/xw-sk.bin) -le 1048576
	cp $(B)/fw/xw-mon.bin $@.tmp
	truncate -s 524288 $@.tmp
	cat $(B)/fw/xw-sk.bin >> $@.tmp
	mv $@.tmp $@

$(call xw_fw_link,$(B)/fw/xw-smoke.elf,tests/qemu/fw-smoke.ld,tests/qemu/fw-smoke-entry.S tests/qemu/fw-smoke.c)

XW_TESTS += test-fw
test-fw: $(XW_FW_BIOS) $(B)/fw/xw-smoke.bin
	@tests/qemu/fw-smoke.sh $(B) 1 2 4 max:2 el2:2

# TOS=optee (docs/tos.md): the monitor with the OP-TEE dispatcher and Debian's
# OP-TEE OS for QEMU Armv8-A (trixie, unmodified) at the same flash offset.
XW_FW_BIOS_OPTEE := $(B)/fw/xw-bios-optee.bin
# XW_OPTEE_OS_BIN=<file>: one's own OP-TEE build instead (docs/tos.md).
XW_OPTEE_OS_DEBIAN := $(B)/trixie/optee/tee-pager_v2.bin
XW_OPTEE_OS_BIN ?= $(XW_OPTEE_OS_DEBIAN)
$(XW_OPTEE_OS_DEBIAN): $(B)/trixie/stamp
	@test -f $@ && touch $@
$(XW_FW_BIOS_OPTEE): $(B)/fw/xw-mon-optee.bin $(XW_OPTEE_OS_BIN)
	@test $$(stat -c %s $(B)/fw/xw-mon-optee.bin) -le 524288
	@test $$(stat -c %s $(XW_OPTEE_OS_BIN)) -le 2097152 || \
		{ echo "$(XW_OPTEE_OS_BIN): over the 2 MiB the monitor copies (XW_OPTEE_MAX_IMAGE)"; exit 1; }
	cp $(B)/fw/xw-mon-optee.bin $@.tmp
	truncate -s 524288 $@.tmp
	cat $(XW_OPTEE_OS_BIN) >> $@.tmp
	mv $@.tmp $@
.PHONY: firmware-optee
firmware-optee: $(XW_FW_BIOS_OPTEE)
$(call xw_help,firmware-optee,build $(XW_FW_BIOS_OPTEE): the monitor with the OP-TEE dispatcher + Debian's OP-TEE OS (also: make TOS=optee))

# TOS picks the trusted OS of `make`, `make firmware` and `make run`: xw (the default,
# Crossworld's secure kernel) or optee.
TOS ?= xw
ifeq ($(TOS),optee)
firmware: $(XW_FW_BIOS_OPTEE)
XW_ALL += $(XW_FW_BIOS_OPTEE)
else ifneq ($(TOS),xw)
$(error TOS=$(TOS): the trusted OS is xw or optee)
endif
