#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# The SMC benchmark (not a test: it fails only if a call answers wrongly).
exec xwsmc bench 100000
