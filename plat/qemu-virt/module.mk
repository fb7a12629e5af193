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
