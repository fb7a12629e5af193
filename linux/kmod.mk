# SPDX-License-Identifier: BSD-2-Clause
# Out-of-tree Linux modules (Kbuild) against Debian's unpacked arm64 headers.
#
#   $(call xw_kmod,<name>,<srcdir>)
# builds $(B)/linux/<name>/<name>.ko from <srcdir> (a Kbuild file plus .c/.h) and
# adds it to XW_ALL; $(XW_KMOD_<name>) names the .ko. The sources are copied into
# the build directory first, because Kbuild writes its objects next to the sources.
# <srcdir>'s Kbuild may use $(XW_ROOT) (the tree's top) for -I$(XW_ROOT)/include.

XW_KDIR := $(B)/debian/kdir
XW_KCROSS ?= aarch64-linux-gnu-
XW_KMAKE = $(MAKE) --no-print-directory -C $(XW_KDIR) ARCH=arm64 CROSS_COMPILE=$(XW_KCROSS) \
	XW_ROOT=$(abspath .)

define xw_kmod_tmpl
XW_KMOD_$(1) := $(B)/linux/$(1)/$(1).ko
$(B)/linux/$(1)/$(1).ko: $(wildcard $(2)/Kbuild $(2)/*.c $(2)/*.h) $(B)/debian/stamp
	@mkdir -p $$(@D)
	cp $(wildcard $(2)/Kbuild $(2)/*.c $(2)/*.h) $$(@D)/
	$$(XW_KMAKE) M=$$(abspath $$(@D)) modules
XW_ALL += $(B)/linux/$(1)/$(1).ko
endef
xw_kmod = $(eval $(call xw_kmod_tmpl,$(1),$(2)))
