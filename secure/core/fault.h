/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Decoding of a secure-kernel synchronous exception (portable, host-tested).
 * The arch layer hands over ESR and FAR as read and a table of the kernel's
 * memory regions (text, rodata, data, stack guard pages); the decoder says
 * what kind of fault it was and where, so that a stack overflow is reported
 * as a guard hit and a W^X violation as such, not as a bare ESR.
 */
#ifndef XW_SK_FAULT_H
#define XW_SK_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exception classes (ESR_ELx.EC, Arm ARM D17.2.37) the decoder knows. */
#define XW_EC_UNKNOWN      0x00
#define XW_EC_IABT_LOWER   0x20
#define XW_EC_IABT_SAME    0x21
#define XW_EC_PC_ALIGN     0x22
#define XW_EC_DABT_LOWER   0x24
#define XW_EC_DABT_SAME    0x25
#define XW_EC_SP_ALIGN     0x26

enum xw_fault_kind {
	XW_FAULT_OTHER,       /* some other exception class or fault status */
	XW_FAULT_UNDEF,       /* EC 0: undefined instruction */
	XW_FAULT_WRITE_RO,    /* data write, permission fault (text, rodata) */
	XW_FAULT_EXEC_NX,     /* instruction fetch, permission fault (data, rodata) */
	XW_FAULT_PERM,        /* data read, permission fault */
	XW_FAULT_STACK_GUARD, /* translation fault inside a stack guard page */
	XW_FAULT_UNMAPPED,    /* translation fault anywhere else */
	XW_FAULT_ALIGN,       /* alignment fault (data, PC or SP) */
};

/** A named range of the kernel's address space; @guard: a stack guard page. */
struct xw_fault_region {
	uint64_t start;
	uint64_t end; /* exclusive */
	const char *name;
	uint32_t idx;   /* which CPU or thread, for guards */
	uint32_t guard; /* non-zero: unmapped on purpose below a stack */
};

struct xw_fault {
	enum xw_fault_kind kind;
	uint32_t ec;
	uint32_t fsc;   /* fault status code (ISS[5:0]) for aborts */
	uint32_t level; /* translation level for translation/permission faults */
	bool write;     /* data abort caused by a write (WnR) */
	bool far_valid;
	const struct xw_fault_region *region; /* the region FAR is in, or NULL */
};

/**
 * xw_fault_decode() - classify a synchronous exception.
 * @esr, @far: as the exception left them; @r, @n: the region table.
 * Cannot fail: anything not recognised is XW_FAULT_OTHER.
 */
void xw_fault_decode(uint64_t esr, uint64_t far, const struct xw_fault_region *r,
		     size_t n, struct xw_fault *out);

/** xw_fault_kind_name() - a short phrase for logs ("stack guard hit", ...). */
const char *xw_fault_kind_name(enum xw_fault_kind k);

#endif
