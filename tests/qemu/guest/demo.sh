#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The demo's tour of the calls; run-tests shows its output.
exec xwsmc demo
