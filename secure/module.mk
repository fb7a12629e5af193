# SPDX-License-Identifier: BSD-2-Clause
# S-EL1 secure kernel (bare-metal AArch64); rules from monitor/module.mk.

XW_SK_CORE_SRCS := secure/core/calls.c secure/core/route.c secure/core/fault.c secure/core/guest.c
# The NS gate and window, with the board table it is checked against.
XW_NSMEM_SRCS := secure/core/nsmem.c $(XW_PLAT_NSMEM_SRCS)
# The services (secure/services/): channel services, the block backend's calls,
# and the registry that lists them for the core.
XW_SK_SVC_SRCS := secure/services/registry.c secure/services/echo.c secure/services/sink.c \
	secure/services/source.c secure/services/checksum.c secure/services/blk_calls.c
# Channel transport: secure services over channels in registered NS memory.
XW_SK_CHAN_SRCS := secure/core/chan_svc.c $(XW_NSMEM_SRCS) lib/chan.c lib/chan_region.c lib/echo.c \
	lib/checksum.c $(XW_SK_SVC_SRCS)
# Paravirtual block device (docs/block.md): checks, backend, virtio-blk driver.
XW_SK_BLK_SRCS := secure/services/blk_check.c secure/services/blk_backend.c \
	secure/services/blk_route.c secure/drivers/virtq.c secure/drivers/virtio_blk.c
XW_SK_CHAN_SRCS += $(XW_SK_BLK_SRCS)
# Entropy (docs/entropy.md): health tests, the pool, SMCCC TRNG; the virtio-rng source.
# The pool is linked wherever the OP-TEE front end is (its RNG service draws from it).
XW_SK_POOL_SRCS := secure/services/rng_health.c secure/services/rng_pool.c
XW_SK_RNG_SRCS := $(XW_SK_POOL_SRCS) secure/services/trng.c
XW_SK_HOST_ARCH := secure/arch/host/nsmap.c secure/arch/host/blk.c secure/arch/host/time.c
$(B)/fw/obj/secure/core/%.o $(B)/fw/obj/secure/services/%.o $(B)/fw/obj/lib/%.o: XW_FW_CFLAGS += -Ilib/include
# The secure kernel's arch contracts (secure/include/sk/arch/: one header per concern).
$(B)/fw/obj/secure/%.o: XW_FW_CFLAGS += -Isecure/include
# One section per function and object, so that sk.ld can pack what a fast call
# touches into as few pages as possible (docs/boot.md "World switch").
$(B)/fw/obj/secure/%.o: XW_FW_CFLAGS += -ffunction-sections -fdata-sections
# OP-TEE front end (portable) and its AArch64 thread glue; docs/optee.md.
XW_OPTEE_SRCS := secure/abi/optee/smc.c secure/abi/optee/thread.c secure/abi/optee/call.c \
	secure/abi/optee/msg.c secure/abi/optee/shm.c secure/abi/optee/pta.c \
	secure/abi/optee/pta_rng.c
# Applications at S-EL0 (docs/apps.md): the portable runtime, the personality,
# the page pool; the services that forward to apps; the AArch64 side.
# OP-TEE trusted applications at S-EL0 (secure/ta/ta.mk: XW_TA_SK_SRCS).
include secure/ta/ta.mk
XW_SK_APP_SRCS := secure/core/app.c secure/core/app_sys.c secure/core/pages.c
XW_SK_SRCS := secure/arch/aarch64/start.S secure/arch/aarch64/main.c \
	$(XW_SK_APP_SRCS) secure/services/app_svc.c secure/services/app_calls.c \
	secure/arch/aarch64/app_mmu.c secure/arch/aarch64/app_arch.c secure/arch/aarch64/app_entry.S \
	secure/arch/aarch64/app_fp.S $(XW_TA_SK_SRCS) \
	$(XW_APP_SK_SRCS) \
	secure/arch/aarch64/ctxsw.S secure/arch/aarch64/optee_arch.c \
	secure/arch/aarch64/memprot.c secure/arch/aarch64/probe.S $(XW_OPTEE_SRCS) \
	secure/arch/aarch64/mmu.c secure/arch/aarch64/nsmap.c secure/arch/aarch64/timer.c secure/arch/aarch64/time.c \
	secure/arch/aarch64/notify.c secure/arch/aarch64/blk_arch.c secure/arch/aarch64/rng_arch.c \
	secure/drivers/virtio_rng.c $(XW_SK_RNG_SRCS) $(XW_SK_CHAN_SRCS) $(XW_SK_CORE_SRCS) $(XW_FW_COMMON_SRCS)
# The firmware's registry serves echo and sink from apps (XW_APPS_IN_KERNEL=1: from S-EL1).
$(B)/fw/obj/secure/services/registry.o: XW_FW_CFLAGS += -DXW_SK_APPS -I$(B)/fw/gen \
	$(if $(filter 1,$(XW_APPS_IN_KERNEL)),-DXW_APPS_IN_KERNEL)
$(call xw_fw_link,$(B)/fw/xw-sk.elf,secure/arch/aarch64/sk.ld,$(XW_SK_SRCS))

$(call xw_unit_test,test_dispatch_sk,tests/unit/test_dispatch_sk.c $(XW_SK_CORE_SRCS) \
	$(XW_SK_CHAN_SRCS) $(XW_SK_HOST_ARCH))
$(call xw_unit_test,test_fault,tests/unit/test_fault.c secure/core/fault.c)
$(call xw_unit_test,test_nsmem,tests/unit/test_nsmem.c $(XW_NSMEM_SRCS))
$(call xw_unit_test,test_chan_svc,tests/unit/test_chan_svc.c $(XW_SK_CORE_SRCS) $(XW_SK_CHAN_SRCS) \
	$(XW_SK_HOST_ARCH))
include secure/abi/optee/optee.mk
# After optee.mk: optee-rng.ko loads after tee.ko and optee.ko.
include secure/services/rng.mk
# Every front end against every reserved range of the board (the NS gate).
$(call xw_unit_test,test_ns_gate,tests/unit/test_ns_gate.c $(XW_SK_CORE_SRCS) $(XW_SK_CHAN_SRCS) \
	$(XW_SK_HOST_ARCH) $(XW_OPTEE_SRCS) $(XW_SK_POOL_SRCS) secure/arch/host/optee_arch.c tests/unit/optee_nw.c \
	secure/core/pages.c secure/arch/host/app.c)
$(call xw_unit_test,test_blk_check,tests/unit/test_blk_check.c secure/services/blk_check.c \
	$(XW_NSMEM_SRCS))
# The block path hosted: virtqueue alone; backend + virtio-blk driver against a device model.
$(call xw_unit_test,test_virtq,tests/unit/test_virtq.c secure/drivers/virtq.c)
$(call xw_unit_test,test_blk_route,tests/unit/test_blk_route.c secure/services/blk_route.c)
$(call xw_unit_test,test_blk_backend,tests/unit/test_blk_backend.c tests/unit/vblk_model.c \
	$(XW_SK_BLK_SRCS) $(XW_NSMEM_SRCS) $(XW_SK_HOST_ARCH))
include secure/services/blk.mk
# Signed TA images and the crypto under them (adds itself to the kernel's link).
include secure/ta/verify.mk
# TAs end to end hosted: the front end, a fake supplicant, the verifier, the
# loader and the runtime.
$(call xw_unit_test,test_ta_load,tests/unit/test_ta_load.c $(XW_OPTEE_HOST_SRCS) $(XW_TA_SK_SRCS) \
	$(XW_TA_VERIFY_SRCS) $(XW_SK_APP_SRCS) secure/arch/host/app.c lib/chan.c lib/chan_region.c)
$(foreach v,$(XW_VARIANTS),$(eval $(B)/$(v)/tests/unit/test_ta_load: HOST_LDLIBS += -lmbedcrypto))
$(foreach v,$(XW_VARIANTS),$(eval $(B)/$(v)/tests/unit/test_ta_load: | $(B)/trixie/stamp))
# Applications hosted: system-call checks, quota, kill/restart bookkeeping (docs/apps.md).
XW_SK_APP_HOST := $(XW_SK_APP_SRCS) secure/arch/host/app.c secure/arch/host/time.c \
	secure/arch/host/nsmap.c $(XW_NSMEM_SRCS) lib/chan.c lib/chan_region.c
$(call xw_unit_test,test_app,tests/unit/test_app.c $(XW_SK_APP_HOST))
# The OP-TEE TA personality's system calls on the same hosted runtime (secure/ta/).
$(call xw_unit_test,test_ta_sys,tests/unit/test_ta_sys.c secure/ta/ta_sys.c secure/ta/ta_cryp.c \
	secure/ta/ta_crypto.c secure/ta/ta_pkcs1.c $(XW_SK_APP_HOST))
$(foreach v,$(XW_VARIANTS),$(eval $(B)/$(v)/tests/unit/test_ta_sys: HOST_LDLIBS += -lmbedcrypto))
