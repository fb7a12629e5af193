// SPDX-License-Identifier: BSD-2-Clause
/* The firmware's memcpy/memset against a byte-by-byte reference, every alignment. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* Compile the firmware's functions under other names, beside the host libc's. */
#define memcpy xw_fw_memcpy
#define memset xw_fw_memset
#include "../../fw/lib/string.c"
#undef memcpy
#undef memset

#define AREA 256

static void fill(uint8_t *b, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++) {
		b[i] = (uint8_t)(seed + i * 7);
	}
}

static void test_memcpy_alignments(void **state)
{
	uint8_t src[AREA], dst[AREA], ref[AREA];

	(void)state;
	for (size_t so = 0; so < 16; so++) {
		for (size_t doff = 0; doff < 16; doff++) {
			for (size_t n = 0; n <= 100; n++) {
				fill(src, AREA, (uint8_t)n);
				memset(dst, 0xaa, AREA);
				memset(ref, 0xaa, AREA);
				for (size_t i = 0; i < n; i++) {
					ref[doff + i] = src[so + i];
				}
				assert_ptr_equal(xw_fw_memcpy(dst + doff, src + so, n), dst + doff);
				/* Bytes around the copy are untouched too. */
				assert_memory_equal(dst, ref, AREA);
			}
		}
	}
}

static void test_memset_alignments(void **state)
{
	uint8_t dst[AREA], ref[AREA];

	(void)state;
	for (size_t off = 0; off < 16; off++) {
		for (size_t n = 0; n <= 100; n++) {
			memset(dst, 0x11, AREA);
			memset(ref, 0x11, AREA);
			memset(ref + off, 0xc3, n);
			assert_ptr_equal(xw_fw_memset(dst + off, 0x1c3, n), dst + off);
			assert_memory_equal(dst, ref, AREA);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_alignments),
		cmocka_unit_test(test_memset_alignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
