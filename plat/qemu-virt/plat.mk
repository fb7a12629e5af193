# SPDX-License-Identifier: BSD-2-Clause
# The board's files, read by the top Makefile before every fragment (PLAT=qemu-virt).
# A new board is a plat/<board>/ directory with this file, plat_memmap.h, the
# functions of include/xw/plat/plat.h and a module.mk for its images and tests.

# In both firmware images: CPU topology, the secure log UART.
XW_PLAT_FW_SRCS := $(XW_PLAT_DIR)/uart.c $(XW_PLAT_DIR)/topology.c
# In the monitor only: power-off and reset (PSCI SYSTEM_OFF / SYSTEM_RESET).
XW_PLAT_MON_SRCS := $(XW_PLAT_DIR)/power.c
# Portable board code the host unit tests link.
XW_PLAT_HOST_SRCS := $(XW_PLAT_DIR)/topology.c
# The board's table of reserved ranges and mappable RAM (plat_reserved_ranges(),
# plat_ns_ram_ranges()), linked wherever the NS gate is (secure/core/nsmem.c).
XW_PLAT_NSMEM_SRCS := $(XW_PLAT_DIR)/memmap.c
