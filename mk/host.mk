# SPDX-License-Identifier: BSD-2-Clause
#
# Host builds of portable code, in three variants that share one set of rules:
#   $(B)/host/...  plain -O2 (tests, hosted port, benchmarks)
#   $(B)/asan/...  AddressSanitizer + UndefinedBehaviorSanitizer
#   $(B)/tsan/...  ThreadSanitizer
# An object for variant V of foo/bar.c is $(B)/V/foo/bar.o.

XW_VARIANTS := host asan tsan
XW_VFLAGS_host :=
XW_VFLAGS_asan := -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
XW_VFLAGS_tsan := -O1 -fsanitize=thread -fno-omit-frame-pointer

define xw_variant_rules
$(B)/$(1)/%.o: %.c
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(HOST_CFLAGS) $$(XW_VFLAGS_$(1)) -MMD -MP -c $$< -o $$@
endef
$(foreach v,$(XW_VARIANTS),$(eval $(call xw_variant_rules,$(v))))

# $(call xw_host_prog,variant,output-path,sources,extra-ldlibs)
# Links a host program of the given variant from the given .c sources.
define xw_host_prog_tmpl
$(2): $(patsubst %.c,$(B)/$(1)/%.o,$(3))
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(HOST_CFLAGS) $$(XW_VFLAGS_$(1)) $$^ -o $$@ $(4) $$(HOST_LDLIBS)
XW_DEPFILES += $(patsubst %.c,$(B)/$(1)/%.d,$(3))
endef
xw_host_prog = $(eval $(call xw_host_prog_tmpl,$(1),$(2),$(3),$(4)))

# $(call xw_unit_test,name,sources)
# A cmocka unit test, built in every variant as $(B)/<variant>/tests/unit/<name>.
# `make test-unit`, `test-asan` and `test-tsan` run the respective variant of all of them.
XW_UNIT_TESTS :=
define xw_unit_test_tmpl
XW_UNIT_TESTS += $(1)
$$(foreach v,$(XW_VARIANTS),$$(call xw_host_prog,$$(v),$(B)/$$(v)/tests/unit/$(1),$(2),-lcmocka))
endef
xw_unit_test = $(eval $(call xw_unit_test_tmpl,$(1),$(2)))
