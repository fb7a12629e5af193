#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The /dev/xworld benchmark (bench-xworld; not a test: it fails only if a reply
# came back wrong or a call failed).
exec xwbench
