# SPDX-License-Identifier: BSD-2-Clause
# bench-guests: fairness between guests, VM_DESTROYED cost, registration per page (QEMU).
XW_BENCHES += bench-guests
.PHONY: bench-guests
bench-guests: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/guests/run.sh
$(call xw_help,bench-guests,QEMU smp 4: one guest's invokes and 64 B streaming while 3 guests flood vs alone; VM_DESTROYED of a guest with 1,000 objects; REGISTER_SHM per page at 4 KiB..1 GiB)
