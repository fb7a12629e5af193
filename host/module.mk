# SPDX-License-Identifier: BSD-2-Clause
# The hosted port: both worlds as Linux processes over a shared memfd, eventfd doorbells.

XW_HOST_SRCS := host/xw_host.c
XW_HOST_SRCS += host/xw_launch.c
