// SPDX-License-Identifier: BSD-2-Clause
/* Application start (docs/apps.md): the image header, then _start. */
#include "xw/app_abi.h"

	.section .text.header, "ax"
	.word	XW_APP_MAGIC
	.word	1
	.quad	_start
	.quad	__text_end
	.quad	__rodata_end
	.quad	__data_end
	.quad	__bss_end

	.section .text.entry, "ax"
	.global _start
_start:	/* x0 = start number, sp = stack top (the kernel set both) */
	mov	x29, xzr
	mov	x30, xzr
	bl	main
	mov	x8, #XW_SYS_EXIT
	svc	#0
1:	b	1b
