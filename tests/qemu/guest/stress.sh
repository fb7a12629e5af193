#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Fast calls from every CPU at once, every answer checked (xw.stress=N per CPU).
n=
for a in $(cat /proc/cmdline); do
	case $a in xw.stress=*) n=${a#xw.stress=} ;; esac
done
exec xwsmc stress "${n:-100000}"
