#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# fetch-trixie.sh [outdir]: downloads Debian trixie's arm64 OP-TEE packages (the
# trusted OS image, xtest with its trusted applications, the client userland they
# run on) and unpacks them under outdir (default build/trixie). docs/tos.md.
#
# The host is Debian 12: trixie is reached through a private apt configuration
# under outdir/apt (its own sources.list, lists, cache and an empty dpkg status),
# so the host's package sources and state are never read or changed. Nothing is
# installed: the .debs are only unpacked.
#
# Products:
#   outdir/root/          every package unpacked into one usr-merged tree
#   outdir/root/usr/lib/optee-os-dev/vexpress-qemu_armv8a/
#                         the TA dev kit (docs/optee.md "Writing a TA")
#   outdir/optee/         Debian's OP-TEE OS for QEMU Armv8-A, as shipped:
#                         tee-header_v2.bin, tee-pager_v2.bin
#   outdir/stamp          "<versions>": present and equal means nothing to do
set -euo pipefail

OUT=${1:-build/trixie}
SUITE=trixie
MIRROR=${XW_TRIXIE_MIRROR:-http://deb.debian.org/debian}
PACKAGES=(
	optee-os          # the trusted OS (vexpress-qemu_armv8a build)
	optee-test-qemu   # xtest and its trusted applications
	optee-os-dev      # the TA dev kit: libutee, libmbedtls, signing script and key
	tee-supplicant
	libteec2
	libckteec0t64
	libssl3t64        # libcrypto for xtest
	zlib1g libzstd1   # libcrypto's own libraries
	libc6             # trixie's loader and C library for all of the above
)

log() { echo "fetch-trixie: $*"; }
die() { echo "fetch-trixie: error: $*" >&2; exit 1; }

keys=
for k in /usr/share/keyrings/debian-archive-trixie-stable.gpg \
	/usr/share/keyrings/debian-archive-trixie-automatic.gpg \
	/usr/share/keyrings/debian-archive-bookworm-automatic.gpg; do
	[ -f "$k" ] && keys+=${keys:+,}$k
done
[ -n "$keys" ] || die "no trixie archive key in /usr/share/keyrings (package debian-archive-keyring)"

mkdir -p "$OUT"
OUT=$(realpath "$OUT")
A=$OUT/apt
mkdir -p "$A"/{etc/apt.conf.d,etc/preferences.d,lists/partial,cache/archives/partial}
echo "deb [arch=arm64 signed-by=$keys] $MIRROR $SUITE main" >"$A/etc/sources.list"
: >"$A/status"
# Every path apt reads or writes is private; arm64 is the only architecture; apt
# runs as the caller (root here) so that it may write under our tree.
APT=(-o "Dir::Etc::sourcelist=$A/etc/sources.list" -o "Dir::Etc::sourceparts=-"
	-o "Dir::Etc::parts=$A/etc/apt.conf.d" -o "Dir::Etc::preferencesparts=$A/etc/preferences.d"
	-o "Dir::Etc::preferences=$A/etc/preferences"
	-o "Dir::State=$A" -o "Dir::State::lists=$A/lists" -o "Dir::State::status=$A/status"
	-o "Dir::Cache=$A/cache" -o "APT::Architecture=arm64" -o "APT::Architectures::=arm64"
	-o "APT::Sandbox::User=$(id -un)" -o "Debug::NoLocking=1")

version() { apt-cache "${APT[@]}" policy "$1" 2>/dev/null | sed -n 's/^  Candidate: //p'; }
want() {
	local p v s=layout1
	for p in "${PACKAGES[@]}"; do
		v=$(version "$p")
		[ -n "$v" ] && [ "$v" != "(none)" ] || return 1
		s+=" $p=$v"
	done
	echo "$s"
}

# A stamp from an earlier fetch and a tree that is still there: nothing to do and
# no network needed (XW_TRIXIE_REFRESH=1 fetches the suite's current versions).
if [ -z "${XW_TRIXIE_REFRESH:-}" ] && [ -f "$OUT/stamp" ] && [ -f "$OUT/optee/tee-pager_v2.bin" ] &&
	[ -x "$OUT/root/usr/bin/xtest" ] &&
	[ -f "$OUT/root/usr/lib/optee-os-dev/vexpress-qemu_armv8a/mk/ta_dev_kit.mk" ]; then
	log "up to date: $(cat "$OUT/stamp")"
	touch "$OUT/stamp" # newer than this script: make need not ask again
	exit 0
fi

log "refreshing the private $SUITE package lists ($A)"
apt-get "${APT[@]}" -q update >"$A/update.log" 2>&1 || { cat "$A/update.log" >&2; die "apt-get update ($SUITE) failed"; }
stamp=$(want) || die "a package is missing from $SUITE: $(for p in "${PACKAGES[@]}"; do [ -n "$(version "$p")" ] || echo -n "$p "; done)"
log "packages: ${stamp#layout1 }"

mkdir -p "$OUT/debs"
rm -f "$OUT"/debs/*.deb
(cd "$OUT/debs" && apt-get "${APT[@]}" -q download "${PACKAGES[@]}" >"$A/download.log" 2>&1) ||
	{ cat "$A/download.log" >&2; die "apt-get download failed"; }

log "unpacking into $OUT/root"
rm -rf "$OUT/root.new"
mkdir -p "$OUT/root.new/usr"
# usr-merged like trixie itself: the loader is looked up as /lib/ld-linux-aarch64.so.1.
for d in bin sbin lib; do
	mkdir -p "$OUT/root.new/usr/$d"
	ln -s "usr/$d" "$OUT/root.new/$d"
done
for f in "$OUT"/debs/*.deb; do
	dpkg-deb -x "$f" "$OUT/root.new"
done
rm -rf "$OUT/root"
mv "$OUT/root.new" "$OUT/root"

# The trusted OS as shipped: check the header's load address before anyone boots it.
src=$OUT/root/usr/lib/optee/vexpress-qemu_armv8a
for f in tee-header_v2.bin tee-pager_v2.bin; do
	[ -f "$src/$f" ] || die "optee-os has no vexpress-qemu_armv8a/$f"
done
# OP-TEE header v2: magic "OPTE", version 2, arch 1 (AArch64), flags, image
# count; then per image load address high and low words, id and size (LE u32).
u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
h=$src/tee-header_v2.bin
[ "$(head -c 4 "$h")" = OPTE ] || die "tee-header_v2.bin: bad magic"
load=$(printf '0x%x' $(( ($(u32 "$h" 12) << 32) | $(u32 "$h" 16) )))
size=$(u32 "$h" 24)
[ "$load" = 0xe100000 ] || die "OP-TEE loads at $load, the monitor expects 0xe100000 (docs/tos.md)"
[ "$size" -eq "$(stat -c %s "$src/tee-pager_v2.bin")" ] || die "header size $size != tee-pager_v2.bin"
[ ! -s "$src/tee-pageable_v2.bin" ] || die "a pageable part is not supported (docs/tos.md)"
rm -rf "$OUT/optee"
mkdir -p "$OUT/optee"
cp "$src/tee-header_v2.bin" "$src/tee-pager_v2.bin" "$OUT/optee/"
echo "$stamp" >"$OUT/stamp"
log "done: OP-TEE image $(stat -c %s "$OUT/optee/tee-pager_v2.bin") bytes"
