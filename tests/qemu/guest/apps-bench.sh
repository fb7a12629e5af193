#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The applications benchmark (bench-apps; not a test: it fails only if a reply
# came back wrong or a call failed).
set -e
xwappbench
