# SPDX-License-Identifier: BSD-2-Clause
# Guests (docs/guests.md): xwhyp.ko plays the hypervisor on -smp 4.
XW_TESTS += test-guests
.PHONY: test-guests
test-guests: $(XW_QEMU_NEEDS) firmware
	scripts/qemu-run.sh --smp 4 --no-reboot --timeout 400 --test boot,guests guests-smp4
$(call xw_help,test-guests,QEMU smp 4: four guests through xwhyp.ko (OP-TEE + channels) - one destroyed 100 times mid-traffic; cross-guest names refused; counts back to start)
