#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Installs the Debian packages named on the command line that are not installed yet.
# Idempotent and silent when there is nothing to do; needs root (or sudo) otherwise.
set -euo pipefail

missing=()
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/xw-apt.log 2>&1; then
	$sudo apt-get update -q >/tmp/xw-apt-update.log 2>&1 || { cat /tmp/xw-apt-update.log >&2; exit 1; }
	$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/xw-apt.log 2>&1 \
		|| { tail -30 /tmp/xw-apt.log >&2; echo "install-deps: apt-get install failed" >&2; exit 1; }
fi
