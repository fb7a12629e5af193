# SPDX-License-Identifier: BSD-2-Clause
# The hosted port: both worlds as Linux processes over a shared memfd, eventfd doorbells.

# (lib/module.mk is included after this file, hence the literal library sources below.)
XW_HOST_SRCS := host/xw_host.c
XW_HOST_SRCS += host/xw_launch.c

$(call xw_host_prog,host,$(B)/host/xw-demo,host/demo.c $(XW_HOST_SRCS) lib/chan.c lib/chan_region.c,)
XW_ALL += $(B)/host/xw-demo
XW_DEMOS += demo-hosted
DEMO_FILE ?= $(B)/host/demo-input.bin
$(call xw_help,demo-hosted,send a file (DEMO_FILE=...; default 24 MiB random) through the hosted secure echo service)
.PHONY: demo-hosted
$(B)/host/demo-input.bin:
	@mkdir -p $(@D)
	head -c 25165837 /dev/urandom > $@
demo-hosted: $(B)/host/xw-demo $(DEMO_FILE)
	timeout 300 $(B)/host/xw-demo $(DEMO_FILE)
