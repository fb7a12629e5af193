# SPDX-License-Identifier: BSD-2-Clause
# bench-blk: /dev/xwblk0 (secure virtio-blk served through xwblk.ko) against
# QEMU's own virtio-blk handed straight to Linux, in one boot, both on image
# files in $(B)/qemu/ (same host disk). docs/block.md, docs/benchmarks.md.
XW_BENCHES += bench-blk
.PHONY: bench-blk
bench-blk: $(XW_QEMU_NEEDS) firmware
	bench/blk/run.sh
$(call xw_help,bench-blk,QEMU: xwblk0 vs Linux's virtio-blk: seq 1 MiB read/write and random 4 KiB QD1/QD32 read/write ratios; world switches per request)
