#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# qemu-logcheck.sh [--tests LIST] [--disk] [--allow FILE] <console.log> [<secure.log>]
#   Reads a boot's two serial logs (qemu-run.sh keeps them) and prints one line per
#   reason the boot must fail; prints nothing and exits 0 when both are clean.
#
#   Normal world (console.log): any kernel report that something went wrong, even
#   if the system went on: panic, Oops, BUG, WARNING, refcount_t, lockdep, hung task,
#   soft/hard lockup, RCU stall, a kernel stack trace. Only lines with the kernel's
#   timestamp ("[   12.345678] ") count, so a test's own output cannot match.
#   Secure world (secure.log): PANIC, an exception report (a syndrome "ESR 0x"),
#   "CHECK failed", an S-EL1/EL3 exception vector, FAIL/FAILED, an error, "bad ...",
#   "unexpected ...", an undefined instruction the monitor injected; with --disk, the
#   secure block driver's boot self-test must also have reported "ok".
#   With --optee the secure log is OP-TEE's (docs/tos.md): its debug lines name
#   errors and exceptions as they go, so only its error level (E/...), a panic or
#   assertion, and the monitor's own lines (M: ...) count.
#
#   Expected lines come from the allow-list (default tests/qemu/log-allow.txt):
#   "<test> <console|secure> <ERE>"; an entry counts only when <test> is in --tests
#   (the guest test that provokes the line on purpose), or is "@boot" (provoked by
#   every boot of the firmware: its memory-protection self-test).
set -uo pipefail
tests= disk=0 optee=0 allow=${XW_LOG_ALLOW:-tests/qemu/log-allow.txt}
while [ $# -gt 0 ]; do
	case $1 in
	--tests) tests=$2; shift 2 ;;
	--disk) disk=1; shift ;;
	--optee) optee=1; shift ;;
	--allow) allow=$2; shift 2 ;;
	*) break ;;
	esac
done
con=${1:?usage: qemu-logcheck.sh [--tests LIST] [--disk] [--allow FILE] console.log [secure.log]}
sec=${2:-}

# Kernel reports (after the printk timestamp, possibly with a subsystem prefix).
KERN_RE='\[ *[0-9]+\.[0-9]+\] .*(Kernel panic|Oops|Internal error|Unable to handle kernel|BUG:|kernel BUG at|WARNING:|refcount_t:|lockdep|possible (circular|recursive) locking|inconsistent lock state|DEBUG_LOCKS_WARN|blocked for more than|soft lockup|hard LOCKUP|rcu.*(detected stall|self-detected stall|detected expedited stalls)|INFO: rcu|Call trace:|UBSAN:|KASAN:|list_(add|del) corruption|scheduling while atomic|sleeping function called from invalid context)'
SEC_RE='PANIC|ESR 0x|CHECK failed|exception|FAIL|[Ee]rror|^[SM]: bad |unexpected|undefined instruction injected'
# OP-TEE's trace levels are E/ I/ D/ F/ (error, info, debug, flow): errors, panics
# ("Panic" at its error level) and failed assertions.
[ $optee -eq 1 ] && SEC_RE='^E/|Panic|[Aa]ssertion .* failed|^M: .*(PANIC|ESR 0x|exception|[Ee]rror|bad |unexpected|undefined instruction injected)'

# The active allow patterns for one log, one ERE per line.
allowed() {
	[ -f "$allow" ] || return 0
	sed -e 's/\r$//' -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$allow" |
	while read -r t where re; do
		[ "$where" = "$1" ] || continue
		case ",$tests,@boot," in *",$t,"*) printf '%s\n' "$re" ;; esac
	done
}

# check <log> <kind> <deny-ERE> <what>
check() {
	local log=$1 kind=$2 deny=$3 what=$4 pats bad n
	[ -f "$log" ] || return 0
	pats=$(allowed "$kind")
	bad=$(sed 's/\r$//' "$log" | grep -a -E -- "$deny" || true)
	if [ -n "$bad" ] && [ -n "$pats" ]; then
		bad=$(printf '%s\n' "$bad" | grep -a -v -E -f <(printf '%s\n' "$pats") || true)
	fi
	[ -n "$bad" ] || return 0
	n=$(printf '%s\n' "$bad" | wc -l)
	echo "$what: $n unexpected line(s), first: $(printf '%s\n' "$bad" | head -n 1 | cut -c1-200)"
	printf '%s\n' "$bad" | head -n 20 | sed "s/^/  $kind| /" >&2
}

check "$con" console "$KERN_RE" "normal-world kernel report"
if [ -n "$sec" ]; then
	check "$sec" secure "$SEC_RE" "secure-world error"
	if [ $disk -eq 1 ] && ! grep -a -q '^S: blk: virtio-blk .*: ok ' "$sec"; then
		echo "secure-world block self-test did not report ok"
	fi
fi
exit 0
