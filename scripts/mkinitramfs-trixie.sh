#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# mkinitramfs-trixie.sh <base.cpio> <trixie-root> <out.cpio>
#   The initramfs for OP-TEE's own test suite (docs/tos.md): the test initramfs as
#   it is, followed by a second newc archive holding a trixie root at /trixie -
#   xtest with its trusted applications, tee-supplicant 4.5 with its plugin, and
#   trixie's loader and libraries they link (bookworm's libc is too old for them).
#   The kernel unpacks concatenated archives in turn; guest tests chroot into
#   /trixie (tests/qemu/guest/optee-xtest.sh). Only what those two programs load is
#   copied, so the image stays small.
set -euo pipefail

die() { echo "mkinitramfs-trixie: error: $*" >&2; exit 1; }
[ $# -eq 3 ] || die "usage: mkinitramfs-trixie.sh <base.cpio> <trixie-root> <out.cpio>"
base=$1 root=$2 out=$3
[ -f "$base" ] || die "no $base"
[ -x "$root/usr/bin/xtest" ] || die "no xtest in $root (make fetch-trixie)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
t=$stage/trixie
mkdir -p "$t"/usr/{bin,sbin,lib/aarch64-linux-gnu} "$t"/{dev,proc,sys,tmp,var/lib/optee-client/data/tee}
for d in bin sbin lib; do ln -s "usr/$d" "$t/$d"; done
cp -a "$root/usr/bin/xtest" "$t/usr/bin/"
cp -a "$root/usr/sbin/tee-supplicant" "$t/usr/sbin/"
cp -a "$root/usr/lib/optee_armtz" "$root/usr/lib/tee-supplicant" "$t/usr/lib/"
cp -a "$root/usr/lib/ld-linux-aarch64.so.1" "$t/usr/lib/"
lib=$root/usr/lib/aarch64-linux-gnu
for l in ld-linux-aarch64.so.1 libc.so.6 libm.so.6 'libteec.so.2*' 'libckteec.so.0*' \
	libcrypto.so.3 libssl.so.3 'libz.so.1*' 'libzstd.so.1*'; do
	# shellcheck disable=SC2086 # the patterns are globs on purpose
	n=$(cd "$lib" && ls -d $l 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || die "trixie root has no $l"
	(cd "$lib" && cp -a $l "$t/usr/lib/aarch64-linux-gnu/")
done

mkdir -p "$(dirname "$out")"
cp "$base" "$out.tmp"
(cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) >>"$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs-trixie: $out ($(stat -c %s "$out") bytes)"
