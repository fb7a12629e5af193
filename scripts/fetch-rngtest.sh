#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# fetch-rngtest.sh [outdir]: downloads Debian's arm64 rng-tools-debian package (the
# Debian packaging of rng-tools: rngtest, the FIPS 140-2 tests) and unpacks it under
# outdir/root (default build/rng). Never installed; its only dependency is libc6,
# which the initramfs already carries for libteec. Kept apart from build/debian so
# the kernel's package set (and its stamp) stays as it is.
set -euo pipefail
OUT=${1:-build/rng}
PKG=rng-tools-debian:arm64
die() { echo "fetch-rngtest: error: $*" >&2; exit 1; }
[ -x "$OUT/root/usr/bin/rngtest" ] && { echo "fetch-rngtest: up to date"; exit 0; }
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
if ! apt-cache show "$PKG" >/dev/null 2>&1; then
	$sudo apt-get update -q >/dev/null || die "apt-get update failed"
fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q "$PKG" >/dev/null 2>"$tmp/err") ||
	{ cat "$tmp/err" >&2; die "apt-get download $PKG failed"; }
rm -rf "$OUT/root"
mkdir -p "$OUT/root"
dpkg-deb -x "$tmp"/*.deb "$OUT/root"
[ -x "$OUT/root/usr/bin/rngtest" ] || die "no usr/bin/rngtest in $PKG"
echo "fetch-rngtest: $(basename "$tmp"/*.deb) unpacked into $OUT/root"
