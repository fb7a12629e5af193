#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# qemu-demo.sh: boots Debian's Linux on the Crossworld firmware (QEMU, 2 CPUs),
# shows the SMC calls working from Linux user space (UID, revision, additions,
# per-CPU counters, world switches) and a libteec client talking to the secure
# kernel through Linux's stock OP-TEE driver, the project's example TA (ta/hello)
# loaded through tee-supplicant, verified and run at S-EL0 for its client tahello,
# sends a file through /dev/xworld to the secure echo service and back (cmp),
# formats and mounts a disk only the secure world drives (/dev/xwblk0: ext2, a file written, synced, read back), reads /dev/hwrng
# served by the secure world (SMCCC TRNG and the OP-TEE RNG service), asks the S-EL0
# application "mac" to sign and verify (docs/apps.md), powers off. Exits 0 only if every step did.
set -uo pipefail

B=${B:-build}
echo "demo-qemu: booting Linux $(cat "$B/debian/kver") on the Crossworld firmware (QEMU virt, secure=on, 2 CPUs)"
# The secure world's disk (blk-demo formats it): a fresh sparse image each run.
disk=$B/qemu/demo-disk.img
mkdir -p "$B/qemu" && rm -f "$disk" && truncate -s 64M "$disk"
scripts/qemu-run.sh --smp 2 --no-reboot --timeout 240 --disk "$disk" --test boot,demo,optee-demo,xworld-demo,apps-demo,blk-demo,rng-demo demo-qemu >"$B/qemu-demo.out" 2>&1
rc=$?
dir=$B/qemu/demo-qemu
echo "--- secure world log (serial 1):"
sed 's/^/  /' "$dir/secure.log" 2>/dev/null | head -n 12
grep -a '^S: rng: \|^S: app 6ecf611e' "$dir/secure.log" 2>/dev/null | sed 's/^/  /'
echo "--- normal world (serial 0):"
grep -a '^xw-init: \|xwtest: ' "$dir/console.log" | sed 's/^/  /'
sed -n -E 's/^  (demo|optee-demo|xworld-demo|apps-demo|blk-demo|rng-demo): (demo: )?/  /p' "$dir/console.log"
echo "---"
cat "$B/qemu-demo.out"
rm -f "$B/qemu-demo.out"
rm -f "$disk"
if [ $rc -eq 0 ]; then
	echo "demo-qemu: every step worked; QEMU powered off with status 0"
else
	echo "demo-qemu: FAILED (logs in $dir/)"
fi
exit $rc
