# SPDX-License-Identifier: BSD-2-Clause
# bench-optee: libteec costs through the stock driver (QEMU), Crossworld's secure
# kernel against Debian's OP-TEE OS on the same monitor, one invocation, two boots.
XW_BENCHES += bench-optee
.PHONY: bench-optee
bench-optee: $(B)/qemu/initramfs.cpio $(B)/debian/Image $(B)/fw/xw-bios.bin $(B)/fw/xw-bios-optee.bin
	bench/optee/run.sh
$(call xw_help,bench-optee,QEMU: libteec open+close / invokes (none / value / 4 KiB temp / 1 MiB registered) / 1 MiB register+release against Crossworld and Debian's OP-TEE OS (anchor); us / loop iterations / secure entries; OP-TEE's log bytes)

# bench-optee-ta: a user TA (Debian's sims) at S-EL0 against the same TA on real
# OP-TEE, and against Crossworld's built-in test service (bench/optee/ta-run.sh).
XW_BENCHES += bench-optee-ta
.PHONY: bench-optee-ta
bench-optee-ta: $(B)/qemu/initramfs-xtest.cpio $(B)/debian/Image $(B)/fw/xw-bios.bin \
		$(B)/fw/xw-bios-optee.bin
	bench/optee/ta-run.sh
$(call xw_help,bench-optee-ta,QEMU: libteec open+close / invokes of a user TA (Debian's sims) on Crossworld vs the same TA on Debian's OP-TEE OS (anchor) and vs Crossworld's built-in service; us)
