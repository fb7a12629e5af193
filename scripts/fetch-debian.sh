#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# fetch-debian.sh [outdir]: downloads Debian's arm64 normal-world packages (kernel,
# headers, busybox, ...) and unpacks them under outdir (default build/debian).
# Nothing is installed as an arm64 package: `apt-get install` of an :arm64 headers
# package would pull a native arm64 compiler and break dpkg. Only the native (amd64)
# linux-kbuild-6.1 is installed, because the headers need its host tools.
#
# Products:
#   outdir/Image          the uncompressed arm64 kernel (QEMU's loader places it raw)
#   outdir/root/          every package unpacked into one tree (modules, busybox, ...)
#   outdir/kdir           -> the unpacked linux-headers-<kver>-arm64 (KDIR for Kbuild)
#   outdir/kver           the kernel release, e.g. 6.1.0-56-arm64
#   outdir/stamp          "<kver> <package list>": present and equal means nothing to do
#
# The kernel version is resolved at fetch time from linux-image-arm64:arm64, never pinned.
set -euo pipefail

OUT=${1:-build/debian}

# Packages to fetch. @ABI@ is replaced by the resolved kernel ABI (e.g. 6.1.0-56).
# Arch-specific packages are fetched as :arm64; arch-independent ones as they are.
PACKAGES=(
	"linux-image-@ABI@-arm64-unsigned:arm64"
	"linux-headers-@ABI@-arm64:arm64"
	"linux-headers-@ABI@-common"
	"busybox-static:arm64"
	# OP-TEE client side (docs/optee.md): the GlobalPlatform client library, the
	# supplicant, the C library they run on, and the client API headers.
	"libteec1:arm64"
	"tee-supplicant:arm64"
	"libc6:arm64"
	"optee-client-dev:arm64"
	# e2fsck for the block device's power-off test (busybox has no ext2 fsck),
	# with the libraries it links.
	"e2fsprogs:arm64"
	"libext2fs2:arm64"
	"libcom-err2:arm64"
	"libblkid1:arm64"
	"libuuid1:arm64"
)

log() { echo "fetch-debian: $*"; }
die() { echo "fetch-debian: error: $*" >&2; exit 1; }

sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || die "need root or sudo (dpkg --add-architecture, apt-get)"
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive

# Resolving needs dpkg to know arm64 and fresh arm64 package lists.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	log "adding the arm64 architecture to dpkg (download only, nothing is installed)"
	$sudo dpkg --add-architecture arm64
	$sudo apt-get update -q >/dev/null
fi
resolve() {
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\([0-9][^:]*\)-arm64\(:arm64\)\?$/\1/p' | head -n1
}
ABI=$(resolve)
if [ -z "$ABI" ]; then
	log "refreshing package lists"
	$sudo apt-get update -q >/dev/null
	ABI=$(resolve)
fi
[ -n "$ABI" ] || die "cannot resolve the kernel version from linux-image-arm64:arm64"
KVER=$ABI-arm64
pkgs=("${PACKAGES[@]//@ABI@/$ABI}")
# Bump the layout number when the unpacking or fixing-up below changes.
want="$KVER layout2 ${pkgs[*]}"

if [ -f "$OUT/stamp" ] && [ "$(cat "$OUT/stamp")" = "$want" ] && [ -f "$OUT/Image" ] &&
	[ -e "$OUT/kdir/scripts/Makefile.build" ]; then
	log "up to date: $KVER"
	exit 0
fi
# About to download: fresh lists, so that the version resolved is still on the mirror.
log "refreshing package lists"
$sudo apt-get update -q >/dev/null || die "apt-get update failed"
ABI=$(resolve)
[ -n "$ABI" ] || die "cannot resolve the kernel version from linux-image-arm64:arm64"
KVER=$ABI-arm64
pkgs=("${PACKAGES[@]//@ABI@/$ABI}")
want="$KVER layout2 ${pkgs[*]}"
log "kernel $KVER; packages: ${pkgs[*]}"

# The headers' host tools come from the native linux-kbuild-6.1 of the same version.
kbuild_pkg=linux-kbuild-$(echo "$ABI" | cut -d. -f1-2)
hdr_ver=$(apt-cache show "linux-headers-$KVER:arm64" | sed -n 's/^Version: //p' | head -n1)
have_ver=$(dpkg-query -W -f='${Version}' "$kbuild_pkg" 2>/dev/null || true)
if [ "$have_ver" != "$hdr_ver" ]; then
	log "installing native $kbuild_pkg $hdr_ver (host tools for the headers; have '${have_ver:-none}')"
	$sudo apt-get install -y -q --no-install-recommends "$kbuild_pkg=$hdr_ver" >/tmp/xw-kbuild.log 2>&1 ||
		{ tail -20 /tmp/xw-kbuild.log >&2; die "apt-get install $kbuild_pkg failed"; }
fi
KBUILD_DIR=/usr/lib/$kbuild_pkg
[ -d "$KBUILD_DIR/scripts" ] || die "$KBUILD_DIR/scripts missing after installing $kbuild_pkg"

mkdir -p "$OUT/debs"
debs="$(realpath "$OUT/debs")"
for p in "${pkgs[@]}"; do
	name=${p%:*}
	if ls "$debs/${name}_"*.deb >/dev/null 2>&1; then
		log "cached   $name"
		continue
	fi
	log "download $p"
	# apt's _apt user cannot write into our tree: download in a private temp dir.
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	(cd "$tmp" && apt-get download -q "$p" >/dev/null 2>"$tmp/err") ||
		{ cat "$tmp/err" >&2; rm -rf "$tmp"; die "apt-get download $p failed"; }
	mv "$tmp"/*.deb "$debs/"
	rm -rf "$tmp"
done
# Drop debs of other kernel versions so the unpacked tree has one kernel.
for f in "$debs"/linux-*.deb; do
	case "$(basename "$f")" in *"$ABI"*) ;; *) log "removing stale $(basename "$f")"; rm -f "$f" ;; esac
done

log "unpacking into $OUT/root"
rm -rf "$OUT/root.new"
mkdir -p "$OUT/root.new"
for f in "$debs"/*.deb; do
	dpkg-deb -x "$f" "$OUT/root.new"
done
rm -rf "$OUT/root"
mv "$OUT/root.new" "$OUT/root"

# Point the unpacked headers at the unpacked common headers and the native kbuild.
hdr=$OUT/root/usr/src/linux-headers-$KVER
common=$(realpath "$OUT/root/usr/src/linux-headers-$ABI-common")
[ -f "$hdr/Makefile" ] || die "no $hdr/Makefile in linux-headers-$KVER"
[ -d "$common" ] || die "no unpacked linux-headers-$ABI-common"
sed -i "s|^include /usr/src/linux-headers-$ABI-common/Makefile|include $common/Makefile|" "$hdr/Makefile"
grep -q "^include $common/Makefile" "$hdr/Makefile" || die "unexpected $hdr/Makefile: $(cat "$hdr/Makefile")"
# Both header trees link scripts/ and tools/ relatively into /usr/lib/linux-kbuild-*.
for d in "$hdr" "$common"; do
	for l in scripts tools; do
		ln -sfn "$KBUILD_DIR/$l" "$d/$l"
	done
done
ln -sfn "root/usr/src/linux-headers-$KVER" "$OUT/kdir"

log "decompressing vmlinuz-$KVER -> $OUT/Image"
vmlinuz=$OUT/root/boot/vmlinuz-$KVER
[ -f "$vmlinuz" ] || die "no $vmlinuz"
if gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" >"$OUT/Image.tmp"
else
	cp "$vmlinuz" "$OUT/Image.tmp"
fi
# An arm64 Image carries the magic "ARM\x64" at offset 56.
[ "$(dd if="$OUT/Image.tmp" bs=1 skip=56 count=4 2>/dev/null)" = $'ARM\x64' ] ||
	die "$vmlinuz is not an arm64 Image"
mv "$OUT/Image.tmp" "$OUT/Image"
echo "$KVER" >"$OUT/kver"
echo "$want" >"$OUT/stamp"
log "done: $KVER, Image $(stat -c %s "$OUT/Image") bytes"
