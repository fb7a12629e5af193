#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# UID, revision, arithmetic, counters and unknown-ID calls answer as specified.
exec xwsmc check
