# SPDX-License-Identifier: BSD-2-Clause
# Secure applications at S-EL0 (docs/apps.md): every apps/<name>/ with a
# manifest is built into a flat EL0 image ($(B)/apps/<name>.bin) from its own
# sources, the runtime (apps/rt/) and the channel library (lib/), and embedded
# in the secure kernel by the generated table ($(B)/fw/gen/apps_*).

XW_APPS := $(sort $(patsubst apps/%/manifest,%,$(wildcard apps/*/manifest)))
XW_APP_CFLAGS = -std=c11 -O2 -g $(XW_WARN) -ffreestanding -fno-builtin-printf -nostdinc \
	-isystem $(XW_CROSS_INC) -mgeneral-regs-only -mstrict-align \
	-mno-outline-atomics -march=armv8-a -fno-pie -fno-pic -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-common -Iinclude -Ilib/include -Iapps/rt/include
XW_APP_RT_SRCS := apps/rt/crt0.S apps/rt/sys.c apps/rt/string.c apps/rt/serve.c apps/rt/answer.c lib/chan.c \
	lib/chan_region.c
XW_APP_RT_OBJS := $(patsubst %,$(B)/apps/obj/%.o,$(basename $(XW_APP_RT_SRCS)))

$(B)/apps/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CROSS)gcc $(XW_APP_CFLAGS) -MMD -MP -c $< -o $@
$(B)/apps/obj/%.o: %.S
	@mkdir -p $(@D)
	$(CROSS)gcc $(XW_APP_CFLAGS) -MMD -MP -c $< -o $@

# lib/ sources an application links besides the runtime's (one copy with the kernel's).
XW_APP_LIBS_echo := lib/echo.c
XW_APP_LIBS_checksum := lib/checksum.c

define xw_app_tmpl
XW_APP_OBJS_$(1) := $$(patsubst %.c,$(B)/apps/obj/%.o,$$(wildcard apps/$(1)/*.c) $$(XW_APP_LIBS_$(1)))
$(B)/apps/$(1).elf: $$(XW_APP_OBJS_$(1)) $(XW_APP_RT_OBJS) apps/rt/app.ld
	$(CROSS)gcc -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		-T apps/rt/app.ld -o $$@ $$(filter %.o,$$^) -lgcc
$(B)/apps/$(1).bin: $(B)/apps/$(1).elf
	$(CROSS)objcopy -O binary $$< $$@
XW_DEPFILES += $$(XW_APP_OBJS_$(1):.o=.d)
endef
$(foreach a,$(XW_APPS),$(eval $(call xw_app_tmpl,$(a))))

# apps/mac's key: 16 random bytes per build tree, compiled into its rodata only.
$(B)/apps/gen/mac_key.h:
	@mkdir -p $(@D)
	@{ echo "/* Generated: the mac app's key (random per build tree). */"; \
	  echo "static const uint8_t xw_mac_key[16] = {"; \
	  od -An -tx1 -N16 /dev/urandom | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1, /g'; \
	  echo "};"; } >$@
$(B)/apps/obj/apps/mac/mac.o: $(B)/apps/gen/mac_key.h
$(B)/apps/obj/apps/mac/%.o: XW_APP_CFLAGS += -I$(B)/apps/gen
XW_DEPFILES += $(XW_APP_RT_OBJS:.o=.d)

# The table the secure kernel links (secure/module.mk): regenerated when a manifest changes.
XW_APP_GEN := $(B)/fw/gen/apps_gen.c $(B)/fw/gen/apps_gen.h $(B)/fw/gen/apps_img.S
# apps_list changes with the set of applications (one removed: no newer prerequisite).
$(shell mkdir -p $(B)/fw/gen && { [ "$$(cat $(B)/fw/gen/apps_list 2>/dev/null)" = "$(XW_APPS)" ] || \
	echo "$(XW_APPS)" >$(B)/fw/gen/apps_list; })
$(B)/fw/gen/apps_gen.c: scripts/gen-apps.sh $(wildcard apps/*/manifest) $(B)/fw/gen/apps_list \
		$(patsubst %,$(B)/apps/%.bin,$(XW_APPS))
	scripts/gen-apps.sh $(B)/fw/gen $(B)/apps $(XW_APPS)
	@touch $@
$(B)/fw/gen/apps_gen.h $(B)/fw/gen/apps_img.S: $(B)/fw/gen/apps_gen.c ;
# Generated sources for the secure kernel's link (paths as xw_fw_link wants them).
XW_APP_SK_SRCS := $(B)/fw/gen/apps_gen.c $(B)/fw/gen/apps_img.S
$(B)/fw/obj/$(B)/fw/gen/apps_gen.o: XW_FW_CFLAGS += -I. -Isecure/include -Ilib/include
$(B)/fw/obj/$(B)/fw/gen/apps_img.o: $(patsubst %,$(B)/apps/%.bin,$(XW_APPS))
# apps_gen.c is touched whenever the generator runs: the other two follow it.
$(B)/fw/obj/secure/services/registry.o: $(B)/fw/gen/apps_gen.c
$(B)/fw/obj/$(B)/fw/gen/apps_img.o: $(B)/fw/gen/apps_gen.c
XW_DEPS += gcc-aarch64-linux-gnu

# QEMU: the applications' guest test (tests/qemu/guest/apps.sh) on 1 and 4 CPUs.
XW_TESTS += test-apps
.PHONY: test-apps
test-apps: $(B)/qemu/initramfs.cpio $(B)/debian/Image firmware
	@f=0; for n in 1 4; do \
		scripts/qemu-run.sh --smp $$n --no-reboot --timeout 600 --test boot,apps apps-smp$$n || f=1; \
	done; exit $$f
$(call xw_help,test-apps,QEMU smp 1/4: echo sink source (against their S-EL1 twins) and checksum as S-EL0 apps; the faulty app killed 111 ways (EPIPE, restart, echo keeps serving); nothing leaks and the other apps still pass)

# XW_APPS_IN_KERNEL=1 (echo and sink served from S-EL1, secure/services/registry.c):
# a file that changes with the setting, so the registry is rebuilt when it does.
XW_APPS_MODE := $(if $(filter 1,$(XW_APPS_IN_KERNEL)),kernel,apps)
$(shell mkdir -p $(B)/fw/gen && { [ "$$(cat $(B)/fw/gen/apps_mode 2>/dev/null)" = $(XW_APPS_MODE) ] || \
	echo $(XW_APPS_MODE) >$(B)/fw/gen/apps_mode; })
$(B)/fw/obj/secure/services/registry.o: $(B)/fw/gen/apps_mode
