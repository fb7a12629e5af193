// SPDX-License-Identifier: BSD-2-Clause
/* Hosted arch_nsmap_* and arch_ns_notify (see nsmap_host.h). */
#include "nsmap_host.h"

#include <sys/mman.h>
#include <unistd.h>

#include "../../core/chan_svc.h"
#include "../../core/nsmem.h"

unsigned long host_ns_notifies;

static int memfd = -1;
static uint8_t *win;
static uint64_t ram_pa;
static struct xw_mem_range host_ram = { .kind = XW_MEM_NS_RAM, .name = "memfd RAM" };

uint8_t *host_ns_init(uint64_t ram_base, size_t ram_size, size_t win_pages)
{
	struct xw_nsmem_cfg cfg = { .va_pages = win_pages };
	void *ram;

	if (memfd < 0) {
		memfd = memfd_create("xw-ns-ram", 0);
		if (memfd < 0 || ftruncate(memfd, (off_t)ram_size) != 0) {
			return NULL;
		}
		win = mmap(NULL, win_pages * XW_NS_PAGE_SIZE, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (win == MAP_FAILED) {
			return NULL;
		}
	}
	ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (ram == MAP_FAILED) {
		return NULL;
	}
	ram_pa = ram_base;
	/*
	 * The gate: RAM is the memfd; reserved is the reference board's table, so
	 * a test whose RAM covers a reserved range sees it refused as on QEMU.
	 */
	host_ram.base = ram_base;
	host_ram.size = ram_size;
	cfg.ram = &host_ram;
	cfg.nram = 1;
	cfg.rsv = plat_reserved_ranges(&cfg.nrsv);
	cfg.va_base = (uintptr_t)win;
	if (xw_nsmem_init(&cfg) != 0) {
		return NULL;
	}
	return ram;
}

void arch_nsmap_set(size_t idx, uint64_t pa)
{
	mmap(win + idx * XW_NS_PAGE_SIZE, XW_NS_PAGE_SIZE, PROT_READ | PROT_WRITE,
	     MAP_SHARED | MAP_FIXED, memfd, (off_t)(pa - ram_pa));
}

void arch_nsmap_clear(size_t idx)
{
	mmap(win + idx * XW_NS_PAGE_SIZE, XW_NS_PAGE_SIZE, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
}

void arch_nsmap_sync_map(void)
{
}

void arch_nsmap_sync_unmap(uintptr_t va, size_t n)
{
	(void)va, (void)n;
}

void arch_nsmap_sync_unmap_all(void)
{
}

void arch_ns_notify(void)
{
	host_ns_notifies++;
}
