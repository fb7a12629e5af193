#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# bench-blk: one boot, QEMU pinned to one host CPU, 2 guest CPUs; the guest test
# blk-bench runs each pattern on both disks and prints the BENCH lines.
set -euo pipefail
B=${B:-build}
secs=${XW_BLK_BENCH_SECS:-5}
img=$B/qemu/blk-bench-secure.img limg=$B/qemu/blk-bench-linux.img
rm -f "$img" "$limg"
# Both images preallocated the same way (not sparse), so neither disk pays for
# host block allocation the other does not; truncate where fallocate is refused.
for f in "$img" "$limg"; do
	fallocate -l 256M "$f" 2>/dev/null || truncate -s 256M "$f"
done
rc=0
scripts/qemu-run.sh --smp 2 --no-reboot --timeout 600 --taskset "${XW_BENCH_CPU:-0}" \
	--disk "$img" --linux-disk "$limg" --append "xw.blksecs=$secs" \
	--test blk-bench blk-bench >/dev/null 2>&1 || rc=$?
grep -a '^  blk-bench: ' "$B/qemu/blk-bench/console.log" | sed 's/^  blk-bench: //'
rm -f "$img" "$limg"
[ $rc -eq 0 ] || echo "bench-blk: the boot failed; logs in $B/qemu/blk-bench/"
exit $rc
