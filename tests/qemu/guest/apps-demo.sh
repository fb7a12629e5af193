#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's application step (docs/apps.md): the secure applications at S-EL0,
# and the example app "mac" holding a key Linux cannot read: Linux asks it to
# sign, the tag verifies, a forged one does not, its counter only goes up.
set -e
xwctl apps | sed 's/^/demo: /'
t=$(xwmac sign "hello from Linux")
echo "demo: xwmac sign \"hello from Linux\" -> $t (the key stays in the secure world)"
echo "demo: xwmac verify $t \"hello from Linux\" -> $(xwmac verify "$t" "hello from Linux")"
if xwmac verify "$t" "hello from Mallory" >/dev/null; then
	echo "demo: a forged message verified"; exit 1
fi
echo "demo: xwmac verify $t \"hello from Mallory\" -> bad"
echo "demo: xwmac count -> $(xwmac count); again -> $(xwmac count)"
