#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# blk-powercut.sh [--cuts N] [--first LIST] [--then LIST] <disk image>
#   Power cuts under writes on the secure-served disk (docs/block.md). The image
#   holds blk-fs-make's ext4 file system. Each of N cycles boots QEMU with
#   xw.test=<first,>blk-crash-write: the guest first checks what the previous cut
#   left (mount replays the journal, e2fsck -fn clean, every file listed with its
#   checksum: XWHAVE lines), then writes files, printing "XWCUT <name> <sha256>" on
#   the console once a file and its directory are fsync'ed. The host waits for the
#   writer's start, waits a random 0.1..3.1 s and kills QEMU with SIGKILL: no sync,
#   no flush, requests in flight in the guest, the secure world and QEMU are lost.
#   Every XWCUT line that reached the console before the kill names a file that must
#   come back with that checksum, at the next boot and at every one after it. A last
#   boot runs blk-crash-check,<then> and checks everything once more.
#   XW_INITRD=<cpio> boots another initramfs. XW_CUT_SEED fixes the random offsets (it is printed, to replay a failing run).
# Prints PASS blk-powercut or FAIL blk-powercut: <why>; exits 1 on failure.
# Logs: build/qemu/blk-cut/ (the last cycle; a failing one is kept), blk-cut-check/, the expected
# files in build/qemu/blk-powercut.expected, each cut's offset and count in
# build/qemu/blk-powercut.log.
set -uo pipefail
B=${B:-build}
cuts=20 first= then=
while [ $# -gt 0 ]; do
	case $1 in
	--cuts) cuts=$2; shift 2 ;;
	--first) first=$2,; shift 2 ;;
	--then) then=,$2; shift 2 ;;
	*) break ;;
	esac
done
run_opts=()
[ -n "${XW_INITRD:-}" ] && run_opts=(--initrd "$XW_INITRD")
img=${1:?usage: blk-powercut.sh [--cuts N] [--first LIST] [--then LIST] <image>}
seed=${XW_CUT_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
exp=$B/qemu/blk-powercut.expected sum=$B/qemu/blk-powercut.log
: >"$exp"
echo "blk-powercut: $cuts cuts, seed $seed" | tee "$sum"
start=$(date +%s)
fail() { echo "FAIL blk-powercut: $*"; exit 1; }

# verify <console.log> <boot>: every expected file is listed with its checksum.
verify() {
	local have=$B/qemu/blk-powercut.have missing
	sed 's/\r$//' "$1" | sed -n -E 's/^(  blk-crash-check: )?XWHAVE ([^ ]+) ([0-9a-f]{64})$/\2 \3/p' | sort >"$have"
	missing=$(sort "$exp" | comm -23 - "$have")
	if [ -n "$missing" ]; then
		echo "$missing" | head -n 5 | while read -r f s; do
			echo "  fsync'ed before a cut: $f $s; after it: $(grep "^$f " "$have" | cut -d' ' -f2 || true)"
		done
		fail "$2: $(echo "$missing" | wc -l) of $(wc -l <"$exp") fsync'ed files missing or changed (first: $(echo "$missing" | head -n 1))"
	fi
}

total=0
for k in $(seq 1 "$cuts"); do
	dir=$B/qemu/blk-cut
	tests=blk-crash-write ms=none
	[ "$k" -eq 1 ] && tests=$first$tests
	# No stale log or pid of the last cycle may be read (qemu-run removes them too,
	# but only once it holds its lock).
	rm -f "$dir/console.log" "$dir/qemu.pid" "$dir/power-cut"
	scripts/qemu-run.sh "${run_opts[@]}" --smp 2 --no-reboot --power-cut --timeout 180 --disk "$img" \
		--append "xw.cut=$k" --test "$tests" blk-cut >"$B/qemu/blk-cut.out" 2>&1 &
	run=$!
	# The writer's start (the checks before it are done by then).
	until grep -q "^blk-crash-write: writing (cut $k)" "$dir/console.log" 2>/dev/null; do
		kill -0 $run 2>/dev/null || break
		sleep 0.05
	done
	if grep -q "^blk-crash-write: writing (cut $k)" "$dir/console.log" 2>/dev/null; then
		ms=$((100 + RANDOM % 3000))
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		pid=$(cat "$dir/qemu.pid" 2>/dev/null || true)
		case $(cat "/proc/$pid/comm" 2>/dev/null) in
		qemu-system-*) : >"$dir/power-cut"; kill -KILL "$pid" ;;
		*) echo "blk-powercut: cut $k: no QEMU process behind qemu.pid ($pid)" ;;
		esac
	fi
	wait $run
	rc=$?
	cat "$B/qemu/blk-cut.out"
	[ $rc -eq 0 ] || fail "cut $k: the boot failed (logs in $dir/)"
	[ "$k" -eq 1 ] || verify "$dir/console.log" "after cut $((k - 1))"
	new=$(sed 's/\r$//' "$dir/console.log" | grep -E "^XWCUT $k-[0-9]+ [0-9a-f]{64}$" | cut -d' ' -f2-)
	n=$(printf '%s' "$new" | grep -c . || true)
	[ -n "$new" ] && printf '%s\n' "$new" >>"$exp"
	total=$((total + n))
	echo "blk-powercut: cut $k at +${ms}ms into the writes: $n files fsync'ed before it, $total in all" | tee -a "$sum"
done
[ "$total" -ge "$cuts" ] || fail "only $total files were fsync'ed in $cuts cuts: the cuts came too early to test anything"

scripts/qemu-run.sh "${run_opts[@]}" --smp 2 --no-reboot --timeout 200 --disk "$img" \
	--test "blk-crash-check$then" blk-cut-check || fail "the check boot after the last cut failed"
verify "$B/qemu/blk-cut-check/console.log" "after cut $cuts"
echo "blk-powercut: $cuts cuts in $(($(date +%s) - start))s; e2fsck clean after each; all $total fsync'ed files intact" | tee -a "$sum"
echo "PASS blk-powercut"
