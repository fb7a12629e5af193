# SPDX-License-Identifier: BSD-2-Clause
# bench-optee: libteec open/invoke/memref costs through the stock driver (QEMU).
XW_BENCHES += bench-optee
.PHONY: bench-optee
bench-optee: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	bench/optee/run.sh
$(call xw_help,bench-optee,QEMU: libteec open+close and invoke (none/4 KiB temp/1 MiB registered) in us and loop iterations; world switches per invoke)
