# SPDX-License-Identifier: BSD-2-Clause
# teeclient: the GlobalPlatform client (user/teeclient/, one file per subcommand),
# cross-compiled against Debian's arm64 libteec and its headers (optee-client-dev),
# both unpacked by fetch-debian.sh; dynamically linked, so the initramfs gets
# Debian's libteec and loader beside it (secure/abi/optee/optee.mk).
XW_TEECLIENT_DEBROOT := $(B)/debian/root
XW_TEECLIENT_SRCS := $(wildcard user/teeclient/*.c)
XW_TEECLIENT := $(B)/user/teeclient
# _GNU_SOURCE: sched_setaffinity, sched_getcpu (pinned.c).
$(XW_TEECLIENT): $(XW_TEECLIENT_SRCS) user/teeclient/teeclient.h include/xw/optee_pta.h \
		user/common/xw_loopiter.h include/xw/smc.h linux/xwtest/xwtest_ioctl.h $(B)/debian/stamp
	@mkdir -p $(@D)
	$(CROSS)gcc -std=gnu11 -O2 $(XW_WARN) -D_GNU_SOURCE -Iinclude -Iuser/common \
		-I$(XW_TEECLIENT_DEBROOT)/usr/include $(XW_TEECLIENT_SRCS) -o $@ \
		-L$(XW_TEECLIENT_DEBROOT)/usr/lib/aarch64-linux-gnu \
		-Wl,-rpath-link,$(XW_TEECLIENT_DEBROOT)/usr/lib/aarch64-linux-gnu -lteec -lpthread
XW_ALL += $(XW_TEECLIENT)
XW_INITRAMFS_FILES += $(XW_TEECLIENT)=/usr/bin/teeclient
