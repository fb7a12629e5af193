# SPDX-License-Identifier: BSD-2-Clause
# tahello: the example TA's client (ta/hello/), built like teeclient against
# Debian's arm64 libteec and its headers from build/debian.
XW_TAHELLO := $(B)/user/tahello
$(XW_TAHELLO): user/tahello/tahello.c ta/hello/include/hello_ta.h $(B)/debian/stamp
	@mkdir -p $(@D)
	$(CROSS)gcc -std=gnu11 -O2 $(XW_WARN) -I$(B)/debian/root/usr/include user/tahello/tahello.c \
		-o $@ -L$(B)/debian/root/usr/lib/aarch64-linux-gnu \
		-Wl,-rpath-link,$(B)/debian/root/usr/lib/aarch64-linux-gnu -lteec
XW_ALL += $(XW_TAHELLO)
XW_INITRAMFS_FILES += $(XW_TAHELLO)=/usr/bin/tahello
