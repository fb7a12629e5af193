#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# mkinitramfs.sh <out.cpio> <busybox> <init> [<src>=<dst>]...
#   Packs a newc initramfs (uncompressed: the loader places it raw and the kernel
#   need not inflate it under emulation): busybox as /bin/busybox, init as /init,
#   and each <src> at <dst> (mode kept). Files named *.ko that are placed under
#   /lib/xw/ are listed, in argument order, in /etc/xw/modules for /init to load.
set -euo pipefail

die() { echo "mkinitramfs: error: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: mkinitramfs.sh <out.cpio> <busybox> <init> [<src>=<dst>]..."
out=$1 busybox=$2 init=$3
shift 3

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,dev,proc,sys,tmp,root,etc/xw,lib/xw,xw}
install -m 0755 "$busybox" "$stage/bin/busybox"
install -m 0755 "$init" "$stage/init"
: >"$stage/etc/xw/modules"
for pair in "$@"; do
	src=${pair%%=*} dst=${pair#*=}
	[ -f "$src" ] || die "missing $src"
	case $dst in /*) ;; *) die "destination must be absolute: $pair" ;; esac
	mkdir -p "$stage$(dirname "$dst")"
	cp "$src" "$stage$dst"
	case $dst in /lib/xw/*.ko) echo "$dst" >>"$stage/etc/xw/modules" ;; esac
done

mkdir -p "$(dirname "$out")"
# Owned by root whoever builds it; sorted names make the archive reproducible.
(cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
echo "mkinitramfs: $out ($(stat -c %s "$out") bytes, $# extra files)"
